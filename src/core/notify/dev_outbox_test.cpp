#include "core/notify/dev_outbox.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "core/audit/audit_log.hpp"
#include "core/db/database.hpp"
#include "core/http/problem.hpp"
#include "core/http/router.hpp"
#include "core/notify/secret_text.hpp"
#include "core/testing/test_database.hpp"

namespace kiorex::notify {
namespace {

class DevOutboxTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    tdb_ = kiorex::testing::TestDatabase::create(GetParam(), "outbox", {"core"}, &skip, 2);
    if (!tdb_) GTEST_SKIP() << skip;
    db_ = &tdb_->db();
  }
  void TearDown() override { tdb_.reset(); }

  // A GET as an administrator (whose sign-in passed a second factor unless `mfa` is false).
  http::Response get(http::Router& router, const std::string& path, std::map<std::string, std::string> query = {},
                     bool mfa = true) {
    auto m = router.match("GET", path);
    if (!m.route) throw std::logic_error("route missing");
    http::Request req;
    req.query = std::move(query);
    req.path_params = m.params;
    req.principal = {"usr_admin", "admin", "ses_1", "full", mfa};
    try {
      http::Response r = m.route->handler(req);
      if (!http::wait_for_holds(req)) return http::Response::text(500, "audit record not committed", "text/plain");
      return r;
    } catch (const http::ApiError& e) {
      return http::problem_response(e, "req", path);
    }
  }
  http::Response list(http::Router& router, std::map<std::string, std::string> query) {
    return get(router, "/v1/admin/dev-outbox", std::move(query));
  }

  audit::AuditLog audit_;
  std::unique_ptr<kiorex::testing::TestDatabase> tdb_;
  db::Database* db_ = nullptr;
};

TEST_P(DevOutboxTest, StoresAndListsNewestFirst) {
  DevOutboxSender sender(*db_);
  std::string err;
  ASSERT_TRUE(sender.send({"email", "Alice@Example.com", "Your code", "Your code is 123456.", "123456"}, &err)) << err;
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_TRUE(sender.send({"sms", "+15551234567", "", "Kiorex code 654321", "654321"}, &err)) << err;
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_TRUE(sender.send({"email", "alice@example.com", "Welcome", "Hello Alice", ""}, &err)) << err;

  http::Router router;
  register_dev_outbox_routes(router, *db_, audit_, true);
  ASSERT_EQ(router.routes().size(), 2u);
  for (const auto& r : router.routes()) {
    EXPECT_EQ(r->permission, "admin.dev_outbox");
    EXPECT_EQ(r->tag, "admin");
    EXPECT_NO_THROW(boost::json::parse(r->response_schema));
  }

  auto all = boost::json::parse(list(router, {}).body).as_object().at("items").as_array();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].as_object().at("subject").as_string(), "Welcome");
  EXPECT_EQ(all[1].as_object().at("channel").as_string(), "sms");
  EXPECT_EQ(all[2].as_object().at("text").as_string(), "Your code is ******.");  // the list never shows a code
  EXPECT_EQ(all[2].as_object().at("subject").as_string(), "Your code");
  EXPECT_EQ(all[1].as_object().at("text").as_string(), "Kiorex code ******");
  EXPECT_EQ(all[2].as_object().at("to").as_string(), "Alice@Example.com");
  EXPECT_EQ(all[2].as_object().at("created_at").as_string().size(), 24u);
  EXPECT_EQ(std::string(all[2].as_object().at("id").as_string()).rfind("msg_", 0), 0u);

  auto alice = boost::json::parse(list(router, {{"to", "ALICE@example.com"}}).body).as_object().at("items").as_array();
  ASSERT_EQ(alice.size(), 2u);
  EXPECT_EQ(alice[0].as_object().at("subject").as_string(), "Welcome");
  auto one = boost::json::parse(list(router, {{"limit", "1"}}).body).as_object().at("items").as_array();
  EXPECT_EQ(one.size(), 1u);
  auto phone = boost::json::parse(list(router, {{"to", "+15551234567"}}).body).as_object().at("items").as_array();
  EXPECT_EQ(phone.size(), 1u);
  EXPECT_TRUE(boost::json::parse(list(router, {{"to", "bob@example.com"}}).body).as_object().at("items").as_array().empty());

  EXPECT_EQ(list(router, {{"limit", "0"}}).status, 422);
  EXPECT_EQ(list(router, {{"limit", "101"}}).status, 422);
  EXPECT_EQ(list(router, {{"limit", "x"}}).status, 422);
}

