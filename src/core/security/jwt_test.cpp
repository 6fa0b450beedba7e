#include "core/security/jwt.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <atomic>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::security {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr int64_t kNow = 1700000000;
constexpr const char* kIss = "https://kiorex.test";
constexpr const char* kAud = "kiorex-api";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Signs an arbitrary header and payload with the key file of `kid`, as an attacker holding a key (or a
// buggy issuer) could, to build tokens KeyRing::sign would never produce.
std::string sign_raw(const fs::path& dir, const std::string& kid, const std::string& header, const std::string& payload) {
  const std::string pem = read_file(dir / (kid + ".pem"));
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  std::string input = base64url_encode(header) + "." + base64url_encode(payload);
  unsigned char sig[64];
  size_t len = sizeof sig;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestSignInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, pkey, nullptr);
  EVP_DigestSign(ctx, sig, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(pkey);
  return input + "." + base64url_encode(std::string_view(reinterpret_cast<const char*>(sig), len));
}

std::string segment(const std::string& token, int i) {
  size_t start = 0;
  for (int k = 0; k < i; ++k) start = token.find('.', start) + 1;
  size_t end = token.find('.', start);
  return token.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

json::object decode_segment(const std::string& token, int i) {
  return json::parse(*base64url_decode(segment(token, i))).as_object();
}

class Jwt : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kiorex-jwt-test-" + random_token(9));
    ring_.emplace(KeyRing::load_or_create(dir_ / "keys"));
  }
  void TearDown() override {
    ring_.reset();
    fs::remove_all(dir_);
  }

  json::object claims(int64_t exp_in = 900) const {
    return json::object{{"iss", kIss}, {"aud", kAud}, {"sub", "usr_01HXYZ"}, {"role", "patient"},
                        {"iat", kNow}, {"exp", kNow + exp_in}};
  }

  std::optional<json::object> verify(const std::string& token, JwtError* why = nullptr, int64_t now = kNow) const {
    return ring_->verify(token, now, kIss, kAud, why);
  }

  // Expects rejection for exactly `reason`.
  void expect_rejected(const std::string& token, JwtError reason, int64_t now = kNow) const {
    JwtError why{};
    EXPECT_FALSE(verify(token, &why, now).has_value()) << token;
    EXPECT_EQ(to_string(why), to_string(reason)) << token;
  }

  fs::path keys() const { return dir_ / "keys"; }

  fs::path dir_;
  std::optional<KeyRing> ring_;
};

TEST_F(Jwt, RoundTrip) {
  const std::string token = ring_->sign(claims());
  auto out = verify(token);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, claims());
  EXPECT_EQ((*out)["sub"].as_string(), "usr_01HXYZ");
}

