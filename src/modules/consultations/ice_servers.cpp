#include "modules/consultations/ice_servers.hpp"

#include <boost/json.hpp>

#include "core/config/config.hpp"
#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::consultations {

std::vector<std::string> split_urls(std::string_view list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view item = list.substr(start, comma - start);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = comma + 1;
  }
  return out;
}

IceConfig ice_config_from(const config::Config& c) {
  IceConfig ic;
  ic.stun_urls = split_urls(c.stun_urls);
  ic.turn_urls = split_urls(c.turn_urls);
  ic.turn_secret = c.turn_secret;
  ic.ttl_seconds = c.turn_ttl_seconds;
  return ic;
}

std::string turn_username(int64_t expiry_unix, std::string_view user_id) {
  return std::to_string(expiry_unix) + ":" + std::string(user_id);
}

std::string turn_credential(std::string_view secret, std::string_view username) {
  return security::base64_encode(security::hmac_sha1(secret, username));
}

boost::json::array ice_servers(const IceConfig& c, std::string_view user_id, int64_t now_unix) {
  boost::json::array out;
  const auto urls_of = [](const std::vector<std::string>& v) {
    boost::json::array a;
    for (const auto& u : v) a.emplace_back(u);
    return a;
  };
  if (!c.stun_urls.empty()) out.push_back(boost::json::object{{"urls", urls_of(c.stun_urls)}});
  if (!c.turn_urls.empty() && !c.turn_secret.empty()) {
    std::string username = turn_username(now_unix + c.ttl_seconds, user_id);
    std::string credential = turn_credential(c.turn_secret, username);
    out.push_back(boost::json::object{
        {"urls", urls_of(c.turn_urls)}, {"username", std::move(username)}, {"credential", std::move(credential)}});
  }
  return out;
}

}  // namespace kiorex::consultations
