// OidcVerifier against a real OpenID Connect provider (oidc-provider from npm, tests/peers/oidc-issuer.mjs) and
// FacebookVerifier against tests/peers/graph-stub.mjs (Facebook publishes no test server).
#include "core/security/oidc.hpp"

#include <boost/json.hpp>
#include <ctime>
#include <gtest/gtest.h>
#include <thread>

#include "core/net/http_client.hpp"
#include "core/security/encoding.hpp"
#include "core/testing/peer_process.hpp"

namespace kiorex::security {
namespace {

struct Parts {
  std::string header, payload, signature;  // still base64url
};

Parts split(const std::string& token) {
  auto d1 = token.find('.');
  auto d2 = token.find('.', d1 + 1);
  return {token.substr(0, d1), token.substr(d1 + 1, d2 - d1 - 1), token.substr(d2 + 1)};
}

std::string join(const Parts& p) { return p.header + "." + p.payload + "." + p.signature; }

std::string with_header(const std::string& token, const std::string& header_json) {
  Parts p = split(token);
  p.header = base64url_encode(header_json);
  return join(p);
}

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

struct Issuer {
  std::unique_ptr<testing::PeerProcess> process;
  std::string issuer, jwks_uri, control, rs_client, es_client;
  std::string error;
};

class OidcVerifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    peer_ = new Issuer;
    std::string greeting;
    peer_->process = testing::start_node_peer("oidc-issuer.mjs", {"--client-id", "kiorex-web"}, &greeting, &peer_->error);
    if (!peer_->process) return;
    auto g = boost::json::parse(greeting).as_object();
    peer_->issuer = std::string(g.at("issuer").as_string());
    peer_->jwks_uri = std::string(g.at("jwks_uri").as_string());
    peer_->control = "http://127.0.0.1:" + std::to_string(g.at("control_port").to_number<int64_t>());
    peer_->rs_client = std::string(g.at("clients").at("RS256").as_string());
    peer_->es_client = std::string(g.at("clients").at("ES256").as_string());
  }
  static void TearDownTestSuite() {
    delete peer_;
    peer_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(peer_ && peer_->process) << (peer_ ? peer_->error : ""); }

  static std::string get(const std::string& path_and_query) {
    net::HttpRequest req;
    req.url = peer_->control + path_and_query;
    std::string error;
    auto resp = net::http_fetch(req, &error);
    EXPECT_TRUE(resp) << error;
    if (!resp) return "{}";
    EXPECT_EQ(resp->status, 200) << resp->body;
    return resp->body;
  }
  // A real ID token signed by oidc-provider's own keys (through its IdToken model).
  static std::string mint(const std::string& query) {
    auto body = boost::json::parse(get("/mint?" + query));
    return std::string(body.at("id_token").as_string());
  }
  static int64_t jwks_requests() {
    return boost::json::parse(get("/stats")).at("jwks_requests").to_number<int64_t>();
  }
  static OidcProviderConfig config(std::vector<std::string> audiences = {}) {
    if (audiences.empty()) audiences = {peer_->rs_client, peer_->es_client};
    return {peer_->issuer, peer_->jwks_uri, std::move(audiences)};
  }
  static std::string user_token(const std::string& nonce = "n-0S6_WzA2Mj") {
    return mint("sub=usr-42&email=zoe%40example.org&email_verified=true&name=Zo%C3%AB%20Example&nonce=" + nonce +
                "&client_id=" + peer_->rs_client);
  }

  static inline Issuer* peer_ = nullptr;
};

TEST_F(OidcVerifierTest, AcceptsRs256IdToken) {
  OidcVerifier v(config(), "google");
  std::string error;
  auto id = v.verify(user_token(), "n-0S6_WzA2Mj", now(), &error);
  ASSERT_TRUE(id) << error;
  EXPECT_EQ(id->provider, "google");
  EXPECT_EQ(id->subject, "usr-42");
  EXPECT_EQ(id->email, "zoe@example.org");
  EXPECT_TRUE(id->email_verified);
  EXPECT_EQ(id->name, "Zoë Example");
}

TEST_F(OidcVerifierTest, AcceptsEs256IdToken) {
  std::string token = mint("sub=usr-es&nonce=abc&client_id=" + peer_->es_client);
  ASSERT_NE(base64url_decode(split(token).header)->find("ES256"), std::string::npos);
  OidcVerifier v(config({peer_->es_client}), "apple");
  std::string error;
  auto id = v.verify(token, "abc", now(), &error);
  ASSERT_TRUE(id) << error;
  EXPECT_EQ(id->subject, "usr-es");
  EXPECT_TRUE(id->email.empty());
  EXPECT_FALSE(id->email_verified);
}

