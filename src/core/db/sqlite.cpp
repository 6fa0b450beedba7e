#include "core/db/sqlite.hpp"

#include <sqlite3.h>

#include <thread>
#include <unordered_map>

namespace kiorex::db {

std::string sqlite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_string = false;
  for (size_t i = 0; i < sql.size(); i++) {
    char c = sql[i];
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.push_back('?');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

namespace {
[[noreturn]] void raise(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + sqlite3_errmsg(db);
  int ext = sqlite3_extended_errcode(db);
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) throw UniqueViolation(msg);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) throw TransientError(msg);
  throw DbError(msg);
}
}  // namespace

struct SqliteDatabase::Conn : Session {
  sqlite3* db = nullptr;
  // Prepared once per connection, found by the SQL text without copying it (transparent hash).
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> cache;

  explicit Conn(const std::string& path, bool readonly) {
    int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
      std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close(db);
      throw DbError("cannot open database " + path + ": " + msg);
    }
    // The busy timeout must be set before switching to WAL, or concurrent opens fail.
    sqlite3_busy_timeout(db, 5000);
    if (!readonly) {
      exec_plain("PRAGMA journal_mode=WAL");
      exec_plain("PRAGMA synchronous=NORMAL");
      // Deleted and overwritten content is zeroed in the page (and freed pages too), so an erased person's
      // rows cannot be read back from the file's free space (Debian builds it on already; said here).
      exec_plain("PRAGMA secure_delete=ON");
    }
    exec_plain("PRAGMA foreign_keys=ON");
    exec_plain("PRAGMA temp_store=MEMORY");
  }
  ~Conn() override {
    for (auto& [k, s] : cache) sqlite3_finalize(s);
    sqlite3_close(db);
  }
  void exec_plain(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) throw TransientError(msg);
      throw DbError(msg);
    }
  }
  Dialect dialect() const override { return Dialect::sqlite; }

  // Steps `sql` with `params`, calling on_row(stmt) for each row; the statement is reset afterwards
  // (also when on_row throws).
  template <class OnRow>
  void run(std::string_view sql_in, const std::vector<Value>& params, OnRow&& on_row) {
    sqlite3_stmt* stmt = nullptr;
    auto it = cache.find(sql_in);
    if (it != cache.end()) {
      stmt = it->second;
    } else {
      std::string sql = sqlite_placeholders(sql_in);
      int rc = sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) raise(db, rc, "prepare");
      if (cache.size() > 512) {
        for (auto& [k, s] : cache) sqlite3_finalize(s);
        cache.clear();
      }
      cache.emplace(std::string(sql_in), stmt);
    }
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    for (size_t i = 0; i < params.size(); i++) {
      int idx = static_cast<int>(i + 1);
      const Value& v = params[i];
      int rc;
      if (std::holds_alternative<std::nullptr_t>(v)) rc = sqlite3_bind_null(stmt, idx);
      else if (auto n = std::get_if<int64_t>(&v)) rc = sqlite3_bind_int64(stmt, idx, *n);
      else if (auto d = std::get_if<double>(&v)) rc = sqlite3_bind_double(stmt, idx, *d);
      else {
        const auto& s = std::get<std::string>(v);
        // SQLITE_STATIC: not copied; `params` outlives the statement's use (reset above, on leaving run).
        rc = sqlite3_bind_text(stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
      }
      if (rc != SQLITE_OK && rc != SQLITE_RANGE) raise(db, rc, "bind");
    }
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) raise(db, rc, "step");
      on_row(stmt);
    }
  }

  ResultSet exec(std::string_view sql, const std::vector<Value>& params) override {
    ResultSet out;
    run(sql, params, [&](sqlite3_stmt* stmt) {
      int ncol = sqlite3_column_count(stmt);
      Row row;
      row.cols.reserve(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; c++) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL: row.cols.emplace_back(nullptr); break;
          case SQLITE_INTEGER: row.cols.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c))); break;
          case SQLITE_FLOAT: row.cols.emplace_back(sqlite3_column_double(stmt, c)); break;
          default: {
            const char* p = reinterpret_cast<const char*>(sqlite3_column_blob(stmt, c));
            int n = sqlite3_column_bytes(stmt, c);
            row.cols.emplace_back(std::string(p ? p : "", static_cast<size_t>(n)));
          }
        }
      }
      out.rows.push_back(std::move(row));
    });
    out.affected = sqlite3_changes(db);
    return out;
  }
};

namespace {
// Once per process, before SQLite initialises: no memory statistics (with them every sqlite3_malloc and
// free takes one process-wide mutex, which reader connections on different threads fought over under
// load) and multi-thread mode (a connection is only ever used by one thread at a time: the writer under
// writer_mutex_, a reader between acquire_reader and release_reader), which drops the per-connection
// mutexes that SQLITE_OPEN_NOMUTEX already asks to leave out.
void configure_sqlite_once() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    return true;
  }();
  (void)configured;
}
}  // namespace

