// A sent message keeps no text; erasure drops the unsent messages (waiting or dead-lettered) to the erased
// person's addresses, and only those.
#include "core/notify/message_queue.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "core/events/dispatcher.hpp"
#include "core/metrics/metrics.hpp"
#include "core/security/master_key.hpp"
#include "core/testing/test_database.hpp"

namespace kiorex::notify {
namespace {

class MessageQueueTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    tdb_ = kiorex::testing::TestDatabase::create(GetParam(), "message_queue", {"core"}, &skip, 2);
    if (!tdb_) GTEST_SKIP() << skip;
  }
  std::unique_ptr<kiorex::testing::TestDatabase> tdb_;
  security::SecretBox box_{std::string(32, 'k')};
};

// A sender that accepts every message except those to one address, and remembers what it sent.
class RecordingSender : public Sender {
 public:
  explicit RecordingSender(std::string refuse) : refuse_(std::move(refuse)) {}
  bool send(const OutgoingMessage& m, std::string* error) override {
    if (m.to == refuse_) {
      if (error) *error = "refused";
      return false;
    }
    sent.push_back(m.to);
    return true;
  }
  std::vector<std::string> sent;

 private:
  std::string refuse_;
};

int64_t count(db::Database& db, const std::string& sql) { return db.query(db::ReadFrom::primary, sql).one().i64(0); }

TEST_P(MessageQueueTest, ASentMessageKeepsNoTextAndADeadLetteredOneKeepsItForAReplay) {
  auto& db = tdb_->db();
  metrics::Registry metrics;
  events::Dispatcher dispatcher(db, metrics, 10, 1);
  RecordingSender sender("broken@example.com");
  register_message_consumer(dispatcher, sender, box_);
  db.transaction([&](db::Session& tx) {
    queue_message(tx, box_, {"email", "zoe.q@example.com", "Hello Zoe Quist", "code 000000", "000000"});
    queue_message(tx, box_, {"email", "broken@example.com", "Hello", "code 444444", "444444"});
  });
  dispatcher.run_once();
  EXPECT_EQ(sender.sent, std::vector<std::string>{"zoe.q@example.com"});
  // Both are done with (one sent, one dead-lettered after its one attempt); only the dead one keeps its text.
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NOT NULL"), 2);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM outbox_events WHERE payload = '{}'"), 1);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM dead_letters"), 1);
}

TEST_P(MessageQueueTest, ErasureDropsOnlyTheUnsentMessagesToThePersonsAddresses) {
  auto& db = tdb_->db();
  metrics::Registry metrics;
  events::Dispatcher dispatcher(db, metrics, 10, 1);
  RecordingSender sender("zoe.q@example.com");  // the person's mail bounces: a dead-lettered message to them
  register_message_consumer(dispatcher, sender, box_);
  db.transaction([&](db::Session& tx) {
    queue_message(tx, box_, {"email", "zoe.q@example.com", "Earlier", "code 000000", "000000"});
    queue_message(tx, box_, {"email", "other@example.com", "Sent", "code 555555", "555555"});
  });
  dispatcher.run_once();
  ASSERT_EQ(count(db, "SELECT COUNT(*) FROM dead_letters"), 1);
  db.transaction([&](db::Session& tx) {
    queue_message(tx, box_, {"email", "Zoe.Q@example.com", "Hello Zoe", "code 111111", "111111"});
    queue_message(tx, box_, {"sms", "+15551234567", "", "code 222222", "222222"});
    queue_message(tx, box_, {"email", "other@example.com", "Hello", "code 333333", "333333"});
  });
  int64_t dropped = 0;
  db.transaction([&](db::Session& tx) { dropped = drop_queued_messages(tx, box_, {"zoe.q@example.com", "+15551234567", ""}); });
  EXPECT_EQ(dropped, 3);  // the dead-lettered one and the two waiting
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM dead_letters"), 0);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM event_deliveries"), 0);
  // Left: the message sent to someone else (its text already forgotten) and the one waiting for them.
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM outbox_events WHERE type = 'notify.message_requested'"), 2);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM outbox_events WHERE payload = '{}'"), 1);
  db.transaction([&](db::Session& tx) { EXPECT_EQ(drop_queued_messages(tx, box_, {}), 0); });
}

INSTANTIATE_TEST_SUITE_P(Db, MessageQueueTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kiorex::notify