TEST_F(Jwt, HeaderIsEdDsaWithCurrentKid) {
  const std::string token = ring_->sign(claims());
  const json::object header = decode_segment(token, 0);
  EXPECT_EQ(header, (json::object{{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", ring_->current_kid()}}));
  EXPECT_EQ(segment(token, 2).size(), 86u);  // 64-byte signature
}

TEST_F(Jwt, DirectoryAndKeyFilesArePrivate) {
  struct stat st {};
  ASSERT_EQ(::stat(keys().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat((keys() / (ring_->current_kid() + ".pem")).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(read_file(keys() / "current"), ring_->current_kid() + "\n");
  // No temp files left behind.
  for (const auto& e : fs::directory_iterator(keys())) EXPECT_NE(e.path().filename().string()[0], '.') << e.path();
}

TEST_F(Jwt, TamperedPayloadIsRejected) {
  const std::string token = ring_->sign(claims());
  json::object forged = claims();
  forged["role"] = "admin";
  const std::string tampered =
      segment(token, 0) + "." + base64url_encode(json::serialize(forged)) + "." + segment(token, 2);
  expect_rejected(tampered, JwtError::bad_signature);
}

TEST_F(Jwt, TamperedSignatureIsRejected) {
  const std::string token = ring_->sign(claims());
  std::string sig = *base64url_decode(segment(token, 2));
  for (size_t i : {size_t{0}, size_t{31}, size_t{63}}) {
    std::string bad = sig;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    expect_rejected(segment(token, 0) + "." + segment(token, 1) + "." + base64url_encode(bad), JwtError::bad_signature);
  }
  // The signature of another token.
  const std::string other = ring_->sign(claims(600));
  expect_rejected(segment(token, 0) + "." + segment(token, 1) + "." + segment(other, 2), JwtError::bad_signature);
}

TEST_F(Jwt, NonCanonicalSignatureEncodingIsRejected) {
  // The last base64url character of a 64-byte value carries 2 unused bits; flipping them decodes to the same
  // bytes in a lax decoder. One token must have one spelling.
  const std::string token = ring_->sign(claims());
  std::string sig = segment(token, 2);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  sig.back() = alphabet[alphabet.find(sig.back()) ^ 1];
  expect_rejected(segment(token, 0) + "." + segment(token, 1) + "." + sig, JwtError::malformed);
}

TEST_F(Jwt, WrongAlgorithmsAreRejected) {
  const std::string kid = ring_->current_kid();
  const std::string payload = json::serialize(claims());
  for (const char* alg : {"none", "None", "NONE", "HS256", "RS256", "ES256", "eddsa", "EdDSA ", "Ed25519", ""}) {
    const std::string header = json::serialize(json::object{{"alg", alg}, {"typ", "JWT"}, {"kid", kid}});
    expect_rejected(sign_raw(keys(), kid, header, payload), JwtError::unsupported_alg);
  }
  // alg missing, or not a string.
  expect_rejected(sign_raw(keys(), kid, R"({"typ":"JWT","kid":")" + kid + "\"}", payload), JwtError::unsupported_alg);
  expect_rejected(sign_raw(keys(), kid, R"({"alg":null,"kid":")" + kid + "\"}", payload), JwtError::unsupported_alg);
}

TEST_F(Jwt, UnsignedNoneTokenIsRejected) {
  const std::string header = base64url_encode(R"({"alg":"none","typ":"JWT"})");
  const std::string payload = base64url_encode(json::serialize(claims()));
  expect_rejected(header + "." + payload + ".", JwtError::malformed);
  expect_rejected(header + "." + payload, JwtError::malformed);
}

TEST_F(Jwt, HmacKeyConfusionIsRejected) {
  // Classic attack: HS256 keyed with the public key published in the JWKS.
  const json::object jwk = json::parse(ring_->jwks_json()).at("keys").at(0).as_object();
  const std::string pub = *base64url_decode(std::string(jwk.at("x").as_string()));
  const std::string input = base64url_encode(R"({"alg":"HS256","typ":"JWT","kid":")" + ring_->current_kid() + "\"}") +
                            "." + base64url_encode(json::serialize(claims()));
  const std::string forged = input + "." + base64url_encode(hmac_sha256(pub, input));
  JwtError why{};
  EXPECT_FALSE(verify(forged, &why));
}

TEST_F(Jwt, HeaderRules) {
  const std::string kid = ring_->current_kid();
  const std::string payload = json::serialize(claims());
  // typ may be absent or "JWT" in any case.
  EXPECT_TRUE(verify(sign_raw(keys(), kid, R"({"alg":"EdDSA","kid":")" + kid + "\"}", payload)));
  EXPECT_TRUE(verify(sign_raw(keys(), kid, R"({"alg":"EdDSA","typ":"jwt","kid":")" + kid + "\"}", payload)));
  expect_rejected(sign_raw(keys(), kid, R"({"alg":"EdDSA","typ":"JWE","kid":")" + kid + "\"}", payload),
                  JwtError::bad_header);
  expect_rejected(sign_raw(keys(), kid, R"({"alg":"EdDSA","crit":["exp"],"kid":")" + kid + "\"}", payload),
                  JwtError::bad_header);
  expect_rejected(sign_raw(keys(), kid, R"({"alg":"EdDSA"})", payload), JwtError::bad_header);
  expect_rejected(sign_raw(keys(), kid, R"({"alg":"EdDSA","kid":7})", payload), JwtError::bad_header);
  expect_rejected(sign_raw(keys(), kid, R"(["alg","EdDSA"])", payload), JwtError::bad_header);
  expect_rejected(sign_raw(keys(), kid, R"({"alg":"EdDSA",)", payload), JwtError::malformed);
}

