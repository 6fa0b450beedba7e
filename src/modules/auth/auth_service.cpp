#include "modules/auth/auth_service.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "core/audit/audit_log.hpp"
#include "core/config/config.hpp"
#include "core/http/problem.hpp"
#include "core/log/log.hpp"
#include "core/notify/message_queue.hpp"
#include "core/security/crypto.hpp"
#include "core/security/master_key.hpp"
#include "core/security/oidc.hpp"
#include "core/security/password.hpp"
#include "core/security/permissions.hpp"
#include "core/security/rate_limiter.hpp"
#include "core/security/totp.hpp"
#include "core/util/ids.hpp"
#include "modules/auth/identifiers.hpp"

namespace kiorex::auth {

using http::ApiError;

namespace {
const char* kBadCredentials = "The email/phone or password is not correct.";

int64_t now_s() { return db::now_ms() / 1000; }

std::vector<std::string> split_csv(const std::string& v) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= v.size()) {
    size_t j = v.find(',', i);
    if (j == std::string::npos) j = v.size();
    if (j > i) out.push_back(v.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// Answers that must not reveal whether an account exists take at least this long, whichever
// branch ran (the work differs: a code is generated and queued only for real accounts).
class MinimumDuration {
 public:
  explicit MinimumDuration(std::chrono::milliseconds d) : until_(std::chrono::steady_clock::now() + d) {}
  ~MinimumDuration() { std::this_thread::sleep_until(until_); }

 private:
  std::chrono::steady_clock::time_point until_;
};

std::string mfa_context(const std::string& user_id) { return "users.mfa_secret:" + user_id; }

// The RFC 8176 amr value of a first factor, from the method name used in audit records.
std::string amr_of(const std::string& method) {
  if (method.starts_with("otp_")) return "otp";
  if (method.starts_with("social_")) return "fed";
  return "pwd";
}

ApiError challenge_invalid() { return ApiError(401, "mfa-token-invalid", "Sign-in expired", "Start signing in again."); }
}  // namespace

AuthService::AuthService(Context& ctx, const security::SecretBox& box)
    : ctx_(ctx), box_(box), users_(ctx.db), sessions_(ctx.db), otps_(ctx.db),
      limits_(ctx.limiter, ctx.config.rate_login_per_15min),
      refresh_limits_(ctx.limiter, ctx.config.rate_refresh_per_session_15min, ctx.config.rate_refresh_per_ip_15min) {
  const auto& c = ctx.config;
  tokens_ = std::make_unique<TokenService>(ctx.keys, sessions_, c.token_issuer, c.token_audience, c.access_token_ttl_seconds);
  if (!c.google_client_ids.empty())
    google_ = std::make_unique<security::OidcVerifier>(
        security::OidcProviderConfig{c.google_issuer, c.google_jwks_url, split_csv(c.google_client_ids)}, "google");
  if (!c.apple_client_ids.empty())
    apple_ = std::make_unique<security::OidcVerifier>(
        security::OidcProviderConfig{c.apple_issuer, c.apple_jwks_url, split_csv(c.apple_client_ids)}, "apple");
  if (!c.facebook_app_id.empty())
    facebook_ = std::make_unique<security::FacebookVerifier>(
        security::FacebookConfig{c.facebook_graph_url, c.facebook_app_id, c.facebook_app_secret});
}

AuthService::~AuthService() = default;

void AuthService::audit(const std::string& action, const std::string& user_id, const std::string& role,
                        const std::string& outcome, const ClientInfo& client, const std::string& detail) {
  audit::AuditRecord r;
  r.actor_id = user_id;
  r.actor_role = role;
  r.action = action;
  r.subject_id = user_id;
  r.resource = "account";
  r.request_id = client.request_id;
  r.ip = client.ip;
  r.outcome = outcome;
  if (!detail.empty()) r.details["detail"] = detail;
  ctx_.audit.append(ctx_.db, r);
}

std::string AuthService::normalize_identifier(const std::string& raw) const {
  auto n = looks_like_email(raw) ? normalize_email(raw) : normalize_phone(raw);
  if (!n) throw ApiError::validation({{"identifier", "must be an email address or a phone number in +<country><number> form"}});
  return *n;
}

void AuthService::send_notice(const std::string& identifier, std::string subject, std::string text) {
  notify::OutgoingMessage m;
  m.channel = looks_like_email(identifier) ? "email" : "sms";
  m.to = identifier;
  m.subject = std::move(subject);
  m.text = std::move(text);
  ctx_.db.transaction([&](db::Session& tx) { notify::queue_message(tx, box_, m); });
}

void AuthService::notify_blocked_attempts(const std::string& identifier) {
  // Once per window, not per attempt: an attack of thousands of guesses sends the owner one message.
  if (!ctx_.limiter.hit("blocked-notice:" + identifier, 1, SignInLimits::kAddressWindowSeconds).allowed) return;
  try {
    auto u = users_.by_identifier(identifier);
    if (!u || u->status != "active") return;
    send_notice(identifier, "Kiorex blocked sign-in attempts to your account",
                "Hello " + u->name +
                    ",\n\nWe blocked attempts to sign in to your Kiorex account after too many wrong passwords or "
                    "codes. Your account stays open to you: sign in from your usual device, or with a one-time code "
                    "sent to you. If the attempts were not yours, nobody got in; a new password makes sure of it."
                    "\n\nKiorex");
  } catch (const std::exception& e) {
    log::warn("auth.blocked_notice_failed", {{"error", e.what()}});  // the 429 stands either way
  }
}

void AuthService::send_code(const User& u, const std::string& identifier, const std::string& purpose) {
  std::string code = otps_.issue(u.id, identifier, purpose);
  notify::OutgoingMessage m;
  m.channel = looks_like_email(identifier) ? "email" : "sms";
  m.to = identifier;
  m.secret = code;
  std::string what = purpose == "reset_password" ? "reset your password"
                     : purpose == "login"        ? "sign in"
                                                 : "verify your contact details";
  m.subject = "Your Kiorex code: " + code;
  m.text = "Hello " + u.name + ",\n\nUse the code " + code + " to " + what +
           ". It expires in 10 minutes and works once.\nIf this was not you, ignore this message.\n\nKiorex";
  ctx_.db.transaction([&](db::Session& tx) { notify::queue_message(tx, box_, m); });
}

void AuthService::register_account(const RegisterInput& in, const ClientInfo& client, std::vector<http::FieldError> errors) {
  auto has_error = [&](const char* f) {
    return std::any_of(errors.begin(), errors.end(), [&](const http::FieldError& e) { return e.field == f; });
  };
  std::optional<std::string> email, phone;
  if (!in.email.empty() && !(email = normalize_email(in.email))) errors.push_back({"email", "is not a valid email address"});
  if (!in.phone.empty() && !(phone = normalize_phone(in.phone)))
    errors.push_back({"phone", "must be in international form, e.g. +919876543210"});
  if (in.email.empty() && in.phone.empty() && !has_error("email") && !has_error("phone"))
    errors.push_back({"email", "an email address or a phone number is required"});
  const auto& providers = security::provider_roles();
  if (!has_error("role") && in.role != "patient" && std::find(providers.begin(), providers.end(), in.role) == providers.end())
    errors.push_back({"role", "must be patient, doctor, nurse, lab, pharmacy or hospital"});
  if (!has_error("password"))
    if (auto why = security::password_policy_violation(in.password, {email.value_or(""), in.name, phone.value_or("")}))
      errors.push_back({"password", *why});
  if (!errors.empty()) throw ApiError::validation(errors);

  std::string identifier = email ? *email : *phone;
  limits_.admit("register", identifier, client.ip);
  limits_.count_against_account("register", identifier);
  std::optional<User> existing = email ? users_.by_identifier(*email) : std::nullopt;
  if (!existing && phone) existing = users_.by_identifier(*phone);
  if (existing) {
    // Same answer and the same work as a new account; the owner is told someone tried.
    ctx_.passwords.burn_time(in.password);
    send_notice(identifier, "Someone tried to create a Kiorex account with your details",
                "Hello " + existing->name +
                    ",\n\nSomeone tried to sign up with your details. You already have an account: sign in, or "
                    "reset your password if you forgot it.\n\nKiorex");
    audit("auth.register", existing->id, existing->role, "duplicate", client);
    return;
  }
  User u;
  u.id = util::new_id("usr");
  u.email = email.value_or("");
  u.phone = phone.value_or("");
  u.name = in.name;
  u.role = in.role;
  u.status = "active";
  u.password_hash = ctx_.passwords.hash(in.password);
  if (in.role != "patient") u.provider_verification = "pending";
  u.created_at = db::now_ms();
  try {
    ctx_.db.transaction([&](db::Session& tx) { users_.insert(tx, u); });
  } catch (const db::UniqueViolation&) {
    return;  // a concurrent registration with the same details won; same answer as above
  }
  send_code(u, identifier, "verify_contact");
  audit("auth.register", u.id, u.role, "success", client);
}

SignInResult AuthService::start_session(const User& u, bool remember, const ClientInfo& client, const std::string& method,
                                        const std::string& amr) {
  const auto& c = ctx_.config;
  int64_t ttl_ms = remember ? int64_t(c.remembered_session_ttl_days) * 86400000 : int64_t(c.session_ttl_hours) * 3600000;
  auto [session, refresh] = sessions_.create(u.id, ttl_ms, remember, client.ip, client.user_agent, amr);
  SignInResult r;
  r.kind = SignInResult::Kind::tokens;
  r.user = u;
  r.session = session;
  r.refresh_token = refresh;
  r.access = tokens_->issue_access(u.id, u.role, session.id, "full", amr);
  users_.touch_login(u.id);
  audit("auth.login", u.id, u.role, "success", client, method);
  return r;
}

SignInResult AuthService::after_first_factor(const User& u, bool remember, const ClientInfo& client,
                                             const std::string& method) {
  if (u.status != "active") throw ApiError(403, "account-closed", "Account not active", "This account is not active.");
  if (u.mfa_enabled) {
    SignInResult r;
    r.kind = SignInResult::Kind::mfa_required;
    r.user = u;
    r.mfa_client_secret = security::random_token(24);
    r.mfa_token = tokens_->issue_mfa_challenge(u.id, remember, amr_of(method), security::sha256_hex(r.mfa_client_secret));
    return r;
  }
  if (u.role == "admin") {
    // Mission 5.1: MFA is mandatory for administrators. Until enrolled, their token only reaches MFA setup.
    const auto& c = ctx_.config;
    auto [session, refresh] = sessions_.create(u.id, int64_t(c.session_ttl_hours) * 3600000, false, client.ip,
                                               client.user_agent, amr_of(method));
    SignInResult r;
    r.kind = SignInResult::Kind::mfa_setup_required;
    r.user = u;
    r.session = session;
    r.access = tokens_->issue_access(u.id, u.role, session.id, "mfa_setup", amr_of(method));
    audit("auth.login", u.id, u.role, "mfa_setup_required", client, method);
    return r;
  }
  return start_session(u, remember, client, method, amr_of(method));
}

SignInResult AuthService::login(const std::string& identifier_raw, const std::string& password, bool remember,
                                const ClientInfo& client) {
  std::string identifier = normalize_identifier(identifier_raw);
  try {
    limits_.admit("login", identifier, client.ip);
  } catch (const ApiError&) {
    notify_blocked_attempts(identifier);
    throw;
  }
  auto u = users_.by_identifier(identifier);
  if (!u || u->password_hash.empty()) {
    ctx_.passwords.burn_time(password);
    limits_.count_against_account("login", identifier);
    audit("auth.login", u ? u->id : "", u ? u->role : "", "failure", client, "unknown account or no password");
    throw ApiError(401, "invalid-credentials", "Sign-in failed", kBadCredentials);
  }
  if (!ctx_.passwords.verify(u->password_hash, password)) {
    limits_.count_against_account("login", identifier);
    audit("auth.login", u->id, u->role, "failure", client, "wrong password");
    throw ApiError(401, "invalid-credentials", "Sign-in failed", kBadCredentials);
  }
  if (!u->email_verified && !u->phone_verified)
    throw ApiError(403, "unverified", "Contact not verified",
                   "Verify your email or phone with the code we sent before signing in.");
  if (ctx_.passwords.needs_rehash(u->password_hash)) {
    std::string h = ctx_.passwords.hash(password);
    ctx_.db.transaction([&](db::Session& tx) { users_.set_password(tx, u->id, h); });
  }
  limits_.forget_address("login", identifier, client.ip);
  return after_first_factor(*u, remember, client, "password");
}

bool AuthService::check_second_factor(db::Session& tx, const User& u, const std::string& code_raw) {
  std::string code;
  for (char ch : code_raw)
    if (ch != ' ') code.push_back(ch);
  if (code.size() == 6 && std::all_of(code.begin(), code.end(), ::isdigit)) {
    auto secret = box_.open(u.mfa_secret, mfa_context(u.id));
    if (!secret) return false;
    auto step = security::totp_verify(*secret, code, now_s(), 1, u.mfa_last_step);
    if (!step) return false;
    return users_.advance_mfa_step(tx, u.id, *step);
  }
  std::string normalized = security::normalize_recovery_code(code);
  if (normalized.empty()) return false;
  auto rs = tx.exec("UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
                    {u.id, security::sha256_hex(normalized), db::now_ms()});
  return rs.affected == 1;
}

SignInResult AuthService::login_mfa(const std::string& mfa_token, const std::string& code, const std::string& client_secret,
                                    const ClientInfo& client) {
  auto challenge = tokens_->verify_mfa_challenge(mfa_token);
  if (!challenge) throw challenge_invalid();
  limits_.admit("mfa", challenge->user_id, client.ip);
  // Bound to the client that received it: it must present the secret whose hash the challenge carries.
  if (client_secret.empty() ||
      !security::constant_time_equal(security::sha256_hex(client_secret), challenge->client_binding_hash)) {
    audit("auth.mfa", challenge->user_id, "", "denied", client, "challenge presented without its client secret");
    throw challenge_invalid();
  }
  auto u = users_.by_id(challenge->user_id);
  if (!u || !u->mfa_enabled) throw challenge_invalid();
  enum class Outcome { accepted, wrong_code, already_used } outcome = Outcome::wrong_code;
  try {
    // One transaction: the code is used and the challenge recorded as used together, or neither. Of two
    // racing requests with one challenge, the second insert of its jti fails, taking its code back.
    ctx_.db.transaction([&](db::Session& tx) {
      if (!tx.exec("SELECT 1 FROM mfa_challenges_used WHERE jti = $1", {challenge->jti}).empty()) {
        outcome = Outcome::already_used;
        return;
      }
      if (!check_second_factor(tx, *u, code)) return;
      int64_t now = db::now_ms();
      tx.exec("DELETE FROM mfa_challenges_used WHERE expires_at < $1", {now});
      tx.exec("INSERT INTO mfa_challenges_used (jti, expires_at) VALUES ($1, $2)", {challenge->jti, challenge->expires_at_ms});
      outcome = Outcome::accepted;
    });
  } catch (const db::UniqueViolation&) {
    outcome = Outcome::already_used;
  }
  if (outcome == Outcome::already_used) {
    audit("auth.mfa", u->id, u->role, "denied", client, "challenge already used");
    throw challenge_invalid();
  }
  if (outcome == Outcome::wrong_code) {
    limits_.count_against_account("mfa", u->id);
    audit("auth.mfa", u->id, u->role, "failure", client);
    throw ApiError(401, "invalid-mfa-code", "Code not accepted", "The authenticator or recovery code is not correct.");
  }
  limits_.forget_address("mfa", u->id, client.ip);
  return start_session(*u, challenge->remember, client, challenge->first_factor + "+mfa", challenge->first_factor + ",mfa");
}

void AuthService::request_otp(const std::string& identifier_raw, const std::string& purpose, const ClientInfo& client) {
  MinimumDuration floor(std::chrono::milliseconds(60));
  std::string identifier = normalize_identifier(identifier_raw);
  limits_.admit("otp", identifier, client.ip);
  limits_.count_against_account("otp", identifier);
  auto u = users_.by_identifier(identifier);
  if (!u || u->status != "active") return;
  if (purpose == "verify_contact" && (looks_like_email(identifier) ? u->email_verified : u->phone_verified)) return;
  send_code(*u, identifier, purpose);
}

SignInResult AuthService::verify_otp(const std::string& identifier_raw, const std::string& code, const std::string& purpose,
                                     bool remember, const ClientInfo& client) {
  std::string identifier = normalize_identifier(identifier_raw);
  limits_.admit("otp-verify", identifier, client.ip);
  std::string user_id;
  auto check = otps_.check(identifier, purpose, code, user_id);
  if (check != OtpCheck::ok) {
    limits_.count_against_account("otp-verify", identifier);
    audit("auth.otp", "", "", "failure", client, purpose);
    if (check == OtpCheck::too_many_attempts)
      throw ApiError(401, "otp-locked", "Code locked", "Too many wrong codes; request a new one.");
    throw ApiError(401, "invalid-otp", "Code not accepted", "The code is wrong or has expired.");
  }
  limits_.forget_address("otp-verify", identifier, client.ip);
  if (purpose == "verify_contact")
    ctx_.db.transaction([&](db::Session& tx) { users_.mark_verified(tx, user_id, looks_like_email(identifier)); });
  auto u = users_.by_id(user_id);
  if (!u) throw ApiError(401, "invalid-otp", "Code not accepted", "The code is wrong or has expired.");
  return after_first_factor(*u, remember, client, "otp_" + purpose);
}

void AuthService::forgot_password(const std::string& identifier_raw, const ClientInfo& client) {
  MinimumDuration floor(std::chrono::milliseconds(60));
  std::string identifier = normalize_identifier(identifier_raw);
  limits_.admit("reset", identifier, client.ip);
  limits_.count_against_account("reset", identifier);
  auto u = users_.by_identifier(identifier);
  if (!u || u->status != "active") return;
  send_code(*u, identifier, "reset_password");
  audit("auth.password_reset_requested", u->id, u->role, "success", client);
}

void AuthService::reset_password(const std::string& identifier_raw, const std::string& code,
                                 const std::string& new_password, const ClientInfo& client) {
  std::string identifier = normalize_identifier(identifier_raw);
  limits_.admit("reset-verify", identifier, client.ip);
  // Rules that need no account are checked for everyone (the answer must not depend on whether the
  // account exists); rules that use the account's name/email only once the code proved ownership,
  // and before the code is consumed, so a weak choice does not burn it.
  if (auto why = security::password_policy_violation(new_password, {}))
    throw ApiError::validation({{"new_password", *why}});
  std::string user_id;
  auto check = otps_.check(identifier, "reset_password", code, user_id, [&](db::Session& tx, const std::string& uid) {
    auto owner = users_.by_id(tx, uid);
    if (!owner) return;
    if (auto why = security::password_policy_violation(new_password, {owner->email, owner->name, owner->phone}))
      throw ApiError::validation({{"new_password", *why}});
  });
  if (check != OtpCheck::ok) {
    limits_.count_against_account("reset-verify", identifier);
    audit("auth.password_reset", "", "", "failure", client);
    throw ApiError(401, "invalid-otp", "Code not accepted", "The code is wrong or has expired.");
  }
  auto u = users_.by_id(user_id);
  if (!u) throw ApiError(401, "invalid-otp", "Code not accepted", "The code is wrong or has expired.");
  std::string hash = ctx_.passwords.hash(new_password);
  std::vector<std::string> revoked;
  ctx_.db.transaction([&](db::Session& tx) {
    users_.set_password(tx, u->id, hash);
    // Receiving the code proves control of the contact, so mark it verified too.
    users_.mark_verified(tx, u->id, looks_like_email(identifier));
    revoked = sessions_.revoke_all_for_user(tx, u->id, "password_reset");
  });
  for (const auto& s : revoked) tokens_->mark_revoked(s);
  audit("auth.password_reset", u->id, u->role, "success", client);
}

SignInResult AuthService::refresh(const std::string& refresh_token, const ClientInfo& client) {
  refresh_limits_.admit(sessions_.session_of(refresh_token), client.ip);
  auto r = sessions_.rotate(refresh_token);
  if (r.outcome == RefreshOutcome::reused) {
    tokens_->mark_revoked(r.session.id);
    audit("auth.refresh_token_reuse", r.session.user_id, "", "denied", client, "session revoked");
    log::warn("auth.refresh_reuse", {{"session", r.session.id}, {"request_id", client.request_id}});
  }
  if (r.outcome != RefreshOutcome::rotated)
    throw ApiError(401, "invalid-refresh-token", "Session ended", "Sign in again.");
  auto u = users_.by_id(r.session.user_id);
  if (!u || u->status != "active") throw ApiError(401, "invalid-refresh-token", "Session ended", "Sign in again.");
  SignInResult out;
  out.user = *u;
  out.session = r.session;
  out.refresh_token = r.new_refresh_token;
  out.access = tokens_->issue_access(u->id, u->role, r.session.id, "full", r.session.amr);
  return out;
}

void AuthService::logout(const http::Principal& who, const ClientInfo& client) {
  sessions_.revoke(who.session_id, "logout");
  tokens_->mark_revoked(who.session_id);
  audit("auth.logout", who.user_id, who.role, "success", client);
}

User AuthService::me(const http::Principal& who) {
  auto u = users_.by_id(who.user_id, db::ReadFrom::replica_ok);
  if (!u) throw ApiError::unauthorized("The account no longer exists.");
  return *u;
}

TotpSetup AuthService::mfa_setup(const http::Principal& who) {
  User u = me(who);
  if (u.mfa_enabled) throw ApiError::conflict("An authenticator is already enrolled; disable it first.");
  TotpSetup s;
  s.secret = security::totp_new_secret();
  s.otpauth_uri = security::otpauth_uri("Kiorex", u.email.empty() ? u.phone : u.email, s.secret);
  s.qr_svg = security::qr_svg(s.otpauth_uri);
  users_.set_mfa_pending(u.id, box_.seal(s.secret, mfa_context(u.id)));
  return s;
}

std::vector<std::string> AuthService::mfa_confirm(const http::Principal& who, const std::string& code,
                                                  const ClientInfo& client) {
  User u = me(who);
  if (u.mfa_enabled) throw ApiError::conflict("An authenticator is already enrolled.");
  if (u.mfa_pending_secret.empty()) throw ApiError::conflict("Start with POST /v1/auth/mfa/totp/setup.");
  auto secret = box_.open(u.mfa_pending_secret, mfa_context(u.id));
  if (!secret) throw ApiError::conflict("Start again with POST /v1/auth/mfa/totp/setup.");
  auto step = security::totp_verify(*secret, code, now_s(), 1, -1);
  if (!step) throw ApiError::validation({{"code", "is not the current code of your authenticator"}});
  auto codes = security::new_recovery_codes(10);
  ctx_.db.transaction([&](db::Session& tx) {
    users_.enable_mfa(tx, u.id, u.mfa_pending_secret, *step);
    tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {u.id});
    for (const auto& c : codes)
      tx.exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)",
              {u.id, security::sha256_hex(security::normalize_recovery_code(c))});
  });
  audit("auth.mfa_enabled", u.id, u.role, "success", client);
  return codes;
}

