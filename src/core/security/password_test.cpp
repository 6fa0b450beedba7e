#include "core/security/password.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace kiorex::security {
namespace {

const PasswordHasher& hasher() {
  static const PasswordHasher h = PasswordHasher::fast_for_tests();
  return h;
}

TEST(PasswordHasher, HashIsArgon2idWithTheConfiguredLimits) {
  const std::string h = hasher().hash("violet tractor sandwich");
  EXPECT_EQ(h.rfind("$argon2id$v=19$", 0), 0u) << h;
  EXPECT_NE(h.find("t=1,"), std::string::npos) << h;  // opslimit
  EXPECT_NE(h.find("m=8,"), std::string::npos) << h;  // memlimit in KiB
  EXPECT_EQ(h.find("violet"), std::string::npos);
}

TEST(PasswordHasher, VerifiesTheRightPasswordOnly) {
  const std::string h = hasher().hash("violet tractor sandwich");
  EXPECT_TRUE(hasher().verify(h, "violet tractor sandwich"));
  EXPECT_FALSE(hasher().verify(h, "violet tractor sandwicH"));
  EXPECT_FALSE(hasher().verify(h, "violet tractor sandwich "));
  EXPECT_FALSE(hasher().verify(h, ""));
}

TEST(PasswordHasher, SaltMakesEveryHashDifferent) {
  const std::string a = hasher().hash("same password here");
  const std::string b = hasher().hash("same password here");
  EXPECT_NE(a, b);
  EXPECT_TRUE(hasher().verify(a, "same password here"));
  EXPECT_TRUE(hasher().verify(b, "same password here"));
}

TEST(PasswordHasher, BinarySafeAndUnicodePasswords) {
  const std::string with_nul("abc\0def", 7);
  const std::string h = hasher().hash(with_nul);
  EXPECT_TRUE(hasher().verify(h, with_nul));
  EXPECT_FALSE(hasher().verify(h, "abc"));

  const std::string unicode = "पासवर्ड सुरक्षित है 🔒";
  EXPECT_TRUE(hasher().verify(hasher().hash(unicode), unicode));

  const std::string empty_hash = hasher().hash("");
  EXPECT_TRUE(hasher().verify(empty_hash, ""));
  EXPECT_FALSE(hasher().verify(empty_hash, "x"));
}

TEST(PasswordHasher, MalformedStoredHashNeverVerifies) {
  EXPECT_FALSE(hasher().verify("", "x"));
  EXPECT_FALSE(hasher().verify("not a hash", "not a hash"));
  EXPECT_FALSE(hasher().verify("$argon2id$v=19$m=8,t=1,p=1$garbage", "x"));
  EXPECT_FALSE(hasher().verify(std::string(500, '$'), "x"));
  std::string h = hasher().hash("pw");
  EXPECT_FALSE(hasher().verify(h.substr(0, h.size() - 2), "pw"));
  EXPECT_FALSE(hasher().verify(h + std::string("\0", 1), "pw"));
}

TEST(PasswordHasher, VerifiesHashesMadeWithOtherLimits) {
  // Stored hashes carry their own limits, so raising the cost keeps old hashes verifiable.
  const PasswordHasher stronger(2, crypto_pwhash_argon2id_MEMLIMIT_MIN * 2);
  const std::string old_hash = hasher().hash("long enough password");
  EXPECT_TRUE(stronger.verify(old_hash, "long enough password"));
  EXPECT_TRUE(stronger.needs_rehash(old_hash));
  EXPECT_FALSE(hasher().needs_rehash(old_hash));
  const std::string new_hash = stronger.hash("long enough password");
  EXPECT_FALSE(stronger.needs_rehash(new_hash));
  EXPECT_TRUE(hasher().needs_rehash(new_hash));
}

TEST(PasswordHasher, NeedsRehashForForeignOrBrokenHashes) {
  EXPECT_TRUE(hasher().needs_rehash(""));
  EXPECT_TRUE(hasher().needs_rehash("$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"));
  EXPECT_TRUE(hasher().needs_rehash("$argon2id$garbage"));

  // Argon2i (the older libsodium default) verifies but must be upgraded to Argon2id.
  char argon2i[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(argon2i, "pw", 2, 3, crypto_pwhash_argon2i_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2I13), 0);
  EXPECT_TRUE(hasher().verify(argon2i, "pw"));
  EXPECT_TRUE(hasher().needs_rehash(argon2i));
}

TEST(PasswordHasher, DefaultsAreInteractiveLimits) {
  const PasswordHasher h;
  EXPECT_EQ(h.opslimit(), static_cast<unsigned long long>(crypto_pwhash_OPSLIMIT_INTERACTIVE));
  EXPECT_EQ(h.memlimit(), static_cast<size_t>(crypto_pwhash_MEMLIMIT_INTERACTIVE));
  EXPECT_EQ(PasswordHasher::fast_for_tests().opslimit(), static_cast<unsigned long long>(crypto_pwhash_argon2id_OPSLIMIT_MIN));
  EXPECT_EQ(PasswordHasher::fast_for_tests().memlimit(), static_cast<size_t>(crypto_pwhash_argon2id_MEMLIMIT_MIN));
}

TEST(PasswordHasher, RejectsLimitsOutsideArgon2idBounds) {
  EXPECT_THROW(PasswordHasher(0, crypto_pwhash_MEMLIMIT_INTERACTIVE), std::invalid_argument);
  EXPECT_THROW(PasswordHasher(crypto_pwhash_OPSLIMIT_INTERACTIVE, 1024), std::invalid_argument);
}

TEST(PasswordHasher, BurnTimeRunsAndCopiesShareTheDummy) {
  const PasswordHasher h = PasswordHasher::fast_for_tests();
  EXPECT_NO_THROW(h.burn_time("anything"));
  const PasswordHasher copy = h;
  EXPECT_NO_THROW(copy.burn_time(""));
  EXPECT_NO_THROW(copy.burn_time(std::string(1000, 'x')));
}

TEST(PasswordHasher, ConcurrentUse) {
  const PasswordHasher h = PasswordHasher::fast_for_tests();
  const std::string stored = h.hash("shared secret value");
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        h.burn_time("x");
        if (h.verify(stored, "shared secret value") && !h.verify(stored, "wrong")) ok++;
        std::string pw = "p";
        pw += std::to_string(i);
        if (h.verify(h.hash(pw), pw)) ok++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 80);
}

