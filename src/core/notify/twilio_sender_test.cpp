// TwilioSender (and MultiSender routing) against tests/peers/twilio-stub.mjs, a small node server shaped like
// Twilio's Messages API (Twilio publishes no test server on npm).
#include "core/notify/twilio_sender.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/net/http_client.hpp"
#include "core/notify/multi_sender.hpp"
#include "core/testing/peer_process.hpp"

namespace kiorex::notify {
namespace {

constexpr const char* kSid = "AC0123456789abcdef0123456789abcdef";
constexpr const char* kToken = "twilio-auth-token";
constexpr const char* kFrom = "+15005550006";

class TwilioSenderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string greeting, error;
    stub_ = testing::start_node_peer("twilio-stub.mjs", {"--sid", kSid, "--token", kToken, "--from", kFrom},
                                     &greeting, &error)
                .release();
    if (!stub_) {
      setup_error_ = new std::string(error);
      return;
    }
    base_url_ = new std::string("http://127.0.0.1:" +
                                std::to_string(boost::json::parse(greeting).at("port").to_number<int64_t>()));
  }
  static void TearDownTestSuite() {
    delete stub_;
    stub_ = nullptr;
    delete base_url_;
    base_url_ = nullptr;
    delete setup_error_;
    setup_error_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(stub_, nullptr) << (setup_error_ ? *setup_error_ : ""); }

  static TwilioConfig config() {
    TwilioConfig c;
    c.base_url = *base_url_;
    c.account_sid = kSid;
    c.auth_token = kToken;
    c.from_number = kFrom;
    return c;
  }
  static boost::json::array accepted() {
    net::HttpRequest req;
    req.url = *base_url_ + "/__messages";
    std::string error;
    auto resp = net::http_fetch(req, &error);
    EXPECT_TRUE(resp) << error;
    if (!resp) return {};
    return boost::json::parse(resp->body).as_array();
  }

  static inline testing::PeerProcess* stub_ = nullptr;
  static inline std::string* base_url_ = nullptr;
  static inline std::string* setup_error_ = nullptr;
};

TEST_F(TwilioSenderTest, SendsSmsAndTwilioAcceptsIt) {
  TwilioSender sender(config());
  const size_t before = accepted().size();
  OutgoingMessage msg{"sms", "+919876543210", "", "Kiorex: your code is 604812 — valid 5 min. Don't share it & stay safe.",
                      "604812"};
  std::string error;
  ASSERT_TRUE(sender.send(msg, &error)) << error;
  auto messages = accepted();
  ASSERT_EQ(messages.size(), before + 1);
  const auto& m = messages.back().as_object();
  EXPECT_EQ(m.at("to").as_string(), "+919876543210");
  EXPECT_EQ(m.at("from").as_string(), kFrom);
  EXPECT_EQ(m.at("body").as_string(), msg.text);  // form encoding round-trips UTF-8, '&', spaces
  EXPECT_EQ(m.at("account_sid").as_string(), kSid);
}

TEST_F(TwilioSenderTest, InvalidNumberReturnsTwilioErrorMessage) {
  TwilioSender sender(config());
  std::string error;
  EXPECT_FALSE(sender.send({"sms", "+15005550001", "", "code 111111", "111111"}, &error));
  EXPECT_NE(error.find("not a valid phone number"), std::string::npos) << error;
  EXPECT_NE(error.find("21211"), std::string::npos) << error;
  EXPECT_NE(error.find("400"), std::string::npos) << error;
}

TEST_F(TwilioSenderTest, WrongAuthTokenIsRejected) {
  TwilioConfig c = config();
  c.auth_token = "not-the-token";
  TwilioSender sender(c);
  std::string error;
  EXPECT_FALSE(sender.send({"sms", "+15551234567", "", "code 222222", "222222"}, &error));
  EXPECT_NE(error.find("401"), std::string::npos) << error;
  EXPECT_NE(error.find("Authenticate"), std::string::npos) << error;
}

TEST_F(TwilioSenderTest, ErrorTextIsMasked) {
  // The stub's 21211 error echoes the To number; with it as the secret the error must not carry it.
  TwilioSender sender(config());
  std::string error;
  EXPECT_FALSE(sender.send({"sms", "+15005550001", "", "x", "15005550001"}, &error));
  EXPECT_EQ(error.find("15005550001"), std::string::npos) << error;
  EXPECT_NE(error.find("******"), std::string::npos) << error;
}

TEST_F(TwilioSenderTest, OnlySmsChannel) {
  TwilioSender sender(config());
  std::string error;
  EXPECT_FALSE(sender.send({"email", "a@example.org", "s", "t", ""}, &error));
  EXPECT_NE(error.find("sms"), std::string::npos);
}

TEST(TwilioSender, UnreachableGatewayFailsWithError) {
  TwilioConfig c;
  c.base_url = "http://127.0.0.1:1";
  c.account_sid = kSid;
  c.auth_token = kToken;
  c.from_number = kFrom;
  TwilioSender sender(c);
  std::string error;
  EXPECT_FALSE(sender.send({"sms", "+15551234567", "", "code 333333", "333333"}, &error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(error.find("333333"), std::string::npos);
}

TEST_F(TwilioSenderTest, MultiSenderRoutesByChannel) {
  auto sms = std::make_shared<TwilioSender>(config());
  MultiSender only_sms(nullptr, sms);
  std::string error;
  EXPECT_TRUE(only_sms.send({"sms", "+15551234567", "", "code 444444", "444444"}, &error)) << error;
  EXPECT_FALSE(only_sms.send({"email", "a@example.org", "s", "t", ""}, &error));
  EXPECT_EQ(error, "no sender configured for email");
  EXPECT_FALSE(only_sms.send({"push", "x", "", "t", ""}, &error));
  EXPECT_NE(error.find("unknown channel"), std::string::npos);

  MultiSender none(nullptr, nullptr);
  EXPECT_FALSE(none.send({"sms", "+15551234567", "", "t", ""}, &error));
  EXPECT_EQ(error, "no sender configured for sms");
}

}  // namespace
}  // namespace kiorex::notify