TEST_F(OidcVerifierTest, NonceIsNotCheckedWhenNoneExpected) {
  OidcVerifier v(config(), "google");
  std::string error;
  EXPECT_TRUE(v.verify(mint("sub=u&client_id=" + peer_->rs_client), "", now(), &error)) << error;
}

TEST_F(OidcVerifierTest, RejectsWrongAudience) {
  OidcVerifier v(config({"some-other-app"}), "google");
  std::string error;
  EXPECT_FALSE(v.verify(user_token(), "n-0S6_WzA2Mj", now(), &error));
  EXPECT_NE(error.find("audience"), std::string::npos) << error;
}

TEST_F(OidcVerifierTest, RejectsWrongIssuer) {
  OidcProviderConfig c = config();
  c.issuer = peer_->issuer + "/other";
  OidcVerifier v(c, "google");
  std::string error;
  EXPECT_FALSE(v.verify(user_token(), "n-0S6_WzA2Mj", now(), &error));
  EXPECT_NE(error.find("issuer"), std::string::npos) << error;
}

TEST_F(OidcVerifierTest, RejectsWrongOrMissingNonce) {
  OidcVerifier v(config(), "google");
  std::string error;
  EXPECT_FALSE(v.verify(user_token("nonce-A"), "nonce-B", now(), &error));
  EXPECT_NE(error.find("nonce"), std::string::npos) << error;
  EXPECT_FALSE(v.verify(mint("sub=u&client_id=" + peer_->rs_client), "nonce-B", now(), &error));
  EXPECT_NE(error.find("nonce"), std::string::npos) << error;
}

TEST_F(OidcVerifierTest, RejectsExpiredAndFutureTokens) {
  OidcVerifier v(config(), "google");
  std::string token = user_token();
  std::string error;
  EXPECT_FALSE(v.verify(token, "n-0S6_WzA2Mj", now() + 10LL * 365 * 24 * 3600, &error));
  EXPECT_NE(error.find("expired"), std::string::npos) << error;
  // Within the 60 s leeway after exp it is still accepted; past it, not.
  std::string short_lived = mint("sub=u&expires_in=5&client_id=" + peer_->rs_client);
  EXPECT_TRUE(v.verify(short_lived, "", now() + 30, &error)) << error;
  EXPECT_FALSE(v.verify(short_lived, "", now() + 5 + 61, &error));
  // iat a day ahead of "now": issued in the future.
  EXPECT_FALSE(v.verify(token, "n-0S6_WzA2Mj", now() - 24 * 3600, &error));
  EXPECT_NE(error.find("future"), std::string::npos) << error;
}

TEST_F(OidcVerifierTest, RejectsTamperedSignatureAndPayload) {
  OidcVerifier v(config(), "google");
  std::string token = user_token();
  std::string error;

  Parts p = split(token);
  std::string sig = *base64url_decode(p.signature);
  sig[sig.size() / 2] = static_cast<char>(sig[sig.size() / 2] ^ 0x01);
  p.signature = base64url_encode(sig);
  EXPECT_FALSE(v.verify(join(p), "n-0S6_WzA2Mj", now(), &error));
  EXPECT_NE(error.find("signature"), std::string::npos) << error;

  Parts q = split(token);
  auto claims = boost::json::parse(*base64url_decode(q.payload)).as_object();
  claims["sub"] = "usr-admin";
  q.payload = base64url_encode(boost::json::serialize(claims));
  EXPECT_FALSE(v.verify(join(q), "n-0S6_WzA2Mj", now(), &error));
  EXPECT_NE(error.find("signature"), std::string::npos) << error;

  EXPECT_FALSE(v.verify(token.substr(0, token.size() - 4), "n-0S6_WzA2Mj", now(), &error));
  EXPECT_FALSE(v.verify("not-a-jwt", "", now(), &error));
  EXPECT_FALSE(v.verify(token + ".extra", "", now(), &error));
  EXPECT_TRUE(v.verify(token, "n-0S6_WzA2Mj", now(), &error)) << error;  // the original still verifies
}

