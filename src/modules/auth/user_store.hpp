#pragma once
// SQL for accounts (the users table of the auth module).
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "core/db/database.hpp"

namespace kiorex::auth {

struct User {
  std::string id, email, phone, name, role, status, password_hash, provider_verification;
  bool email_verified = false, phone_verified = false, mfa_enabled = false;
  std::string mfa_secret, mfa_pending_secret;  // sealed with the master key
  int64_t mfa_last_step = -1;
  int64_t created_at = 0;
};

boost::json::object user_json(const User& u);

class UserStore {
 public:
  explicit UserStore(db::Database& db) : db_(db) {}
  std::optional<User> by_id(const std::string& id, db::ReadFrom from = db::ReadFrom::primary);
  std::optional<User> by_identifier(const std::string& normalized);  // email or phone
  std::optional<User> by_id(db::Session& tx, const std::string& id);
  void insert(db::Session& tx, const User& u);
  void set_password(db::Session& tx, const std::string& id, const std::string& hash);
  void mark_verified(db::Session& tx, const std::string& id, bool email);
  void set_mfa_pending(const std::string& id, const std::string& sealed);
  void enable_mfa(db::Session& tx, const std::string& id, const std::string& sealed_secret, int64_t step);
  void disable_mfa(db::Session& tx, const std::string& id);
  // Compare-and-set on the last used TOTP step, so one code cannot be used twice (even in a race).
  bool advance_mfa_step(db::Session& tx, const std::string& id, int64_t step);
  void touch_login(const std::string& id);

 private:
  db::Database& db_;
};

}  // namespace kiorex::auth
