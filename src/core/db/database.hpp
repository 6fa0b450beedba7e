#pragma once
// One database interface over SQLite (embedded default) and PostgreSQL (scale-out). SQL is written
// once with $1, $2 ... placeholders; the SQLite driver rewrites them. Every read names whether it
// may be served by a replica. Timestamps are stored as integer milliseconds since the epoch (UTC).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiorex::db {

using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

struct Row {
  std::vector<Value> cols;
  bool is_null(size_t i) const { return std::holds_alternative<std::nullptr_t>(cols.at(i)); }
  std::string str(size_t i) const;  // "" for NULL
  std::optional<std::string> opt_str(size_t i) const;
  int64_t i64(size_t i) const;  // 0 for NULL
  std::optional<int64_t> opt_i64(size_t i) const;
  double f64(size_t i) const;
};

struct ResultSet {
  std::vector<Row> rows;
  int64_t affected = 0;
  bool empty() const { return rows.empty(); }
  const Row& one() const;  // throws if empty
};

// One row of a streamed result (Database::query_rows). Its texts point into the driver's buffers and are
// valid only during the callback that received it.
class RowView {
 public:
  virtual ~RowView() = default;
  virtual std::size_t size() const = 0;
  virtual bool is_null(std::size_t i) const = 0;
  virtual std::string_view text(std::size_t i) const = 0;  // "" for NULL; a number as text
  virtual int64_t i64(std::size_t i) const = 0;            // 0 for NULL
};

// A ResultSet row seen as a RowView (valid while the row lives).
class ResultRowView final : public RowView {
 public:
  explicit ResultRowView(const Row& row) : row_(&row) {}
  std::size_t size() const override { return row_->cols.size(); }
  bool is_null(std::size_t i) const override { return row_->is_null(i); }
  std::string_view text(std::size_t i) const override;
  int64_t i64(std::size_t i) const override { return row_->i64(i); }

 private:
  const Row* row_;
  mutable std::string scratch_;  // a number's text
};

enum class Dialect { sqlite, postgres };
enum class ReadFrom { primary, replica_ok };

class DbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// A UNIQUE / PRIMARY KEY violation: the caller usually answers 409.
class UniqueViolation : public DbError {
 public:
  using DbError::DbError;
};
// Lock timeout, serialization failure, lost connection: safe to retry the whole transaction.
class TransientError : public DbError {
 public:
  using DbError::DbError;
};

// A connection in use, possibly inside a transaction.
class Session {
 public:
  virtual ~Session() = default;
  virtual ResultSet exec(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  virtual Dialect dialect() const = 0;
};

struct PoolStats {
  int size = 0;
  int in_use = 0;
  int64_t waits = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  virtual ResultSet query(ReadFrom from, std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // The same read, each row handed to `each` as it is stepped instead of copied into a ResultSet (for a
  // hot read of many rows: no string per column). `each` may throw; the read is then abandoned.
  // SQLite streams from its statement; others read the whole result first.
  virtual void query_rows(ReadFrom from, std::string_view sql, const std::vector<Value>& params,
                          const std::function<void(const RowView&)>& each);
  // A single write statement in its own transaction.
  ResultSet execute(std::string_view sql, const std::vector<Value>& params = {});
  // Runs fn in one transaction: commit when it returns, roll back when it throws. A transient
  // failure (lock, serialization) reruns fn a few times, so fn must only touch the session.
  virtual void transaction(const std::function<void(Session&)>& fn) = 0;
  virtual bool ping() = 0;
  virtual PoolStats stats() const = 0;
  // After an erasure, outside any transaction: leaves no copy of deleted rows where the database can
  // remove it. SQLite checkpoints the WAL into the database file and truncates it (deleted content is
  // already zeroed in place: secure_delete); PostgreSQL does nothing here (dead row versions stay in the
  // table files until VACUUM reuses their space; see docs/architecture.md).
  virtual void purge_deleted() {}
};

// "sqlite:///path/to/file.db" (or a bare path) or "postgresql://user@host:port/db".
std::unique_ptr<Database> open_database(const std::string& url, int pool_size = 8,
                                        const std::string& replica_url = "");

std::string now_iso8601();
int64_t now_ms();
std::string iso8601_from_ms(int64_t ms);
void append_iso8601_from_ms(std::string& text, int64_t ms);  // the same, appended

}  // namespace kiorex::db
