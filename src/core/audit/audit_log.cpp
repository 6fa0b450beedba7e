#include "core/audit/audit_log.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <limits>
#include <span>
#include <stdexcept>
#include <thread>

#include "core/audit/audit_rows.hpp"
#include "core/http/types.hpp"
#include "core/log/log.hpp"
#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"
#include "core/util/ids.hpp"

namespace kiorex::audit {

namespace {

// Versioned, length-prefixed fields in a fixed order: no two different records serialise alike.
std::string canonical_text(std::string_view version, const AuditEntry& e, const std::string& details_text) {
  std::string out(version);
  auto add = [&out](std::string_view v) {
    out += '\n';
    out += std::to_string(v.size());
    out += ':';
    out.append(v);
  };
  const AuditRecord& r = e.record;
  add(std::to_string(e.seq));
  add(e.id);
  add(std::to_string(e.at));
  add(r.actor_id);
  add(r.actor_role);
  add(r.action);
  add(r.subject_id);
  add(r.resource);
  add(r.reason);
  add(r.request_id);
  add(r.ip);
  add(r.outcome);
  add(details_text);
  add(e.prev_hash);
  return out;
}

}  // namespace

std::string AuditLog::canonical(const AuditEntry& e, const std::string& details_text) {
  return canonical_text("kiorex.audit.v1", e, details_text);
}

std::string AuditLog::canonical_keyed(const AuditEntry& e, const std::string& details_text) {
  return canonical_text("kiorex.audit.v2", e, details_text);
}

std::string AuditLog::keyed_hash(std::string_view chain_key, const AuditEntry& e, const std::string& details_text) {
  return security::hex_encode(security::hmac_sha256(chain_key, canonical_keyed(e, details_text)));
}

std::string AuditLog::switch_over_seal(std::string_view chain_key, int64_t keyed_from_seq) {
  return security::hex_encode(security::hmac_sha256(chain_key, "kiorex.audit.keyed-from\n" + std::to_string(keyed_from_seq)));
}

namespace {

// A batch is written with multi-row INSERTs of these sizes, largest first (a batch of 23 rows: 16, 4, 1,
// 1, 1), so each connection prepares at most four statement texts however the batches vary.
constexpr size_t kChunkRows[] = {64, 16, 4, 1};
constexpr size_t kColumnCount = 15;

const std::string& insert_sql(size_t rows) {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (size_t n : kChunkRows) {
      std::string sql =
          "INSERT INTO audit_log (seq, id, at, actor_id, actor_role, action, subject_id, resource, reason, request_id, "
          "ip, outcome, details, prev_hash, hash) VALUES ";
      for (size_t r = 0; r < n; r++) {
        sql += r ? ",(" : "(";
        for (size_t c = 0; c < kColumnCount; c++) {
          if (c) sql += ", ";
          sql += '$';
          sql += std::to_string(r * kColumnCount + c + 1);
        }
        sql += ')';
      }
      out.push_back(std::move(sql));
    }
    return out;
  }();
  for (size_t i = 0; i < std::size(kChunkRows); i++)
    if (kChunkRows[i] == rows) return texts[i];
  throw std::logic_error("audit: no INSERT text for " + std::to_string(rows) + " rows");
}

}  // namespace

void AuditLog::append(db::Session& tx, const AuditRecord& record) {
  const AuditRecord* one = &record;
  append_all(tx, std::span<const AuditRecord* const>(&one, 1));
}

