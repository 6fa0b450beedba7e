#include "core/db/database.hpp"

#include <cstring>

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

std::string_view ResultRowView::text(std::size_t i) const {
  if (auto s = std::get_if<std::string>(&row_->cols.at(i))) return *s;
  if (row_->is_null(i)) return {};
  scratch_ = row_->str(i);
  return scratch_;
}

void Database::query_rows(ReadFrom from, std::string_view sql, const std::vector<Value>& params,
                          const std::function<void(const RowView&)>& each) {
  auto rs = query(from, sql, params);
  for (const auto& r : rs.rows) each(ResultRowView(r));
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

namespace {
// Days since 1970-01-01 to a proleptic Gregorian date (the "civil from days" method: 400-year eras
// of 146097 days, years starting on March 1 so the leap day is the era-year's last day).
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);                     // [0, 146096]
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const unsigned mp = (5 * doy + 2) / 153;                                     // [0, 11], March = 0
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
}

void put2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

// The fast path's range: years 1970 to 9999 (every timestamp the platform stores).
constexpr int64_t kYear10000 = 253402300800000;
bool in_fast_range(int64_t ms) { return ms >= 0 && ms < kYear10000; }

// The 24 characters of a time in 1970..9999 ("YYYY-MM-DDTHH:MM:SS.mmmZ") at `out`.
void write_iso8601_fast(char* out, int64_t ms) {
  const int64_t days = ms / 86400000;
  const auto in_day = static_cast<unsigned>(ms % 86400000);
  int64_t y;
  unsigned mo, d;
  civil_from_days(days, y, mo, d);
  const unsigned secs = in_day / 1000, milli = in_day % 1000;
  static constexpr char kTemplate[24] = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', '.', '0', '0', '0', 'Z'};
  std::memcpy(out, kTemplate, sizeof kTemplate);
  const auto yy = static_cast<unsigned>(y);
  put2(out, yy / 100);
  put2(out + 2, yy % 100);
  put2(out + 5, mo);
  put2(out + 8, d);
  put2(out + 11, secs / 3600);
  put2(out + 14, secs / 60 % 60);
  put2(out + 17, secs % 60);
  out[20] = static_cast<char>('0' + milli / 100);
  put2(out + 21, milli % 100);
}
}  // namespace

void append_iso8601_from_ms(std::string& text, int64_t ms) {
  if (!in_fast_range(ms)) {
    text += iso8601_from_ms(ms);
    return;
  }
  const std::size_t at = text.size();
  text.resize(at + 24);
  write_iso8601_fast(text.data() + at, ms);
}

std::string iso8601_from_ms(int64_t ms) {
  // Years 1970 to 9999 (every timestamp the platform stores) without gmtime/strftime/snprintf: it is
  // called for every timestamp of every listed row. The same text as the general path below.
  if (in_fast_range(ms)) {
    char out[24];
    write_iso8601_fast(out, ms);
    return std::string(out, sizeof out);
  }
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
