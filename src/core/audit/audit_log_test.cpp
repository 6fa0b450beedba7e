// The hash-chained audit log, on SQLite (always) and PostgreSQL (when KIOREX_TEST_PG_URL is set).
#include "core/audit/audit_log.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <thread>

#include "core/audit/audit_rows.hpp"
#include "core/http/router.hpp"
#include "core/security/crypto.hpp"
#include "core/testing/test_database.hpp"

namespace kiorex::audit {
namespace {

class AuditLogTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    const int pool_size = GetParam() == "postgres" ? 8 : 4;
    tdb_ = kiorex::testing::TestDatabase::create(GetParam(), "audit", {"core"}, &skip, pool_size);
    if (!tdb_) GTEST_SKIP() << skip;
    db_ = &tdb_->db();
  }

  void TearDown() override { tdb_.reset(); }

  static AuditRecord record(int i, const std::string& subject = "usr_patient") {
    AuditRecord r;
    r.actor_id = "usr_doctor";
    r.actor_role = "doctor";
    r.action = "records.read";
    r.subject_id = subject;
    r.resource = "record:rec_" + std::to_string(i);
    r.reason = "care_relationship";
    r.request_id = "req_" + std::to_string(i);
    r.ip = "203.0.113.7";
    r.outcome = "success";
    r.details = {{"i", i}, {"fields", boost::json::array{"diagnosis", "notes"}}};
    return r;
  }

  void append_n(int n) {
    for (int i = 1; i <= n; i++) log_.append(*db_, record(i));
  }

  // The stored record at `seq` (its stored details text in *details).
  AuditEntry entry_at(int64_t seq, std::string* details) {
    auto rs = db_->query(db::ReadFrom::primary, std::string("SELECT ") + stored::kColumns + " FROM audit_log WHERE seq = $1",
                         {seq});
    return stored::entry_from(rs.one(), details);
  }

  std::unique_ptr<kiorex::testing::TestDatabase> tdb_;
  db::Database* db_ = nullptr;
  AuditLog log_;
};

TEST_P(AuditLogTest, EmptyLogVerifies) {
  auto r = log_.verify(*db_);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.records, 0);
  EXPECT_EQ(r.first_bad_seq, 0);
}

TEST_P(AuditLogTest, ChainOfAppendsVerifies) {
  append_n(5);
  auto r = log_.verify(*db_);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.records, 5);
  EXPECT_EQ(r.last_seq, 5);
  EXPECT_EQ(r.last_hash.size(), 64u);

  auto rows = db_->query(db::ReadFrom::primary, "SELECT seq, prev_hash, hash, id FROM audit_log ORDER BY seq");
  ASSERT_EQ(rows.rows.size(), 5u);
  EXPECT_EQ(rows.rows[0].str(1), std::string(64, '0'));
  for (size_t i = 1; i < rows.rows.size(); i++) EXPECT_EQ(rows.rows[i].str(1), rows.rows[i - 1].str(2));
  EXPECT_EQ(rows.rows[4].str(2), r.last_hash);
  EXPECT_EQ(rows.rows[0].str(3).rfind("aud_", 0), 0u);
}

TEST_P(AuditLogTest, AppendInsideABusinessTransactionRollsBackWithIt) {
  append_n(1);
  EXPECT_THROW(db_->transaction([&](db::Session& tx) {
    log_.append(tx, record(2));
    throw std::runtime_error("business failure");
  }),
               std::runtime_error);
  db_->transaction([&](db::Session& tx) { log_.append(tx, record(3)); });
  auto r = log_.verify(*db_);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.records, 2);
}

TEST_P(AuditLogTest, EditedDetailsAreFound) {
  append_n(5);
  db_->execute("UPDATE audit_log SET details = $1 WHERE seq = 3", {std::string(R"({"i":3,"fields":[]})")});
  auto r = log_.verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 3);
  EXPECT_NE(r.problem.find("edited"), std::string::npos) << r.problem;
  EXPECT_EQ(r.last_seq, 2);  // the last record that checked out
}