void AuditLog::append_all(db::Session& tx, std::span<const AuditRecord* const> records) {
  if (records.empty()) return;
  // One lock and one read of the chain's head for the whole batch; the hashes are chained in memory.
  if (tx.dialect() == db::Dialect::postgres)
    tx.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kAuditLockKey) + ")");
  // The head, how far the subject index has got and whether the keyed chain has begun, in one read
  // (always one row).
  auto head = tx.exec(
      "SELECT s.indexed_seq, l.seq, l.hash, CASE WHEN c.seal IS NULL THEN 1 ELSE 0 END "
      "FROM audit_index_state s CROSS JOIN audit_chain_state c "
      "LEFT JOIN (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) l ON TRUE WHERE s.id = 1 AND c.id = 1");
  if (head.empty())
    throw std::logic_error("audit: audit_index_state or audit_chain_state has no row (migrations core/005, 006 missing?)");
  const int64_t indexed_seq = head.one().i64(0);
  int64_t seq = head.one().is_null(1) ? 0 : head.one().i64(1);
  std::string prev_hash = head.one().is_null(1) ? stored::kGenesisHash : head.one().str(2);
  // The first keyed record of this database: its seq is recorded and sealed with the chain key in this
  // transaction, so the switch-over cannot be moved later by someone without the key.
  if (head.one().i64(3) != 0)
    tx.exec("UPDATE audit_chain_state SET keyed_from_seq = $1, seal = $2 WHERE id = 1",
            {seq + 1, switch_over_seal(keys_.chain_key(), seq + 1)});

  std::vector<db::Value> params;
  size_t done = 0;
  while (done < records.size()) {
    size_t rows = 1;
    for (size_t n : kChunkRows)
      if (n <= records.size() - done) {
        rows = n;
        break;
      }
    params.clear();
    params.reserve(rows * kColumnCount);
    for (size_t i = done; i < done + rows; i++) {
      const AuditRecord& record = *records[i];
      AuditEntry e;
      e.record = record;
      e.seq = ++seq;
      e.prev_hash = std::move(prev_hash);
      e.id = util::new_id("aud");
      e.at = db::now_ms();
      std::string details_text = boost::json::serialize(record.details);
      e.hash = keyed_hash(keys_.chain_key(), e, details_text);
      prev_hash = e.hash;
      params.emplace_back(e.seq);
      params.emplace_back(std::move(e.id));
      params.emplace_back(e.at);
      params.emplace_back(record.actor_id);
      params.emplace_back(record.actor_role);
      params.emplace_back(record.action);
      params.emplace_back(record.subject_id);
      params.emplace_back(record.resource);
      params.emplace_back(record.reason);
      params.emplace_back(record.request_id);
      params.emplace_back(record.ip);
      params.emplace_back(record.outcome);
      params.emplace_back(std::move(details_text));
      params.emplace_back(std::move(e.prev_hash));
      params.emplace_back(std::move(e.hash));
    }
    tx.exec(insert_sql(rows), params);
    done += rows;
  }
  // Every kSubjectIndexEvery records, the ones not yet in the subject index go in together, sorted, in the
  // same transaction (so indexed_seq never points past what the index holds): a person's entries share
  // index pages, which are then written once per batch instead of once per record.
  if (seq - indexed_seq >= kSubjectIndexEvery) {
    tx.exec("INSERT INTO audit_subject_index (subject_id, seq) SELECT subject_id, seq FROM audit_log WHERE seq > $1 "
            "ORDER BY subject_id, seq",
            {indexed_seq});
    tx.exec("UPDATE audit_index_state SET indexed_seq = $1 WHERE id = 1", {seq});
  }
}

// Group commit: callers queue records; one committer thread per database takes everything queued (up to
// kMaxBatch, oldest first) and commits it in one transaction, while the next records queue behind it, so
// under load a batch holds every record that arrived during the previous commit (on SQLite each commit
// rewrites a leaf of each of audit_log's b-trees and makes every reader connection drop its page cache; on
// PostgreSQL it costs the lock, the head read and the round trips). A record is finished once its batch
// committed or failed: a blocking caller wakes on its own condition variable (no herd), an asynchronous
// one gets its callback, called on the committer thread.
struct AuditLog::GroupCommit {
  static constexpr size_t kMaxBatch = 256;
  static constexpr std::chrono::microseconds kGather{300};
  struct Pending {
    AuditRecord copy;               // asynchronous callers return before the commit: the record is copied
    const AuditRecord* record;      // what is written: `copy`, or the blocked caller's own record
    std::condition_variable cv;
    bool done = false;
    std::exception_ptr error;
    std::function<void(bool ok)> on_done;
  };

  GroupCommit(AuditLog& log, db::Database& db) : log(log), db(db), committer([this] { run(); }) {}
  ~GroupCommit() {
    {
      std::lock_guard lk(m);
      stopping = true;
    }
    work.notify_one();
    committer.join();  // commits what is still queued first
  }

  void append(const AuditRecord& r) {
    auto p = std::make_shared<Pending>();
    p->record = &r;
    enqueue(p);
    std::unique_lock lk(m);
    p->cv.wait(lk, [&] { return p->done; });
    if (p->error) std::rethrow_exception(p->error);
  }

  std::shared_ptr<Pending> append_async(const AuditRecord& r) {
    auto p = std::make_shared<Pending>();
    p->copy = r;
    p->record = &p->copy;
    enqueue(p);
    return p;
  }

  // Calls `done` once `p` is finished: at once (on this thread) if it already is, else on the committer.
  void when_done(const std::shared_ptr<Pending>& p, std::function<void(bool ok)> done) {
    std::unique_lock lk(m);
    if (!p->done) {
      p->on_done = std::move(done);
      return;
    }
    bool ok = !p->error;
    lk.unlock();
    done(ok);
  }

  void enqueue(std::shared_ptr<Pending> p) {
    bool was_empty;
    {
      std::lock_guard lk(m);
      was_empty = queue.empty();
      queue.push_back(std::move(p));
    }
    // A committer busy with a batch takes the queue when it is done; only an idle one needs waking.
    if (was_empty) work.notify_one();
  }

