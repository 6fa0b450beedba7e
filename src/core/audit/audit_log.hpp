#pragma once
// The audit log: an append-only, hash-chained record of who did what to whose data.
//
// Each record's hash is hex(HMAC-SHA-256(chain key, canonical text)) over a canonical serialisation of all
// its fields (seq, id, at, actor, action, subject, resource, reason, request id, ip, outcome, the stored
// details text) and the previous record's hash (64 zeros for the first record). The chain key is kept
// outside the database (audit_keys.hpp), so someone holding only the database cannot recompute a valid
// chain. Records written before the keyed chain (migration core/006) keep their plain SHA-256 hashes
// ("kiorex.audit.v1" canonical text); audit_chain_state.keyed_from_seq, sealed with an HMAC under the
// chain key by the first keyed append, says where the keyed records begin. seq is assigned as last seq + 1
// under a lock, so appends are serialised:
//   - PostgreSQL: `SELECT pg_advisory_xact_lock(kAuditLockKey)` inside the caller's transaction, held until
//     it commits or rolls back (so an append inside a long business transaction holds up other appends;
//     keep those transactions short). Transactions must run at READ COMMITTED (the default), so the read
//     of the last record after taking the lock sees the previous holder's commit.
//   - SQLite: the single writer connection already serialises transactions.
//
// verify() walks the log by seq and detects:
//   - an edited record: its recomputed hash differs from the stored one (without the chain key, a new
//     valid hash cannot be made, so a rewritten newest record is found too);
//   - a deleted record: a gap in seq, or a prev_hash that does not match the record before it;
//   - a moved switch-over to keyed records (its seal no longer verifies).
// The table alone cannot show that its newest records were deleted: a signed checkpoint (checkpoint.hpp),
// stored elsewhere, can. verify(db, &checkpoint) also checks the checkpoint's signature and that the
// record at its seq still exists with its hash: a cut tail or a rewritten record before it is reported.
#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/audit/audit_keys.hpp"
#include "core/audit/checkpoint.hpp"
#include "core/db/database.hpp"
#include "core/http/types.hpp"

namespace kiorex::http {
class Router;
}

namespace kiorex::audit {

inline constexpr int64_t kAuditLockKey = 0x4b494f5241554454;  // "KIORAUDT"

struct AuditRecord {
  std::string actor_id;    // who acted ("" for anonymous, e.g. a failed login)
  std::string actor_role;  // their role at the time
  std::string action;      // "<module>.<verb>", e.g. "auth.login", "records.read"
  std::string subject_id;  // whose data it concerns (a user id), "" if none
  std::string resource;    // what was touched, e.g. "document:doc_..." or "user:usr_..."
  std::string reason;      // why access was allowed (e.g. "owner", "care_relationship", "admin")
  std::string request_id;
  std::string ip;
  std::string outcome;  // "success" | "failure" | "denied"
  boost::json::object details;  // no secrets, no PHI: ids and codes only
};

struct AuditEntry {
  int64_t seq = 0;
  std::string id;  // "aud_..."
  int64_t at = 0;  // epoch ms
  AuditRecord record;
  std::string prev_hash;
  std::string hash;
};

class AuditLog {
 public:
  // Keys in memory only (unit tests): records it writes verify only through this object.
  AuditLog();
  explicit AuditLog(AuditKeys keys);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends inside the caller's transaction: the record commits (or not) with the business change.
  void append(db::Session& tx, const AuditRecord& record);
  // Appends in a transaction of its own (e.g. a read of PHI, or a denied access) and returns once the record
  // is committed. Concurrent callers are group-committed: while one batch commits, the next ones queue and
  // go together in the following transaction (committed on the thread of one of the waiting callers, the
  // leader), so every read of PHI is audited durably without a write transaction (and a hash-chain lock)
  // per request. Never call it from inside another transaction (on
  // SQLite that waits forever for the single writer): use the Session overload there.
  void append(db::Database& db, const AuditRecord& record);
  // The same for a request handler: queues the record and returns at once; the response to `req` is held
  // until the record is committed (a failed commit turns it into a 500), so no PHI leaves unaudited while
  // the handler's thread goes on to other requests instead of waiting for the batch.
  void append_before_response(db::Database& db, const AuditRecord& record, const http::Request& req);
  // Appends several records inside the caller's transaction, in order: one lock and one read of the
  // chain's head for all of them, multi-row INSERTs (what a group commit writes).
  void append_all(db::Session& tx, std::span<const AuditRecord* const> records);

