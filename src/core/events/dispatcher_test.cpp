// Outbox + dispatcher, on SQLite (always) and PostgreSQL (when KIOREX_TEST_PG_URL is set; each test gets its
// own schema so test processes can run in parallel).
#include "core/events/dispatcher.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "core/events/admin_routes.hpp"
#include "core/events/outbox.hpp"
#include "core/http/problem.hpp"
#include "core/http/router.hpp"
#include "core/metrics/metrics.hpp"
#include "core/testing/test_database.hpp"

namespace kiorex::events {
namespace {

using namespace std::chrono_literals;

class DispatcherTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    tdb_ = kiorex::testing::TestDatabase::create(GetParam(), "events", {"core"}, &skip, 4);
    if (!tdb_) GTEST_SKIP() << skip;
    db_ = &tdb_->db();
    db_->execute("CREATE TABLE test_counters (name TEXT PRIMARY KEY, n BIGINT NOT NULL)");
  }

  void TearDown() override { tdb_.reset(); }

  // Another connection pool on the same database, as a second process would have.
  std::unique_ptr<db::Database> open_another() { return tdb_->open_another(4); }

  std::string publish_one(const std::string& type, const std::string& aggregate = "agg_1") {
    std::string id;
    db_->transaction([&](db::Session& tx) { id = publish(tx, type, aggregate, {{"n", 1}, {"who", aggregate}}); });
    return id;
  }

  static void bump(db::Session& tx, const std::string& name) {
    tx.exec("INSERT INTO test_counters (name, n) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET n = test_counters.n + 1",
            {name});
  }
  int64_t counter(const std::string& name) {
    auto rs = db_->query(db::ReadFrom::primary, "SELECT n FROM test_counters WHERE name = $1", {name});
    return rs.empty() ? 0 : rs.one().i64(0);
  }
  int64_t scalar(const std::string& sql, const std::vector<db::Value>& params = {}) {
    return db_->query(db::ReadFrom::primary, sql, params).one().i64(0);
  }

  std::unique_ptr<kiorex::testing::TestDatabase> tdb_;
  db::Database* db_ = nullptr;
  metrics::Registry metrics_;
};

TEST_P(DispatcherTest, PublishStoresTheEventInTheTransaction) {
  const std::string id = publish_one("test.created", "usr_1");
  EXPECT_EQ(id.rfind("evt_", 0), 0u);
  auto rs = db_->query(db::ReadFrom::primary,
                       "SELECT type, aggregate_id, payload, delivered_at, attempts FROM outbox_events WHERE id = $1", {id});
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.one().str(0), "test.created");
  EXPECT_EQ(rs.one().str(1), "usr_1");
  EXPECT_EQ(boost::json::parse(rs.one().str(2)).as_object().at("who").as_string(), "usr_1");
  EXPECT_TRUE(rs.one().is_null(3));
  EXPECT_EQ(rs.one().i64(4), 0);
}

TEST_P(DispatcherTest, PublishInRolledBackTransactionLeavesNoEvent) {
  EXPECT_THROW(db_->transaction([&](db::Session& tx) {
    publish(tx, "test.created", "agg_1", {{"n", 1}});
    bump(tx, "business");
    throw std::runtime_error("business rule failed");
  }),
               std::runtime_error);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM outbox_events"), 0);
  EXPECT_EQ(counter("business"), 0);

  Dispatcher d(*db_, metrics_, 10, 3, 1);
  int calls = 0;
  d.subscribe("c", "*", [&](const Event&, db::Session&) { calls++; });
  EXPECT_EQ(d.run_once(), 0u);
  EXPECT_EQ(calls, 0);
}