TEST_P(DevOutboxTest, OneMessageOpensWithItsCodeAndIsAudited) {
  DevOutboxSender sender(*db_);
  std::string err;
  ASSERT_TRUE(sender.send({"email", "alice@example.com", "Code 482913", "Your code is 482913.", "482913"}, &err)) << err;
  http::Router router;
  register_dev_outbox_routes(router, *db_, audit_, true);
  auto items = boost::json::parse(list(router, {}).body).as_object().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  std::string id(items[0].as_object().at("id").as_string());
  EXPECT_EQ(items[0].as_object().at("subject").as_string(), "Code ******");

  auto opened = get(router, "/v1/admin/dev-outbox/" + id);
  ASSERT_EQ(opened.status, 200) << opened.body;
  auto m = boost::json::parse(opened.body).as_object();
  EXPECT_EQ(m.at("text").as_string(), "Your code is 482913.");
  EXPECT_EQ(m.at("subject").as_string(), "Code 482913");
  auto rec = db_->query(db::ReadFrom::primary, "SELECT actor_id, action, resource FROM audit_log WHERE action = $1",
                        {std::string("notify.dev_outbox.open")});
  ASSERT_EQ(rec.rows.size(), 1u);
  EXPECT_EQ(rec.one().str(0), "usr_admin");
  EXPECT_EQ(rec.one().str(2), "dev_outbox:" + id);

  EXPECT_EQ(get(router, "/v1/admin/dev-outbox/msg_nope").status, 404);
  EXPECT_EQ(get(router, "/v1/admin/dev-outbox/" + std::string(200, 'x')).status, 404);
}

