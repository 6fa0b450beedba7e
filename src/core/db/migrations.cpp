#include "core/db/migrations.hpp"

#include <algorithm>
#include <set>

namespace kiorex::db {

namespace {
// "modules/auth/migrations/sqlite/001_users.sql" -> module auth, dialect sqlite, 1, "users"
bool parse_path(const std::string& path, std::string& module, std::string& dialect, int& version, std::string& name) {
  std::string rest;
  if (path.starts_with("core/migrations/")) {
    module = "core";
    rest = path.substr(16);
  } else if (path.starts_with("modules/")) {
    size_t slash = path.find('/', 8);
    if (slash == std::string::npos) return false;
    module = path.substr(8, slash - 8);
    const std::string marker = "/migrations/";
    if (path.compare(slash, marker.size(), marker) != 0) return false;
    rest = path.substr(slash + marker.size());
  } else {
    return false;
  }
  size_t slash = rest.find('/');
  if (slash == std::string::npos) return false;
  dialect = rest.substr(0, slash);
  std::string file = rest.substr(slash + 1);
  size_t us = file.find('_');
  if (us == std::string::npos || !file.ends_with(".sql")) return false;
  version = std::stoi(file.substr(0, us));
  name = file.substr(us + 1, file.size() - us - 5);
  return true;
}

void ensure_table(Database& db) {
  db.execute(
      "CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, "
      "name TEXT NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (module, version))");
}

std::set<std::pair<std::string, int>> applied_set(Database& db) {
  std::set<std::pair<std::string, int>> out;
  for (const auto& r : db.query(ReadFrom::primary, "SELECT module, version FROM schema_migrations").rows)
    out.emplace(r.str(0), static_cast<int>(r.i64(1)));
  return out;
}

// Splits a migration into statements on semicolons at line ends (PostgreSQL prepared statements
// take one statement at a time). Statements that need inner semicolons (triggers) end with ";;".
std::vector<std::string> split_statements(const std::string& sql) {
  std::vector<std::string> out;
  std::string cur;
  size_t i = 0;
  while (i < sql.size()) {
    size_t nl = sql.find('\n', i);
    std::string line = sql.substr(i, nl == std::string::npos ? std::string::npos : nl - i);
    i = nl == std::string::npos ? sql.size() : nl + 1;
    std::string trimmed = line;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\r')) trimmed.pop_back();
    if (trimmed.starts_with("--")) continue;
    cur += line + "\n";
    bool in_block = cur.find("BEGIN") != std::string::npos && cur.find("CREATE TRIGGER") != std::string::npos;
    bool end_block = trimmed.ends_with(";;");
    if (end_block || (!in_block && trimmed.ends_with(";"))) {
      if (end_block) cur.erase(cur.rfind(";;") + 1, 1);
      out.push_back(cur);
      cur.clear();
    }
  }
  if (cur.find_first_not_of(" \n\t\r") != std::string::npos) out.push_back(cur);
  return out;
}
}  // namespace

std::vector<Migration> migrations_for(Dialect d, const std::vector<std::string>& module_order) {
  const std::string want = d == Dialect::sqlite ? "sqlite" : "postgres";
  std::vector<Migration> out;
  for (const auto& e : embedded_migrations()) {
    Migration m;
    std::string dialect;
    if (!parse_path(e.path, m.module, dialect, m.version, m.name) || dialect != want) continue;
    m.sql = e.sql;
    out.push_back(std::move(m));
  }
  auto rank = [&](const std::string& module) {
    auto it = std::find(module_order.begin(), module_order.end(), module);
    return it == module_order.end() ? module_order.size() : static_cast<size_t>(it - module_order.begin());
  };
  std::sort(out.begin(), out.end(), [&](const Migration& a, const Migration& b) {
    auto ra = rank(a.module), rb = rank(b.module);
    if (ra != rb) return ra < rb;
    if (a.module != b.module) return a.module < b.module;
    return a.version < b.version;
  });
  return out;
}

MigrationReport migrate(Database& db, const std::vector<std::string>& module_order) {
  ensure_table(db);
  auto done = applied_set(db);
  MigrationReport report;
  for (const auto& m : migrations_for(db.dialect(), module_order)) {
    if (done.count({m.module, m.version})) continue;
    db.transaction([&](Session& s) {
      for (const auto& stmt : split_statements(m.sql)) s.exec(stmt);
      s.exec("INSERT INTO schema_migrations (module, version, name, applied_at) VALUES ($1, $2, $3, $4)",
             {m.module, static_cast<int64_t>(m.version), m.name, now_ms()});
    });
    report.applied.push_back(m.module + "/" + std::to_string(m.version) + "_" + m.name);
  }
  return report;
}

int pending_migrations(Database& db, const std::vector<std::string>& module_order) {
  std::set<std::pair<std::string, int>> done;
  try {
    done = applied_set(db);
  } catch (const DbError&) {
    return -1;
  }
  int pending = 0;
  for (const auto& m : migrations_for(db.dialect(), module_order))
    if (!done.count({m.module, m.version})) pending++;
  return pending;
}

}  // namespace kiorex::db
