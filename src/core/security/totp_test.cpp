#include "core/security/totp.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "core/security/crypto.hpp"

namespace kiorex::security {
namespace {

// ---- RFC 4648 base32 ----

TEST(Base32, Rfc4648EncodeVectorsWithoutPadding) {
  EXPECT_EQ(base32_encode(""), "");
  EXPECT_EQ(base32_encode("f"), "MY");
  EXPECT_EQ(base32_encode("fo"), "MZXQ");
  EXPECT_EQ(base32_encode("foo"), "MZXW6");
  EXPECT_EQ(base32_encode("foob"), "MZXW6YQ");
  EXPECT_EQ(base32_encode("fooba"), "MZXW6YTB");
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
}

TEST(Base32, Rfc4648DecodeVectorsWithAndWithoutPadding) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},          {"MY======", "f"},         {"MZXQ====", "fo"},          {"MZXW6===", "foo"},
      {"MZXW6YQ=", "foob"}, {"MZXW6YTB", "fooba"}, {"MZXW6YTBOI======", "foobar"}};
  for (const auto& [encoded, plain] : vectors) {
    auto padded = base32_decode(encoded);
    ASSERT_TRUE(padded.has_value()) << encoded;
    EXPECT_EQ(*padded, plain);
    std::string bare(encoded);
    bare.erase(bare.find_last_not_of('=') + 1);
    auto unpadded = base32_decode(bare);
    ASSERT_TRUE(unpadded.has_value()) << bare;
    EXPECT_EQ(*unpadded, plain);
  }
}

