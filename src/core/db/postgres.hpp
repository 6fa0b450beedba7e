#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/db/database.hpp"

namespace kiorex::db {

// A libpq connection pool; statements are prepared once per connection and reused. An optional
// replica pool serves reads that said they may come from a replica.
class PostgresDatabase : public Database {
 public:
  PostgresDatabase(const std::string& url, int pool_size, const std::string& replica_url);
  ~PostgresDatabase() override;
  Dialect dialect() const override { return Dialect::postgres; }
  ResultSet query(ReadFrom from, std::string_view sql, const std::vector<Value>& params) override;
  void query_rows(ReadFrom from, std::string_view sql, const std::vector<Value>& params,
                  const std::function<void(const RowView&)>& each) override;
  void transaction(const std::function<void(Session&)>& fn) override;
  bool ping() override;
  PoolStats stats() const override;

  struct Conn;
  struct Pool;

 private:
  template <class Fn>
  auto read_on(ReadFrom from, Fn&& fn);
  std::unique_ptr<Pool> primary_;
  std::unique_ptr<Pool> replica_;
};

}  // namespace kiorex::db
