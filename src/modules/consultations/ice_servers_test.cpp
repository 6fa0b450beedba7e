#include "modules/consultations/ice_servers.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/config/config.hpp"

namespace kiorex::consultations {
namespace {

// The expected credential was computed outside this code base:
//   printf '%s' "1700003600:usr_01hzx3k8q2d5e7f9g1h3j5k7m9" | openssl dgst -sha1 -hmac "north-turn-secret" -binary | base64
TEST(IceServers, TurnCredentialMatchesCoturnRestScheme) {
  const std::string user = turn_username(1700003600, "usr_01hzx3k8q2d5e7f9g1h3j5k7m9");
  EXPECT_EQ(user, "1700003600:usr_01hzx3k8q2d5e7f9g1h3j5k7m9");
  EXPECT_EQ(turn_credential("north-turn-secret", user), "wDb6CDXhMNqIkURlU3MH1Vi7Vj0=");
  EXPECT_NE(turn_credential("other-secret", user), "wDb6CDXhMNqIkURlU3MH1Vi7Vj0=");
}

TEST(IceServers, SplitUrls) {
  EXPECT_EQ(split_urls(""), std::vector<std::string>{});
  EXPECT_EQ(split_urls(" stun:a:3478 , ,stun:b:3478,"), (std::vector<std::string>{"stun:a:3478", "stun:b:3478"}));
}

TEST(IceServers, ServersFromConfig) {
  config::Config c;
  c.stun_urls = "stun:stun.kiorex.test:3478";
  c.turn_urls = "turn:turn.kiorex.test:3478?transport=udp,turns:turn.kiorex.test:5349";
  c.turn_secret = "north-turn-secret";
  c.turn_ttl_seconds = 3600;
  auto servers = ice_servers(ice_config_from(c), "usr_01hzx3k8q2d5e7f9g1h3j5k7m9", 1700000000);
  ASSERT_EQ(servers.size(), 2u);
  EXPECT_EQ(boost::json::serialize(servers[0]), R"({"urls":["stun:stun.kiorex.test:3478"]})");
  const auto& turn = servers[1].as_object();
  EXPECT_EQ(turn.at("urls").as_array().size(), 2u);
  EXPECT_EQ(turn.at("username").as_string(), "1700003600:usr_01hzx3k8q2d5e7f9g1h3j5k7m9");
  EXPECT_EQ(turn.at("credential").as_string(), "wDb6CDXhMNqIkURlU3MH1Vi7Vj0=");
}

TEST(IceServers, NothingConfiguredOrNoSecret) {
  config::Config c;
  EXPECT_TRUE(ice_servers(ice_config_from(c), "usr_x", 1).empty());
  c.turn_urls = "turn:turn.kiorex.test:3478";  // TURN without a secret is useless: left out
  EXPECT_TRUE(ice_servers(ice_config_from(c), "usr_x", 1).empty());
}

}  // namespace
}  // namespace kiorex::consultations