TEST_P(AuditLogTest, EditedActorIsFound) {
  append_n(4);
  db_->execute("UPDATE audit_log SET actor_id = 'usr_someone_else' WHERE seq = 1");
  auto r = log_.verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 1);
}

TEST_P(AuditLogTest, RecordRewrittenWithARecomputedSha256IsFoundAtItself) {
  // What someone holding only the database can do: recompute the unkeyed hash of an edited record. The
  // newest record, with nothing after it to disagree, is the case the keyed chain exists for.
  append_n(4);
  for (int64_t seq : {4, 2}) {
    std::string details;
    AuditEntry e = entry_at(seq, &details);
    e.record.outcome = "denied";
    db_->execute("UPDATE audit_log SET outcome = 'denied', hash = $1 WHERE seq = $2",
                 {security::sha256_hex(AuditLog::canonical(e, details)), seq});
    auto r = log_.verify(*db_);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_seq, seq);
    EXPECT_EQ(r.kind, "edited");
    EXPECT_NE(r.problem.find("without the chain key"), std::string::npos) << r.problem;
  }
}

TEST_P(AuditLogTest, RecordRewrittenWithItsOwnKeyedHashIsFoundByTheNext) {
  // Even someone holding the chain key cannot rewrite a record in the middle: the next prev_hash disagrees.
  append_n(4);
  std::string details;
  AuditEntry e = entry_at(2, &details);
  e.record.outcome = "denied";
  db_->execute("UPDATE audit_log SET outcome = 'denied', hash = $1 WHERE seq = 2",
               {AuditLog::keyed_hash(log_.keys().chain_key(), e, details)});
  auto r = log_.verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 3);
  EXPECT_NE(r.problem.find("prev_hash"), std::string::npos) << r.problem;
}

TEST_P(AuditLogTest, DeletedMiddleRecordIsFound) {
  append_n(5);
  db_->execute("DELETE FROM audit_log WHERE seq = 3");
  auto r = log_.verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 3);
  EXPECT_NE(r.problem.find("missing"), std::string::npos) << r.problem;
}

TEST_P(AuditLogTest, DeletedFirstRecordIsFound) {
  append_n(3);
  db_->execute("DELETE FROM audit_log WHERE seq = 1");
  auto r = log_.verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 1);
}

TEST_P(AuditLogTest, DeletedMiddleRecordWithRenumberingIsFound) {
  append_n(5);
  db_->execute("DELETE FROM audit_log WHERE seq = 3");
  db_->execute("UPDATE audit_log SET seq = seq - 1 WHERE seq > 3");
  auto r = log_.verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 3);
}

TEST_P(AuditLogTest, TruncatedTailIsFoundOnlyWithACheckpoint) {
  // Deleting the newest records leaves a valid, shorter chain: the table alone cannot show it. A
  // checkpoint signed before can.
  append_n(5);
  auto cp = log_.make_checkpoint(*db_);
  ASSERT_TRUE(cp.checkpoint) << cp.verify.problem;
  EXPECT_EQ(cp.checkpoint->seq, 5);
  EXPECT_TRUE(log_.verify(*db_, *cp.checkpoint).ok);
  db_->execute("DELETE FROM audit_log WHERE seq >= 4");
  auto after = log_.verify(*db_);
  EXPECT_TRUE(after.ok);
  EXPECT_EQ(after.records, 3);
  auto with = log_.verify(*db_, *cp.checkpoint);
  EXPECT_FALSE(with.ok);
  EXPECT_EQ(with.kind, "tail_cut");
  EXPECT_EQ(with.first_bad_seq, 4);
  EXPECT_NE(with.problem.find("records 4 to 5 are missing"), std::string::npos) << with.problem;
}