TEST_F(OidcVerifierTest, RejectsAlgNoneHmacAndAlgSwitch) {
  OidcVerifier v(config(), "google");
  std::string token = user_token();
  std::string error;

  Parts none = split(with_header(token, R"({"alg":"none"})"));
  none.signature.clear();
  EXPECT_FALSE(v.verify(join(none), "n-0S6_WzA2Mj", now(), &error));
  EXPECT_NE(error.find("not allowed"), std::string::npos) << error;
  EXPECT_FALSE(v.verify(with_header(token, R"({"alg":"none","kid":"rsa-1"})"), "n-0S6_WzA2Mj", now(), &error));
  EXPECT_FALSE(v.verify(with_header(token, R"({"alg":"HS256","kid":"rsa-1"})"), "n-0S6_WzA2Mj", now(), &error));
  EXPECT_NE(error.find("not allowed"), std::string::npos) << error;
  // An RS256 signature presented as ES256 under the RSA key's kid: no EC key by that kid.
  EXPECT_FALSE(v.verify(with_header(token, R"({"alg":"ES256","kid":"rsa-1"})"), "n-0S6_WzA2Mj", now(), &error));
  EXPECT_FALSE(v.verify(with_header(token, R"({"alg":"RS256","kid":"rsa-1","crit":["b64"]})"), "n-0S6_WzA2Mj",
                        now(), &error));
}

TEST_F(OidcVerifierTest, JwksIsFetchedOnceForManyVerifies) {
  OidcVerifier v(config(), "google");
  std::vector<std::string> tokens{user_token(), user_token(), mint("sub=es&client_id=" + peer_->es_client)};
  const int64_t before = jwks_requests();
  std::string error;
  for (int round = 0; round < 2; ++round) {
    for (const auto& t : tokens) ASSERT_TRUE(v.verify(t, "", now(), &error)) << error;
  }
  EXPECT_EQ(v.jwks_fetch_count(), 1u);
  EXPECT_EQ(jwks_requests() - before, 1);

  // An unknown kid right after a fetch does not refetch (at most one fetch per 60 s) and fails.
  EXPECT_FALSE(v.verify(with_header(tokens[0], R"({"alg":"RS256","kid":"rotated-1"})"), "", now(), &error));
  EXPECT_NE(error.find("rotated-1"), std::string::npos) << error;
  EXPECT_EQ(v.jwks_fetch_count(), 1u);
  EXPECT_EQ(jwks_requests() - before, 1);
}

TEST_F(OidcVerifierTest, UnknownKidRefetchesOncePerInterval) {
  // The same policy with the interval shortened to 0 / kept at 1 h, so the test need not wait a minute.
  OidcCacheOptions eager;
  eager.min_refresh_interval = std::chrono::seconds(0);
  OidcVerifier v(config(), "google", eager);
  std::string token = user_token();
  const int64_t before = jwks_requests();
  std::string error;
  ASSERT_TRUE(v.verify(token, "", now(), &error)) << error;
  ASSERT_TRUE(v.verify(token, "", now(), &error)) << error;
  EXPECT_EQ(jwks_requests() - before, 1);  // known kid: served from the cache
  EXPECT_FALSE(v.verify(with_header(token, R"({"alg":"RS256","kid":"rotated-1"})"), "", now(), &error));
  EXPECT_EQ(jwks_requests() - before, 2);  // unknown kid: one refetch (the issuer may have rotated its keys)
  EXPECT_TRUE(v.verify(token, "", now(), &error)) << error;
  EXPECT_EQ(jwks_requests() - before, 2);

  OidcCacheOptions stale;
  stale.ttl = std::chrono::seconds(0);
  stale.min_refresh_interval = std::chrono::seconds(0);
  OidcVerifier w(config(), "google", stale);
  const int64_t before_w = jwks_requests();
  ASSERT_TRUE(w.verify(token, "", now(), &error)) << error;
  ASSERT_TRUE(w.verify(token, "", now(), &error)) << error;
  EXPECT_EQ(jwks_requests() - before_w, 2);  // expired cache: refetched
  EXPECT_EQ(w.jwks_fetch_count(), 2u);
}

TEST_F(OidcVerifierTest, FailedRefreshKeepsPreviousKeys) {
  // A second issuer of our own, stopped half-way: the cached keys outlive it.
  std::string greeting, error;
  auto issuer = testing::start_node_peer("oidc-issuer.mjs", {}, &greeting, &error);
  ASSERT_TRUE(issuer) << error;
  auto g = boost::json::parse(greeting).as_object();
  net::HttpRequest mint_req;
  mint_req.url = "http://127.0.0.1:" + std::to_string(g.at("control_port").to_number<int64_t>()) + "/mint?sub=u";
  auto minted = net::http_fetch(mint_req, &error);
  ASSERT_TRUE(minted && minted->status == 200) << error;
  std::string token(boost::json::parse(minted->body).at("id_token").as_string());

  OidcCacheOptions stale;  // every verify wants a fresh key set
  stale.ttl = std::chrono::seconds(0);
  stale.min_refresh_interval = std::chrono::seconds(0);
  OidcVerifier v({std::string(g.at("issuer").as_string()), std::string(g.at("jwks_uri").as_string()), {"kiorex-web"}},
                 "google", stale);
  ASSERT_TRUE(v.verify(token, "", now(), &error)) << error;
  issuer.reset();  // the issuer goes away: refetches fail
  EXPECT_TRUE(v.verify(token, "", now(), &error)) << error;
  EXPECT_EQ(v.jwks_fetch_count(), 2u);
  OidcVerifier moved(std::move(v));  // movable, cache included
  EXPECT_TRUE(moved.verify(token, "", now(), &error)) << error;
}