TEST_F(Jwt, UnknownKidIsRejected) {
  const std::string kid = ring_->current_kid();
  const std::string payload = json::serialize(claims());
  expect_rejected(sign_raw(keys(), kid, R"({"alg":"EdDSA","typ":"JWT","kid":"20990101T000000Z-deadbeef"})", payload),
                  JwtError::unknown_kid);
  expect_rejected(sign_raw(keys(), kid, R"({"alg":"EdDSA","typ":"JWT","kid":"../current"})", payload),
                  JwtError::unknown_kid);

  // A token from another ring (another deployment) is unknown here.
  const fs::path other_dir = dir_ / "other";
  KeyRing other = KeyRing::load_or_create(other_dir);
  expect_rejected(other.sign(claims()), JwtError::unknown_kid);
}

TEST_F(Jwt, ForeignKeyWithSameKidFailsSignature) {
  const std::string kid = ring_->current_kid();
  KeyRing other = KeyRing::load_or_create(dir_ / "other");
  fs::copy_file(keys() / (kid + ".pem"), dir_ / "other" / "x.pem");  // irrelevant extra file
  // Sign with the other ring's key but claim this ring's kid.
  const std::string forged = sign_raw(dir_ / "other", other.current_kid(),
                                      R"({"alg":"EdDSA","typ":"JWT","kid":")" + kid + "\"}", json::serialize(claims()));
  expect_rejected(forged, JwtError::bad_signature);
}

TEST_F(Jwt, Expiry) {
  const std::string token = ring_->sign(claims(900));
  EXPECT_TRUE(verify(token, nullptr, kNow + 899));
  expect_rejected(token, JwtError::expired, kNow + 900);  // exp must be > now
  expect_rejected(token, JwtError::expired, kNow + 100000);
  expect_rejected(ring_->sign(claims(-1)), JwtError::expired);
}

TEST_F(Jwt, ExpIsRequiredAndNumeric) {
  json::object c = claims();
  c.erase("exp");
  expect_rejected(ring_->sign(c), JwtError::missing_claim);
  c["exp"] = "1700000900";
  expect_rejected(ring_->sign(c), JwtError::missing_claim);
  c["exp"] = static_cast<double>(kNow) + 0.5;
  EXPECT_TRUE(verify(ring_->sign(c)));
  c["exp"] = static_cast<uint64_t>(kNow + 10);
  EXPECT_TRUE(verify(ring_->sign(c)));
}

TEST_F(Jwt, NotBeforeAndIssuedAtWithLeeway) {
  json::object c = claims();
  c["nbf"] = kNow + kJwtLeewaySeconds;
  EXPECT_TRUE(verify(ring_->sign(c)));
  c["nbf"] = kNow + kJwtLeewaySeconds + 1;
  expect_rejected(ring_->sign(c), JwtError::not_yet_valid);
  c["nbf"] = kNow - 10;
  c["iat"] = kNow + kJwtLeewaySeconds + 1;
  expect_rejected(ring_->sign(c), JwtError::not_yet_valid);
  c["iat"] = kNow + 30;
  EXPECT_TRUE(verify(ring_->sign(c)));
  c["iat"] = "yesterday";
  expect_rejected(ring_->sign(c), JwtError::missing_claim);
}

TEST_F(Jwt, IssuerMustMatch) {
  json::object c = claims();
  c["iss"] = "https://evil.test";
  expect_rejected(ring_->sign(c), JwtError::bad_issuer);
  c.erase("iss");
  expect_rejected(ring_->sign(c), JwtError::missing_claim);
  c["iss"] = 1;
  expect_rejected(ring_->sign(c), JwtError::missing_claim);
  EXPECT_FALSE(ring_->verify(ring_->sign(claims()), kNow, "https://other.test", kAud));
}

