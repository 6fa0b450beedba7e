// Idempotency-Key: repeats get the first answer, another body 422, concurrent repeats run the handler once,
// failures release the key, a lost claim rolls the business change back; on SQLite and PostgreSQL.
#include "core/http/idempotency.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/db/database.hpp"
#include "core/http/problem.hpp"
#include "core/testing/test_database.hpp"

namespace kiorex::http {
namespace {

class IdempotencyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    tdb_ = kiorex::testing::TestDatabase::create(GetParam(), "idem", {"core"}, &skip, 8);
    if (!tdb_) GTEST_SKIP() << skip;
    db_ = &tdb_->db();
    db_->execute("CREATE TABLE test_things (id TEXT PRIMARY KEY, body TEXT NOT NULL)");
  }
  void TearDown() override { tdb_.reset(); }

  Request request(const std::string& key, const std::string& body, const std::string& user = "usr_a") {
    Request r;
    r.method = "POST";
    r.route = "/v1/things";
    r.body = body;
    r.principal.user_id = user;
    r.principal.role = "patient";
    if (!key.empty()) r.headers.set("idempotency-key", key);
    return r;
  }

  // The handler under test: inserts a row and records its answer in the same transaction.
  Response create(IdempotencyScope& scope, const Request& req, int delay_ms = 0) {
    runs_++;
    if (delay_ms) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    Response resp;
    db_->transaction([&](db::Session& tx) {
      std::string id = "thing_" + std::to_string(next_++);
      tx.exec("INSERT INTO test_things (id, body) VALUES ($1, $2)", {id, req.body});
      resp = Response::json(201, "{\"id\":\"" + id + "\"}");
      resp.headers.set("etag", "\"1\"");
      scope.record(tx, resp);
    });
    return resp;
  }
  int64_t things() { return db_->query(db::ReadFrom::primary, "SELECT COUNT(*) FROM test_things").one().i64(0); }

  std::unique_ptr<kiorex::testing::TestDatabase> tdb_;
  db::Database* db_ = nullptr;
  std::atomic<int> runs_{0}, next_{1};
};

TEST_P(IdempotencyTest, RepeatGetsTheFirstAnswerAndAnotherBodyIs422) {
  auto req = request("key-00000001", R"({"a":1})");
  auto first = with_idempotency(*db_, req, [&](IdempotencyScope& s) { return create(s, req); });
  EXPECT_EQ(first.status, 201);
  auto again = with_idempotency(*db_, req, [&](IdempotencyScope& s) { return create(s, req); });
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.headers.get("etag"), std::optional<std::string_view>("\"1\""));
  EXPECT_EQ(again.headers.get("idempotent-replayed"), std::optional<std::string_view>("true"));
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(things(), 1);

  auto other = request("key-00000001", R"({"a":2})");
  try {
    with_idempotency(*db_, other, [&](IdempotencyScope& s) { return create(s, other); });
    FAIL() << "expected 422";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status, 422);
    EXPECT_EQ(e.type, "idempotency-key-reused");
  }
  // The same key by another user, or without a key, is a new request.
  auto bob = request("key-00000001", R"({"a":1})", "usr_b");
  EXPECT_NE(with_idempotency(*db_, bob, [&](IdempotencyScope& s) { return create(s, bob); }).body, first.body);
  auto plain = request("", R"({"a":1})");
  with_idempotency(*db_, plain, [&](IdempotencyScope& s) { return create(s, plain); });
  EXPECT_EQ(things(), 3);
  // Neither the key nor the answer is stored in the clear.
  auto row = db_->query(db::ReadFrom::primary, "SELECT key_hash, response_sealed FROM idempotency_keys WHERE user_id = 'usr_a'").one();
  EXPECT_EQ(row.str(0).find("key-00000001"), std::string::npos);
  EXPECT_EQ(row.str(1).find("thing_"), std::string::npos);
}

TEST_P(IdempotencyTest, BadKeysAre422) {
  for (const std::string& key : std::vector<std::string>{"short", std::string(101, 'k'), "with space"}) {
    auto req = request(key, "{}");
    try {
      with_idempotency(*db_, req, [&](IdempotencyScope& s) { return create(s, req); });
      FAIL() << key;
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status, 422);
    }
  }
  EXPECT_EQ(things(), 0);
}

TEST_P(IdempotencyTest, ConcurrentRepeatsRunTheHandlerOnce) {
  auto req = request("key-concurrent", R"({"slot":"x"})");
  std::vector<std::thread> threads;
  std::vector<Response> answers(12);
  for (int i = 0; i < 12; i++)
    threads.emplace_back([&, i] {
      answers[i] = with_idempotency(*db_, req, [&](IdempotencyScope& s) { return create(s, req, 150); });
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(things(), 1);
  for (const auto& a : answers) {
    EXPECT_EQ(a.status, 201);
    EXPECT_EQ(a.body, answers[0].body);
  }
}

TEST_P(IdempotencyTest, AWaitingRepeatGives409AfterTheWait) {
  auto req = request("key-slowslow", "{}");
  std::thread slow([&] { with_idempotency(*db_, req, [&](IdempotencyScope& s) { return create(s, req, 600); }); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  try {
    with_idempotency(*db_, req, [&](IdempotencyScope& s) { return create(s, req); }, IdempotencyOptions{.wait_ms = 100});
    ADD_FAILURE() << "expected 409";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status, 409);
    EXPECT_EQ(e.type, "idempotency-key-in-use");
    EXPECT_EQ(e.retry_after, 1);
  }
  slow.join();
  EXPECT_EQ(runs_, 1);
}

TEST_P(IdempotencyTest, AFailedRequestReleasesTheKey) {
  auto req = request("key-failing1", "{}");
  EXPECT_THROW(with_idempotency(*db_, req, [&](IdempotencyScope&) -> Response { throw ApiError::conflict("taken"); }),
               ApiError);
  auto ok = with_idempotency(*db_, req, [&](IdempotencyScope& s) { return create(s, req); });
  EXPECT_EQ(ok.status, 201);
  EXPECT_EQ(things(), 1);
}

TEST_P(IdempotencyTest, AnAbandonedClaimIsTakenOverAndTheLoserRollsBack) {
  auto req = request("key-abandon1", "{}");
  IdempotencyOptions short_lease{.wait_ms = 2000, .lease_ms = 50};
  std::atomic<bool> second_done{false};
  Response second;
  // The first request stalls past its lease; a repeat takes the key over and finishes first; the first then
  // fails to record its answer and its business change rolls back.
  std::thread first([&] {
    try {
      with_idempotency(*db_, req, [&](IdempotencyScope& s) {
        while (!second_done) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return create(s, req);
      }, short_lease);
      ADD_FAILURE() << "the first request should have lost its claim";
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status, 409);
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  second = with_idempotency(*db_, req, [&](IdempotencyScope& s) { return create(s, req); }, short_lease);
  second_done = true;
  first.join();
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(things(), 1);
  auto replay = with_idempotency(*db_, req, [&](IdempotencyScope& s) { return create(s, req); });
  EXPECT_EQ(replay.body, second.body);
}

TEST_P(IdempotencyTest, PurgeRemovesOldAnswers) {
  auto req = request("key-purge-01", "{}");
  with_idempotency(*db_, req, [&](IdempotencyScope& s) { return create(s, req); });
  EXPECT_EQ(purge_idempotency_keys(*db_, db::now_ms() - 60000), 0);
  EXPECT_EQ(purge_idempotency_keys(*db_, db::now_ms() + 1), 1);
}

INSTANTIATE_TEST_SUITE_P(Dialects, IdempotencyTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kiorex::http
