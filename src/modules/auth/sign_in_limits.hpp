#pragma once
// How often one account may be tried (mission section 8; issue 11, "lockout as a weapon"). Each kind of
// attempt (password sign-in, code sign-in, code and reset requests, ...) has two counters per account:
//  - per (account, client address): KIOREX_RATE_LOGIN_PER_15MIN attempts in 15 minutes. A stranger who
//    guesses from one address locks only that address out of the account, never its owner elsewhere;
//  - per account from every address: ten times that in an hour, counting only what failed (a wrong
//    password, a wrong code) or asked something of the account (a code sent). A slower ceiling against
//    guessing spread over many addresses.
// Kinds do not share counters, so while a stranger has the password locked the owner can still sign in
// with a one-time code (`otp-verify`).
#include <string>
#include <string_view>

namespace kiorex::security {
class RateLimiter;
}

namespace kiorex::auth {

class SignInLimits {
 public:
  SignInLimits(security::RateLimiter& limiter, int per_address_per_15min)
      : limiter_(limiter), per_address_(per_address_per_15min) {}

  // Counts one attempt of `kind` at `account` from `ip`; throws 429 (rate-limited, with Retry-After) when
  // that address or the account as a whole has had too many.
  void admit(std::string_view kind, std::string_view account, std::string_view ip);
  // Counts one failure (or one request that cost the account something) against the account's ceiling.
  void count_against_account(std::string_view kind, std::string_view account);
  // After a success: the address's attempts are forgotten (the account's ceiling is not).
  void forget_address(std::string_view kind, std::string_view account, std::string_view ip);

  static constexpr int kAddressWindowSeconds = 900;
  static constexpr int kAccountWindowSeconds = 3600;
  static constexpr int kAccountFactor = 10;

 private:
  security::RateLimiter& limiter_;
  int per_address_;
};

}  // namespace kiorex::auth
