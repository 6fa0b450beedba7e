#include "core/config/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

extern char** environ;

namespace kiorex::config {

namespace {

struct Binding {
  VariableDoc doc;
  std::function<void(Config&, const std::string&)> apply;
};

int parse_int(const std::string& name, const std::string& v, int min, int max) {
  try {
    size_t used = 0;
    long n = std::stol(v, &used);
    if (used != v.size() || n < min || n > max) throw std::out_of_range("range");
    return static_cast<int>(n);
  } catch (...) {
    throw ConfigError(name + " must be a whole number between " + std::to_string(min) + " and " + std::to_string(max) +
                      " (got \"" + v + "\")");
  }
}

bool parse_bool(const std::string& name, const std::string& v) {
  if (v == "1" || v == "true" || v == "yes") return true;
  if (v == "0" || v == "false" || v == "no" || v.empty()) return false;
  throw ConfigError(name + " must be true or false (got \"" + v + "\")");
}

std::vector<std::string> split_csv(const std::string& v) {
  std::vector<std::string> out;
  std::stringstream ss(v);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

#define STR(field) [](Config& c, const std::string& v) { c.field = v; }
#define INT(field, lo, hi, name) [](Config& c, const std::string& v) { c.field = parse_int(name, v, lo, hi); }

const std::vector<Binding>& bindings() {
  static const std::vector<Binding> all = {
      {{"KIOREX_DATA_DIR", "./data", "Directory for the SQLite database, keys, files and the dev outbox"}, STR(data_dir)},
      {{"KIOREX_DATABASE_URL", "sqlite://<data dir>/kiorex.db", "sqlite:///path.db or postgresql://user@host:port/db"},
       STR(database_url)},
      {{"KIOREX_DATABASE_REPLICA_URL", "(none)", "PostgreSQL read replica for reads that allow it"}, STR(database_replica_url)},
      {{"KIOREX_DATABASE_POOL_SIZE", "8", "Database connections (SQLite: reader connections)"},
       INT(database_pool_size, 1, 256, "KIOREX_DATABASE_POOL_SIZE")},
      {{"KIOREX_BIND", "0.0.0.0", "Address to listen on"}, STR(bind_address)},
      {{"KIOREX_PORT", "8080", "Port to listen on (0 = any free port, printed at start)"},
       [](Config& c, const std::string& v) { c.port = static_cast<uint16_t>(parse_int("KIOREX_PORT", v, 0, 65535)); }},
      {{"KIOREX_IO_THREADS", "number of cores", "Threads reading and writing sockets"}, INT(io_threads, 1, 64, "KIOREX_IO_THREADS")},
      {{"KIOREX_WORKER_THREADS", "8", "Threads running handlers (database, Argon2id)"},
       INT(worker_threads, 1, 256, "KIOREX_WORKER_THREADS")},
      {{"KIOREX_TLS_CERT", "(none)", "PEM certificate chain; with KIOREX_TLS_KEY serves HTTPS (TLS 1.3 only)"}, STR(tls_cert)},
      {{"KIOREX_TLS_KEY", "(none)", "PEM private key for KIOREX_TLS_CERT"}, STR(tls_key)},
      {{"KIOREX_WEB_DIR", "web/dist beside the source tree", "The built web app served at /"}, STR(web_dir)},
      {{"KIOREX_PUBLIC_URL", "http://localhost:8080", "Public base URL (links in messages, QR codes)"}, STR(public_url)},
      {{"KIOREX_CORS_ORIGINS", "(none)", "Comma-separated origins allowed to call the API from a browser"},
       [](Config& c, const std::string& v) { c.cors_origins = split_csv(v); }},
      {{"KIOREX_LOG_LEVEL", "info", "debug, info, warn or error"},
       [](Config& c, const std::string& v) {
         if (v != "debug" && v != "info" && v != "warn" && v != "error")
           throw ConfigError("KIOREX_LOG_LEVEL must be debug, info, warn or error (got \"" + v + "\")");
         c.log_level = v;
       }},
      {{"KIOREX_LOG_FILE", "(stderr)", "Write JSON log lines to this file instead of stderr"}, STR(log_file)},
      {{"KIOREX_ACCESS_TOKEN_TTL", "900", "Access token lifetime in seconds"},
       INT(access_token_ttl_seconds, 30, 86400, "KIOREX_ACCESS_TOKEN_TTL")},
      {{"KIOREX_SESSION_TTL_HOURS", "24", "A sign-in session ends this long after sign-in"},
       INT(session_ttl_hours, 1, 24 * 30, "KIOREX_SESSION_TTL_HOURS")},
      {{"KIOREX_REMEMBER_DEVICE_DAYS", "30", "Session length when the user chose to remember the device"},
       INT(remembered_session_ttl_days, 1, 365, "KIOREX_REMEMBER_DEVICE_DAYS")},
      {{"KIOREX_TOKEN_ISSUER", "kiorex", "iss claim of access tokens"}, STR(token_issuer)},
      {{"KIOREX_RATE_USER_PER_MIN", "100", "Requests per minute per signed-in user"},
       INT(rate_user_per_minute, 1, 100000000, "KIOREX_RATE_USER_PER_MIN")},
      {{"KIOREX_RATE_IP_PER_MIN", "1000", "Requests per minute per client address"},
       INT(rate_ip_per_minute, 1, 100000000, "KIOREX_RATE_IP_PER_MIN")},
      {{"KIOREX_RATE_LOGIN_PER_15MIN", "10", "Sign-in, OTP and password-reset attempts per account from one address (per account from all addresses: 10x per hour)"},
       INT(rate_login_per_15min, 1, 100000000, "KIOREX_RATE_LOGIN_PER_15MIN")},
      {{"KIOREX_RATE_REFRESH_SESSION", "60", "Access-token refreshes of one sign-in session in 15 minutes"},
       INT(rate_refresh_per_session_15min, 1, 100000000, "KIOREX_RATE_REFRESH_SESSION")},
      {{"KIOREX_RATE_REFRESH_IP", "3000", "Access-token refreshes from one address in 15 minutes, all sessions together (a clinic behind one address)"},
       INT(rate_refresh_per_ip_15min, 1, 100000000, "KIOREX_RATE_REFRESH_IP")},
      {{"KIOREX_ARGON2", "interactive", "Argon2id cost: interactive (libsodium INTERACTIVE), moderate, test (minimum; tests only)"},
       [](Config& c, const std::string& v) {
         if (v != "interactive" && v != "moderate" && v != "test")
           throw ConfigError("KIOREX_ARGON2 must be interactive, moderate or test (got \"" + v + "\")");
         c.argon2_profile = v;
       }},
      {{"KIOREX_MASTER_KEY", "<data dir>/keys/master/ (versioned, rotatable)", "Base64 of a fixed 32-byte master key (then rotation needs a KMS); by default the versioned key files"}, STR(master_key)},
      {{"KIOREX_AUDIT_KEY_DIR", "<data dir>/keys/audit", "Directory of the audit chain key (HMAC) and the audit checkpoint signing key (Ed25519); back it up apart from the database"}, STR(audit_key_dir)},
      {{"KIOREX_AUDIT_CHECKPOINT_SECS", "3600", "How often the server verifies the audit log and logs a signed checkpoint (audit.checkpoint; 0 = never)"},
       INT(audit_checkpoint_seconds, 0, 604800, "KIOREX_AUDIT_CHECKPOINT_SECS")},
      {{"KIOREX_SENDER", "dev", "dev: store email/SMS in the dev outbox; real: send by SMTP and Twilio"},
       [](Config& c, const std::string& v) {
         if (v != "dev" && v != "real") throw ConfigError("KIOREX_SENDER must be dev or real (got \"" + v + "\")");
         c.sender = v;
       }},
      {{"KIOREX_SMTP_URL", "(none)", "smtp://host:port or smtps://host:port"}, STR(smtp_url)},
      {{"KIOREX_SMTP_USER", "(none)", "SMTP user name"}, STR(smtp_user)},
      {{"KIOREX_SMTP_PASSWORD", "(none)", "SMTP password"}, STR(smtp_password)},
      {{"KIOREX_SMTP_FROM", "Kiorex <no-reply@kiorex.test>", "Sender address of emails"}, STR(smtp_from)},
      {{"KIOREX_TWILIO_BASE_URL", "https://api.twilio.com", "Twilio REST base URL"}, STR(twilio_base_url)},
      {{"KIOREX_TWILIO_ACCOUNT_SID", "(none)", "Twilio account SID"}, STR(twilio_account_sid)},
      {{"KIOREX_TWILIO_AUTH_TOKEN", "(none)", "Twilio auth token"}, STR(twilio_auth_token)},
      {{"KIOREX_TWILIO_FROM", "(none)", "Twilio sending number"}, STR(twilio_from)},
      {{"KIOREX_GOOGLE_ISSUER", "https://accounts.google.com", "Google OpenID issuer"}, STR(google_issuer)},
      {{"KIOREX_GOOGLE_JWKS_URL", "https://www.googleapis.com/oauth2/v3/certs", "Google signing keys"}, STR(google_jwks_url)},
      {{"KIOREX_GOOGLE_CLIENT_IDS", "(none: Google sign-in off)", "Accepted audiences, comma separated"}, STR(google_client_ids)},
      {{"KIOREX_APPLE_ISSUER", "https://appleid.apple.com", "Apple OpenID issuer"}, STR(apple_issuer)},
      {{"KIOREX_APPLE_JWKS_URL", "https://appleid.apple.com/auth/keys", "Apple signing keys"}, STR(apple_jwks_url)},
      {{"KIOREX_APPLE_CLIENT_IDS", "(none: Apple sign-in off)", "Accepted audiences, comma separated"}, STR(apple_client_ids)},
      {{"KIOREX_FACEBOOK_GRAPH_URL", "https://graph.facebook.com", "Facebook Graph API base URL"}, STR(facebook_graph_url)},
      {{"KIOREX_FACEBOOK_APP_ID", "(none: Facebook sign-in off)", "Facebook app id"}, STR(facebook_app_id)},
      {{"KIOREX_FACEBOOK_APP_SECRET", "(none)", "Facebook app secret"}, STR(facebook_app_secret)},
      {{"KIOREX_OUTBOX_POLL_MS", "200", "How often the event dispatcher looks for new events"},
       INT(outbox_poll_ms, 10, 60000, "KIOREX_OUTBOX_POLL_MS")},
      {{"KIOREX_OUTBOX_MAX_ATTEMPTS", "8", "Delivery attempts before an event goes to the dead-letter table"},
       INT(outbox_max_attempts, 1, 100, "KIOREX_OUTBOX_MAX_ATTEMPTS")},
      {{"KIOREX_CANCEL_WINDOW_MINUTES", "120", "A patient may cancel or reschedule a booking until this many minutes before it starts"},
       INT(cancel_window_minutes, 0, 10080, "KIOREX_CANCEL_WINDOW_MINUTES")},
      {{"KIOREX_STUN_URLS", "(none)", "STUN servers for video calls, comma separated (stun:host:port)"}, STR(stun_urls)},
      {{"KIOREX_TURN_URLS", "(none)", "TURN servers for video calls, comma separated (turn:host:port?transport=udp)"}, STR(turn_urls)},
      {{"KIOREX_TURN_SECRET", "(none)", "Shared secret of the TURN servers (coturn use-auth-secret)"}, STR(turn_secret)},
      {{"KIOREX_TURN_TTL_SECONDS", "3600", "How long TURN credentials handed to a participant stay valid"},
       INT(turn_ttl_seconds, 60, 86400, "KIOREX_TURN_TTL_SECONDS")},
      {{"KIOREX_METRICS_TOKEN", "(none: /metrics refused)",
        "Bearer token a Prometheus scraper sends to read /metrics (16+ characters; make run sets a demo one)"},
       [](Config& c, const std::string& v) {
         if (!v.empty() && v.size() < 16) throw ConfigError("KIOREX_METRICS_TOKEN must be at least 16 characters");
         c.metrics_token = v;
       }},
      {{"KIOREX_DEMO", "false", "Show demo hints in the web app (set by make run)"},
       [](Config& c, const std::string& v) { c.demo = parse_bool("KIOREX_DEMO", v); }},
  };
  return all;
}
#undef STR
#undef INT

std::map<std::string, std::string> read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError("cannot read KIOREX_CONFIG_FILE " + path);
  std::map<std::string, std::string> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    n++;
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) throw ConfigError(path + ":" + std::to_string(n) + ": expected KEY=value");
    out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

}  // namespace

std::string Config::effective_database_url() const {
  if (!database_url.empty()) return database_url;
  return "sqlite://" + data_dir + "/kiorex.db";
}

std::string Config::effective_audit_key_dir() const {
  if (!audit_key_dir.empty()) return audit_key_dir;
  return data_dir + "/keys/audit";
}

const std::vector<VariableDoc>& variable_docs() {
  static const std::vector<VariableDoc> docs = [] {
    std::vector<VariableDoc> d;
    d.push_back({"KIOREX_CONFIG_FILE", "(none)", "File of KEY=value lines read before the environment"});
    for (const auto& b : bindings()) d.push_back(b.doc);
    return d;
  }();
  return docs;
}

Config load(const std::map<std::string, std::string>& env_in) {
  std::map<std::string, std::string> env;
  if (auto it = env_in.find("KIOREX_CONFIG_FILE"); it != env_in.end() && !it->second.empty()) env = read_file(it->second);
  for (const auto& [k, v] : env_in) env[k] = v;
  Config c;
  c.io_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  for (const auto& [k, v] : env) {
    // Variables of the build and test tools share the prefix; they are not settings of the server.
    static const std::vector<std::string> tool_vars = {"KIOREX_CONFIG_FILE", "KIOREX_SOURCE_DIR", "KIOREX_BIN",
                                                       "KIOREX_BASE_URL", "KIOREX_CHROMIUM", "KIOREX_API",
                                                       "KIOREX_KEEP_TEST_DATA"};
    if (!k.starts_with("KIOREX_") || k.starts_with("KIOREX_TEST_") ||
        std::find(tool_vars.begin(), tool_vars.end(), k) != tool_vars.end())
      continue;
    bool known = false;
    for (const auto& b : bindings())
      if (b.doc.name == k) {
        b.apply(c, v);
        known = true;
      }
    if (!known) throw ConfigError("unknown setting " + k + " (see the configuration table in README.md)");
  }
  if (c.tls_cert.empty() != c.tls_key.empty()) throw ConfigError("KIOREX_TLS_CERT and KIOREX_TLS_KEY must be set together");
  return c;
}

Config load_from_process_env() {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; e++) {
    std::string s(*e);
    size_t eq = s.find('=');
    if (eq != std::string::npos && s.starts_with("KIOREX_")) env[s.substr(0, eq)] = s.substr(eq + 1);
  }
  return load(env);
}

}  // namespace kiorex::config