void AuthService::mfa_disable(const http::Principal& who, const std::string& code, const ClientInfo& client) {
  User u = me(who);
  if (u.role == "admin") throw ApiError::forbidden("Administrators must keep MFA enabled.");
  if (!u.mfa_enabled) throw ApiError::conflict("No authenticator is enrolled.");
  bool accepted = false;
  ctx_.db.transaction([&](db::Session& tx) {
    accepted = check_second_factor(tx, u, code);
    if (accepted) users_.disable_mfa(tx, u.id);
  });
  if (!accepted) throw ApiError::validation({{"code", "is not a current authenticator or recovery code"}});
  audit("auth.mfa_disabled", u.id, u.role, "success", client);
}

SignInResult AuthService::social_login(const std::string& provider, const std::string& token, const std::string& nonce,
                                       const ClientInfo& client) {
  std::optional<security::VerifiedIdentity> id;
  std::string error;
  if (provider == "google" && google_) id = google_->verify(token, nonce, now_s(), &error);
  else if (provider == "apple" && apple_) id = apple_->verify(token, nonce, now_s(), &error);
  else if (provider == "facebook" && facebook_) id = facebook_->verify(token, &error);
  else throw ApiError(422, "provider-not-configured", "Provider not available", "Sign-in with " + provider + " is not configured.");
  if (!id) {
    audit("auth.social_login", "", "", "failure", client, provider + ": " + error);
    throw ApiError(401, "invalid-social-token", "Sign-in failed", "The " + provider + " sign-in could not be verified.");
  }
  auto linked = ctx_.db.query(db::ReadFrom::primary, "SELECT user_id FROM social_identities WHERE provider = $1 AND subject = $2",
                              {provider, id->subject});
  std::optional<User> u;
  if (!linked.empty()) u = users_.by_id(linked.one().str(0));
  if (!u) {
    auto email = normalize_email(id->email);
    // Link to an existing account only on an address the provider vouches for.
    if (email && id->email_verified) u = users_.by_identifier(*email);
    if (!u && !email) throw ApiError(422, "email-required", "Email needed", "The provider did not share an email address.");
    ctx_.db.transaction([&](db::Session& tx) {
      if (!u) {
        User n;
        n.id = util::new_id("usr");
        n.email = *email;
        n.name = id->name.empty() ? email->substr(0, email->find('@')) : id->name;
        n.role = "patient";
        n.status = "active";
        n.email_verified = id->email_verified;
        n.created_at = db::now_ms();
        if (!tx.exec("SELECT id FROM users WHERE email = $1", {n.email}).empty())
          throw ApiError::conflict("An account with this email address already exists. Sign in with your password; " +
                                   provider + " did not confirm that it verified this address.");
        users_.insert(tx, n);
        u = n;
      }
      tx.exec("INSERT INTO social_identities (provider, subject, user_id, created_at) VALUES ($1, $2, $3, $4)",
              {provider, id->subject, u->id, db::now_ms()});
    });
  }
  if (!u->email_verified && !u->phone_verified)
    throw ApiError(403, "unverified", "Contact not verified", "Verify your email address first.");
  return after_first_factor(*u, false, client, "social_" + provider);
}

