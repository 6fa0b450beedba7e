#pragma once
// Versioned schema migrations, one .sql file per dialect and version beside each module
// (src/<module>/migrations/<dialect>/NNN_name.sql), embedded at build time.
#include <string>
#include <vector>

#include "core/db/database.hpp"

namespace kiorex::db {

struct EmbeddedSql {
  const char* path;  // relative to src/, e.g. "modules/auth/migrations/sqlite/001_users.sql"
  const char* sql;
};
const std::vector<EmbeddedSql>& embedded_migrations();

struct Migration {
  std::string module;
  int version = 0;
  std::string name;
  std::string sql;
};

// The migrations for a dialect, in the order they must run: modules in `module_order`, then by version.
std::vector<Migration> migrations_for(Dialect d, const std::vector<std::string>& module_order);

struct MigrationReport {
  std::vector<std::string> applied;  // "auth/001_users"
  int pending = 0;
};

// Applies what is missing, each migration in its own transaction with its bookkeeping row.
MigrationReport migrate(Database& db, const std::vector<std::string>& module_order);
// Number of migrations not yet applied (0 = the schema is current). -1 if the table is missing.
int pending_migrations(Database& db, const std::vector<std::string>& module_order);

}  // namespace kiorex::db
