// SQLite keeps no copy of a deleted row once purge_deleted() has run: the row's bytes are zeroed in the page
// (secure_delete) and the WAL, which held the page from before the delete, is checkpointed and truncated.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/db/database.hpp"

namespace kiorex::db {
namespace {

std::string bytes_of(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(SqlitePurgeDeleted, NoCopyOfADeletedRowIsLeftInTheDatabaseOrTheWal) {
  auto dir = std::filesystem::temp_directory_path() / ("kiorex-purge-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "t.db";
  const std::string marker = "Zelie-Quorthwaite-0451";
  {
    auto db = open_database("sqlite://" + file.string(), 2);
    db->execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    db->execute("CREATE INDEX people_name ON people(name)");
    for (int i = 0; i < 50; i++) db->execute("INSERT INTO people (name) VALUES ($1)", {"someone else " + std::to_string(i)});
    db->execute("INSERT INTO people (name) VALUES ($1)", {marker});
    db->execute("UPDATE people SET name = 'Erased user' WHERE name = $1", {marker});
    std::string before = bytes_of(file) + bytes_of(file.string() + "-wal");
    EXPECT_NE(before.find(marker), std::string::npos) << "the WAL holds the page from before the update";
    db->purge_deleted();
    EXPECT_EQ(std::filesystem::file_size(file.string() + "-wal"), 0u);
    EXPECT_EQ(bytes_of(file).find(marker), std::string::npos);
    EXPECT_EQ(db->query(ReadFrom::primary, "SELECT COUNT(*) FROM people").one().i64(0), 51);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kiorex::db