TEST(Base32, DecodeAcceptsLowercaseAndSpaces) {
  auto a = base32_decode("mzxw 6ytb oi");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(*a, "foobar");
  auto b = base32_decode("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(*b, "12345678901234567890");
}

TEST(Base32, DecodeRejectsBadInput) {
  EXPECT_FALSE(base32_decode("MZXW1"));      // '1' is not base32
  EXPECT_FALSE(base32_decode("MZXW0"));      // nor '0'
  EXPECT_FALSE(base32_decode("MZ*W6"));
  EXPECT_FALSE(base32_decode("M"));          // 1 symbol: no whole byte
  EXPECT_FALSE(base32_decode("MZX"));        // 3 symbols
  EXPECT_FALSE(base32_decode("MZXW6Y"));     // 6 symbols
  EXPECT_FALSE(base32_decode("MY==MY=="));   // data after padding
}

TEST(Base32, RoundTripsEveryLength) {
  for (size_t n = 0; n <= 41; ++n) {
    const std::string bytes = random_bytes(n);
    const std::string encoded = base32_encode(bytes);
    EXPECT_EQ(encoded.size(), (n * 8 + 4) / 5);
    EXPECT_EQ(encoded.find('='), std::string::npos);
    auto decoded = base32_decode(encoded);
    ASSERT_TRUE(decoded.has_value()) << n;
    EXPECT_EQ(*decoded, bytes);
  }
}

// ---- RFC 6238 ----

constexpr const char* kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";  // base32("12345678901234567890")

TEST(Totp, Rfc6238Sha1Vectors) {
  ASSERT_EQ(base32_encode("12345678901234567890"), kRfcSecret);
  EXPECT_EQ(totp_code(kRfcSecret, 59, 8), "94287082");
  EXPECT_EQ(totp_code(kRfcSecret, 1111111109, 8), "07081804");
  EXPECT_EQ(totp_code(kRfcSecret, 1111111111, 8), "14050471");
  EXPECT_EQ(totp_code(kRfcSecret, 1234567890, 8), "89005924");
  EXPECT_EQ(totp_code(kRfcSecret, 2000000000, 8), "69279037");
  EXPECT_EQ(totp_code(kRfcSecret, 20000000000, 8), "65353130");
}

TEST(Totp, SixDigitsAreTheLastSixOfTheValue) {
  EXPECT_EQ(totp_code(kRfcSecret, 59), "287082");
  EXPECT_EQ(totp_code(kRfcSecret, 1111111109), "081804");  // keeps leading zero
  EXPECT_EQ(totp_code(kRfcSecret, 1111111109, 7), "7081804");
}

TEST(Totp, Rfc4226HotpVectorsViaPeriodOne) {
  // With period 1, the time is the counter: RFC 4226 appendix D.
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(totp_code(kRfcSecret, i, 6, 1), expected[i]) << i;
}

TEST(Totp, StepBoundaries) {
  EXPECT_EQ(totp_code(kRfcSecret, 30), totp_code(kRfcSecret, 59));
  EXPECT_NE(totp_code(kRfcSecret, 59), totp_code(kRfcSecret, 60));
  EXPECT_EQ(totp_code(kRfcSecret, 59), totp_code("gezdgnbvgy3tqojq gezdgnbvgy3tqojq", 59));
}

TEST(Totp, InvalidArgumentsThrow) {
  EXPECT_THROW(totp_code("not base32!", 0), std::invalid_argument);
  EXPECT_THROW(totp_code("", 0), std::invalid_argument);
  EXPECT_THROW(totp_code(kRfcSecret, 0, 5), std::invalid_argument);
  EXPECT_THROW(totp_code(kRfcSecret, 0, 9), std::invalid_argument);
  EXPECT_THROW(totp_code(kRfcSecret, 0, 6, 0), std::invalid_argument);
  EXPECT_THROW(totp_code(kRfcSecret, -1), std::invalid_argument);
}

TEST(Totp, NewSecretIs160RandomBits) {
  const std::string a = totp_new_secret();
  EXPECT_EQ(a.size(), 32u);
  auto raw = base32_decode(a);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(raw->size(), 20u);
  EXPECT_NE(a, totp_new_secret());
}

TEST(TotpVerify, AcceptsCurrentCodeAndReturnsItsStep) {
  const std::string secret = totp_new_secret();
  const int64_t now = 1700000015;
  auto step = totp_verify(secret, totp_code(secret, now), now);
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(*step, now / 30);
}

TEST(TotpVerify, WindowAllowsClockDrift) {
  const std::string secret = totp_new_secret();
  const int64_t now = 1700000015;
  EXPECT_EQ(totp_verify(secret, totp_code(secret, now - 30), now), now / 30 - 1);
  EXPECT_EQ(totp_verify(secret, totp_code(secret, now + 30), now), now / 30 + 1);
  EXPECT_FALSE(totp_verify(secret, totp_code(secret, now - 60), now));
  EXPECT_FALSE(totp_verify(secret, totp_code(secret, now + 60), now));
  EXPECT_EQ(totp_verify(secret, totp_code(secret, now - 60), now, 2), now / 30 - 2);
  EXPECT_FALSE(totp_verify(secret, totp_code(secret, now - 30), now, 0));
}

TEST(TotpVerify, RefusesReuseOfAStep) {
  const std::string secret = totp_new_secret();
  const int64_t now = 1700000015;
  const std::string code = totp_code(secret, now);
  auto step = totp_verify(secret, code, now);
  ASSERT_TRUE(step.has_value());
  // Same code again, even a few seconds later within the window: refused.
  EXPECT_FALSE(totp_verify(secret, code, now + 5, 1, *step));
  // An older code after a newer one was used: refused.
  EXPECT_FALSE(totp_verify(secret, totp_code(secret, now - 30), now, 1, *step));
  // The next step's code is fine.
  EXPECT_EQ(totp_verify(secret, totp_code(secret, now + 30), now + 30, 1, *step), *step + 1);
}

TEST(TotpVerify, RejectsWrongOrMalformedCodes) {
  const std::string secret = totp_new_secret();
  const int64_t now = 1700000015;
  std::string code = totp_code(secret, now);
  std::string wrong = code;
  wrong[5] = static_cast<char>('0' + (wrong[5] - '0' + 1) % 10);
  EXPECT_FALSE(totp_verify(secret, wrong, now));
  EXPECT_FALSE(totp_verify(secret, code.substr(0, 5), now));
  EXPECT_FALSE(totp_verify(secret, code + "0", now));
  EXPECT_FALSE(totp_verify(secret, "", now));
  EXPECT_FALSE(totp_verify(secret, "12345a", now));
  EXPECT_FALSE(totp_verify(secret, "-12345", now));
  EXPECT_FALSE(totp_verify("!!!", code, now));
  EXPECT_FALSE(totp_verify("", code, now));
  // Spaces as typed from an authenticator ("123 456") are fine.
  EXPECT_TRUE(totp_verify(secret, code.substr(0, 3) + " " + code.substr(3), now));
}

TEST(TotpVerify, EightDigitRfcVector) {
  EXPECT_EQ(totp_verify(kRfcSecret, "14050471", 1111111111, 1, -1, 8), 1111111111 / 30);
  EXPECT_FALSE(totp_verify(kRfcSecret, "14050471", 1111111111, 1, -1, 6));
}

// ---- enrolment ----

TEST(OtpauthUri, KeyUriFormat) {
  EXPECT_EQ(otpauth_uri("Kiorex", "jane@example.com", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Kiorex:jane@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Kiorex&algorithm=SHA1&digits=6&period=30");
}

TEST(OtpauthUri, PercentEncodesLabelAndIssuer) {
  EXPECT_EQ(otpauth_uri("Kiorex Health", "Jane Doe+test@example.com", "jbsw y3dp ehpk 3pxp"),
            "otpauth://totp/Kiorex%20Health:Jane%20Doe%2Btest@example.com?secret=JBSWY3DPEHPK3PXP"
            "&issuer=Kiorex%20Health&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("A&B:C", "x?y", "MY"),
            "otpauth://totp/A%26B%3AC:x%3Fy?secret=MY&issuer=A%26B%3AC&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("", "ü", "MY"), "otpauth://totp/%C3%BC?secret=MY&algorithm=SHA1&digits=6&period=30");
}

TEST(QrSvg, ProducesOnePathWithQuietZone) {
  const std::string svg = qr_svg(otpauth_uri("Kiorex", "jane@example.com", totp_new_secret()));
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  size_t paths = 0;
  for (size_t p = svg.find("<path"); p != std::string::npos; p = svg.find("<path", p + 1)) ++paths;
  EXPECT_EQ(paths, 1u);

  const size_t vb = svg.find("viewBox=\"0 0 ");
  ASSERT_NE(vb, std::string::npos);
  size_t used = 0;
  const int size = std::stoi(svg.substr(vb + 13), &used);
  EXPECT_EQ(svg.substr(vb + 13 + used, std::to_string(size).size() + 2), " " + std::to_string(size) + "\"");
  const int modules = size - 8;  // 4-module quiet zone on each side
  EXPECT_GE(modules, 21);
  EXPECT_EQ((modules - 17) % 4, 0) << "QR widths are 17 + 4 * version";
  // The top-left finder pattern: a 7-module dark run starting right after the quiet zone.
  EXPECT_NE(svg.find("M4 4h7v1h-7z"), std::string::npos);
  // Its top-right counterpart.
  EXPECT_NE(svg.find("M" + std::to_string(4 + modules - 7) + " 4h7v1h-7z"), std::string::npos);
}

TEST(QrSvg, SmallTextIsVersionOne) {
  const std::string svg = qr_svg("hello");
  EXPECT_NE(svg.find("viewBox=\"0 0 29 29\""), std::string::npos) << svg.substr(0, 120);
}

TEST(QrSvg, RejectsUnencodableText) {
  EXPECT_THROW(qr_svg(std::string("a\0b", 3)), std::invalid_argument);
  EXPECT_THROW(qr_svg(std::string(5000, 'x')), std::invalid_argument);
}

// ---- recovery codes ----

TEST(RecoveryCodes, FormatAlphabetAndUniqueness) {
  const auto codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), 10u);
  const std::string alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
  const auto well_formed = [&](const std::string& code) {
    if (code.size() != 12 || code[4] != '-' || code[9] != '-') return false;
    for (size_t i = 0; i < code.size(); ++i) {
      if (i != 4 && i != 9 && alphabet.find(code[i]) == std::string::npos) return false;
    }
    return true;
  };
  std::set<std::string> unique;
  for (const auto& code : codes) {
    EXPECT_TRUE(well_formed(code)) << code;
    EXPECT_EQ(code.find_first_of("01ilo"), std::string::npos) << code;
    unique.insert(code);
  }
  EXPECT_EQ(unique.size(), codes.size());
  EXPECT_EQ(new_recovery_codes(3).size(), 3u);
  EXPECT_TRUE(new_recovery_codes(0).empty());
  EXPECT_NE(new_recovery_codes(1), new_recovery_codes(1));
}

TEST(RecoveryCodes, AllSymbolsAppear) {
  std::set<char> seen;
  for (const auto& code : new_recovery_codes(200)) {
    for (char c : code) {
      if (c != '-') seen.insert(c);
    }
  }
  EXPECT_EQ(seen.size(), 31u);
}

TEST(RecoveryCodes, Normalize) {
  EXPECT_EQ(normalize_recovery_code(" 7KQ2-x9mf-3D "), "7kq2x9mf3d");
  EXPECT_EQ(normalize_recovery_code("7kq2x9mf3d"), "7kq2x9mf3d");
}

}  // namespace
}  // namespace kiorex::security