// ---- policy ----

TEST(PasswordPolicy, AcceptsAStrongPassphrase) {
  EXPECT_EQ(password_policy_violation("violet tractor sandwich 42", {}), std::nullopt);
  EXPECT_EQ(password_policy_violation("Tr0ub4dor&3-kiosk", {"jane.doe@example.com", "Jane Doe", "+1 415 555 0100"}),
            std::nullopt);
}

TEST(PasswordPolicy, MinimumLengthCountsCodePoints) {
  EXPECT_NE(password_policy_violation("k7#pqz!w2", {}), std::nullopt);  // 9
  EXPECT_EQ(password_policy_violation("k7#pqz!w2m", {}), std::nullopt);  // 10
  // 9 Greek letters are 18 bytes but only 9 characters.
  EXPECT_NE(password_policy_violation("αβγδεζηθι", {}), std::nullopt);
  EXPECT_EQ(password_policy_violation("αβγδεζηθικ", {}), std::nullopt);
  auto message = password_policy_violation("short", {});
  ASSERT_TRUE(message.has_value());
  EXPECT_NE(message->find("at least 10"), std::string::npos) << *message;
  EXPECT_NE(password_policy_violation("", {}), std::nullopt);
}

TEST(PasswordPolicy, MaximumLength) {
  std::string pw;
  for (int i = 0; pw.size() < 128; ++i) pw += static_cast<char>('a' + (i * 7) % 26);
  EXPECT_EQ(password_policy_violation(pw, {}), std::nullopt);
  auto message = password_policy_violation(pw + "x", {});
  ASSERT_TRUE(message.has_value());
  EXPECT_NE(message->find("at most 128"), std::string::npos) << *message;
  // 128 emoji are 512 bytes but 128 characters: accepted.
  std::string emoji;
  for (int i = 0; i < 64; ++i) emoji += "🔒🔑";
  EXPECT_EQ(password_policy_violation(emoji, {}), std::nullopt);
}

