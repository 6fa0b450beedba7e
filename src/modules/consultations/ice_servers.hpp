#pragma once
// The ICE servers a video participant needs (RTCPeerConnection's iceServers): STUN from KIOREX_STUN_URLS and
// TURN from KIOREX_TURN_URLS with time-limited credentials by coturn's REST scheme (`use-auth-secret`):
//   username   = "<unix expiry>:<user id>"
//   credential = base64(HMAC-SHA1(KIOREX_TURN_SECRET, username))
// coturn recomputes the credential from the same secret and refuses it after the expiry, so nothing is
// stored and a leaked credential dies by itself within KIOREX_TURN_TTL_SECONDS. Pure: unit-tested directly.
#include <boost/json/array.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiorex::config {
struct Config;
}

namespace kiorex::consultations {

struct IceConfig {
  std::vector<std::string> stun_urls, turn_urls;
  std::string turn_secret;
  int ttl_seconds = 3600;
};
IceConfig ice_config_from(const config::Config& c);

// "a, b,,c" -> {"a","b","c"} (spaces trimmed, empty entries dropped).
std::vector<std::string> split_urls(std::string_view comma_list);

std::string turn_username(int64_t expiry_unix, std::string_view user_id);
std::string turn_credential(std::string_view secret, std::string_view username);

// [{"urls":[stun…]}, {"urls":[turn…],"username","credential"}]; a group is left out when it has no URLs, and
// TURN also when no secret is configured (coturn would refuse every credential).
boost::json::array ice_servers(const IceConfig& c, std::string_view user_id, int64_t now_unix);

}  // namespace kiorex::consultations