TEST_P(DispatcherTest, DeliversToMatchingConsumersAndMarksDelivered) {
  Dispatcher d(*db_, metrics_, 10, 3, 1);
  std::vector<std::string> seen_a, seen_all;
  d.subscribe("a", "test.created", [&](const Event& e, db::Session& tx) {
    seen_a.push_back(e.id);
    bump(tx, "a");
  });
  d.subscribe("all", "*", [&](const Event& e, db::Session&) { seen_all.push_back(e.type); });
  const std::string e1 = publish_one("test.created");
  publish_one("test.other");
  EXPECT_EQ(d.pending_count(), 2);

  EXPECT_EQ(d.run_once(), 2u);
  ASSERT_EQ(seen_a.size(), 1u);
  EXPECT_EQ(seen_a[0], e1);
  EXPECT_EQ(seen_all.size(), 2u);
  EXPECT_EQ(counter("a"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NOT NULL"), 2);
  EXPECT_EQ(d.pending_count(), 0);
  EXPECT_EQ(d.oldest_undelivered_age_seconds(), 0.0);
  EXPECT_EQ(metrics_.counter("kiorex_events_delivered_total", "").load(), 3u);

  EXPECT_EQ(d.run_once(), 0u);  // nothing left
  EXPECT_EQ(seen_all.size(), 2u);
}

TEST_P(DispatcherTest, EventPayloadReachesTheConsumer) {
  Dispatcher d(*db_, metrics_, 10, 3, 1);
  Event got;
  d.subscribe("c", "test.created", [&](const Event& e, db::Session&) { got = e; });
  const std::string id = publish_one("test.created", "usr_42");
  d.run_once();
  EXPECT_EQ(got.id, id);
  EXPECT_EQ(got.type, "test.created");
  EXPECT_EQ(got.aggregate_id, "usr_42");
  EXPECT_GT(got.created_at, 0);
  EXPECT_EQ(boost::json::parse(got.payload).as_object().at("n").as_int64(), 1);
}

TEST_P(DispatcherTest, EventWithoutConsumersIsMarkedDelivered) {
  Dispatcher d(*db_, metrics_, 10, 3, 1);
  d.subscribe("c", "test.other", [&](const Event&, db::Session&) {});
  publish_one("test.nobody_listens");
  EXPECT_EQ(d.run_once(), 1u);
  EXPECT_EQ(d.pending_count(), 0);
}

TEST_P(DispatcherTest, RedeliveredEventIsAppliedOnce) {
  Dispatcher d(*db_, metrics_, 10, 3, 1);
  int calls = 0;
  d.subscribe("counter", "test.created", [&](const Event&, db::Session& tx) {
    calls++;
    bump(tx, "applied");
  });
  const std::string id = publish_one("test.created");
  EXPECT_EQ(d.run_once(), 1u);
  EXPECT_EQ(counter("applied"), 1);

  // As if the process died after the consumer committed but before the event was marked delivered.
  db_->execute("UPDATE outbox_events SET delivered_at = NULL, available_at = 0 WHERE id = $1", {id});
  EXPECT_EQ(d.run_once(), 1u);
  EXPECT_EQ(counter("applied"), 1);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(d.pending_count(), 0);

  // A second dispatcher (another process) that sees it again also skips it.
  auto other_db = open_another();
  metrics::Registry other_metrics;
  Dispatcher other(*other_db, other_metrics, 10, 3, 1);
  int other_calls = 0;
  other.subscribe("counter", "test.created", [&](const Event&, db::Session& tx) {
    other_calls++;
    bump(tx, "applied");
  });
  db_->execute("UPDATE outbox_events SET delivered_at = NULL, available_at = 0 WHERE id = $1", {id});
  EXPECT_EQ(other.run_once(), 1u);
  EXPECT_EQ(other_calls, 0);
  EXPECT_EQ(counter("applied"), 1);
}

TEST_P(DispatcherTest, ConsumerEffectsRollBackWhenItThrows) {
  Dispatcher d(*db_, metrics_, 10, 5, 1);
  int calls = 0;
  d.subscribe("flaky", "test.created", [&](const Event&, db::Session& tx) {
    calls++;
    bump(tx, "flaky");  // written, then rolled back when the consumer throws
    if (calls == 1) throw std::runtime_error("first attempt fails");
  });
  publish_one("test.created");
  d.run_once();
  EXPECT_EQ(counter("flaky"), 0);
  std::this_thread::sleep_for(5ms);
  d.run_once();
  EXPECT_EQ(counter("flaky"), 1);
  EXPECT_EQ(calls, 2);
}

TEST_P(DispatcherTest, RetriesWithBackoffThenSucceeds) {
  Dispatcher d(*db_, metrics_, 10, 5, 20);
  int calls = 0;
  std::vector<std::string> ok_calls;
  d.subscribe("flaky", "test.created", [&](const Event&, db::Session& tx) {
    calls++;
    if (calls <= 2) throw std::runtime_error("smtp timeout #" + std::to_string(calls));
    bump(tx, "flaky");
  });
  d.subscribe("steady", "test.created", [&](const Event& e, db::Session&) { ok_calls.push_back(e.id); });
  const std::string id = publish_one("test.created");

  EXPECT_EQ(d.run_once(), 1u);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(ok_calls.size(), 1u);  // the other consumer is not held back
  auto st = db_->query(db::ReadFrom::primary,
                       "SELECT status, attempts, next_attempt_at, last_error FROM event_deliveries WHERE event_id = $1", {id});
  ASSERT_EQ(st.rows.size(), 1u);
  EXPECT_EQ(st.one().str(0), "pending");
  EXPECT_EQ(st.one().i64(1), 1);
  EXPECT_GT(st.one().i64(2), db::now_ms());
  EXPECT_EQ(st.one().str(3), "smtp timeout #1");
  EXPECT_EQ(d.pending_count(), 1);

  EXPECT_EQ(d.run_once(), 0u);  // backoff: not due yet
  EXPECT_EQ(calls, 1);

  for (int i = 0; i < 100 && counter("flaky") == 0; i++) {
    std::this_thread::sleep_for(10ms);
    d.run_once();
  }
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(counter("flaky"), 1);
  EXPECT_EQ(ok_calls.size(), 1u);  // the consumer that succeeded the first time is not run again
  EXPECT_EQ(d.pending_count(), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM event_deliveries"), 0);
  EXPECT_EQ(scalar("SELECT attempts FROM outbox_events WHERE id = $1", {id}), 2);
  EXPECT_EQ(metrics_.counter("kiorex_events_failed_total", "").load(), 2u);
  EXPECT_EQ(metrics_.counter("kiorex_events_dead_lettered_total", "").load(), 0u);
  EXPECT_TRUE(d.dead_letters(10, true).empty());
}

TEST_P(DispatcherTest, DeadLettersAfterMaxAttemptsAndReplayDeliversAgain) {
  Dispatcher d(*db_, metrics_, 10, 3, 1);
  bool broken = true;
  int calls = 0;
  d.subscribe("fragile", "test.created", [&](const Event&, db::Session& tx) {
    calls++;
    if (broken) throw std::runtime_error("downstream rejected the payload");
    bump(tx, "fragile");
  });
  d.subscribe("steady", "test.created", [&](const Event&, db::Session& tx) { bump(tx, "steady"); });
  const std::string id = publish_one("test.created");

  for (int i = 0; i < 100 && d.pending_count() > 0; i++) {
    d.run_once();
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(d.pending_count(), 0);  // dead-lettered counts as done for the event
  EXPECT_EQ(counter("steady"), 1);
  EXPECT_EQ(counter("fragile"), 0);
  EXPECT_EQ(metrics_.counter("kiorex_events_dead_lettered_total", "").load(), 1u);
  EXPECT_EQ(metrics_.counter("kiorex_events_failed_total", "").load(), 3u);

  auto letters = d.dead_letters(50, false);
  ASSERT_EQ(letters.size(), 1u);
  const DeadLetter dl = letters[0];
  EXPECT_EQ(dl.id.rfind("dlq_", 0), 0u);
  EXPECT_EQ(dl.event_id, id);
  EXPECT_EQ(dl.consumer, "fragile");
  EXPECT_EQ(dl.type, "test.created");
  EXPECT_EQ(dl.error, "downstream rejected the payload");
  EXPECT_EQ(dl.attempts, 3);
  EXPECT_FALSE(dl.replayed_at.has_value());
  EXPECT_EQ(boost::json::parse(dl.payload).as_object().at("n").as_int64(), 1);

  // Nothing more happens until an admin replays it.
  d.run_once();
  EXPECT_EQ(calls, 3);

  broken = false;
  EXPECT_TRUE(d.replay(dl.id));
  EXPECT_FALSE(d.replay(dl.id));  // already replayed
  EXPECT_FALSE(d.replay("dlq_unknown"));
  EXPECT_EQ(d.pending_count(), 1);
  EXPECT_EQ(d.run_once(), 1u);
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(counter("fragile"), 1);
  EXPECT_EQ(counter("steady"), 1);  // not delivered twice to the consumer that had succeeded
  EXPECT_EQ(d.pending_count(), 0);

  EXPECT_TRUE(d.dead_letters(50, false).empty());
  auto all = d.dead_letters(50, true);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].replayed_at.has_value());
}

TEST_P(DispatcherTest, ReplayedDeliveryThatFailsAgainGetsFreshAttempts) {
  Dispatcher d(*db_, metrics_, 10, 2, 1);
  int calls = 0;
  d.subscribe("never", "test.created", [&](const Event&, db::Session&) {
    calls++;
    throw std::runtime_error("still broken");
  });
  publish_one("test.created");
  for (int i = 0; i < 50 && d.pending_count() > 0; i++) {
    d.run_once();
    std::this_thread::sleep_for(3ms);
  }
  ASSERT_EQ(calls, 2);
  ASSERT_TRUE(d.replay(d.dead_letters(10, false).at(0).id));
  for (int i = 0; i < 50 && d.pending_count() > 0; i++) {
    d.run_once();
    std::this_thread::sleep_for(3ms);
  }
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(d.dead_letters(10, false).size(), 1u);
  EXPECT_EQ(d.dead_letters(10, true).size(), 2u);
}

TEST_P(DispatcherTest, ConsumerWhoseSqlFailsIsRetriedCleanly) {
  // On PostgreSQL a failed statement aborts the transaction: the failure must still be recorded.
  db_->execute("INSERT INTO test_counters (name, n) VALUES ('taken', 1)");
  Dispatcher d(*db_, metrics_, 10, 2, 1);
  d.subscribe("dup", "test.created", [&](const Event&, db::Session& tx) {
    tx.exec("INSERT INTO test_counters (name, n) VALUES ('taken', 1)");
  });
  publish_one("test.created");
  for (int i = 0; i < 50 && d.pending_count() > 0; i++) {
    d.run_once();
    std::this_thread::sleep_for(3ms);
  }
  auto letters = d.dead_letters(10, false);
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0].attempts, 2);
  EXPECT_FALSE(letters[0].error.empty());
  EXPECT_EQ(counter("taken"), 1);
}

