// The master key ring: versions on disk, the pre-ring master.key, reloads, the configured key.
#include "core/security/master_key.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "core/config/config.hpp"
#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::security {
namespace {

namespace fs = std::filesystem;

class MasterKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "kiorex_master_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    keys_ = dir_ / "keys";
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  static void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  static unsigned mode(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
  }

  fs::path dir_, keys_;
};

TEST_F(MasterKeyTest, FirstStartCreatesVersionOnePrivately) {
  auto box = SecretBox::load_or_create("", keys_);
  EXPECT_TRUE(box.file_backed());
  EXPECT_EQ(box.current_version(), 1);
  EXPECT_EQ(box.versions(), std::vector<int>{1});
  ASSERT_TRUE(fs::exists(keys_ / "master" / "1.key"));
  EXPECT_EQ(mode(keys_ / "master" / "1.key"), 0600u);
  EXPECT_EQ(mode(keys_ / "master"), 0700u);
  EXPECT_EQ(mode(keys_), 0700u);
  EXPECT_EQ(read(keys_ / "master" / "current"), "1\n");
  auto key = base64_decode(read(keys_ / "master" / "1.key").substr(0, 44));
  ASSERT_TRUE(key);
  EXPECT_EQ(key->size(), 32u);
  EXPECT_FALSE(fs::exists(keys_ / "master.key"));
  // Nothing but the key files and "current" is left behind (no temp files).
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(keys_ / "master")) names.insert(e.path().filename().string());
  EXPECT_EQ(names, (std::set<std::string>{"1.key", "current"}));
}