TEST_F(Jwt, AudienceStringOrArray) {
  json::object c = claims();
  c["aud"] = "kiorex-admin";
  expect_rejected(ring_->sign(c), JwtError::bad_audience);
  c["aud"] = json::array{"kiorex-admin", kAud};
  EXPECT_TRUE(verify(ring_->sign(c)));
  c["aud"] = json::array{"kiorex-admin", "kiorex-web"};
  expect_rejected(ring_->sign(c), JwtError::bad_audience);
  c["aud"] = json::array{};
  expect_rejected(ring_->sign(c), JwtError::bad_audience);
  c["aud"] = json::array{kAud, 5};
  expect_rejected(ring_->sign(c), JwtError::missing_claim);
  c["aud"] = 5;
  expect_rejected(ring_->sign(c), JwtError::missing_claim);
  c.erase("aud");
  expect_rejected(ring_->sign(c), JwtError::missing_claim);
  EXPECT_FALSE(ring_->verify(ring_->sign(claims()), kNow, kIss, "kiorex-other"));
}

TEST_F(Jwt, MalformedTokens) {
  const std::string token = ring_->sign(claims());
  for (const std::string& bad :
       {std::string(), std::string("."), std::string(".."), std::string("a.b.c"), token + ".", "." + token,
        token.substr(0, token.size() - 1), token + "A", segment(token, 0) + ".." + segment(token, 2),
        "." + segment(token, 1) + "." + segment(token, 2), segment(token, 0) + "." + segment(token, 1),
        std::string(10000, 'a') + "." + segment(token, 1) + "." + segment(token, 2),
        segment(token, 0) + "=." + segment(token, 1) + "." + segment(token, 2),
        segment(token, 0) + "." + segment(token, 1) + "." + segment(token, 2).substr(0, 84) + "=="}) {
    JwtError why{};
    EXPECT_FALSE(verify(bad, &why)) << bad;
  }
  // A payload that is signed but not a JSON object.
  const std::string kid = ring_->current_kid();
  expect_rejected(sign_raw(keys(), kid, R"({"alg":"EdDSA","kid":")" + kid + "\"}", "[1,2]"), JwtError::malformed);
  expect_rejected(sign_raw(keys(), kid, R"({"alg":"EdDSA","kid":")" + kid + "\"}", "{\"exp\":"), JwtError::malformed);
}

TEST_F(Jwt, RotationKeepsOldKeysForVerification) {
  const std::string old_kid = ring_->current_kid();
  const std::string old_token = ring_->sign(claims());
  const std::string new_kid = ring_->rotate();
  EXPECT_NE(new_kid, old_kid);
  EXPECT_EQ(ring_->current_kid(), new_kid);
  EXPECT_GT(new_kid, old_kid);  // kids sort by creation
  EXPECT_TRUE(verify(old_token));
  const std::string new_token = ring_->sign(claims());
  EXPECT_EQ(decode_segment(new_token, 0).at("kid").as_string(), new_kid);
  EXPECT_TRUE(verify(new_token));
  EXPECT_EQ(ring_->kids(), (std::vector<std::string>{new_kid, old_kid}));
  EXPECT_EQ(read_file(keys() / "current"), new_kid + "\n");
}

TEST_F(Jwt, ReloadFromDirectoryKeepsKeysAndCurrent) {
  const std::string t1 = ring_->sign(claims());
  const std::string kid2 = ring_->rotate();
  const std::string t2 = ring_->sign(claims());
  KeyRing reloaded = KeyRing::load_or_create(keys());
  EXPECT_EQ(reloaded.current_kid(), kid2);
  EXPECT_EQ(reloaded.kids(), ring_->kids());
  EXPECT_TRUE(reloaded.verify(t1, kNow, kIss, kAud));
  EXPECT_TRUE(reloaded.verify(t2, kNow, kIss, kAud));
  EXPECT_TRUE(ring_->verify(reloaded.sign(claims()), kNow, kIss, kAud));
  EXPECT_EQ(reloaded.jwks_json(), ring_->jwks_json());
}