TEST_F(OidcVerifierTest, ConcurrentVerifiesShareOneFetch) {
  OidcVerifier v(config(), "google");
  std::string token = user_token();
  const int64_t before = jwks_requests();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 5; ++j) {
        if (v.verify(token, "n-0S6_WzA2Mj", now(), nullptr)) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 20);
  EXPECT_EQ(jwks_requests() - before, 1);
}

TEST_F(OidcVerifierTest, UnreachableJwksFailsClosed) {
  OidcProviderConfig c = config();
  c.jwks_url = "http://127.0.0.1:1/jwks";
  OidcVerifier v(c, "google");
  std::string error;
  EXPECT_FALSE(v.verify(user_token(), "n-0S6_WzA2Mj", now(), &error));
  EXPECT_NE(error.find("jwks"), std::string::npos) << error;
}

// ---------------------------------------------------------------------------------------------------------------

class FacebookVerifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string greeting;
    error_ = new std::string;
    stub_ = testing::start_node_peer("graph-stub.mjs", {"--app-id", "1234567890", "--app-secret", "fb-app-secret"},
                                     &greeting, error_)
                .release();
    if (stub_) {
      base_ = new std::string("http://127.0.0.1:" +
                              std::to_string(boost::json::parse(greeting).at("port").to_number<int64_t>()));
    }
  }
  static void TearDownTestSuite() {
    delete stub_;
    delete base_;
    delete error_;
    stub_ = nullptr;
    base_ = nullptr;
    error_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(stub_, nullptr) << *error_; }
  static FacebookConfig config() { return {*base_, "1234567890", "fb-app-secret"}; }

  static inline testing::PeerProcess* stub_ = nullptr;
  static inline std::string* base_ = nullptr;
  static inline std::string* error_ = nullptr;
};

TEST_F(FacebookVerifierTest, AcceptsValidUserToken) {
  FacebookVerifier v(config());
  std::string error;
  auto id = v.verify("valid-user-token", &error);
  ASSERT_TRUE(id) << error;
  EXPECT_EQ(id->provider, "facebook");
  EXPECT_EQ(id->subject, "10001");
  EXPECT_EQ(id->email, "asha@example.com");
  EXPECT_FALSE(id->email_verified);
  EXPECT_EQ(id->name, "Asha Rao");
}

TEST_F(FacebookVerifierTest, RejectsInvalidAndExpiredTokens) {
  FacebookVerifier v(config());
  std::string error;
  EXPECT_FALSE(v.verify("garbage-token", &error));
  EXPECT_NE(error.find("not valid"), std::string::npos) << error;
  EXPECT_FALSE(v.verify("expired-user-token", &error));
  EXPECT_FALSE(v.verify("", &error));
}

TEST_F(FacebookVerifierTest, RejectsTokenOfAnotherApp) {
  FacebookVerifier v(config());
  std::string error;
  EXPECT_FALSE(v.verify("other-app-token", &error));
  EXPECT_NE(error.find("another app"), std::string::npos) << error;
}

TEST_F(FacebookVerifierTest, RejectsWhenOurAppIdOrSecretIsWrong) {
  FacebookConfig wrong_id = config();
  wrong_id.app_id = "1111111111";
  std::string error;
  EXPECT_FALSE(FacebookVerifier(wrong_id).verify("valid-user-token", &error));
  EXPECT_NE(error.find("400"), std::string::npos) << error;

  FacebookConfig wrong_secret = config();
  wrong_secret.app_secret = "not-the-secret";
  EXPECT_FALSE(FacebookVerifier(wrong_secret).verify("valid-user-token", &error));
  EXPECT_EQ(error.find("not-the-secret"), std::string::npos) << error;
  EXPECT_EQ(error.find("valid-user-token"), std::string::npos) << error;
}

}  // namespace
}  // namespace kiorex::security
