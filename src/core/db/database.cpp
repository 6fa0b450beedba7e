#include "core/db/database.hpp"

#include <chrono>
#include <ctime>

#include "core/db/postgres.hpp"
#include "core/db/sqlite.hpp"

namespace kiorex::db {

std::string Row::str(size_t i) const {
  const auto& v = cols.at(i);
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (auto d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

std::optional<std::string> Row::opt_str(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return str(i);
}

int64_t Row::i64(size_t i) const {
  const auto& v = cols.at(i);
  if (auto n = std::get_if<int64_t>(&v)) return *n;
  if (auto d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto s = std::get_if<std::string>(&v)) return s->empty() ? 0 : std::stoll(*s);
  return 0;
}

std::optional<int64_t> Row::opt_i64(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

double Row::f64(size_t i) const {
  const auto& v = cols.at(i);
  if (auto d = std::get_if<double>(&v)) return *d;
  if (auto n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  if (auto s = std::get_if<std::string>(&v)) return s->empty() ? 0 : std::stod(*s);
  return 0;
}

const Row& ResultSet::one() const {
  if (rows.empty()) throw DbError("expected one row, got none");
  return rows.front();
}

ResultSet Database::execute(std::string_view sql, const std::vector<Value>& params) {
  ResultSet out;
  transaction([&](Session& s) { out = s.exec(sql, params); });
  return out;
}

std::unique_ptr<Database> open_database(const std::string& url, int pool_size, const std::string& replica_url) {
  if (url.starts_with("postgres://") || url.starts_with("postgresql://"))
    return std::make_unique<PostgresDatabase>(url, pool_size, replica_url);
  std::string path = url;
  if (path.starts_with("sqlite://")) path = path.substr(9);
  return std::make_unique<SqliteDatabase>(path, pool_size);
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string iso8601_from_ms(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[40];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms % 1000));
  return out;
}

std::string now_iso8601() { return iso8601_from_ms(now_ms()); }

}  // namespace kiorex::db
