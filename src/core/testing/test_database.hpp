#pragma once
// Test support: a throwaway, migrated database for one test. "sqlite" is a fresh file in a temp directory;
// "postgres" is a fresh schema on the server named by $KIOREX_TEST_PG_URL, reached through
// ?options=-csearch_path%3D<schema>, so test processes can run in parallel. Dropped when the object goes away.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/db/database.hpp"

namespace kiorex::testing {

class TestDatabase {
 public:
  // dialect is "sqlite" or "postgres"; label names the scratch (schema t_<label>_<hex>, directory
  // kiorex_<label>_XXXXXX); modules go to db::migrate. Returns nullptr with *skip_reason set when the dialect is
  // postgres and KIOREX_TEST_PG_URL is unset. Throws when the database cannot be set up.
  static std::unique_ptr<TestDatabase> create(const std::string& dialect, const std::string& label,
                                              const std::vector<std::string>& modules, std::string* skip_reason,
                                              int pool_size = 4);
  // Closes the pool, drops the schema (postgres) and removes dir(); a failure is reported on stderr.
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // The migrated database, with create's pool size.
  db::Database& db() { return *db_; }
  // Closes db()'s pool, as a process that ends would; db() must not be used afterwards.
  void close() { db_.reset(); }
  // Another connection pool on the same database, as a second process would have.
  std::unique_ptr<db::Database> open_another(int pool_size) const;
  // The URL open_another uses.
  const std::string& url() const { return url_; }
  // A temp directory, created for every dialect (the SQLite file lives there; tests may put key files there).
  const std::filesystem::path& dir() const { return dir_; }

 private:
  TestDatabase() = default;

  std::filesystem::path dir_;
  std::string server_url_, schema_, url_;
  std::unique_ptr<db::Database> db_;
};

}  // namespace kiorex::testing
