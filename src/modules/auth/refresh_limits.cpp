#include "modules/auth/refresh_limits.hpp"

#include "core/http/problem.hpp"
#include "core/security/rate_limiter.hpp"

namespace kiorex::auth {

void RefreshLimits::admit(const std::optional<std::string>& session_id, std::string_view ip) {
  const std::string address_key = "refresh-ip:" + std::string(ip);
  // The address's ceiling is checked first but counted last, so a refresh refused for its session does not
  // eat into the allowance of the other people behind the same address.
  auto address = limiter_.check(address_key, per_address_, kWindowSeconds);
  if (!address.allowed)
    throw http::ApiError::too_many(address.retry_after_seconds,
                                   "Too many session refreshes from your address; try again later.");
  if (session_id) {
    auto session = limiter_.hit("refresh-session:" + *session_id, per_session_, kWindowSeconds);
    if (!session.allowed)
      throw http::ApiError::too_many(session.retry_after_seconds,
                                     "This session was refreshed too often; try again in a moment.");
  }
  limiter_.record(address_key, kWindowSeconds);
}

}  // namespace kiorex::auth