TEST(PasswordPolicy, RejectsCommonPasswordsCaseInsensitively) {
  for (const char* pw : {"password123", "qwertyuiop", "1234567890", "Password123", "QWERTYUIOP", "1q2w3e4r5t",
                         "iloveyou123", "password1234"}) {
    auto message = password_policy_violation(pw, {});
    ASSERT_TRUE(message.has_value()) << pw;
    EXPECT_NE(message->find("too common"), std::string::npos) << *message;
  }
}

TEST(PasswordPolicy, CommonListIsLoaded) {
  EXPECT_GE(common_password_count(), 10000u);
  EXPECT_TRUE(is_common_password("123456"));
  EXPECT_TRUE(is_common_password("password"));
  EXPECT_TRUE(is_common_password("PassWord"));
  EXPECT_TRUE(is_common_password("qwertyuiop"));
  EXPECT_FALSE(is_common_password("violet tractor sandwich 42"));
  EXPECT_FALSE(is_common_password(""));
  EXPECT_FALSE(is_common_password("password "));
}

TEST(PasswordPolicy, RejectsOneRepeatedCharacter) {
  EXPECT_NE(password_policy_violation("zzzzzzzzzzzz", {}), std::nullopt);
  EXPECT_NE(password_policy_violation("ßßßßßßßßßßßß", {}), std::nullopt);
  auto message = password_policy_violation("############", {});
  ASSERT_TRUE(message.has_value());
  EXPECT_NE(message->find("repeated"), std::string::npos) << *message;
  EXPECT_EQ(password_policy_violation("zzzzzzzzzzzy", {}), std::nullopt);
}

TEST(PasswordPolicy, RejectsTheEmailLocalPart) {
  const PasswordContext ctx{"Jane.Doe@example.com", "", ""};
  EXPECT_NE(password_policy_violation("jane.doe@example.com", ctx), std::nullopt);
  auto message = password_policy_violation("my jane.doe garden", ctx);
  ASSERT_TRUE(message.has_value());
  EXPECT_NE(message->find("email"), std::string::npos) << *message;
  EXPECT_NE(password_policy_violation("JANE.DOE-rocks-2024", ctx), std::nullopt);
  EXPECT_EQ(password_policy_violation("jane doe garden party", ctx), std::nullopt);
  // Local parts shorter than 4 characters are not checked.
  EXPECT_EQ(password_policy_violation("bob the garden builder", {"bob@example.com", "", ""}), std::nullopt);
}

TEST(PasswordPolicy, RejectsTheNameAndItsWords) {
  const PasswordContext ctx{"", "Priya Raman", ""};
  auto message = password_policy_violation("priya raman 1990", ctx);
  ASSERT_TRUE(message.has_value());
  EXPECT_NE(message->find("name"), std::string::npos) << *message;
  EXPECT_NE(password_policy_violation("PriyaRaman!!", ctx), std::nullopt);
  EXPECT_NE(password_policy_violation("xx-RAMAN-garden-77", ctx), std::nullopt);
  EXPECT_NE(password_policy_violation("priya-loves-tea", ctx), std::nullopt);
  // Words shorter than 4 characters are not checked.
  EXPECT_EQ(password_policy_violation("sun and moon forever", {"", "Al Li", ""}), std::nullopt);
  EXPECT_NE(password_policy_violation("ananyaananya1", {"", "Ananya", ""}), std::nullopt);
}

TEST(PasswordPolicy, RejectsThePhoneNumber) {
  const PasswordContext ctx{"", "", "+91 98765 43210"};
  auto message = password_policy_violation("call me 9876543210", ctx);
  ASSERT_TRUE(message.has_value());
  EXPECT_NE(message->find("phone"), std::string::npos) << *message;
  EXPECT_NE(password_policy_violation("ring 6543210 now", ctx), std::nullopt);
  EXPECT_EQ(password_policy_violation("ring 1234987 now", ctx), std::nullopt);
}

TEST(PasswordPolicy, RejectsInvalidUtf8) {
  EXPECT_NE(password_policy_violation("abcdefghij\xff", {}), std::nullopt);
  EXPECT_NE(password_policy_violation("abcdefghij\xc3", {}), std::nullopt);          // truncated
  EXPECT_NE(password_policy_violation("abcdefghij\xc0\xaf", {}), std::nullopt);      // overlong '/'
  EXPECT_NE(password_policy_violation("abcdefghij\xed\xa0\x80", {}), std::nullopt);  // surrogate
}

}  // namespace
}  // namespace kiorex::security
