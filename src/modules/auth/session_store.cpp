#include "modules/auth/session_store.hpp"

#include "core/security/crypto.hpp"
#include "core/util/ids.hpp"

namespace kiorex::auth {

namespace {
std::string hash_token(const std::string& token) { return security::sha256_hex(token); }
}  // namespace

std::pair<SessionInfo, std::string> SessionStore::create(const std::string& user_id, int64_t ttl_ms, bool remember,
                                                         const std::string& ip, const std::string& user_agent,
                                                         const std::string& amr) {
  SessionInfo s;
  s.amr = amr;
  s.id = util::new_id("ses");
  s.user_id = user_id;
  s.remember = remember;
  int64_t now = db::now_ms();
  s.expires_at = now + ttl_ms;
  std::string token = "rt_" + security::random_token(32);
  db_.transaction([&](db::Session& tx) {
    tx.exec(
        "INSERT INTO sessions (id, user_id, created_at, expires_at, remember, ip, user_agent, amr) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {s.id, user_id, now, s.expires_at, static_cast<int64_t>(remember), ip, user_agent.substr(0, 200), amr});
    tx.exec("INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)",
            {hash_token(token), s.id, now});
  });
  return {s, token};
}

RefreshResult SessionStore::rotate(const std::string& refresh_token) {
  RefreshResult result;
  std::string hash = hash_token(refresh_token);
  db_.transaction([&](db::Session& tx) {
    auto rs = tx.exec(
        "SELECT t.used_at, s.id, s.user_id, s.expires_at, s.remember, s.revoked_at, s.amr FROM refresh_tokens t "
        "JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = $1",
        {hash});
    if (rs.empty()) {
      result.outcome = RefreshOutcome::unknown;
      return;
    }
    const auto& r = rs.one();
    result.session = {r.str(1), r.str(2), r.i64(3), r.i64(4) != 0, !r.is_null(5), r.str(6)};
    int64_t now = db::now_ms();
    if (!r.is_null(0)) {
      // Reuse: revoke the whole family. The revocation must be kept, so it commits with this transaction.
      tx.exec("UPDATE sessions SET revoked_at = $2, revoke_reason = 'refresh_token_reuse' WHERE id = $1 AND revoked_at IS NULL",
              {result.session.id, now});
      result.outcome = RefreshOutcome::reused;
      return;
    }
    if (result.session.revoked || result.session.expires_at <= now) {
      result.outcome = RefreshOutcome::expired;
      return;
    }
    // The used_at check makes two concurrent refreshes with one token produce one winner.
    auto upd = tx.exec("UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL", {hash, now});
    if (upd.affected != 1) {
      // Another request used this token a moment ago (a race, or a thief racing the owner): treat it
      // as reuse, and record the revocation so every replica and later refresh agree.
      tx.exec("UPDATE sessions SET revoked_at = $2, revoke_reason = 'refresh_token_reuse' WHERE id = $1 AND revoked_at IS NULL",
              {result.session.id, now});
      result.outcome = RefreshOutcome::reused;
      return;
    }
    result.new_refresh_token = "rt_" + security::random_token(32);
    tx.exec("INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)",
            {hash_token(result.new_refresh_token), result.session.id, now});
    result.outcome = RefreshOutcome::rotated;
  });
  return result;
}

std::optional<std::string> SessionStore::session_of(const std::string& refresh_token) {
  auto rs = db_.query(db::ReadFrom::primary, "SELECT session_id FROM refresh_tokens WHERE token_hash = $1",
                      {hash_token(refresh_token)});
  if (rs.empty()) return std::nullopt;
  return rs.one().str(0);
}

bool SessionStore::revoke(const std::string& session_id, const std::string& reason) {
  auto rs = db_.execute("UPDATE sessions SET revoked_at = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL",
                        {session_id, db::now_ms(), reason});
  return rs.affected == 1;
}

std::vector<std::string> SessionStore::revoke_all_for_user(db::Session& tx, const std::string& user_id,
                                                           const std::string& reason) {
  std::vector<std::string> ids;
  for (const auto& r : tx.exec("SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL", {user_id}).rows)
    ids.push_back(r.str(0));
  tx.exec("UPDATE sessions SET revoked_at = $2, revoke_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL",
          {user_id, db::now_ms(), reason});
  return ids;
}

std::optional<SessionInfo> SessionStore::get(const std::string& session_id) {
  auto rs = db_.query(db::ReadFrom::primary,
                      "SELECT id, user_id, expires_at, remember, revoked_at, amr FROM sessions WHERE id = $1", {session_id});
  if (rs.empty()) return std::nullopt;
  const auto& r = rs.one();
  return SessionInfo{r.str(0), r.str(1), r.i64(2), r.i64(3) != 0, !r.is_null(4), r.str(5)};
}

std::vector<std::string> SessionStore::revoked_since(int64_t since_ms) {
  std::vector<std::string> out;
  for (const auto& r : db_.query(db::ReadFrom::primary, "SELECT id FROM sessions WHERE revoked_at >= $1", {since_ms}).rows)
    out.push_back(r.str(0));
  return out;
}

}  // namespace kiorex::auth
