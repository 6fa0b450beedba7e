#include "core/db/postgres.hpp"

#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace kiorex::db {

namespace {
constexpr unsigned kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

[[noreturn]] void raise_result(PGresult* res, PGconn* conn, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = std::string(what) + ": " + (res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  std::string code = state ? state : "";
  if (res) PQclear(res);
  if (code == "23505") throw UniqueViolation(msg);
  if (code == "40001" || code == "40P01" || code == "55P03" || code.starts_with("08") || PQstatus(conn) != CONNECTION_OK)
    throw TransientError(msg);
  throw DbError(msg);
}
}  // namespace

struct PostgresDatabase::Conn : Session {
  PGconn* pg = nullptr;
  std::string url;
  // sql -> statement name, found by the SQL text without copying it (transparent hash)
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, SqlHash, std::equal_to<>> prepared;

  explicit Conn(std::string u) : url(std::move(u)) { connect(); }
  ~Conn() override {
    if (pg) PQfinish(pg);
  }
  void connect() {
    if (pg) PQfinish(pg);
    prepared.clear();
    pg = PQconnectdb(url.c_str());
    if (PQstatus(pg) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(pg);
      throw TransientError("cannot connect to PostgreSQL: " + msg);
    }
    PGresult* r = PQexec(pg, "SET client_min_messages TO warning");
    PQclear(r);
  }
  void ensure_connected() {
    if (PQstatus(pg) != CONNECTION_OK) connect();
  }
  Dialect dialect() const override { return Dialect::postgres; }

  void exec_plain(const char* sql) {
    PGresult* r = PQexec(pg, sql);
    auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) raise_result(r, pg, sql);
    PQclear(r);
  }

  // Executes `sql` (prepared once per connection, found without copying the text) with `params`; the
  // result is the caller's (PQclear), and a failed one has been raised as DbError / TransientError.
  PGresult* run(std::string_view sql, const std::vector<Value>& params) {
    auto it = prepared.find(sql);
    if (it == prepared.end()) {
      std::string name = "k";  // appended, not "k" + std::to_string (GCC 12 warns falsely once inlined here)
      name += std::to_string(prepared.size());
      std::string text(sql);
      PGresult* r = PQprepare(pg, name.c_str(), text.c_str(), 0, nullptr);
      if (PQresultStatus(r) != PGRES_COMMAND_OK) raise_result(r, pg, "prepare");
      PQclear(r);
      it = prepared.emplace(std::move(text), std::move(name)).first;
    }
    // Text parameters point at the caller's strings (NUL-terminated; PostgreSQL text holds no NUL);
    // numbers are written out here.
    std::vector<std::string> numbers;
    numbers.reserve(params.size());
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); i++) {
      const Value& v = params[i];
      if (std::holds_alternative<std::nullptr_t>(v)) continue;  // values[i] stays nullptr: SQL NULL
      if (auto s = std::get_if<std::string>(&v)) {
        values[i] = s->c_str();
        continue;
      }
      if (auto n = std::get_if<int64_t>(&v)) {
        numbers.push_back(std::to_string(*n));
      } else {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", std::get<double>(v));
        numbers.emplace_back(buf);
      }
      values[i] = numbers.back().c_str();  // reserved above: no reallocation moves it
    }
    PGresult* r = PQexecPrepared(pg, it->second.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                                 nullptr, 0);
    auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) raise_result(r, pg, "execute");
    return r;
  }

  ResultSet exec(std::string_view sql, const std::vector<Value>& params) override {
    PGresult* r = run(sql, params);
    ResultSet out;
    int nrows = PQntuples(r), ncols = PQnfields(r);
    out.rows.reserve(static_cast<size_t>(nrows));
    for (int i = 0; i < nrows; i++) {
      Row row;
      row.cols.reserve(static_cast<size_t>(ncols));
      for (int c = 0; c < ncols; c++) {
        if (PQgetisnull(r, i, c)) {
          row.cols.emplace_back(nullptr);
          continue;
        }
        const char* s = PQgetvalue(r, i, c);
        switch (PQftype(r, c)) {
          case kInt2: case kInt4: case kInt8: row.cols.emplace_back(static_cast<int64_t>(std::stoll(s))); break;
          case kBool: row.cols.emplace_back(static_cast<int64_t>(s[0] == 't')); break;
          case kFloat4: case kFloat8: case kNumeric: row.cols.emplace_back(std::stod(s)); break;
          default: row.cols.emplace_back(std::string(s, static_cast<size_t>(PQgetlength(r, i, c))));
        }
      }
      out.rows.push_back(std::move(row));
    }
    const char* affected = PQcmdTuples(r);
    out.affected = (affected && *affected) ? std::stoll(affected) : 0;
    PQclear(r);
    return out;
  }
};

struct PostgresDatabase::Pool {
  std::vector<std::unique_ptr<Conn>> all;
  std::vector<Conn*> free;
  mutable std::mutex m;
  std::condition_variable cv;
  int64_t waits = 0;