  struct VerifyResult {
    bool ok = true;
    int64_t records = 0;        // records read
    int64_t first_bad_seq = 0;  // 0 when ok (and for a problem with the checkpoint itself)
    std::string problem;        // "" when ok
    // "" when ok; else "edited", "deleted", "tail_cut", "rewritten" (differs from the checkpoint),
    // "switch_over" (keyed_from_seq moved or its seal broken), "checkpoint_forged".
    std::string kind;
    int64_t last_seq = 0;       // the anchor: the newest record's seq and hash
    std::string last_hash;
    int64_t keyed_from_seq = 0;  // the first keyed record (0: none yet)
  };
  // Reads the whole log in pages; logs "audit.verified" (with the anchor) or "audit.verify_failed".
  // With a checkpoint: also checks its signature under `trusted_public_key` (empty: this log's own
  // checkpoint key), that the record at its seq exists with its head hash, and that the switch-over
  // to keyed records has not moved since.
  VerifyResult verify(db::Database& db) const;
  VerifyResult verify(db::Database& db, const Checkpoint& checkpoint, std::string_view trusted_public_key = {}) const;

  // Verifies the chain and signs its head. With `since` (a checkpoint this process signed and trusts), only
  // the records from since.seq on are read. checkpoint is empty when verification failed.
  struct CheckpointResult {
    VerifyResult verify;
    std::optional<Checkpoint> checkpoint;
  };
  CheckpointResult make_checkpoint(db::Database& db, const Checkpoint* since = nullptr) const;

  const AuditKeys& keys() const { return keys_; }

  // The subject index (a person's access log) takes records in batches of this many, in the transaction
  // of the append that reaches it; the newer records are found by a range scan (migration core/005).
  static constexpr int64_t kSubjectIndexEvery = 2048;

  // Records about one subject, newest first, with seq < before_seq (0 = from the newest). limit 1..1000.
  std::vector<AuditEntry> list_for_subject(db::Database& db, const std::string& subject_id, int limit,
                                           int64_t before_seq = 0) const;

  // The canonical text a record's hash is computed over (exposed for tests and external verifiers):
  // "kiorex.audit.v1" for the records before the keyed chain, "kiorex.audit.v2" for keyed ones.
  static std::string canonical(const AuditEntry& entry, const std::string& details_text);
  static std::string canonical_keyed(const AuditEntry& entry, const std::string& details_text);
  // A keyed record's hash: lowercase hex of HMAC-SHA-256(chain_key, canonical_keyed(...)).
  static std::string keyed_hash(std::string_view chain_key, const AuditEntry& entry, const std::string& details_text);
  // The seal of audit_chain_state.keyed_from_seq: hex HMAC of "kiorex.audit.keyed-from\n<seq>".
  static std::string switch_over_seal(std::string_view chain_key, int64_t keyed_from_seq);

 private:
  struct Walk;
  VerifyResult walk(db::Database& db, const Walk& how) const;
  struct GroupCommit;
  GroupCommit& group_for(db::Database& db);
  AuditKeys keys_;  // before groups_: committers still write queued records while they stop
  std::mutex groups_mutex_;
  std::vector<std::unique_ptr<GroupCommit>> groups_;
};

boost::json::object audit_entry_json(const AuditEntry& entry);

// GET /v1/admin/audit/verify (admin.audit) -> {ok, records, last_seq, last_hash, keyed_from_seq, first_bad_seq?,
//   kind?, problem?}
// GET /v1/admin/audit/checkpoint (admin.audit) -> a signed checkpoint of the verified head (409 if broken)
// (audit_admin_routes.cpp)
void register_audit_admin_routes(http::Router& router, AuditLog& audit, db::Database& db);

}  // namespace kiorex::audit