User AuthService::change_role(const http::Principal& admin, const std::string& user_id, const std::string& role,
                              const std::string& reason, const ClientInfo& client) {
  if (!security::is_role(role)) throw ApiError::validation({{"role", "is not a role"}});
  if (admin.user_id == user_id) throw ApiError::forbidden("Administrators cannot change their own role.");
  auto u = users_.by_id(user_id);
  if (!u) throw ApiError::not_found("No such user.");
  if (u->role == role) return *u;
  std::vector<std::string> revoked;
  ctx_.db.transaction([&](db::Session& tx) {
    tx.exec("UPDATE users SET role = $2, updated_at = $3 WHERE id = $1", {user_id, role, db::now_ms()});
    revoked = sessions_.revoke_all_for_user(tx, user_id, "role_change");
    audit::AuditRecord r;
    r.actor_id = admin.user_id;
    r.actor_role = admin.role;
    r.action = "auth.role_change";
    r.subject_id = user_id;
    r.resource = "account";
    r.reason = reason;
    r.request_id = client.request_id;
    r.ip = client.ip;
    r.outcome = "success";
    r.details["from"] = u->role;
    r.details["to"] = role;
    ctx_.audit.append(tx, r);
  });
  for (const auto& s : revoked) tokens_->mark_revoked(s);
  u->role = role;
  return *u;
}

void AuthService::queue_message(db::Session& tx, const notify::OutgoingMessage& m) { notify::queue_message(tx, box_, m); }

User AuthService::create_verified_account(const RegisterInput& in, const std::string& totp_secret_base32) {
  User u;
  u.id = util::new_id("usr");
  u.email = normalize_email(in.email).value_or("");
  u.phone = in.phone.empty() ? "" : normalize_phone(in.phone).value_or("");
  u.name = in.name;
  u.role = in.role;
  u.status = "active";
  u.password_hash = ctx_.passwords.hash(in.password);
  u.email_verified = !u.email.empty();
  u.phone_verified = !u.phone.empty();
  if (std::find(security::provider_roles().begin(), security::provider_roles().end(), in.role) !=
      security::provider_roles().end())
    u.provider_verification = "verified";
  u.created_at = db::now_ms();
  if (!totp_secret_base32.empty()) {
    u.mfa_enabled = true;
    u.mfa_secret = box_.seal(totp_secret_base32, mfa_context(u.id));
  }
  ctx_.db.transaction([&](db::Session& tx) { users_.insert(tx, u); });
  return u;
}

}  // namespace kiorex::auth