TEST_F(MasterKeyTest, SealCarriesTheVersionAndOpensWithTheSameContextOnly) {
  auto box = SecretBox::load_or_create("", keys_);
  std::string sealed = box.seal("JBSWY3DPEHPK3PXP", "users.mfa_secret:usr_1");
  EXPECT_EQ(sealed.rfind("v1.", 0), 0u) << sealed;
  EXPECT_EQ(SecretBox::version_of(sealed), 1);
  EXPECT_EQ(box.open(sealed, "users.mfa_secret:usr_1"), "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(box.open(sealed, "users.mfa_secret:usr_2"), std::nullopt);
  std::string tampered = sealed;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  EXPECT_EQ(box.open(tampered, "users.mfa_secret:usr_1"), std::nullopt);
  EXPECT_EQ(box.open("v1.not base64!", "x"), std::nullopt);
  EXPECT_EQ(box.open("v.abc", "x"), std::nullopt);
  EXPECT_EQ(box.open("x1.abc", "x"), std::nullopt);
  EXPECT_EQ(box.open("v99.abc", "x"), std::nullopt);
  EXPECT_EQ(box.open("", "x"), std::nullopt);
  // The same plaintext twice gives different texts (fresh nonces).
  EXPECT_NE(box.seal("a", "c"), box.seal("a", "c"));
}

TEST_F(MasterKeyTest, RotationKeepsOldTextsOpeningAndSurvivesARestart) {
  auto box = SecretBox::load_or_create("", keys_);
  std::string v1 = box.seal("one", "ctx");
  EXPECT_EQ(box.rotate(), 2);
  EXPECT_EQ(box.current_version(), 2);
  std::string v2 = box.seal("two", "ctx");
  EXPECT_EQ(v2.rfind("v2.", 0), 0u);
  EXPECT_EQ(box.open(v1, "ctx"), "one");
  EXPECT_EQ(box.open(v2, "ctx"), "two");
  EXPECT_EQ(mode(keys_ / "master" / "2.key"), 0600u);
  EXPECT_EQ(read(keys_ / "master" / "current"), "2\n");
  EXPECT_EQ(box.rotate(), 3);

  auto again = SecretBox::load_or_create("", keys_);
  EXPECT_EQ(again.current_version(), 3);
  EXPECT_EQ(again.versions(), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(again.open(v1, "ctx"), "one");
  EXPECT_EQ(again.open(v2, "ctx"), "two");
}

TEST_F(MasterKeyTest, ThePreRingMasterKeyBecomesVersionOneAndItsTextsStillOpen) {
  // What the previous release wrote: keys/master.key and un-prefixed base64 texts.
  std::string key = random_bytes(32);
  write(keys_ / "master.key", base64_encode(key) + "\n");
  std::string legacy = base64_encode(aead_encrypt(key, "JBSWY3DPEHPK3PXP", "users.mfa_secret:usr_1"));
  ASSERT_EQ(legacy.find('.'), std::string::npos);

  auto box = SecretBox::load_or_create("", keys_);
  EXPECT_EQ(box.current_version(), 1);
  EXPECT_EQ(SecretBox::version_of(legacy), 1);
  EXPECT_EQ(box.open(legacy, "users.mfa_secret:usr_1"), "JBSWY3DPEHPK3PXP");
  EXPECT_FALSE(fs::exists(keys_ / "master.key")) << "the migrated file is removed";
  EXPECT_EQ(base64_decode(read(keys_ / "master" / "1.key").substr(0, 44)), key);
  EXPECT_EQ(mode(keys_ / "master" / "1.key"), 0600u);

  box.rotate();
  EXPECT_EQ(box.open(legacy, "users.mfa_secret:usr_1"), "JBSWY3DPEHPK3PXP");
  auto again = SecretBox::load_or_create("", keys_);
  EXPECT_EQ(again.open(legacy, "users.mfa_secret:usr_1"), "JBSWY3DPEHPK3PXP");
}

TEST_F(MasterKeyTest, ACrashAfterMigratingFinishesOnTheNextStartButConflictingKeysAreRefused) {
  std::string key = random_bytes(32);
  write(keys_ / "master.key", base64_encode(key) + "\n");
  { auto box = SecretBox::load_or_create("", keys_); }
  // As if the process died before removing master.key: the same key is still there.
  write(keys_ / "master.key", base64_encode(key) + "\n");
  EXPECT_NO_THROW(SecretBox::load_or_create("", keys_));
  EXPECT_FALSE(fs::exists(keys_ / "master.key"));
  // A different master.key beside the ring is ambiguous: refuse to guess.
  write(keys_ / "master.key", base64_encode(random_bytes(32)) + "\n");
  EXPECT_THROW(SecretBox::load_or_create("", keys_), config::ConfigError);
}

TEST_F(MasterKeyTest, BrokenKeyFilesAreRefused) {
  write(keys_ / "master.key", "not a key\n");
  EXPECT_THROW(SecretBox::load_or_create("", keys_), config::ConfigError);
  fs::remove(keys_ / "master.key");
  write(keys_ / "master" / "1.key", base64_encode(random_bytes(16)) + "\n");
  EXPECT_THROW(SecretBox::load_or_create("", keys_), config::ConfigError);
  fs::remove(keys_ / "master" / "1.key");
  write(keys_ / "master" / "1.key", base64_encode(random_bytes(32)) + "\n");
  write(keys_ / "master" / "current", "7\n");
  EXPECT_THROW(SecretBox::load_or_create("", keys_), config::ConfigError);
}

TEST_F(MasterKeyTest, MissingCurrentAdoptsTheNewestVersion) {
  {
    auto box = SecretBox::load_or_create("", keys_);
    box.rotate();
  }
  fs::remove(keys_ / "master" / "current");
  auto box = SecretBox::load_or_create("", keys_);
  EXPECT_EQ(box.current_version(), 2);
  EXPECT_EQ(read(keys_ / "master" / "current"), "2\n");
}

TEST_F(MasterKeyTest, ReloadFromDiskPicksUpAnotherProcesssRotation) {
  auto server = SecretBox::load_or_create("", keys_);
  std::string old_text = server.seal("old", "ctx");
  auto command = SecretBox::load_or_create("", keys_);  // `kiorex keys rotate` in another process
  EXPECT_EQ(command.rotate(), 2);
  std::string new_text = command.seal("new", "ctx");
  EXPECT_EQ(server.current_version(), 1);
  EXPECT_TRUE(server.reload_from_disk());
  EXPECT_EQ(server.current_version(), 2);
  EXPECT_FALSE(server.reload_from_disk()) << "nothing new the second time";
  EXPECT_EQ(server.open(new_text, "ctx"), "new");
  EXPECT_EQ(server.seal("x", "ctx").rfind("v2.", 0), 0u);
  EXPECT_EQ(command.open(old_text, "ctx"), "old");
}

TEST_F(MasterKeyTest, OpenOfAnUnknownVersionRereadsTheDirectory) {
  auto server = SecretBox::load_or_create("", keys_);
  auto command = SecretBox::load_or_create("", keys_);
  command.rotate();
  std::string text = command.seal("fresh", "ctx");
  // The server has not reloaded yet; opening text of a version it does not know makes it look.
  EXPECT_EQ(server.open(text, "ctx"), "fresh");
  EXPECT_EQ(server.current_version(), 2);
}

TEST_F(MasterKeyTest, RequestsRacingOnAFreshVersionAllOpenIt) {
  auto server = SecretBox::load_or_create("", keys_);
  auto command = SecretBox::load_or_create("", keys_);
  command.rotate();
  std::string text = command.seal("fresh", "ctx");
  std::atomic<int> opened{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; t++)
    threads.emplace_back([&] {
      while (!go) std::this_thread::yield();
      if (server.open(text, "ctx") == "fresh") opened++;
    });
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(opened.load(), 6);
  // Text naming a version that exists nowhere does not open (and does not rescan more than once a second).
  EXPECT_EQ(server.open("v42." + text.substr(3), "ctx"), std::nullopt);
  EXPECT_EQ(server.open("v42." + text.substr(3), "ctx"), std::nullopt);
}

TEST_F(MasterKeyTest, ConcurrentRotationsInTwoProcessesNeverShareAVersion) {
  auto a = SecretBox::load_or_create("", keys_);
  auto b = SecretBox::load_or_create("", keys_);
  std::atomic<int> va{0}, vb{0};
  std::thread ta([&] { va = a.rotate(); });
  std::thread tb([&] { vb = b.rotate(); });
  ta.join();
  tb.join();
  EXPECT_NE(va.load(), vb.load());
  std::string sa = a.seal("a", "c"), sb = b.seal("b", "c");
  auto c = SecretBox::load_or_create("", keys_);
  EXPECT_EQ(c.versions(), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(c.open(sa, "c"), "a");
  EXPECT_EQ(c.open(sb, "c"), "b");
}

TEST_F(MasterKeyTest, ReadersRunWhileTheRingRotatesAndReloads) {
  auto box = SecretBox::load_or_create("", keys_);
  auto other = SecretBox::load_or_create("", keys_);
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; t++)
    readers.emplace_back([&] {
      while (!stop) {
        std::string s = box.seal("payload", "ctx");
        if (box.open(s, "ctx") != "payload") failures++;
      }
    });
  for (int i = 0; i < 10; i++) {
    other.rotate();
    box.reload_from_disk();
    box.rotate();
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(box.versions().size(), 21u);
}

TEST_F(MasterKeyTest, TheConfiguredKeyIsAFixedVersionOne) {
  std::string key = random_bytes(32);
  // Texts sealed before the ring with the configured key still open.
  std::string legacy = base64_encode(aead_encrypt(key, "secret", "ctx"));
  auto box = SecretBox::load_or_create(base64_encode(key), keys_);
  EXPECT_FALSE(box.file_backed());
  EXPECT_EQ(box.current_version(), 1);
  EXPECT_EQ(box.open(legacy, "ctx"), "secret");
  EXPECT_EQ(box.seal("x", "ctx").rfind("v1.", 0), 0u);
  EXPECT_THROW(box.rotate(), std::logic_error);
  EXPECT_FALSE(box.reload_from_disk());
  EXPECT_FALSE(fs::exists(keys_ / "master")) << "the file store is not touched";
  EXPECT_THROW(SecretBox::load_or_create("c2hvcnQ=", keys_), config::ConfigError);
  EXPECT_THROW(SecretBox::load_or_create("!!!", keys_), config::ConfigError);
  EXPECT_THROW((void)SecretBox(std::string(16, 'k')), std::invalid_argument);
}

TEST_F(MasterKeyTest, WrappedKeysAreDomainSeparatedFromSealedSecrets) {
  auto box = SecretBox::load_or_create("", keys_);
  std::string dk = random_bytes(32);
  std::string wrapped = box.wrap_key(dk, "data_keys:usr_1");
  EXPECT_EQ(wrapped.rfind("v1.", 0), 0u);
  EXPECT_EQ(box.unwrap_key(wrapped, "data_keys:usr_1"), dk);
  EXPECT_EQ(box.unwrap_key(wrapped, "data_keys:usr_2"), std::nullopt);
  EXPECT_EQ(box.open(wrapped, "data_keys:usr_1"), std::nullopt) << "a wrapped key is not a sealed secret";
  EXPECT_EQ(box.unwrap_key(box.seal(dk, "data_keys:usr_1"), "data_keys:usr_1"), std::nullopt);
  EXPECT_THROW(box.wrap_key("short", "c"), std::invalid_argument);
  box.rotate();
  EXPECT_EQ(box.unwrap_key(wrapped, "data_keys:usr_1"), dk);
  EXPECT_EQ(SecretBox::version_of(box.wrap_key(dk, "c")), 2);
}

}  // namespace
}  // namespace kiorex::security
