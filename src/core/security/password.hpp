#pragma once
// Password hashing (Argon2id via libsodium) and the NIST SP 800-63B password policy.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kiorex::security {

// Hashes and verifies passwords as libsodium Argon2id13 strings ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"),
// which carry their own salt and cost parameters. All methods are const and safe to call concurrently.
class PasswordHasher {
 public:
  // opslimit/memlimit as in crypto_pwhash (memlimit in bytes). Throws std::invalid_argument when outside
  // libsodium's Argon2id bounds.
  PasswordHasher();  // crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE
  PasswordHasher(unsigned long long opslimit, std::size_t memlimit);

  // Argon2id's minimum cost: only for unit tests, never for stored credentials.
  static PasswordHasher fast_for_tests();

  // Throws std::runtime_error if hashing fails (e.g. memlimit bytes cannot be allocated).
  std::string hash(std::string_view password) const;
  // True iff `stored` is a well-formed libsodium password hash of `password`. Never throws on bad input.
  bool verify(std::string_view stored, std::string_view password) const;
  // True if `stored` is not an Argon2id hash with exactly this hasher's limits (or is malformed):
  // re-hash the password after a successful verify.
  bool needs_rehash(std::string_view stored) const;
  // Spends the work of one verify() against a dummy hash with this hasher's limits. Call it when the
  // account does not exist so that "unknown user" and "wrong password" take the same time.
  void burn_time(std::string_view password) const;

  unsigned long long opslimit() const { return opslimit_; }
  std::size_t memlimit() const { return memlimit_; }

 private:
  struct Dummy;
  unsigned long long opslimit_;
  std::size_t memlimit_;
  std::shared_ptr<Dummy> dummy_;  // lazily built dummy hash, shared by copies
};

// What the policy knows about the person choosing the password (any field may be empty).
struct PasswordContext {
  std::string email;
  std::string name;
  std::string phone;
};

inline constexpr std::size_t kPasswordMinLength = 10;   // Unicode code points
inline constexpr std::size_t kPasswordMaxLength = 128;  // Unicode code points

// NIST SP 800-63B memorised-secret rules. Returns a message fit to show the user, or nullopt if acceptable:
//  - valid UTF-8, 10..128 code points (spaces and any printable characters allowed, no composition rules);
//  - not one character repeated;
//  - not in the common-password list (case-insensitive);
//  - not equal to / containing the email's local part, the name or a word of the name (each only when
//    at least 4 characters), or the last 7 digits of the phone number (case-insensitive).
std::optional<std::string> password_policy_violation(std::string_view password, const PasswordContext& context);

// True if `password` (compared case-insensitively for ASCII letters) is in the shipped list of
// common passwords (src/core/security/common_passwords.txt).
bool is_common_password(std::string_view password);
// Number of entries in that list (for diagnostics and tests).
std::size_t common_password_count();

}  // namespace kiorex::security
