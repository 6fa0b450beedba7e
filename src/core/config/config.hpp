#pragma once
// All configuration comes from KIOREX_* environment variables, optionally preloaded from a file
// of KEY=value lines (KIOREX_CONFIG_FILE); the environment wins. Bad values stop the start with
// a message naming the variable.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiorex::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Config {
  std::string data_dir = "./data";
  std::string database_url;  // default: sqlite://<data_dir>/kiorex.db
  std::string database_replica_url;
  int database_pool_size = 8;
  std::string bind_address = "0.0.0.0";
  uint16_t port = 8080;
  int io_threads = 2;
  int worker_threads = 8;
  std::string tls_cert, tls_key;
  std::string web_dir;  // built web app; default <exe dir>/../web/dist or ./web/dist
  std::string public_url = "http://localhost:8080";
  std::vector<std::string> cors_origins;
  std::string log_level = "info";
  std::string log_file;  // empty = stderr

  int access_token_ttl_seconds = 900;
  int session_ttl_hours = 24;            // mission 5.1: sessions end 24 h after sign-in
  int remembered_session_ttl_days = 30;  // "remember this device"
  std::string token_issuer = "kiorex";
  std::string token_audience = "kiorex-api";

  int rate_user_per_minute = 100;
  int rate_ip_per_minute = 1000;
  int rate_login_per_15min = 10;  // per account and per IP, also OTP and password reset
  int rate_refresh_per_session_15min = 60;  // token refreshes of one sign-in session
  int rate_refresh_per_ip_15min = 3000;     // token refreshes from one address, all sessions together

  std::string argon2_profile = "interactive";  // "interactive" | "moderate" | "test"
  std::string master_key;                      // base64 32 bytes; else <data_dir>/keys/master.key
  std::string audit_key_dir;                   // the audit chain and checkpoint keys; default <data_dir>/keys/audit
  int audit_checkpoint_seconds = 3600;         // the server logs a signed audit checkpoint this often (0 = never)

  std::string sender = "dev";  // "dev" (stored outbox) or "real" (SMTP + Twilio)
  std::string smtp_url, smtp_user, smtp_password, smtp_from = "Kiorex <no-reply@kiorex.test>";
  std::string twilio_base_url = "https://api.twilio.com", twilio_account_sid, twilio_auth_token, twilio_from;

  std::string google_issuer = "https://accounts.google.com";
  std::string google_jwks_url = "https://www.googleapis.com/oauth2/v3/certs";
  std::string google_client_ids;  // comma separated audiences
  std::string apple_issuer = "https://appleid.apple.com";
  std::string apple_jwks_url = "https://appleid.apple.com/auth/keys";
  std::string apple_client_ids;
  std::string facebook_graph_url = "https://graph.facebook.com";
  std::string facebook_app_id, facebook_app_secret;

  int outbox_poll_ms = 200;
  int outbox_max_attempts = 8;
  bool demo = false;  // set by demo-data: the web app may show demo hints
  std::string metrics_token;  // /metrics needs "Authorization: Bearer <this>"; empty = /metrics refused

  // Consultations: how long before the start a patient may still cancel or reschedule, and the ICE
  // servers handed to video participants (TURN credentials by coturn's REST scheme from the secret).
  int cancel_window_minutes = 120;
  std::string stun_urls;  // comma separated
  std::string turn_urls;  // comma separated
  std::string turn_secret;
  int turn_ttl_seconds = 3600;

  std::string effective_database_url() const;
  std::string effective_audit_key_dir() const;
};

// Every variable with its default and meaning, for README and `kiorex config`.
struct VariableDoc {
  std::string name, default_value, meaning;
};
const std::vector<VariableDoc>& variable_docs();

Config load(const std::map<std::string, std::string>& env);
Config load_from_process_env();

}  // namespace kiorex::config
