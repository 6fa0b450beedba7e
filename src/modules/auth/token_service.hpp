#pragma once
// Access tokens: short-lived EdDSA JWTs (kid in the header, keys in the KeyRing). Verifying one is
// on every request's path, so verified tokens are cached until they expire, and sessions revoked
// by logout or reuse detection are held in memory (refreshed from the database every few seconds
// so several replicas agree).
#include <atomic>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/http/types.hpp"

namespace kiorex::security {
class KeyRing;
}

namespace kiorex::auth {

class SessionStore;

struct IssuedToken {
  std::string token;
  int64_t expires_in = 0;
};

class TokenService {
 public:
  TokenService(security::KeyRing& keys, SessionStore& sessions, std::string issuer, std::string audience, int ttl_seconds);
  // `amr`: how the session's sign-in was proven, comma separated RFC 8176 values ("pwd", "otp", "fed", "mfa");
  // carried in the token's amr claim, so a route can ask for a second factor (Principal::mfa).
  IssuedToken issue_access(const std::string& user_id, const std::string& role, const std::string& session_id,
                           const std::string& scope, const std::string& amr);
  std::optional<http::Principal> verify_access(std::string_view token);
  // A 5-minute token proving the first step passed, exchanged once at /login/mfa. It carries its own id
  // (jti, recorded when used) and the SHA-256 of a secret held by the client that received it
  // (`client_binding_hash`), so it works once and only for that client.
  std::string issue_mfa_challenge(const std::string& user_id, bool remember, const std::string& first_factor,
                                  const std::string& client_binding_hash);
  struct MfaChallenge {
    std::string user_id;
    bool remember = false;
    std::string jti, first_factor, client_binding_hash;
    int64_t expires_at_ms = 0;
  };
  std::optional<MfaChallenge> verify_mfa_challenge(std::string_view token);
  void mark_revoked(const std::string& session_id);

 private:
  bool is_revoked(const std::string& session_id);
  struct Cached {
    http::Principal principal;
    int64_t exp;
  };
  security::KeyRing& keys_;
  SessionStore& sessions_;
  std::string issuer_, audience_;
  int ttl_seconds_;
  std::shared_mutex cache_mutex_;
  std::unordered_map<std::string, Cached> cache_;
  std::shared_mutex revoked_mutex_;
  std::unordered_set<std::string> revoked_;
  std::atomic<int64_t> revoked_synced_at_{0};
};

}  // namespace kiorex::auth