TEST_P(DispatcherTest, ErrorTextThatIsNotValidUtf8IsStillRecorded) {
  Dispatcher d(*db_, metrics_, 10, 1, 1);
  d.subscribe("binary", "test.created", [&](const Event&, db::Session&) {
    throw std::runtime_error(std::string("bad \xff\xfe bytes \xed\xa0\x80 and caf\xc3\xa9 ") + std::string(5000, 'x'));
  });
  publish_one("test.created");
  d.run_once();
  auto letters = d.dead_letters(10, false);
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0].error.rfind("bad ?? bytes ??? and caf\xc3\xa9 ", 0), 0u) << letters[0].error.substr(0, 40);
  EXPECT_LE(letters[0].error.size(), 2000u);
}

TEST_P(DispatcherTest, ExternalConsumerIsCalledOutsideATransactionAndRecorded) {
  Dispatcher d(*db_, metrics_, 10, 3, 1);
  int calls = 0;
  d.subscribe_external("mailer", "test.created", [&](const Event&) {
    calls++;
    // Outside any transaction: this process may open its own.
    db_->execute("INSERT INTO test_counters (name, n) VALUES ('mail', 1)");
  });
  const std::string id = publish_one("test.created");
  EXPECT_EQ(d.run_once(), 1u);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM event_consumptions WHERE consumer = 'mailer' AND event_id = $1", {id}), 1);
  db_->execute("UPDATE outbox_events SET delivered_at = NULL, available_at = 0 WHERE id = $1", {id});
  d.run_once();
  EXPECT_EQ(calls, 1);  // recorded as consumed: not sent again
}

