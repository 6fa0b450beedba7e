#include "modules/auth/otp_store.hpp"

#include "core/security/crypto.hpp"
#include "core/util/ids.hpp"

namespace kiorex::auth {

namespace {
std::string code_hash(const std::string& id, const std::string& code) { return security::sha256_hex(id + ":" + code); }

std::string six_digits() {
  std::string bytes = security::random_bytes(4);
  uint32_t n = 0;
  for (unsigned char b : bytes) n = (n << 8) | b;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06u", n % 1000000u);
  return buf;
}
}  // namespace

std::string OtpStore::issue(const std::string& user_id, const std::string& identifier, const std::string& purpose) {
  std::string id = util::new_id("otp");
  std::string code = six_digits();
  int64_t now = db::now_ms();
  db_.transaction([&](db::Session& tx) {
    tx.exec("UPDATE otp_codes SET consumed_at = $3 WHERE identifier = $1 AND purpose = $2 AND consumed_at IS NULL",
            {identifier, purpose, now});
    tx.exec(
        "INSERT INTO otp_codes (id, user_id, identifier, purpose, code_hash, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {id, user_id, identifier, purpose, code_hash(id, code), now, now + kLifetimeMs});
  });
  return code;
}

OtpCheck OtpStore::check(const std::string& identifier, const std::string& purpose, const std::string& code,
                         std::string& user_id,
                         const std::function<void(db::Session&, const std::string& user_id)>& before_consume) {
  OtpCheck result = OtpCheck::expired_or_missing;
  db_.transaction([&](db::Session& tx) {
    int64_t now = db::now_ms();
    auto rs = tx.exec(
        "SELECT id, user_id, code_hash, attempts, expires_at FROM otp_codes WHERE identifier = $1 AND purpose = $2 "
        "AND consumed_at IS NULL ORDER BY created_at DESC LIMIT 1",
        {identifier, purpose});
    if (rs.empty() || rs.one().i64(4) <= now) return;
    const auto& r = rs.one();
    if (r.i64(3) >= kMaxAttempts) {
      result = OtpCheck::too_many_attempts;
      return;
    }
    std::string id = r.str(0);
    if (!security::constant_time_equal(code_hash(id, code), r.str(2))) {
      tx.exec("UPDATE otp_codes SET attempts = attempts + 1 WHERE id = $1", {id});
      result = r.i64(3) + 1 >= kMaxAttempts ? OtpCheck::too_many_attempts : OtpCheck::wrong;
      return;
    }
    if (before_consume) before_consume(tx, r.str(1));
    auto upd = tx.exec("UPDATE otp_codes SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL", {id, now});
    if (upd.affected != 1) return;
    user_id = r.str(1);
    result = OtpCheck::ok;
  });
  return result;
}

}  // namespace kiorex::auth
