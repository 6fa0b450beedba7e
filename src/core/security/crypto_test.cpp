#include "core/security/crypto.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "core/security/encoding.hpp"

namespace kiorex::security {
namespace {

std::string unhex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

TEST(CryptoRandom, ReturnsRequestedSizes) {
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(1).size(), 1u);
  EXPECT_EQ(random_bytes(32).size(), 32u);
  EXPECT_EQ(random_bytes(100000).size(), 100000u);
}

TEST(CryptoRandom, OutputsDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(random_bytes(16)).second);
}

TEST(CryptoRandom, BytesAreNotBiasedToZero) {
  const std::string r = random_bytes(4096);
  int zeros = 0;
  for (char c : r) zeros += (c == 0);
  EXPECT_LT(zeros, 64);  // expected 16; a broken generator returning zeros fails loudly
}

TEST(CryptoRandom, TokenIsBase64UrlOfRequestedBytes) {
  const std::string t = random_token();
  EXPECT_EQ(t.size(), 43u);
  for (char c : t) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << c;
  auto raw = base64url_decode(t);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(raw->size(), 32u);
  EXPECT_EQ(random_token(16).size(), 22u);
  EXPECT_NE(random_token(), random_token());
}

TEST(CryptoHash, Sha256KnownAnswers) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(CryptoHash, RawDigestMatchesHex) {
  const std::string raw = sha256("abc");
  EXPECT_EQ(raw.size(), 32u);
  EXPECT_EQ(hex_encode(raw), sha256_hex("abc"));
  EXPECT_EQ(sha256(std::string("a\0b", 3)).size(), 32u);
  EXPECT_NE(sha256(std::string("a\0b", 3)), sha256("a"));
}