SqliteDatabase::SqliteDatabase(const std::string& path, int readers) {
  configure_sqlite_once();
  writer_ = std::make_unique<Conn>(path, false);
  for (int i = 0; i < std::max(1, readers); i++) {
    readers_.push_back(std::make_unique<Conn>(path, true));
    free_readers_.push_back(readers_.back().get());
  }
}

SqliteDatabase::~SqliteDatabase() = default;

SqliteDatabase::Conn* SqliteDatabase::acquire_reader() {
  std::unique_lock lk(pool_mutex_);
  if (free_readers_.empty()) waits_++;
  pool_cv_.wait(lk, [&] { return !free_readers_.empty(); });
  Conn* c = free_readers_.back();
  free_readers_.pop_back();
  return c;
}

void SqliteDatabase::release_reader(Conn* c) {
  {
    std::lock_guard lk(pool_mutex_);
    free_readers_.push_back(c);
  }
  pool_cv_.notify_one();
}

// A reader connection for one read, given back when it ends (also by an exception).
struct SqliteDatabase::ReaderLease {
  SqliteDatabase& db;
  Conn* conn;
  explicit ReaderLease(SqliteDatabase& d) : db(d), conn(d.acquire_reader()) {}
  ~ReaderLease() { db.release_reader(conn); }
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;
};

ResultSet SqliteDatabase::query(ReadFrom, std::string_view sql, const std::vector<Value>& params) {
  ReaderLease lease(*this);
  return lease.conn->exec(sql, params);
}

namespace {
// The current row of a stepped statement.
class StmtRowView final : public RowView {
 public:
  sqlite3_stmt* stmt = nullptr;
  std::size_t size() const override { return static_cast<std::size_t>(sqlite3_column_count(stmt)); }
  bool is_null(std::size_t i) const override { return sqlite3_column_type(stmt, static_cast<int>(i)) == SQLITE_NULL; }
  std::string_view text(std::size_t i) const override {
    const char* p = reinterpret_cast<const char*>(sqlite3_column_blob(stmt, static_cast<int>(i)));
    int n = sqlite3_column_bytes(stmt, static_cast<int>(i));
    return p ? std::string_view(p, static_cast<std::size_t>(n)) : std::string_view();
  }
  int64_t i64(std::size_t i) const override { return sqlite3_column_int64(stmt, static_cast<int>(i)); }
};
}  // namespace

void SqliteDatabase::query_rows(ReadFrom, std::string_view sql, const std::vector<Value>& params,
                                const std::function<void(const RowView&)>& each) {
  ReaderLease lease(*this);
  StmtRowView view;
  lease.conn->run(sql, params, [&](sqlite3_stmt* stmt) {
    view.stmt = stmt;
    each(view);
  });
}

void SqliteDatabase::transaction(const std::function<void(Session&)>& fn) {
  for (int attempt = 0;; attempt++) {
    std::unique_lock lk(writer_mutex_);
    try {
      writer_->exec("BEGIN IMMEDIATE", {});  // prepared once (cached), like COMMIT: not parsed per transaction
    } catch (const TransientError&) {
      if (attempt >= 5) throw;
      lk.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(20 << attempt));
      continue;
    }
    try {
      fn(*writer_);
      writer_->exec("COMMIT", {});
      return;
    } catch (const TransientError&) {
      writer_->exec("ROLLBACK", {});
      if (attempt >= 5) throw;
    } catch (...) {
      if (!sqlite3_get_autocommit(writer_->db)) writer_->exec("ROLLBACK", {});
      throw;
    }
  }
}

void SqliteDatabase::purge_deleted() {
  // TRUNCATE copies every WAL frame into the database and empties the WAL file, so no older version of a
  // page (holding rows deleted since) stays in it. It waits (busy timeout) for readers of older snapshots;
  // a reader that keeps one longer leaves the checkpoint partial, so it is tried again a few times.
  for (int attempt = 0; attempt < 5; attempt++) {
    {
      std::lock_guard lk(writer_mutex_);
      int rc = sqlite3_wal_checkpoint_v2(writer_->db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
      if (rc == SQLITE_OK) return;
      if (rc != SQLITE_BUSY) raise(writer_->db, rc, "wal checkpoint");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20 << attempt));
  }
  throw TransientError("wal checkpoint: readers kept the WAL busy");
}

bool SqliteDatabase::ping() {
  try {
    return !query(ReadFrom::primary, "SELECT 1", {}).empty();
  } catch (...) {
    return false;
  }
}

PoolStats SqliteDatabase::stats() const {
  std::lock_guard lk(pool_mutex_);
  PoolStats s;
  s.size = static_cast<int>(readers_.size()) + 1;
  s.in_use = static_cast<int>(readers_.size() - free_readers_.size());
  s.waits = waits_;
  return s;
}

}  // namespace kiorex::db
