#pragma once
// Sign-in sessions and their rotating refresh tokens. Only the SHA-256 of a refresh token is
// stored. Presenting a refresh token that was already used means it was stolen (or replayed), so
// the whole session — every token descended from that sign-in — is revoked.
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.hpp"

namespace kiorex::auth {

struct SessionInfo {
  std::string id, user_id;
  int64_t expires_at = 0;
  bool remember = false;
  bool revoked = false;
  std::string amr;  // how the sign-in was proven (comma separated RFC 8176 values), e.g. "pwd,mfa"
};

enum class RefreshOutcome { rotated, unknown, reused, expired };

struct RefreshResult {
  RefreshOutcome outcome = RefreshOutcome::unknown;
  SessionInfo session;
  std::string new_refresh_token;
};

class SessionStore {
 public:
  explicit SessionStore(db::Database& db) : db_(db) {}
  // Creates a session and its first refresh token (returned in plain text once).
  std::pair<SessionInfo, std::string> create(const std::string& user_id, int64_t ttl_ms, bool remember,
                                             const std::string& ip, const std::string& user_agent,
                                             const std::string& amr);
  RefreshResult rotate(const std::string& refresh_token);
  // The session a refresh token belongs to (used or not), without touching it; nullopt for an unknown token.
  std::optional<std::string> session_of(const std::string& refresh_token);
  bool revoke(const std::string& session_id, const std::string& reason);
  std::vector<std::string> revoke_all_for_user(db::Session& tx, const std::string& user_id, const std::string& reason);
  std::optional<SessionInfo> get(const std::string& session_id);
  // Sessions revoked after `since_ms` (to refresh in-memory revocation lists).
  std::vector<std::string> revoked_since(int64_t since_ms);

 private:
  db::Database& db_;
};

}  // namespace kiorex::auth