TEST_F(Jwt, MissingCurrentAdoptsNewestKey) {
  ring_->rotate();
  const std::string newest = ring_->rotate();
  fs::remove(keys() / "current");
  KeyRing reloaded = KeyRing::load_or_create(keys());
  EXPECT_EQ(reloaded.current_kid(), newest);
  EXPECT_EQ(read_file(keys() / "current"), newest + "\n");
}

TEST_F(Jwt, BadDirectoryContentsThrow) {
  {
    std::ofstream(keys() / "current") << "nope\n";
    EXPECT_THROW(KeyRing::load_or_create(keys()), std::runtime_error);
  }
  std::ofstream(keys() / "current") << ring_->current_kid() << "\n";
  EXPECT_NO_THROW(KeyRing::load_or_create(keys()));
  {
    std::ofstream(keys() / "broken.pem") << "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    EXPECT_THROW(KeyRing::load_or_create(keys()), std::runtime_error);
    fs::remove(keys() / "broken.pem");
  }
  {
    // An RSA key is not an Ed25519 signing key.
    EVP_PKEY* rsa = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(1024));
    ASSERT_NE(rsa, nullptr);
    FILE* f = fopen((keys() / "rsa.pem").c_str(), "w");
    PEM_write_PrivateKey(f, rsa, nullptr, nullptr, 0, nullptr, nullptr);
    fclose(f);
    EVP_PKEY_free(rsa);
    EXPECT_THROW(KeyRing::load_or_create(keys()), std::runtime_error);
    fs::remove(keys() / "rsa.pem");
  }
  // Leftover temp files and other extensions are ignored.
  std::ofstream(keys() / ".junk.pem.tmp-123") << "x";
  std::ofstream(keys() / "notes.txt") << "x";
  EXPECT_NO_THROW(KeyRing::load_or_create(keys()));
  // A path that is a file, not a directory.
  EXPECT_THROW(KeyRing::load_or_create(keys() / "notes.txt"), std::runtime_error);
}

TEST_F(Jwt, JwksListsEveryKidCurrentFirst) {
  const std::string k1 = ring_->current_kid();
  const std::string k2 = ring_->rotate();
  const std::string k3 = ring_->rotate();
  const json::value jwks = json::parse(ring_->jwks_json());
  const json::array& keys_array = jwks.at("keys").as_array();
  ASSERT_EQ(keys_array.size(), 3u);
  std::vector<std::string> kids;
  std::set<std::string> xs;
  for (const auto& k : keys_array) {
    const json::object& o = k.as_object();
    EXPECT_EQ(o.at("kty"), "OKP");
    EXPECT_EQ(o.at("crv"), "Ed25519");
    EXPECT_EQ(o.at("use"), "sig");
    EXPECT_EQ(o.at("alg"), "EdDSA");
    EXPECT_FALSE(o.contains("d")) << "private key material in JWKS";
    auto x = base64url_decode(std::string(o.at("x").as_string()));
    ASSERT_TRUE(x.has_value());
    EXPECT_EQ(x->size(), 32u);
    xs.insert(*x);
    kids.emplace_back(o.at("kid").as_string());
  }
  EXPECT_EQ(kids, (std::vector<std::string>{k3, k2, k1}));
  EXPECT_EQ(xs.size(), 3u);
}

TEST_F(Jwt, JwksKeyVerifiesTheTokenIndependently) {
  // What a relying party does with the published JWKS: rebuild the key from "x" and check the signature.
  const std::string token = ring_->sign(claims());
  const json::object jwk = json::parse(ring_->jwks_json()).at("keys").at(0).as_object();
  const std::string x = *base64url_decode(std::string(jwk.at("x").as_string()));
  EVP_PKEY* pub = EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr,
                                                 reinterpret_cast<const unsigned char*>(x.data()), x.size());
  ASSERT_NE(pub, nullptr);
  const std::string input = token.substr(0, token.rfind('.'));
  const std::string sig = *base64url_decode(segment(token, 2));
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ASSERT_EQ(EVP_DigestVerifyInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, pub, nullptr), 1);
  EXPECT_EQ(EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char*>(input.data()), input.size()),
            1);
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(pub);
}

