#include "modules/auth/sign_in_limits.hpp"

#include "core/http/problem.hpp"
#include "core/security/rate_limiter.hpp"

namespace kiorex::auth {

namespace {
std::string address_key(std::string_view kind, std::string_view account, std::string_view ip) {
  return std::string(kind) + "-acct-ip:" + std::string(account) + "|" + std::string(ip);
}
std::string account_key(std::string_view kind, std::string_view account) {
  return std::string(kind) + "-acct:" + std::string(account);
}
}  // namespace

void SignInLimits::admit(std::string_view kind, std::string_view account, std::string_view ip) {
  // The account's ceiling first: an attempt refused by it is not counted against the address.
  auto whole = limiter_.check(account_key(kind, account), per_address_ * kAccountFactor, kAccountWindowSeconds);
  if (!whole.allowed)
    throw http::ApiError::too_many(whole.retry_after_seconds,
                                   "Too many failed attempts for this account; try again later or sign in with a "
                                   "one-time code.");
  auto pair = limiter_.hit(address_key(kind, account, ip), per_address_, kAddressWindowSeconds);
  if (!pair.allowed)
    throw http::ApiError::too_many(pair.retry_after_seconds,
                                   "Too many attempts for this account from your address; try again later.");
}

void SignInLimits::count_against_account(std::string_view kind, std::string_view account) {
  limiter_.record(account_key(kind, account), kAccountWindowSeconds);
}

void SignInLimits::forget_address(std::string_view kind, std::string_view account, std::string_view ip) {
  limiter_.reset(address_key(kind, account, ip));
}

}  // namespace kiorex::auth
