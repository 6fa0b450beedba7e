// Erasure drops the messages still waiting to be sent to the erased person's addresses, and only those.
#include "core/notify/message_queue.hpp"

#include <gtest/gtest.h>

#include "core/db/database.hpp"
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

TEST_P(MessageQueueTest, ErasureDropsOnlyTheQueuedMessagesToThePersonsAddresses) {
  auto& db = tdb_->db();
  // An already delivered message to the person is not looked at (it was sent).
  db.transaction([&](db::Session& tx) { queue_message(tx, box_, {"email", "zoe.q@example.com", "Earlier", "code 000000", "000000"}); });
  db.execute("UPDATE outbox_events SET delivered_at = 1");
  db.transaction([&](db::Session& tx) {
    queue_message(tx, box_, {"email", "Zoe.Q@example.com", "Hello Zoe", "code 111111", "111111"});
    queue_message(tx, box_, {"sms", "+15551234567", "", "code 222222", "222222"});
    queue_message(tx, box_, {"email", "other@example.com", "Hello", "code 333333", "333333"});
  });
  int64_t dropped = 0;
  db.transaction([&](db::Session& tx) { dropped = drop_queued_messages(tx, box_, {"zoe.q@example.com", "+15551234567", ""}); });
  EXPECT_EQ(dropped, 2);
  auto left = db.query(db::ReadFrom::primary, "SELECT COUNT(*) FROM outbox_events WHERE type = 'notify.message_requested'");
  EXPECT_EQ(left.one().i64(0), 2);
  db.transaction([&](db::Session& tx) { EXPECT_EQ(drop_queued_messages(tx, box_, {}), 0); });
}

INSTANTIATE_TEST_SUITE_P(Db, MessageQueueTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kiorex::notify