TEST_P(AuditLogTest, CheckpointFindsARewrittenRecordAndNewRecordsAfterItPass) {
  append_n(3);
  auto cp = log_.make_checkpoint(*db_);
  ASSERT_TRUE(cp.checkpoint);
  append_n(2);
  EXPECT_TRUE(log_.verify(*db_, *cp.checkpoint).ok);
  // The key holder re-chains from record 3 to the end: the chain holds, the checkpoint does not.
  std::string unused;
  std::string prev = entry_at(2, &unused).hash;
  for (int64_t seq = 3; seq <= 5; seq++) {
    std::string details;
    AuditEntry e = entry_at(seq, &details);
    if (seq == 3) e.record.ip = "192.0.2.1";
    e.prev_hash = prev;
    prev = AuditLog::keyed_hash(log_.keys().chain_key(), e, details);
    db_->execute("UPDATE audit_log SET ip = $1, prev_hash = $2, hash = $3 WHERE seq = $4", {e.record.ip, e.prev_hash, prev, seq});
  }
  EXPECT_TRUE(log_.verify(*db_).ok);
  auto r = log_.verify(*db_, *cp.checkpoint);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.kind, "rewritten");
  EXPECT_EQ(r.first_bad_seq, 3);
}

TEST_P(AuditLogTest, CheckpointOfAnotherKeyOrEditedIsForged) {
  append_n(2);
  auto cp = log_.make_checkpoint(*db_);
  ASSERT_TRUE(cp.checkpoint);
  Checkpoint edited = *cp.checkpoint;
  edited.seq = 1;
  auto r = log_.verify(*db_, edited);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.kind, "checkpoint_forged");
  AuditLog other;  // other keys
  auto theirs = other.make_checkpoint(*db_);  // their chain key does not verify this log
  EXPECT_FALSE(theirs.checkpoint);
  EXPECT_EQ(theirs.verify.kind, "switch_over");
  Checkpoint signed_by_other = sign_checkpoint(other.keys(), 2, cp.checkpoint->head_hash, 1, cp.checkpoint->at_ms);
  EXPECT_EQ(log_.verify(*db_, signed_by_other).kind, "checkpoint_forged");
  // Trusting the other key explicitly (--public-key) checks the chain against it.
  EXPECT_TRUE(log_.verify(*db_, signed_by_other, other.keys().public_key()).ok);
}

TEST_P(AuditLogTest, SwitchOverIsSealedByTheFirstAppendAndCannotMove) {
  auto state = [&] { return db_->query(db::ReadFrom::primary, "SELECT keyed_from_seq, seal FROM audit_chain_state").one(); };
  EXPECT_TRUE(state().is_null(0));
  append_n(3);
  EXPECT_EQ(state().i64(0), 1);
  EXPECT_EQ(state().str(1), AuditLog::switch_over_seal(log_.keys().chain_key(), 1));
  auto ok = log_.verify(*db_);
  EXPECT_TRUE(ok.ok);
  EXPECT_EQ(ok.keyed_from_seq, 1);
  db_->execute("UPDATE audit_chain_state SET keyed_from_seq = 3");
  auto moved = log_.verify(*db_);
  EXPECT_FALSE(moved.ok);
  EXPECT_EQ(moved.kind, "switch_over");
  db_->execute("UPDATE audit_chain_state SET keyed_from_seq = 1, seal = NULL");
  EXPECT_EQ(log_.verify(*db_).kind, "switch_over");  // a switch-over without its seal
}

