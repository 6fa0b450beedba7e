#include "core/testing/test_database.hpp"

#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include "core/db/migrations.hpp"
#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::testing {

std::unique_ptr<TestDatabase> TestDatabase::create(const std::string& dialect, const std::string& label,
                                                   const std::vector<std::string>& modules, std::string* skip_reason,
                                                   int pool_size) {
  if (dialect != "sqlite" && dialect != "postgres") throw std::invalid_argument("unknown test dialect: " + dialect);
  const char* server = dialect == "postgres" ? std::getenv("KIOREX_TEST_PG_URL") : nullptr;
  if (dialect == "postgres" && (!server || !*server)) {
    if (skip_reason) *skip_reason = "KIOREX_TEST_PG_URL is not set: the PostgreSQL variant did not run";
    return nullptr;
  }

  // Owned from here on, so that a failure below still removes what was made.
  std::unique_ptr<TestDatabase> t(new TestDatabase());
  std::string tmpl = (std::filesystem::temp_directory_path() / ("kiorex_" + label + "_XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed for " + tmpl);
  t->dir_ = tmpl;

  if (server) {
    t->server_url_ = server;
    const std::string schema = "t_" + label + "_" + security::hex_encode(security::random_bytes(6));
    auto admin = db::open_database(t->server_url_, 1);
    // Extensions belong to the database, not to a schema: keep them in public, which is on every test's
    // search path, so that one test's DROP SCHEMA ... CASCADE never takes another test's pg_trgm with it.
    // Two test processes may race to create it; the loser sees it on its second look.
    for (int attempt = 0;; attempt++) {
      try {
        admin->execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public");
        break;
      } catch (const std::exception&) {
        if (attempt == 2) throw;
      }
    }
    admin->execute("CREATE SCHEMA " + schema);
    t->schema_ = schema;
    const char* sep = t->server_url_.find('?') == std::string::npos ? "?" : "&";
    t->url_ = t->server_url_ + sep + "options=-csearch_path%3D" + schema + "%2Cpublic";
  } else {
    t->url_ = "sqlite://" + t->dir_.string() + "/t.db";
  }
  t->db_ = t->open_another(pool_size);
  db::migrate(*t->db_, modules);
  return t;
}

TestDatabase::~TestDatabase() {
  db_.reset();
  try {
    if (!schema_.empty()) db::open_database(server_url_, 1)->execute("DROP SCHEMA " + schema_ + " CASCADE");
  } catch (const std::exception& e) {
    std::cerr << "TestDatabase: could not drop schema " << schema_ << ": " << e.what() << "\n";
  }
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  if (ec) std::cerr << "TestDatabase: could not remove " << dir_ << ": " << ec.message() << "\n";
}

std::unique_ptr<db::Database> TestDatabase::open_another(int pool_size) const {
  return db::open_database(url_, pool_size);
}

}  // namespace kiorex::testing