TEST_P(DevOutboxTest, RefusedWithoutSecondFactorAndWhenMessagesAreSentForReal) {
  DevOutboxSender sender(*db_);
  std::string err;
  ASSERT_TRUE(sender.send({"email", "alice@example.com", "Code 482913", "Your code is 482913.", "482913"}, &err)) << err;
  std::string id = db_->query(db::ReadFrom::primary, "SELECT id FROM dev_outbox", {}).one().str(0);
  http::Router mailbox;
  register_dev_outbox_routes(mailbox, *db_, audit_, true);
  for (const std::string& path : {std::string("/v1/admin/dev-outbox"), "/v1/admin/dev-outbox/" + id}) {
    auto r = get(mailbox, path, {}, false);
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_NE(r.body.find("mfa-required"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("482913"), std::string::npos) << r.body;
  }
  http::Router real;
  register_dev_outbox_routes(real, *db_, audit_, false);
  for (const std::string& path : {std::string("/v1/admin/dev-outbox"), "/v1/admin/dev-outbox/" + id}) {
    auto r = get(real, path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("482913"), std::string::npos) << r.body;
  }
  EXPECT_TRUE(db_->query(db::ReadFrom::primary, "SELECT 1 FROM audit_log", {}).empty()) << "nothing was opened";
}

TEST_P(DevOutboxTest, LogLineMasksRecipientAndSecret) {
  DevOutboxSender sender(*db_);
  ::testing::internal::CaptureStderr();
  bool ok = sender.send({"email", "john.doe@example.com", "Sign-in code 482913", "Your code is 482913. It expires soon.",
                         "482913"},
                        nullptr);
  std::string out = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(ok);
  EXPECT_NE(out.find("dev_outbox.stored"), std::string::npos) << out;
  EXPECT_EQ(out.find("482913"), std::string::npos) << out;
  EXPECT_EQ(out.find("john.doe"), std::string::npos) << out;
  EXPECT_NE(out.find("jo***@example.com"), std::string::npos) << out;
  EXPECT_EQ(out.find("Sign-in code"), std::string::npos) << "no subject or text: they carry names\n" << out;
}

TEST_P(DevOutboxTest, FailureReportsAMaskedError) {
  DevOutboxSender sender(*db_);
  db_->execute("DROP TABLE dev_outbox");
  std::string err;
  EXPECT_FALSE(sender.send({"sms", "+15551234567", "", "code 111222", "111222"}, &err));
  EXPECT_FALSE(err.empty());
  EXPECT_EQ(err.find("111222"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Db, DevOutboxTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(DevOutboxMask, SecretsInText) {
  EXPECT_EQ(mask_secrets_in_text("Use the code 482913 to sign in."), "Use the code ****** to sign in.");
  EXPECT_EQ(mask_secrets_in_text("Code: 482-913"), "Code: ******");
  EXPECT_EQ(mask_secrets_in_text("PIN 4829, ok"), "PIN ******, ok");
  EXPECT_EQ(mask_secrets_in_text("Open https://kiorex.test:8443/reset?token=abc&u=1#frag now"),
            "Open https://kiorex.test:8443/reset?****** now");
  EXPECT_EQ(mask_secrets_in_text("https://kiorex.test/r/9fK2mQ7xLp3VbN8wZt4Y"), "https://kiorex.test/r/******");
  EXPECT_EQ(mask_secrets_in_text("token rt_9fK2mQ7xLp3VbN8wZt4Y here"), "token ****** here");
  EXPECT_EQ(mask_secrets_in_text("Recovery ABCD-1234-EFGH"), "Recovery ******");
  // Words, short numbers and names stay readable.
  EXPECT_EQ(mask_secrets_in_text("Hello Alice, sign-in on day 12 at 9:30."), "Hello Alice, sign-in on day 12 at 9:30.");
  EXPECT_EQ(mask_secrets_in_text(""), "");
  EXPECT_EQ(mask_secrets_in_text("ünïcode 123456 ✓"), "ünïcode ****** ✓");
}

TEST(DevOutboxMask, Recipients) {
  EXPECT_EQ(mask_recipient("john.doe@example.com"), "jo***@example.com");
  EXPECT_EQ(mask_recipient("ab@example.com"), "a***@example.com");
  EXPECT_EQ(mask_recipient("a@example.com"), "***@example.com");
  EXPECT_EQ(mask_recipient("+15551234567"), "+1***67");
  EXPECT_EQ(mask_recipient("12345"), "***");
  EXPECT_EQ(mask_recipient(""), "***");
}

// Erasure: the person's messages go (by address, ignoring case); others' messages keep their text with
// the person's name replaced.
TEST_P(DevOutboxTest, ErasureDeletesThePersonsMessagesAndTheirNameInOthers) {
  DevOutboxSender sender(*db_);
  ASSERT_TRUE(sender.send({"email", "Zoe.Q@example.com", "Hello Zoe Quill", "Hello Zoe Quill, your code", ""}, nullptr));
  ASSERT_TRUE(sender.send({"sms", "+15551234567", "", "Zoe Quill: code 1", ""}, nullptr));
  ASSERT_TRUE(sender.send({"email", "other@example.com", "Zoe Quill wants to link", "Hi, Zoe Quill asked", ""}, nullptr));
  int64_t deleted = 0;
  db_->transaction([&](db::Session& tx) {
    deleted = erase_dev_outbox_messages(tx, {"zoe.q@example.com", "+15551234567", ""}, "Zoe Quill");
  });
  EXPECT_EQ(deleted, 2);
  auto rs = db_->query(db::ReadFrom::primary, "SELECT recipient, subject, body FROM dev_outbox");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0].str(0), "other@example.com");
  EXPECT_EQ(rs.rows[0].str(1), std::string(kErasedName) + " wants to link");
  EXPECT_EQ(rs.rows[0].str(2), std::string("Hi, ") + kErasedName + " asked");
}

}  // namespace
}  // namespace kiorex::notify
