// Every table of the fully migrated schema is declared by its module: either returned by a named export
// part of GET /v1/users/{id}/export, or declared as holding nothing to export, with the reason. A new
// module whose table holds personal data fails here until it adds an export part (UsersModule::add_export_part)
// or says why the table holds none (UsersModule::declare_not_exported). Runs on SQLite, and on PostgreSQL
// when KIOREX_TEST_PG_URL names a server (scripts/run-tests.sh sets it).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "app/app.hpp"
#include "core/testing/test_database.hpp"
#include "modules/users/users_module.hpp"

namespace kiorex::app {
namespace {

// The schema's tables without the database's own (SQLite's sqlite_* tables and FTS5's shadow tables, which
// belong to their virtual table).
std::vector<std::string> schema_tables(db::Database& db) {
  std::vector<std::string> out;
  if (db.dialect() == db::Dialect::postgres) {
    for (const auto& r : db.query(db::ReadFrom::primary,
                                  "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                                  "AND table_type = 'BASE TABLE' ORDER BY table_name").rows)
      out.push_back(r.str(0));
    return out;
  }
  std::set<std::string> virtual_tables;
  auto rs = db.query(db::ReadFrom::primary,
                     "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  for (const auto& r : rs.rows)
    if (r.str(1).starts_with("CREATE VIRTUAL TABLE")) virtual_tables.insert(r.str(0));
  for (const auto& r : rs.rows) {
    bool shadow = false;
    for (const auto& vt : virtual_tables)
      for (const char* suffix : {"_data", "_idx", "_content", "_docsize", "_config"})
        shadow = shadow || r.str(0) == vt + suffix;
    if (!shadow) out.push_back(r.str(0));
  }
  return out;
}

// What is wrong with the declarations for `tables`: one line per undeclared table, per table both exported
// and declared as not, and per declaration without a reason.
std::vector<std::string> coverage_problems(const std::vector<std::string>& tables, const users::UsersModule& users) {
  std::map<std::string, std::string> exported_by;
  for (const auto& part : users.export_parts())
    for (const auto& t : part.tables) exported_by[t] = part.name;
  std::map<std::string, std::string> reasons;
  for (const auto& n : users.tables_not_exported()) reasons[n.table] = n.reason;
  std::vector<std::string> problems;
  for (const auto& t : tables) {
    bool exported = exported_by.contains(t), declared = reasons.contains(t);
    if (!exported && !declared)
      problems.push_back(t + ": no export part returns it and no module declares that it holds no personal data");
    if (exported && declared) problems.push_back(t + ": both exported (" + exported_by[t] + ") and declared as not");
    if (declared && reasons[t].size() < 10) problems.push_back(t + ": declared as not exported without a reason");
  }
  return problems;
}

class PersonalDataCovered : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    tdb_ = testing::TestDatabase::create(GetParam(), "personal_data", module_order(), &skip, 2);
    if (!tdb_) GTEST_SKIP() << skip;
    cfg_.data_dir = tdb_->dir().string();
    cfg_.database_url = tdb_->url();
    cfg_.argon2_profile = "test";
    app_ = std::make_unique<App>(cfg_);
  }
  void TearDown() override {
    app_.reset();
    tdb_.reset();
  }
  std::unique_ptr<testing::TestDatabase> tdb_;
  config::Config cfg_;
  std::unique_ptr<App> app_;
};

TEST_P(PersonalDataCovered, EveryTableIsExportedOrDeclaredWithAReason) {
  auto tables = schema_tables(*app_->db);
  ASSERT_GE(tables.size(), 30u) << "the schema was not migrated";
  auto problems = coverage_problems(tables, *app_->users);
  for (const auto& p : problems) ADD_FAILURE() << p;
  EXPECT_TRUE(problems.empty());
}

TEST_P(PersonalDataCovered, ANewTableWithPersonalDataFailsUntilItIsDeclared) {
  app_->db->execute("CREATE TABLE pet_owners (owner_id TEXT NOT NULL, pet_name TEXT NOT NULL)");
  auto problems = coverage_problems(schema_tables(*app_->db), *app_->users);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(problems[0].starts_with("pet_owners: no export part")) << problems[0];
  app_->users->add_export_part({"pets", {"pet_owners"}, [](const std::string&) { return boost::json::object{}; }});
  EXPECT_TRUE(coverage_problems(schema_tables(*app_->db), *app_->users).empty());
}

TEST_P(PersonalDataCovered, EveryExportPartNamesItsTablesAndAnswersForAnUnknownPerson) {
  std::set<std::string> names;
  for (const auto& part : app_->users->export_parts()) {
    EXPECT_TRUE(names.insert(part.name).second) << "two export parts are called " << part.name;
    EXPECT_FALSE(part.tables.empty()) << part.name << " names no table";
    EXPECT_NO_THROW(part.read("usr_00000000000000000000000000")) << part.name;
  }
  EXPECT_TRUE(names.contains("consultations")) << "the consultations module adds its part";
}

INSTANTIATE_TEST_SUITE_P(Databases, PersonalDataCovered, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kiorex::app
