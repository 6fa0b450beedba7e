#include "modules/auth/user_store.hpp"

namespace kiorex::auth {

namespace {
constexpr const char* kColumns =
    "id, email, phone, name, role, status, password_hash, email_verified, phone_verified, provider_verification, "
    "mfa_enabled, mfa_secret, mfa_pending_secret, mfa_last_step, created_at";

User from_row(const db::Row& r) {
  User u;
  u.id = r.str(0);
  u.email = r.str(1);
  u.phone = r.str(2);
  u.name = r.str(3);
  u.role = r.str(4);
  u.status = r.str(5);
  u.password_hash = r.str(6);
  u.email_verified = r.i64(7) != 0;
  u.phone_verified = r.i64(8) != 0;
  u.provider_verification = r.str(9);
  u.mfa_enabled = r.i64(10) != 0;
  u.mfa_secret = r.str(11);
  u.mfa_pending_secret = r.str(12);
  u.mfa_last_step = r.i64(13);
  u.created_at = r.i64(14);
  return u;
}

std::string select(const char* where) { return std::string("SELECT ") + kColumns + " FROM users WHERE " + where; }
db::Value opt(const std::string& s) { return s.empty() ? db::Value(nullptr) : db::Value(s); }
}  // namespace

boost::json::object user_json(const User& u) {
  boost::json::object o;
  o["id"] = u.id;
  o["name"] = u.name;
  o["email"] = u.email.empty() ? boost::json::value(nullptr) : boost::json::value(u.email);
  o["phone"] = u.phone.empty() ? boost::json::value(nullptr) : boost::json::value(u.phone);
  o["role"] = u.role;
  o["status"] = u.status;
  o["email_verified"] = u.email_verified;
  o["phone_verified"] = u.phone_verified;
  o["mfa_enabled"] = u.mfa_enabled;
  if (!u.provider_verification.empty()) o["provider_verification"] = u.provider_verification;
  o["created_at"] = db::iso8601_from_ms(u.created_at);
  return o;
}

std::optional<User> UserStore::by_id(const std::string& id, db::ReadFrom from) {
  static const std::string sql = select("id = $1");
  auto rs = db_.query(from, sql, {id});
  if (rs.empty()) return std::nullopt;
  return from_row(rs.one());
}

std::optional<User> UserStore::by_id(db::Session& tx, const std::string& id) {
  static const std::string sql = select("id = $1");
  auto rs = tx.exec(sql, {id});
  if (rs.empty()) return std::nullopt;
  return from_row(rs.one());
}

std::optional<User> UserStore::by_identifier(const std::string& normalized) {
  static const std::string sql = select("email = $1 OR phone = $1");
  auto rs = db_.query(db::ReadFrom::primary, sql, {normalized});
  if (rs.empty()) return std::nullopt;
  return from_row(rs.one());
}

void UserStore::insert(db::Session& tx, const User& u) {
  tx.exec(
      "INSERT INTO users (id, email, phone, name, role, status, password_hash, email_verified, phone_verified, "
      "provider_verification, mfa_enabled, mfa_secret, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
      {u.id, opt(u.email), opt(u.phone), u.name, u.role, u.status, opt(u.password_hash),
       static_cast<int64_t>(u.email_verified), static_cast<int64_t>(u.phone_verified), opt(u.provider_verification),
       static_cast<int64_t>(u.mfa_enabled), opt(u.mfa_secret), u.created_at ? u.created_at : db::now_ms()});
}

void UserStore::set_password(db::Session& tx, const std::string& id, const std::string& hash) {
  tx.exec("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1", {id, hash, db::now_ms()});
}

void UserStore::mark_verified(db::Session& tx, const std::string& id, bool email) {
  tx.exec(email ? "UPDATE users SET email_verified = 1, updated_at = $2 WHERE id = $1"
                : "UPDATE users SET phone_verified = 1, updated_at = $2 WHERE id = $1",
          {id, db::now_ms()});
}

void UserStore::set_mfa_pending(const std::string& id, const std::string& sealed) {
  db_.execute("UPDATE users SET mfa_pending_secret = $2, updated_at = $3 WHERE id = $1", {id, sealed, db::now_ms()});
}

void UserStore::enable_mfa(db::Session& tx, const std::string& id, const std::string& sealed_secret, int64_t step) {
  tx.exec(
      "UPDATE users SET mfa_enabled = 1, mfa_secret = $2, mfa_pending_secret = NULL, mfa_last_step = $3, "
      "updated_at = $4 WHERE id = $1",
      {id, sealed_secret, step, db::now_ms()});
}

void UserStore::disable_mfa(db::Session& tx, const std::string& id) {
  tx.exec("UPDATE users SET mfa_enabled = 0, mfa_secret = NULL, mfa_pending_secret = NULL, updated_at = $2 WHERE id = $1",
          {id, db::now_ms()});
  tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {id});
}

bool UserStore::advance_mfa_step(db::Session& tx, const std::string& id, int64_t step) {
  auto rs = tx.exec("UPDATE users SET mfa_last_step = $2 WHERE id = $1 AND mfa_last_step < $2", {id, step});
  return rs.affected == 1;
}

void UserStore::touch_login(const std::string& id) {
  db_.execute("UPDATE users SET last_login_at = $2 WHERE id = $1", {id, db::now_ms()});
}

}  // namespace kiorex::auth
