#pragma once
// Six-digit one-time codes sent by email or SMS: stored hashed, valid 10 minutes, at most 5
// attempts, single use, and a new code replaces older ones for the same purpose.
#include <functional>
#include <optional>
#include <string>

#include "core/db/database.hpp"

namespace kiorex::auth {

enum class OtpCheck { ok, wrong, expired_or_missing, too_many_attempts };

class OtpStore {
 public:
  explicit OtpStore(db::Database& db) : db_(db) {}
  // Returns the plain code to send.
  std::string issue(const std::string& user_id, const std::string& identifier, const std::string& purpose);
  // On ok, the code is consumed and user_id is set.
  // `before_consume` runs inside the transaction once the code matched; if it throws, nothing changes
  // (the code stays usable), so a request rejected for another reason does not burn the code.
  OtpCheck check(const std::string& identifier, const std::string& purpose, const std::string& code, std::string& user_id,
                 const std::function<void(db::Session&, const std::string& user_id)>& before_consume = {});

  static constexpr int kMaxAttempts = 5;
  static constexpr int64_t kLifetimeMs = 10 * 60 * 1000;

 private:
  db::Database& db_;
};

}  // namespace kiorex::auth