TEST_P(DispatcherTest, LagAndPendingReportTheOldestUndeliveredEvent) {
  Dispatcher d(*db_, metrics_, 10, 3, 1);
  const std::string id = publish_one("test.created");
  db_->execute("UPDATE outbox_events SET created_at = $1 WHERE id = $2", {db::now_ms() - 30000, id});
  EXPECT_EQ(d.pending_count(), 1);
  EXPECT_GE(d.oldest_undelivered_age_seconds(), 29.0);
  EXPECT_LT(d.oldest_undelivered_age_seconds(), 120.0);
  const std::string text = metrics_.render();
  EXPECT_NE(text.find("kiorex_outbox_pending 1"), std::string::npos) << text;
  EXPECT_NE(text.find("kiorex_outbox_lag_seconds 3"), std::string::npos) << text;
  d.run_once();
  EXPECT_EQ(d.oldest_undelivered_age_seconds(), 0.0);
}

TEST_P(DispatcherTest, GaugesSurviveTheDispatcher) {
  { Dispatcher d(*db_, metrics_, 10, 3, 1); }
  EXPECT_NE(metrics_.render().find("kiorex_outbox_pending 0"), std::string::npos);
}

TEST_P(DispatcherTest, BackgroundThreadDeliversAndStopFlushes) {
  Dispatcher d(*db_, metrics_, 20, 3, 1);
  std::atomic<int> calls{0};
  d.subscribe("c", "test.created", [&](const Event&, db::Session& tx) {
    calls++;
    bump(tx, "bg");
  });
  d.start();
  d.start();  // idempotent
  publish_one("test.created");
  for (int i = 0; i < 300 && calls.load() == 0; i++) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(calls.load(), 1);
  d.stop(2s);

  // After stop the thread is gone; stop() with events due flushes them itself.
  publish_one("test.created");
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(calls.load(), 1);
  d.stop(2s);
  EXPECT_EQ(calls.load(), 2);
  EXPECT_EQ(d.pending_count(), 0);
}