TEST_P(AuditLogTest, RecordsBeforeTheSwitchOverVerifyByTheOldRule) {
  // A log of the previous version: unkeyed hashes, no switch-over. Then new appends are keyed.
  append_n(3);
  db_->execute("UPDATE audit_chain_state SET keyed_from_seq = NULL, seal = NULL");
  std::string prev(64, '0');
  for (int64_t seq = 1; seq <= 3; seq++) {
    std::string details;
    AuditEntry e = entry_at(seq, &details);
    e.prev_hash = prev;
    prev = security::sha256_hex(AuditLog::canonical(e, details));
    db_->execute("UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE seq = $3", {e.prev_hash, prev, seq});
  }
  auto old = log_.verify(*db_);
  EXPECT_TRUE(old.ok) << old.problem;
  EXPECT_EQ(old.keyed_from_seq, 0);
  append_n(2);
  auto r = log_.verify(*db_);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.keyed_from_seq, 4);
  std::string details;
  AuditEntry fourth = entry_at(4, &details);
  EXPECT_EQ(fourth.prev_hash, prev);
  EXPECT_EQ(fourth.hash, AuditLog::keyed_hash(log_.keys().chain_key(), fourth, details));
}

TEST_P(AuditLogTest, IncrementalCheckpointReadsOnlyNewRecordsButStillChecksItsStart) {
  append_n(3);
  auto first = log_.make_checkpoint(*db_);
  ASSERT_TRUE(first.checkpoint);
  append_n(2);
  auto next = log_.make_checkpoint(*db_, &*first.checkpoint);
  ASSERT_TRUE(next.checkpoint) << next.verify.problem;
  EXPECT_EQ(next.checkpoint->seq, 5);
  EXPECT_EQ(next.verify.records, 3);  // records 3 (the one the first checkpoint signed), 4 and 5
  EXPECT_TRUE(log_.verify(*db_, *next.checkpoint).ok);
  db_->execute("DELETE FROM audit_log WHERE seq >= 3");
  auto cut = log_.make_checkpoint(*db_, &*first.checkpoint);
  EXPECT_FALSE(cut.checkpoint);
  EXPECT_EQ(cut.verify.kind, "tail_cut");
}

TEST_P(AuditLogTest, VerifyWalksMoreThanOnePage) {
  db_->transaction([&](db::Session& tx) {
    for (int i = 0; i < 2100; i++) log_.append(tx, record(i));
  });
  auto r = log_.verify(*db_);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.records, 2100);
  db_->execute("DELETE FROM audit_log WHERE seq = 1500");
  r = log_.verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 1500);
}

TEST_P(AuditLogTest, ConcurrentAppendsKeepTheChainValid) {
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; t++)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; i++) {
        try {
          if (i % 2 == 0) {
            log_.append(*db_, record(t * 1000 + i));
          } else {
            db_->transaction([&](db::Session& tx) { log_.append(tx, record(t * 1000 + i)); });
          }
        } catch (const std::exception& e) {
          failures++;
          ADD_FAILURE() << e.what();
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto r = log_.verify(*db_);
  EXPECT_TRUE(r.ok) << r.problem << " at " << r.first_bad_seq;
  EXPECT_EQ(r.records, kThreads * kEach);
  EXPECT_EQ(r.last_seq, kThreads * kEach);
}

TEST_P(AuditLogTest, AppendAllChainsABatchInOrder) {
  append_n(2);
  // 87 rows: INSERTs of 64, 16, 4, 1, 1 and 1 rows, chained to the two records already there.
  std::vector<AuditRecord> batch;
  for (int i = 0; i < 87; i++) batch.push_back(record(100 + i));
  std::vector<const AuditRecord*> ptrs;
  for (const auto& r : batch) ptrs.push_back(&r);
  db_->transaction([&](db::Session& tx) { log_.append_all(tx, ptrs); });
  auto r = log_.verify(*db_);
  EXPECT_TRUE(r.ok) << r.problem << " at " << r.first_bad_seq;
  EXPECT_EQ(r.records, 89);
  auto rows = db_->query(db::ReadFrom::primary, "SELECT seq, resource FROM audit_log WHERE seq > 2 ORDER BY seq");
  ASSERT_EQ(rows.rows.size(), 87u);
  for (size_t i = 0; i < rows.rows.size(); i++) EXPECT_EQ(rows.rows[i].str(1), "record:rec_" + std::to_string(100 + i));
  db_->transaction([&](db::Session& tx) { log_.append_all(tx, {}); });  // nothing to write
  EXPECT_EQ(log_.verify(*db_).records, 89);
}

TEST_P(AuditLogTest, ManyConcurrentGroupCommitsEachReturnAfterTheirRecord) {
  // More callers than the test pool has connections: batches form, every caller's record is there
  // (visible to a fresh read) as soon as its append returns.
  constexpr int kThreads = 12, kEach = 20;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; t++)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; i++) {
        auto rec = record(t * 1000 + i);
        rec.request_id = "req_g" + std::to_string(t) + "_" + std::to_string(i);
        log_.append(*db_, rec);
        auto seen = db_->query(db::ReadFrom::primary, "SELECT COUNT(*) FROM audit_log WHERE request_id = $1", {rec.request_id});
        if (seen.one().i64(0) != 1) failures++;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto r = log_.verify(*db_);
  EXPECT_TRUE(r.ok) << r.problem << " at " << r.first_bad_seq;
  EXPECT_EQ(r.records, kThreads * kEach);
}

