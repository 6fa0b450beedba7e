#include "modules/auth/token_service.hpp"

#include <boost/json.hpp>

#include "core/db/database.hpp"
#include "core/security/crypto.hpp"
#include "core/security/jwt.hpp"
#include "modules/auth/session_store.hpp"

namespace kiorex::auth {

namespace {
constexpr const char* kMfaAudience = "kiorex-mfa";
int64_t now_s() { return db::now_ms() / 1000; }
}  // namespace

TokenService::TokenService(security::KeyRing& keys, SessionStore& sessions, std::string issuer, std::string audience,
                           int ttl_seconds)
    : keys_(keys), sessions_(sessions), issuer_(std::move(issuer)), audience_(std::move(audience)), ttl_seconds_(ttl_seconds) {}

IssuedToken TokenService::issue_access(const std::string& user_id, const std::string& role,
                                       const std::string& session_id, const std::string& scope,
                                       const std::string& amr) {
  int64_t now = now_s();
  int ttl = scope == "full" ? ttl_seconds_ : 600;
  boost::json::array methods;
  for (size_t i = 0; i < amr.size();) {
    size_t j = amr.find(',', i);
    if (j == std::string::npos) j = amr.size();
    if (j > i) methods.emplace_back(amr.substr(i, j - i));
    i = j + 1;
  }
  boost::json::object c{{"iss", issuer_}, {"aud", audience_}, {"sub", user_id}, {"role", role},
                        {"sid", session_id}, {"scope", scope}, {"amr", std::move(methods)},
                        {"iat", now}, {"exp", now + ttl}};
  return {keys_.sign(c), ttl};
}

std::optional<http::Principal> TokenService::verify_access(std::string_view token) {
  if (token.size() > 4096) return std::nullopt;
  int64_t now = now_s();
  std::string key(token);
  {
    std::shared_lock lk(cache_mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.exp > now) {
      http::Principal p = it->second.principal;
      lk.unlock();
      if (is_revoked(p.session_id)) return std::nullopt;
      return p;
    }
  }
  auto claims = keys_.verify(token, now, issuer_, audience_);
  if (!claims) return std::nullopt;
  http::Principal p;
  try {
    p.user_id = std::string(claims->at("sub").as_string());
    p.role = std::string(claims->at("role").as_string());
    p.session_id = std::string(claims->at("sid").as_string());
    p.scope = std::string(claims->at("scope").as_string());
    // Tokens issued before the amr claim existed count as without a second factor.
    if (const auto* amr = claims->if_contains("amr"); amr && amr->is_array())
      for (const auto& m : amr->as_array()) p.mfa = p.mfa || (m.is_string() && m.as_string() == "mfa");
  } catch (...) {
    return std::nullopt;
  }
  if (is_revoked(p.session_id)) return std::nullopt;
  int64_t exp = claims->at("exp").to_number<int64_t>();
  std::unique_lock lk(cache_mutex_);
  if (cache_.size() > 100000) cache_.clear();
  cache_[key] = {p, exp};
  return p;
}

std::string TokenService::issue_mfa_challenge(const std::string& user_id, bool remember, const std::string& first_factor,
                                              const std::string& client_binding_hash) {
  int64_t now = now_s();
  boost::json::object c{{"iss", issuer_}, {"aud", kMfaAudience}, {"sub", user_id}, {"remember", remember},
                        {"jti", security::random_token(18)}, {"ff", first_factor}, {"cbh", client_binding_hash},
                        {"iat", now}, {"exp", now + 300}};
  return keys_.sign(c);
}

std::optional<TokenService::MfaChallenge> TokenService::verify_mfa_challenge(std::string_view token) {
  auto claims = keys_.verify(token, now_s(), issuer_, kMfaAudience);
  if (!claims) return std::nullopt;
  try {
    // A challenge without an id or a client binding (issued before both existed) is not accepted.
    MfaChallenge c{std::string(claims->at("sub").as_string()), claims->at("remember").as_bool(),
                   std::string(claims->at("jti").as_string()), std::string(claims->at("ff").as_string()),
                   std::string(claims->at("cbh").as_string()), claims->at("exp").to_number<int64_t>() * 1000};
    if (c.jti.empty() || c.client_binding_hash.empty()) return std::nullopt;
    return c;
  } catch (...) {
    return std::nullopt;
  }
}

void TokenService::mark_revoked(const std::string& session_id) {
  std::unique_lock lk(revoked_mutex_);
  revoked_.insert(session_id);
}

bool TokenService::is_revoked(const std::string& session_id) {
  // Pull revocations made by other processes every 5 s; an access token lives at most its TTL anyway.
  int64_t now = db::now_ms();
  int64_t synced = revoked_synced_at_.load();
  if (now - synced > 5000 && revoked_synced_at_.compare_exchange_strong(synced, now)) {
    try {
      auto ids = sessions_.revoked_since(now - (static_cast<int64_t>(ttl_seconds_) + 60) * 1000);
      std::unique_lock lk(revoked_mutex_);
      for (auto& id : ids) revoked_.insert(std::move(id));
    } catch (...) {
    }
  }
  std::shared_lock lk(revoked_mutex_);
  return revoked_.count(session_id) > 0;
}

}  // namespace kiorex::auth
