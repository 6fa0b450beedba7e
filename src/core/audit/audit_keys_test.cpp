// The audit keys on disk: created once (0600 files in a 0700 directory), the same on every load.
#include "core/audit/audit_keys.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <thread>
#include <vector>

#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::audit {
namespace {

namespace fs = std::filesystem;

class AuditKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("kiorex-audit-keys-" + security::random_token(6));
    dir_ = root_ / "keys" / "audit";
  }
  void TearDown() override { fs::remove_all(root_); }
  static unsigned mode(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
  }
  fs::path root_, dir_;
};

TEST_F(AuditKeysTest, CreatedPrivateAndTheSameOnEveryLoad) {
  auto keys = AuditKeys::load_or_create(dir_);
  EXPECT_EQ(keys.chain_key().size(), 32u);
  EXPECT_EQ(keys.public_key().size(), 32u);
  EXPECT_EQ(mode(dir_), 0700u);
  EXPECT_EQ(mode(dir_ / "chain.key"), 0600u);
  EXPECT_EQ(mode(dir_ / "checkpoint.key"), 0600u);
  std::ifstream pub(dir_ / "checkpoint.pub");
  std::string line;
  std::getline(pub, line);
  EXPECT_EQ(line, security::base64_encode(keys.public_key()));
  auto again = AuditKeys::load(dir_);
  EXPECT_EQ(again.chain_key(), keys.chain_key());
  EXPECT_EQ(again.public_key(), keys.public_key());
  EXPECT_EQ(again.sign("m"), keys.sign("m"));  // Ed25519 is deterministic
  EXPECT_EQ(AuditKeys::load_or_create(dir_).key_id(), keys.key_id());
}

TEST_F(AuditKeysTest, LoadDoesNotMakeUpKeys) {
  EXPECT_THROW(AuditKeys::load(dir_), std::runtime_error);
  EXPECT_FALSE(fs::exists(dir_));
}

TEST_F(AuditKeysTest, AMalformedKeyFileStopsTheLoad) {
  AuditKeys::load_or_create(dir_);
  std::ofstream(dir_ / "chain.key", std::ios::trunc) << security::base64_encode("only sixteen byt") << "\n";
  EXPECT_THROW(AuditKeys::load(dir_), std::runtime_error);
  EXPECT_THROW(AuditKeys::load_or_create(dir_), std::runtime_error);
}

TEST_F(AuditKeysTest, ProcessesStartingTogetherEndUpWithTheSameKeys) {
  std::vector<std::string> ids(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < ids.size(); i++)
    threads.emplace_back([&, i] {
      auto k = AuditKeys::load_or_create(dir_);
      ids[i] = k.key_id() + security::hex_encode(k.chain_key());
    });
  for (auto& t : threads) t.join();
  for (const auto& id : ids) EXPECT_EQ(id, ids[0]);
}

TEST_F(AuditKeysTest, EphemeralKeysDiffer) {
  EXPECT_NE(AuditKeys::ephemeral().chain_key(), AuditKeys::ephemeral().chain_key());
}

}  // namespace
}  // namespace kiorex::audit