TEST_P(AuditLogTest, AGroupCommitThatFailsThrowsToItsCallers) {
  append_n(1);
  db_->execute("ALTER TABLE audit_log RENAME TO audit_log_away");
  EXPECT_THROW(log_.append(*db_, record(2)), db::DbError);
  db_->execute("ALTER TABLE audit_log_away RENAME TO audit_log");
  append_n(1);  // the next batch works again
  auto r = log_.verify(*db_);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.records, 2);
}

TEST_P(AuditLogTest, AHeldResponseLearnsWhetherItsRecordCommitted) {
  http::Request ok_req;
  auto rec = record(1);
  rec.request_id = "req_held_ok";
  log_.append_before_response(*db_, rec, ok_req);
  ASSERT_EQ(ok_req.holds.size(), 1u);
  EXPECT_TRUE(http::wait_for_holds(ok_req));
  EXPECT_EQ(db_->query(db::ReadFrom::primary, "SELECT COUNT(*) FROM audit_log WHERE request_id = 'req_held_ok'").one().i64(0), 1);

  db_->execute("ALTER TABLE audit_log RENAME TO audit_log_away");
  http::Request failing;
  log_.append_before_response(*db_, record(2), failing);
  EXPECT_FALSE(http::wait_for_holds(failing)) << "the server turns this into a 500";
  db_->execute("ALTER TABLE audit_log_away RENAME TO audit_log");
  EXPECT_TRUE(log_.verify(*db_).ok);
}

TEST_P(AuditLogTest, ListForSubjectNewestFirstWithPaging) {
  for (int i = 1; i <= 6; i++) log_.append(*db_, record(i, i % 2 ? "usr_a" : "usr_b"));
  auto page = log_.list_for_subject(*db_, "usr_a", 2);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].seq, 5);
  EXPECT_EQ(page[1].seq, 3);
  EXPECT_EQ(page[0].record.resource, "record:rec_5");
  EXPECT_EQ(page[0].record.details.at("i").as_int64(), 5);
  auto rest = log_.list_for_subject(*db_, "usr_a", 10, page.back().seq);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].seq, 1);
  EXPECT_TRUE(log_.list_for_subject(*db_, "usr_nobody", 10).empty());
  auto j = audit_entry_json(page[0]);
  EXPECT_EQ(j.at("action").as_string(), "records.read");
  EXPECT_EQ(j.at("at").as_string().size(), 24u);
}

