#include "core/db/postgres.hpp"

#include <libpq-fe.h>

#include <chrono>
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
  std::unordered_map<std::string, std::string> prepared;  // sql -> statement name

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

  ResultSet exec(std::string_view sql_in, const std::vector<Value>& params) override {
    std::string sql(sql_in);
    auto it = prepared.find(sql);
    if (it == prepared.end()) {
      std::string name = "k" + std::to_string(prepared.size());
      PGresult* r = PQprepare(pg, name.c_str(), sql.c_str(), 0, nullptr);
      if (PQresultStatus(r) != PGRES_COMMAND_OK) raise_result(r, pg, "prepare");
      PQclear(r);
      it = prepared.emplace(sql, name).first;
    }
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); i++) {
      const Value& v = params[i];
      if (std::holds_alternative<std::nullptr_t>(v)) {
        values[i] = nullptr;
        continue;
      }
      if (auto n = std::get_if<int64_t>(&v)) text[i] = std::to_string(*n);
      else if (auto d = std::get_if<double>(&v)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        text[i] = buf;
      } else text[i] = std::get<std::string>(v);
      values[i] = text[i].c_str();
    }
    PGresult* r = PQexecPrepared(pg, it->second.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                                 nullptr, 0);
    auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) raise_result(r, pg, "execute");
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

ResultSet PostgresDatabase::query(ReadFrom from, std::string_view sql, const std::vector<Value>& params) {
  Pool& pool = (from == ReadFrom::replica_ok && replica_) ? *replica_ : *primary_;
  for (int attempt = 0;; attempt++) {
    Lease lease(pool);
    try {
      lease.c->ensure_connected();
      return lease.c->exec(sql, params);
    } catch (const TransientError&) {
      if (attempt >= 2) throw;
    }
  }
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
