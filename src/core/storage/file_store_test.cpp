#include "core/storage/file_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/security/crypto.hpp"

namespace kiorex::storage {
namespace {

namespace fs = std::filesystem;

class FileStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { root_ = fs::temp_directory_path() / ("kiorex-files-" + security::random_token(9)); }
  void TearDown() override { fs::remove_all(root_); }
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