  Pool(const std::string& url, int size) {
    for (int i = 0; i < std::max(1, size); i++) {
      all.push_back(std::make_unique<Conn>(url));
      free.push_back(all.back().get());
    }
  }
  Conn* acquire() {
    std::unique_lock lk(m);
    if (free.empty()) waits++;
    cv.wait(lk, [&] { return !free.empty(); });
    Conn* c = free.back();
    free.pop_back();
    return c;
  }
  void release(Conn* c) {
    {
      std::lock_guard lk(m);
      free.push_back(c);
    }
    cv.notify_one();
  }
};

namespace {
struct Lease {
  PostgresDatabase::Pool& pool;
  PostgresDatabase::Conn* c;
  explicit Lease(PostgresDatabase::Pool& p) : pool(p), c(p.acquire()) {}
  ~Lease() { pool.release(c); }
};
}  // namespace

PostgresDatabase::PostgresDatabase(const std::string& url, int pool_size, const std::string& replica_url)
    : primary_(std::make_unique<Pool>(url, pool_size)) {
  if (!replica_url.empty()) replica_ = std::make_unique<Pool>(replica_url, pool_size);
}

PostgresDatabase::~PostgresDatabase() = default;

// `fn(conn)` for a read, on a connection of the pool `from` asks for; tried up to three times when the
// connection failed (TransientError).
template <class Fn>
auto PostgresDatabase::read_on(ReadFrom from, Fn&& fn) {
  Pool& pool = (from == ReadFrom::replica_ok && replica_) ? *replica_ : *primary_;
  for (int attempt = 0;; attempt++) {
    Lease lease(pool);
    try {
      lease.c->ensure_connected();
      return fn(*lease.c);
    } catch (const TransientError&) {
      if (attempt >= 2) throw;
    }
  }
}

ResultSet PostgresDatabase::query(ReadFrom from, std::string_view sql, const std::vector<Value>& params) {
  return read_on(from, [&](Conn& c) { return c.exec(sql, params); });
}

namespace {
// A row of a PGresult (text format) seen as a RowView: texts straight from libpq's buffer, numbers read and
// written as query() would (a boolean is 1 or 0, a float its std::to_string), so both give the same rows.
class PgRowView final : public RowView {
 public:
  PGresult* res = nullptr;
  int row = 0;
  std::size_t size() const override { return static_cast<std::size_t>(PQnfields(res)); }
  bool is_null(std::size_t i) const override { return PQgetisnull(res, row, col(i)); }
  std::string_view text(std::size_t i) const override {
    if (is_null(i)) return {};
    const char* s = PQgetvalue(res, row, col(i));
    switch (PQftype(res, col(i))) {
      case kBool: return s[0] == 't' ? "1" : "0";
      case kFloat4: case kFloat8: case kNumeric: return scratch_ = std::to_string(std::stod(s));
      default: return {s, static_cast<std::size_t>(PQgetlength(res, row, col(i)))};  // integers: their text
    }
  }
  int64_t i64(std::size_t i) const override {
    if (is_null(i)) return 0;
    const char* s = PQgetvalue(res, row, col(i));
    switch (PQftype(res, col(i))) {
      case kBool: return s[0] == 't';
      case kFloat4: case kFloat8: case kNumeric: return static_cast<int64_t>(std::stod(s));
      default: return *s ? std::stoll(s) : 0;
    }
  }

 private:
  int col(std::size_t i) const {
    if (i >= size()) {
      std::string what = "no column ";  // appended, not "literal" + std::string (GCC 12 warns falsely)
      what += std::to_string(i);
      throw std::out_of_range(what);
    }
    return static_cast<int>(i);
  }
  mutable std::string scratch_;
};
}  // namespace

// The result is read whole (libpq), then its rows are handed over without copying their texts.
void PostgresDatabase::query_rows(ReadFrom from, std::string_view sql, const std::vector<Value>& params,
                                  const std::function<void(const RowView&)>& each) {
  PGresult* res = read_on(from, [&](Conn& c) { return c.run(sql, params); });
  std::unique_ptr<PGresult, void (*)(PGresult*)> owned(res, PQclear);
  PgRowView view;
  view.res = res;
  for (int n = PQntuples(res); view.row < n; view.row++) each(view);
}

void PostgresDatabase::transaction(const std::function<void(Session&)>& fn) {
  for (int attempt = 0;; attempt++) {
    Lease lease(*primary_);
    Conn& c = *lease.c;
    try {
      c.ensure_connected();
      c.exec_plain("BEGIN");
    } catch (const TransientError&) {
      if (attempt >= 3) throw;
      continue;
    }
    try {
      fn(c);
      c.exec_plain("COMMIT");
      return;
    } catch (const TransientError&) {
      try { c.exec_plain("ROLLBACK"); } catch (...) {}
      if (attempt >= 3) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(10 << attempt));
    } catch (...) {
      try { c.exec_plain("ROLLBACK"); } catch (...) {}
      throw;
    }
  }
}

bool PostgresDatabase::ping() {
  try {
    return !query(ReadFrom::primary, "SELECT 1", {}).empty();
  } catch (...) {
    return false;
  }
}

PoolStats PostgresDatabase::stats() const {
  std::lock_guard lk(primary_->m);
  return PoolStats{static_cast<int>(primary_->all.size()),
                   static_cast<int>(primary_->all.size() - primary_->free.size()), primary_->waits};
}

}  // namespace kiorex::db