TEST(CryptoHmac, Sha256Rfc4231) {
  // Test case 1
  EXPECT_EQ(hex_encode(hmac_sha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  // Test case 2
  EXPECT_EQ(hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: key longer than the block size
  EXPECT_EQ(hex_encode(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(CryptoHmac, Sha256EmptyKeyAndData) {
  EXPECT_EQ(hex_encode(hmac_sha256("", "")), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(CryptoHmac, Sha1Rfc2202) {
  EXPECT_EQ(hex_encode(hmac_sha1(std::string(20, '\x0b'), "Hi There")), "b617318655057264e28bc0b6fb378c8ef146be00");
  EXPECT_EQ(hex_encode(hmac_sha1("Jefe", "what do ya want for nothing?")), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  EXPECT_EQ(hmac_sha1("k", "d").size(), 20u);
}

TEST(CryptoCompare, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "Abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("abc", ""));
  EXPECT_TRUE(constant_time_equal(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(constant_time_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
}

class Aead : public ::testing::Test {
 protected:
  std::string key = random_bytes(32);
};

TEST_F(Aead, RoundTrip) {
  const std::string blob = aead_encrypt(key, "diagnosis: seasonal allergy", "users.notes:usr_1");
  EXPECT_EQ(blob.size(), kAeadNonceSize + 27 + kAeadTagSize);
  auto plain = aead_decrypt(key, blob, "users.notes:usr_1");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(*plain, "diagnosis: seasonal allergy");
}

TEST_F(Aead, EmptyPlaintextAndAad) {
  const std::string blob = aead_encrypt(key, "");
  EXPECT_EQ(blob.size(), kAeadNonceSize + kAeadTagSize);
  auto plain = aead_decrypt(key, blob);
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(*plain, "");
}

TEST_F(Aead, BinaryAndLargePayload) {
  const std::string data = random_bytes(1 << 20) + std::string("\0\0\0", 3);
  auto plain = aead_decrypt(key, aead_encrypt(key, data, "x"), "x");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(*plain, data);
}

TEST_F(Aead, FreshNonceEachTime) {
  const std::string a = aead_encrypt(key, "same");
  const std::string b = aead_encrypt(key, "same");
  EXPECT_NE(a.substr(0, kAeadNonceSize), b.substr(0, kAeadNonceSize));
  EXPECT_NE(a, b);
}

TEST_F(Aead, CiphertextDoesNotContainPlaintext) {
  const std::string blob = aead_encrypt(key, "SECRET-MARKER-SECRET-MARKER");
  EXPECT_EQ(blob.find("SECRET-MARKER"), std::string::npos);
}

TEST_F(Aead, WrongKeyFails) { EXPECT_FALSE(aead_decrypt(random_bytes(32), aead_encrypt(key, "hello", "a"), "a")); }

TEST_F(Aead, WrongAadFails) {
  const std::string blob = aead_encrypt(key, "hello", "users.notes:usr_1");
  EXPECT_FALSE(aead_decrypt(key, blob, "users.notes:usr_2"));
  EXPECT_FALSE(aead_decrypt(key, blob, ""));
}

TEST_F(Aead, EveryFlippedBitIsDetected) {
  const std::string blob = aead_encrypt(key, "0123456789", "aad");
  for (size_t i = 0; i < blob.size(); ++i) {
    for (int bit = 0; bit < 8; bit += 3) {
      std::string t = blob;
      t[i] = static_cast<char>(t[i] ^ (1 << bit));
      EXPECT_FALSE(aead_decrypt(key, t, "aad")) << "byte " << i << " bit " << bit;
    }
  }
}

TEST_F(Aead, TruncatedOrExtendedBlobFails) {
  const std::string blob = aead_encrypt(key, "hello");
  for (size_t n = 0; n < blob.size(); ++n) EXPECT_FALSE(aead_decrypt(key, blob.substr(0, n))) << n;
  EXPECT_FALSE(aead_decrypt(key, blob + "x"));
}

TEST_F(Aead, KeyMustBe32Bytes) {
  EXPECT_THROW(aead_encrypt(std::string(31, 'k'), "x"), std::invalid_argument);
  EXPECT_THROW(aead_encrypt(std::string(33, 'k'), "x"), std::invalid_argument);
  EXPECT_THROW(aead_encrypt("", "x"), std::invalid_argument);
  const std::string blob = aead_encrypt(key, "x");
  EXPECT_FALSE(aead_decrypt(key.substr(0, 16), blob));
}

TEST_F(Aead, BothDecryptionPathsAgree) {
  // aead_decrypt takes libsodium's AES-GCM on AES-NI CPUs and OpenSSL elsewhere: same answers for good,
  // tampered and mis-bound texts, and lengths around the 16-byte block.
  for (size_t n : {0u, 1u, 15u, 16u, 17u, 300u, 4096u}) {
    const std::string data = random_bytes(n);
    const std::string blob = aead_encrypt(key, data, "ctx");
    EXPECT_EQ(aead_decrypt(key, blob, "ctx"), std::optional<std::string>(data)) << n;
    EXPECT_EQ(aead_decrypt_openssl(key, blob, "ctx"), std::optional<std::string>(data)) << n;
    std::string bad = blob;
    bad[bad.size() / 2] ^= 0x20;
    EXPECT_FALSE(aead_decrypt(key, bad, "ctx")) << n;
    EXPECT_FALSE(aead_decrypt_openssl(key, bad, "ctx")) << n;
    EXPECT_FALSE(aead_decrypt(key, blob, "other")) << n;
    EXPECT_FALSE(aead_decrypt_openssl(key, blob, "other")) << n;
  }
}

TEST_F(Aead, APreparedKeyOpensWhatTheKeyOpensAndNothingElse) {
  const AeadOpenKey prepared(key);
  std::string out = "left over";
  for (size_t n : {0u, 1u, 15u, 16u, 17u, 300u, 4096u}) {
    const std::string data = random_bytes(n);
    const std::string blob = aead_encrypt(key, data, "medical_history:mhe_1");
    ASSERT_TRUE(prepared.decrypt_into(blob, "medical_history:mhe_1", out)) << n;
    EXPECT_EQ(out, data) << n;
    std::string bad = blob;
    bad[bad.size() / 2] ^= 0x20;
    EXPECT_FALSE(prepared.decrypt_into(bad, "medical_history:mhe_1", out)) << n;
    EXPECT_TRUE(out.empty()) << "cleared when it does not open";
    EXPECT_FALSE(prepared.decrypt_into(blob, "medical_history:mhe_2", out)) << n;
    EXPECT_FALSE(prepared.decrypt_into(aead_encrypt(random_bytes(32), data, "medical_history:mhe_1"),
                                       "medical_history:mhe_1", out))
        << n;
  }
  for (size_t n = 0; n < kAeadNonceSize + kAeadTagSize; n++)
    EXPECT_FALSE(prepared.decrypt_into(std::string(n, 'x'), "", out)) << "too short: " << n;
  EXPECT_THROW(AeadOpenKey(std::string(31, 'k')), std::invalid_argument);
}

TEST(AeadKnownAnswer, GcmSpecTestCase16) {
  // "The Galois/Counter Mode of Operation (GCM)", McGrew & Viega, test case 16 (AES-256, 96-bit IV, AAD).
  const std::string key = unhex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  const std::string iv = unhex("cafebabefacedbaddecaf888");
  const std::string plaintext = unhex(
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de6"
      "57ba637b39");
  const std::string aad = unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  const std::string ciphertext = unhex(
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a"
      "0abcc9f662");
  const std::string tag = unhex("76fc6ece0f4e1768cddf8853bb2d551b");
  auto plain = aead_decrypt(key, iv + ciphertext + tag, aad);
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(*plain, plaintext);
}

}  // namespace
}  // namespace kiorex::security