  void run() {
    std::unique_lock lk(m);
    for (;;) {
      work.wait(lk, [&] { return stopping || !queue.empty(); });
      if (queue.empty()) return;
      // Under load (the last batch held more than one record) wait kGather for more: each commit costs
      // every reader connection its page cache on SQLite, and a batch of ~20 instead of ~7 gave 15-20 %
      // more audited reads per second. Alone (no load), a record is committed at once.
      if (last_batch > 1 && queue.size() < kMaxBatch) {
        lk.unlock();
        std::this_thread::sleep_for(kGather);
        lk.lock();
      }
      std::vector<std::shared_ptr<Pending>> batch;
      std::vector<const AuditRecord*> records;
      while (!queue.empty() && batch.size() < kMaxBatch) {
        records.push_back(queue.front()->record);
        batch.push_back(std::move(queue.front()));
        queue.pop_front();
      }
      last_batch = batch.size();
      lk.unlock();
      std::exception_ptr error;
      try {
        db.transaction([&](db::Session& tx) { log.append_all(tx, records); });
      } catch (const std::exception& e) {
        error = std::current_exception();
        log::error("audit.commit_failed", {{"records", static_cast<int64_t>(batch.size())}, {"error", e.what()}});
      } catch (...) {
        error = std::current_exception();
      }
      std::vector<std::function<void(bool)>> callbacks;
      lk.lock();
      for (auto& p : batch) {
        p->error = error;
        p->done = true;
        if (p->on_done) callbacks.push_back(std::move(p->on_done));
        p->cv.notify_one();
      }
      lk.unlock();
      for (auto& done : callbacks) done(!error);
      lk.lock();
    }
  }

  AuditLog& log;
  db::Database& db;
  std::mutex m;
  std::condition_variable work;
  std::deque<std::shared_ptr<Pending>> queue;
  bool stopping = false;
  size_t last_batch = 0;
  std::thread committer;  // last: started once the members above exist
};

AuditLog::AuditLog() : keys_(AuditKeys::ephemeral()) {}
AuditLog::AuditLog(AuditKeys keys) : keys_(std::move(keys)) {}
AuditLog::~AuditLog() = default;

AuditLog::GroupCommit& AuditLog::group_for(db::Database& db) {
  std::lock_guard lk(groups_mutex_);
  for (auto& g : groups_)
    if (&g->db == &db) return *g;
  groups_.push_back(std::make_unique<GroupCommit>(*this, db));
  return *groups_.back();
}

void AuditLog::append(db::Database& db, const AuditRecord& record) { group_for(db).append(record); }

void AuditLog::append_before_response(db::Database& db, const AuditRecord& record, const http::Request& req) {
  auto& group = group_for(db);
  auto pending = group.append_async(record);
  req.holds.push_back([&group, pending](http::Request::HoldDone done) { group.when_done(pending, std::move(done)); });
}

std::vector<AuditEntry> AuditLog::list_for_subject(db::Database& db, const std::string& subject_id, int limit,
                                                   int64_t before_seq) const {
  // The indexed records (seq <= indexed_seq) through the subject index, and the newer ones (at most
  // kSubjectIndexEvery) by a range scan of the log; the two never overlap (migration core/005).
  static const std::string sql =
      std::string("SELECT ") + stored::kColumns +
      " FROM audit_log WHERE seq IN (SELECT seq FROM audit_subject_index WHERE subject_id = $1 AND seq < $2 "
      "ORDER BY seq DESC LIMIT $3) "
      "UNION ALL SELECT " + stored::kColumns +
      " FROM audit_log WHERE seq > (SELECT indexed_seq FROM audit_index_state WHERE id = 1) AND seq < $2 "
      "AND subject_id = $1 ORDER BY seq DESC LIMIT $3";
  const int64_t n = std::clamp(limit, 1, 1000);
  const int64_t before = before_seq > 0 ? before_seq : std::numeric_limits<int64_t>::max();
  std::vector<AuditEntry> out;
  for (const auto& row : db.query(db::ReadFrom::primary, sql, {subject_id, before, n}).rows) {
    std::string details_text;
    out.push_back(stored::entry_from(row, &details_text));
  }
  return out;
}

boost::json::object audit_entry_json(const AuditEntry& e) {
  const AuditRecord& r = e.record;
  return boost::json::object{{"seq", e.seq},
                             {"id", e.id},
                             {"at", db::iso8601_from_ms(e.at)},
                             {"actor_id", r.actor_id},
                             {"actor_role", r.actor_role},
                             {"action", r.action},
                             {"subject_id", r.subject_id},
                             {"resource", r.resource},
                             {"reason", r.reason},
                             {"request_id", r.request_id},
                             {"ip", r.ip},
                             {"outcome", r.outcome},
                             {"details", r.details}};
}

}  // namespace kiorex::audit
