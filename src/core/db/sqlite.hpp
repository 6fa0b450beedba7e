#pragma once
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "core/db/database.hpp"

struct sqlite3;

namespace kiorex::db {

// One writer connection (SQLite allows one writer at a time; serialising it in-process avoids
// busy waits) and a pool of reader connections, which WAL lets read while the writer writes.
class SqliteDatabase : public Database {
 public:
  SqliteDatabase(const std::string& path, int readers);
  ~SqliteDatabase() override;
  Dialect dialect() const override { return Dialect::sqlite; }
  ResultSet query(ReadFrom from, std::string_view sql, const std::vector<Value>& params) override;
  void query_rows(ReadFrom from, std::string_view sql, const std::vector<Value>& params,
                  const std::function<void(const RowView&)>& each) override;
  void transaction(const std::function<void(Session&)>& fn) override;
  bool ping() override;
  PoolStats stats() const override;
  void purge_deleted() override;

  struct Conn;

 private:
  struct ReaderLease;
  Conn* acquire_reader();
  void release_reader(Conn* c);

  std::unique_ptr<Conn> writer_;
  std::mutex writer_mutex_;
  std::vector<std::unique_ptr<Conn>> readers_;
  std::vector<Conn*> free_readers_;
  mutable std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  int64_t waits_ = 0;
};

// "$1" -> "?1" outside string literals.
std::string sqlite_placeholders(std::string_view sql);

}  // namespace kiorex::db