TEST_P(DispatcherTest, ManyEventsAcrossBatches) {
  Dispatcher d(*db_, metrics_, 10, 3, 1);
  d.subscribe("c", "test.bulk", [&](const Event&, db::Session& tx) { bump(tx, "bulk"); });
  db_->transaction([&](db::Session& tx) {
    for (int i = 0; i < 250; i++) publish(tx, "test.bulk", "agg_" + std::to_string(i), {});
  });
  EXPECT_EQ(d.run_once(), 250u);
  EXPECT_EQ(counter("bulk"), 250);
  EXPECT_EQ(d.pending_count(), 0);
}

TEST_P(DispatcherTest, TwoDispatchersOnOneDatabaseApplyEachEventOnce) {
  auto other_db = open_another();
  metrics::Registry other_metrics;
  Dispatcher a(*db_, metrics_, 5, 3, 1);
  Dispatcher b(*other_db, other_metrics, 5, 3, 1);
  std::atomic<int> calls{0};
  auto consumer = [&](const Event& e, db::Session& tx) {
    calls++;
    bump(tx, "each:" + e.aggregate_id);
  };
  a.subscribe("c", "test.race", consumer);
  b.subscribe("c", "test.race", consumer);
  constexpr int kEvents = 200;
  db_->transaction([&](db::Session& tx) {
    for (int i = 0; i < kEvents; i++) publish(tx, "test.race", std::to_string(i), {});
  });
  std::thread ta([&] { a.run_once(); });
  std::thread tb([&] { b.run_once(); });
  ta.join();
  tb.join();
  EXPECT_EQ(a.pending_count(), 0);
  EXPECT_EQ(calls.load(), kEvents);  // claims keep the two apart
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM test_counters WHERE n = 1"), kEvents);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM test_counters WHERE n <> 1"), 0);
}

TEST_P(DispatcherTest, SubscribeRejectsDuplicates) {
  Dispatcher d(*db_, metrics_, 10, 3, 1);
  d.subscribe("c", "a", [](const Event&, db::Session&) {});
  d.subscribe("c", "b", [](const Event&, db::Session&) {});
  EXPECT_THROW(d.subscribe("c", "a", [](const Event&, db::Session&) {}), std::logic_error);
  EXPECT_THROW(d.subscribe("", "a", [](const Event&, db::Session&) {}), std::invalid_argument);
}

