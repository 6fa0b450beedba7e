#include "core/storage/file_store.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/security/crypto.hpp"
#include "core/storage/private_files.hpp"

namespace kiorex::storage {
namespace {

namespace fs = std::filesystem;

class FileStoreTest : public ::testing::Test {
 protected:
  // The store's root sits in a folder of its own, so "nothing was written beside the root" is checked in a place
  // no other program uses (a stray /tmp/x would otherwise fail the test).
  void SetUp() override {
    parent_ = fs::temp_directory_path() / ("kiorex-files-" + security::random_token(9));
    root_ = parent_ / "root";
  }
  void TearDown() override { fs::remove_all(parent_); }
  fs::path parent_;
  fs::path root_;
};

TEST_F(FileStoreTest, PutGetReplaceRemove) {
  FileStore files(root_);
  EXPECT_FALSE(files.get("prescriptions/rx_a.pdf.sealed"));
  const std::string bytes("%PDF\0binary\xff", 12);
  files.put("prescriptions/rx_a.pdf.sealed", bytes);
  EXPECT_EQ(files.get("prescriptions/rx_a.pdf.sealed"), bytes);
  EXPECT_TRUE(fs::exists(root_ / "prescriptions" / "rx_a.pdf.sealed"));
  files.put("prescriptions/rx_a.pdf.sealed", "second");
  EXPECT_EQ(files.get("prescriptions/rx_a.pdf.sealed"), "second");
  // No temporary files are left beside it.
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(root_ / "prescriptions")) entries += e.is_regular_file();
  EXPECT_EQ(entries, 1u);
  files.remove("prescriptions/rx_a.pdf.sealed");
  EXPECT_FALSE(files.get("prescriptions/rx_a.pdf.sealed"));
  files.remove("prescriptions/rx_a.pdf.sealed");  // missing: no error
}

TEST_F(FileStoreTest, KeysCannotLeaveTheRoot) {
  FileStore files(root_);
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", "a//b", "a/", "./a", "a b", "a\\b", "a/.."})
    EXPECT_THROW(files.put(bad, "x"), std::invalid_argument) << bad;
  EXPECT_THROW(files.get("../x"), std::invalid_argument);
  EXPECT_FALSE(fs::exists(root_.parent_path() / "x"));
}

}  // namespace
}  // namespace kiorex::storage

namespace kiorex::storage {
namespace {

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::lstat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

// Under a permissive umask (as a library caller might have), stored files and their folders are
// still private: the modes are explicit, not the umask's.
TEST_F(FileStoreTest, StoredFilesAre0600InFolders0700WhateverTheUmask) {
  mode_t old = ::umask(022);
  FileStore files(root_ / "files");
  files.put("prescriptions/2026/rx_b.pdf.sealed", "sealed bytes");
  ::umask(old);
  EXPECT_EQ(mode_of(root_ / "files" / "prescriptions" / "2026" / "rx_b.pdf.sealed"), 0600u);
  for (auto dir : {root_, root_ / "files", root_ / "files" / "prescriptions", root_ / "files" / "prescriptions" / "2026"})
    EXPECT_EQ(mode_of(dir), 0700u) << dir;
}

TEST_F(FileStoreTest, TighteningADataDirReportsAndFixesEveryLooseEntryAtAnyDepth) {
  make_private_dirs(root_ / "keys" / "audit");
  const auto key = root_ / "keys" / "audit" / "1.key";
  { std::ofstream(key) << "k"; }
  { std::ofstream(root_ / "kiorex.db") << "db"; }
  ::chmod(key.c_str(), 0644);
  ::chmod((root_ / "kiorex.db").c_str(), 0640);
  ::chmod((root_ / "keys").c_str(), 0755);
  std::filesystem::create_symlink("/etc/passwd", root_ / "link");  // never followed nor changed
  auto changed = tighten_private_tree(root_);
  ASSERT_EQ(changed.size(), 3u);
  std::map<std::string, unsigned> found;
  for (const auto& t : changed) found[std::filesystem::relative(t.path, std::filesystem::canonical(root_)).string()] = t.old_mode;
  EXPECT_EQ(found["keys"], 0755u);
  EXPECT_EQ(found["keys/audit/1.key"], 0644u);
  EXPECT_EQ(found["kiorex.db"], 0640u);
  EXPECT_EQ(mode_of(key), 0600u);
  EXPECT_EQ(mode_of(root_ / "keys"), 0700u);
  EXPECT_EQ(mode_of(root_ / "kiorex.db"), 0600u);
  EXPECT_EQ(octal_mode(0644), "0644");
  EXPECT_TRUE(tighten_private_tree(root_).empty()) << "a second pass finds nothing";
}

}  // namespace
}  // namespace kiorex::storage