TEST_F(Jwt, ConcurrentVerifySignAndRotate) {
  std::vector<std::string> tokens;
  for (int i = 0; i < 8; ++i) tokens.push_back(ring_->sign(claims()));
  std::atomic<int> failures{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        if (!verify(tokens[static_cast<size_t>(i + t) % tokens.size()])) failures++;
        if (i % 10 == 0 && !verify(ring_->sign(claims()))) failures++;
        if (i % 50 == 0) (void)ring_->jwks_json();
      }
    });
  }
  std::thread rotator([&] {
    for (int i = 0; i < 3 && !stop; ++i) ring_->rotate();
  });
  for (auto& th : threads) th.join();
  stop = true;
  rotator.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(ring_->kids().size(), 4u);
}

TEST_F(Jwt, MovedRingStillWorks) {
  const std::string token = ring_->sign(claims());
  KeyRing moved = std::move(*ring_);
  EXPECT_TRUE(moved.verify(token, kNow, kIss, kAud));
  EXPECT_EQ(moved.directory(), keys());
  ring_.reset();
}

TEST(JwtErrors, Names) {
  EXPECT_EQ(to_string(JwtError::expired), "expired");
  EXPECT_EQ(to_string(JwtError::unsupported_alg), "unsupported_alg");
}

// Detached signatures (prescriptions): checked here against the public key as published in the JWKS,
// with OpenSSL directly, so the ring's own verify is not the only judge.
TEST_F(Jwt, DetachedSignatureVerifiesAgainstPublishedKey) {
  const std::string message = "kiorex.test.v1\n{\"a\":1}";
  const auto sig = ring_->sign_detached(message);
  EXPECT_EQ(sig.kid, ring_->current_kid());
  ASSERT_EQ(sig.signature.size(), 64u);
  const json::object jwks = json::parse(ring_->jwks_json()).as_object();
  const std::string x = *base64url_decode(std::string(jwks.at("keys").as_array()[0].as_object().at("x").as_string()));
  EVP_PKEY* pub = EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr,
                                                 reinterpret_cast<const unsigned char*>(x.data()), x.size());
  ASSERT_NE(pub, nullptr);
  const auto openssl_verifies = [pub](const std::string& m, const std::string& s) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestVerifyInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, pub, nullptr);
    const int ok = EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(s.data()), s.size(),
                                    reinterpret_cast<const unsigned char*>(m.data()), m.size());
    EVP_MD_CTX_free(ctx);
    return ok == 1;
  };
  EXPECT_TRUE(openssl_verifies(message, sig.signature));
  EXPECT_FALSE(openssl_verifies(message + " ", sig.signature));
  EVP_PKEY_free(pub);

  EXPECT_TRUE(ring_->verify_detached(sig.kid, message, sig.signature));
  EXPECT_FALSE(ring_->verify_detached(sig.kid, "kiorex.test.v1\n{\"a\":2}", sig.signature));
  std::string flipped = sig.signature;
  flipped[10] = static_cast<char>(flipped[10] ^ 1);
  EXPECT_FALSE(ring_->verify_detached(sig.kid, message, flipped));
  EXPECT_FALSE(ring_->verify_detached(sig.kid, message, sig.signature.substr(0, 63)));
  EXPECT_FALSE(ring_->verify_detached("no-such-kid", message, sig.signature));
  // A rotation keeps old signatures verifiable under their kid; new ones use the new key.
  const std::string new_kid = ring_->rotate();
  EXPECT_TRUE(ring_->verify_detached(sig.kid, message, sig.signature));
  EXPECT_FALSE(ring_->verify_detached(new_kid, message, sig.signature));
  EXPECT_EQ(ring_->sign_detached(message).kid, new_kid);
}

}  // namespace
}  // namespace kiorex::security
