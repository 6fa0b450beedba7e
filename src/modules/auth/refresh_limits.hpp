#pragma once
// How often access tokens may be refreshed (issue 12, "sessions that survive normal use"; mission section 8).
// Refreshing is what keeps a signed-in person signed in, so the limit follows the sign-in session, not the
// address: a clinic's staff behind one address each have their own allowance.
//  - per session: KIOREX_RATE_REFRESH_SESSION refreshes in 15 minutes. The web app refreshes shortly
//    before its token expires and when a tab opens, so a person never comes near it; a script looping on one
//    session does.
//  - per address, every session together: KIOREX_RATE_REFRESH_IP, a generous ceiling against one
//    address trying refresh tokens it does not have (those have no session to count against).
// A refused refresh is not counted and rotates nothing: the refresh token stays valid for the retry.
#include <optional>
#include <string>
#include <string_view>

namespace kiorex::security {
class RateLimiter;
}

namespace kiorex::auth {

class RefreshLimits {
 public:
  RefreshLimits(security::RateLimiter& limiter, int per_session_per_15min, int per_address_per_15min)
      : limiter_(limiter), per_session_(per_session_per_15min), per_address_(per_address_per_15min) {}

  // Counts one refresh from `ip` of the session `session_id` (none when the token is unknown); throws 429
  // (rate-limited, with Retry-After) when the address or the session has had too many.
  void admit(const std::optional<std::string>& session_id, std::string_view ip);

  static constexpr int kWindowSeconds = 900;

 private:
  security::RateLimiter& limiter_;
  int per_session_;
  int per_address_;
};

}  // namespace kiorex::auth