TEST_P(AuditLogTest, ListForSubjectReadsTheIndexedRecordsAndTheNewerOnesAlike) {
  // Two batches reach the subject index (the second one's append merges everything so far into it);
  // then newer records stay outside it. A subject's list is the same whichever side a record is on.
  const int64_t every = AuditLog::kSubjectIndexEvery;
  auto append_batch = [&](int first, int count) {
    std::vector<AuditRecord> batch;
    for (int i = first; i < first + count; i++) batch.push_back(record(i, i % 3 ? "usr_a" : "usr_b"));
    std::vector<const AuditRecord*> ptrs;
    for (const auto& r : batch) ptrs.push_back(&r);
    db_->transaction([&](db::Session& tx) { log_.append_all(tx, ptrs); });
  };
  auto indexed = [&] {
    return db_->query(db::ReadFrom::primary, "SELECT indexed_seq FROM audit_index_state WHERE id = 1").one().i64(0);
  };
  append_batch(1, static_cast<int>(every) - 5);
  EXPECT_EQ(indexed(), 0);  // not yet: the index takes whole batches
  append_batch(static_cast<int>(every) - 4, 10);
  const int64_t total_indexed = every + 5;
  EXPECT_EQ(indexed(), total_indexed);
  EXPECT_EQ(db_->query(db::ReadFrom::primary, "SELECT COUNT(*) FROM audit_subject_index").one().i64(0), total_indexed);
  for (int i = 0; i < 7; i++) log_.append(*db_, record(static_cast<int>(total_indexed) + 1 + i, i % 3 ? "usr_a" : "usr_b"));
  EXPECT_EQ(indexed(), total_indexed);  // the last seven are only in the log

  for (const std::string subject : {"usr_a", "usr_b"}) {
    auto expected = db_->query(db::ReadFrom::primary, "SELECT seq FROM audit_log WHERE subject_id = $1 ORDER BY seq DESC",
                               {subject});
    std::vector<int64_t> got;
    int64_t before = 0;
    for (;;) {  // pages of 100 across the boundary
      auto page = log_.list_for_subject(*db_, subject, 100, before);
      for (const auto& e : page) {
        EXPECT_EQ(e.record.subject_id, subject);
        got.push_back(e.seq);
      }
      if (page.size() < 100) break;
      before = page.back().seq;
    }
    ASSERT_EQ(got.size(), expected.rows.size()) << subject;
    for (size_t i = 0; i < got.size(); i++) EXPECT_EQ(got[i], expected.rows[i].i64(0)) << subject << " at " << i;
  }
  // A page that starts in the newer records and ends in the indexed ones.
  auto mixed = log_.list_for_subject(*db_, "usr_a", 8);
  ASSERT_EQ(mixed.size(), 8u);
  EXPECT_GT(mixed.front().seq, total_indexed);
  EXPECT_LE(mixed.back().seq, total_indexed);
  EXPECT_TRUE(log_.verify(*db_).ok);
}

TEST_P(AuditLogTest, VerifyRoute) {
  http::Router router;
  register_audit_admin_routes(router, log_, *db_);
  auto m = router.match("GET", "/v1/admin/audit/verify");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->permission, "admin.audit");
  EXPECT_EQ(m.route->tag, "admin");
  EXPECT_NO_THROW(boost::json::parse(m.route->response_schema));
  append_n(3);
  http::Request req;
  auto ok = boost::json::parse(m.route->handler(req).body).as_object();
  EXPECT_TRUE(ok.at("ok").as_bool());
  EXPECT_EQ(ok.at("records").as_int64(), 3);
  EXPECT_FALSE(ok.contains("first_bad_seq"));
  db_->execute("DELETE FROM audit_log WHERE seq = 2");
  auto bad = boost::json::parse(m.route->handler(req).body).as_object();
  EXPECT_FALSE(bad.at("ok").as_bool());
  EXPECT_EQ(bad.at("first_bad_seq").as_int64(), 2);
  EXPECT_TRUE(bad.at("problem").is_string());
}

INSTANTIATE_TEST_SUITE_P(Db, AuditLogTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kiorex::audit
