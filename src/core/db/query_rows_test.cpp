// Database::query_rows: SQLite streams from its statement, PostgreSQL reads the result first and hands its
// rows over without copying them; both give the same rows as query() (numbers, booleans, floats, NULLs),
// and a callback that throws leaves the pool usable.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/db/database.hpp"
#include "core/testing/test_database.hpp"

namespace kiorex::db {
namespace {

class QueryRowsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    // One reader on SQLite: a connection not given back after a throw would hang the next read.
    tdb_ = kiorex::testing::TestDatabase::create(GetParam(), "query_rows", {"core"}, &skip, 1);
    if (!tdb_) GTEST_SKIP() << skip;
    db_ = &tdb_->db();
    db_->execute("CREATE TABLE qr_items (id TEXT PRIMARY KEY, n BIGINT, note TEXT)");
    for (int i = 1; i <= 5; i++)
      db_->execute("INSERT INTO qr_items (id, n, note) VALUES ($1, $2, $3)",
                   {"item_" + std::to_string(i), static_cast<int64_t>(i * 10), i == 3 ? Value(nullptr) : Value("note é " + std::to_string(i))});
  }
  void TearDown() override { tdb_.reset(); }

  std::unique_ptr<kiorex::testing::TestDatabase> tdb_;
  Database* db_ = nullptr;
};

TEST_P(QueryRowsTest, SameRowsAsQuery) {
  const std::string sql = "SELECT id, n, note FROM qr_items WHERE n >= $1 ORDER BY n";
  auto rs = db_->query(ReadFrom::primary, sql, {int64_t{20}});
  std::size_t i = 0;
  db_->query_rows(ReadFrom::primary, sql, {int64_t{20}}, [&](const RowView& row) {
    ASSERT_LT(i, rs.rows.size());
    const Row& want = rs.rows[i++];
    EXPECT_EQ(row.size(), 3u);
    EXPECT_EQ(row.text(0), want.str(0));
    EXPECT_EQ(row.i64(1), want.i64(1));
    EXPECT_EQ(row.text(1), want.str(1)) << "a number reads as its text";
    EXPECT_EQ(row.is_null(2), want.is_null(2));
    EXPECT_EQ(row.text(2), want.str(2));
  });
  EXPECT_EQ(i, 4u);
}

TEST_P(QueryRowsTest, BooleansAndFloatsReadAsQueryReadsThem) {
  db_->execute("CREATE TABLE qr_kinds (id TEXT PRIMARY KEY, ok BOOLEAN, ratio DOUBLE PRECISION, big BIGINT)");
  db_->execute("INSERT INTO qr_kinds (id, ok, ratio, big) VALUES ('a', TRUE, 0.25, -9007199254740993), "
               "('b', FALSE, -3.5, 0), ('c', NULL, NULL, NULL)");
  const std::string sql = "SELECT id, ok, ratio, big FROM qr_kinds ORDER BY id";
  auto rs = db_->query(ReadFrom::primary, sql, {});
  std::size_t i = 0;
  db_->query_rows(ReadFrom::primary, sql, {}, [&](const RowView& row) {
    ASSERT_LT(i, rs.rows.size());
    const Row& want = rs.rows[i++];
    for (std::size_t c = 0; c < 4; c++) {
      EXPECT_EQ(row.is_null(c), want.is_null(c)) << i << "," << c;
      if (c > 0) EXPECT_EQ(row.i64(c), want.i64(c)) << i << "," << c;
      if (c == 2 && !want.is_null(c)) EXPECT_EQ(std::stod(std::string(row.text(c))), want.f64(c)) << i;  // the same number
      else EXPECT_EQ(row.text(c), want.str(c)) << i << "," << c;
    }
  });
  EXPECT_EQ(i, 3u);
  i = 0;
  db_->query_rows(ReadFrom::primary, sql, {}, [&](const RowView& row) {
    if (i++ == 0) {
      EXPECT_EQ(row.text(1), "1") << "true reads as 1, as query() gives it";
      EXPECT_EQ(row.i64(3), -9007199254740993) << "a BIGINT beyond a double's precision stays exact";
    }
  });
}

TEST_P(QueryRowsTest, NoRowsNoCalls) {
  int calls = 0;
  db_->query_rows(ReadFrom::primary, "SELECT id FROM qr_items WHERE n > 1000", {}, [&](const RowView&) { calls++; });
  EXPECT_EQ(calls, 0);
}

TEST_P(QueryRowsTest, AThrowingCallbackStopsTheReadAndFreesTheConnection) {
  int calls = 0;
  EXPECT_THROW(db_->query_rows(ReadFrom::primary, "SELECT id FROM qr_items ORDER BY n", {},
                               [&](const RowView&) {
                                 if (++calls == 2) throw std::runtime_error("stop");
                               }),
               std::runtime_error);
  EXPECT_EQ(calls, 2);
  // The same statement and the only reader work again, from the first row.
  std::vector<std::string> ids;
  db_->query_rows(ReadFrom::primary, "SELECT id FROM qr_items ORDER BY n", {},
                  [&](const RowView& row) { ids.emplace_back(row.text(0)); });
  EXPECT_EQ(ids.size(), 5u);
  EXPECT_EQ(ids.front(), "item_1");
}

INSTANTIATE_TEST_SUITE_P(Db, QueryRowsTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kiorex::db