// --- admin routes -------------------------------------------------------------------------------------------

http::Response call(http::Router& router, const std::string& method, const std::string& path,
                    std::map<std::string, std::string> query = {}) {
  auto m = router.match(method, path);
  if (!m.route) throw std::logic_error("no route for " + method + " " + path);
  http::Request req;
  req.method = method;
  req.path = path;
  req.query = std::move(query);
  req.path_params = m.params;
  try {
    return m.route->handler(req);
  } catch (const http::ApiError& e) {
    return http::problem_response(e, "req_test", path);
  }
}

TEST_P(DispatcherTest, AdminRoutesListAndReplayDeadLetters) {
  Dispatcher d(*db_, metrics_, 10, 1, 1);
  bool broken = true;
  d.subscribe("fragile", "test.created", [&](const Event&, db::Session&) {
    if (broken) throw std::runtime_error("boom");
  });
  const std::string event_id = publish_one("test.created");
  d.run_once();

  http::Router router;
  register_event_admin_routes(router, d);
  for (const auto& r : router.routes()) {
    EXPECT_EQ(r->permission, "admin.events");
    EXPECT_EQ(r->tag, "admin");
    EXPECT_FALSE(r->summary.empty());
    EXPECT_NO_THROW(boost::json::parse(r->response_schema)) << r->path;
  }

  auto list = call(router, "GET", "/v1/admin/events/dead-letters");
  ASSERT_EQ(list.status, 200) << list.body;
  auto items = boost::json::parse(list.body).as_object().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  const auto& item = items[0].as_object();
  const std::string id(item.at("id").as_string());
  EXPECT_EQ(item.at("event_id").as_string(), event_id);
  EXPECT_EQ(item.at("consumer").as_string(), "fragile");
  EXPECT_EQ(item.at("type").as_string(), "test.created");
  EXPECT_EQ(item.at("error").as_string(), "boom");
  EXPECT_EQ(item.at("attempts").as_int64(), 1);
  EXPECT_EQ(item.at("created_at").as_string().size(), 24u);  // 2024-01-02T03:04:05.678Z
  EXPECT_TRUE(item.at("replayed_at").is_null());

  EXPECT_EQ(call(router, "GET", "/v1/admin/events/dead-letters", {{"limit", "0"}}).status, 422);
  EXPECT_EQ(call(router, "GET", "/v1/admin/events/dead-letters", {{"limit", "101"}}).status, 422);
  EXPECT_EQ(call(router, "GET", "/v1/admin/events/dead-letters", {{"limit", "ten"}}).status, 422);
  EXPECT_EQ(call(router, "GET", "/v1/admin/events/dead-letters", {{"include_replayed", "maybe"}}).status, 422);
  EXPECT_EQ(call(router, "GET", "/v1/admin/events/dead-letters", {{"limit", "100"}}).status, 200);

  auto missing = call(router, "POST", "/v1/admin/events/dead-letters/dlq_nope/replay");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type, "application/problem+json");

  broken = false;
  auto replayed = call(router, "POST", "/v1/admin/events/dead-letters/" + id + "/replay");
  ASSERT_EQ(replayed.status, 200) << replayed.body;
  EXPECT_EQ(boost::json::parse(replayed.body).as_object().at("status").as_string(), "replayed");
  EXPECT_EQ(call(router, "POST", "/v1/admin/events/dead-letters/" + id + "/replay").status, 409);

  auto open = boost::json::parse(call(router, "GET", "/v1/admin/events/dead-letters").body);
  EXPECT_TRUE(open.as_object().at("items").as_array().empty());
  auto with = boost::json::parse(
      call(router, "GET", "/v1/admin/events/dead-letters", {{"include_replayed", "true"}}).body);
  ASSERT_EQ(with.as_object().at("items").as_array().size(), 1u);
  EXPECT_TRUE(with.as_object().at("items").as_array()[0].as_object().at("replayed_at").is_string());

  d.run_once();
  EXPECT_EQ(d.pending_count(), 0);
}

INSTANTIATE_TEST_SUITE_P(Db, DispatcherTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kiorex::events
