// AuditLog::verify and make_checkpoint: walking the chain, with or without a signed checkpoint.
#include <limits>

#include "core/audit/audit_log.hpp"
#include "core/audit/audit_rows.hpp"
#include "core/log/log.hpp"
#include "core/security/crypto.hpp"

namespace kiorex::audit {

namespace {

constexpr int64_t kVerifyPage = 1000;
constexpr int64_t kNotKeyed = std::numeric_limits<int64_t>::max();

std::string range_text(int64_t from, int64_t to) {
  return from == to ? "record " + std::to_string(from) + " is" : "records " + std::to_string(from) + " to " + std::to_string(to) + " are";
}

// Where the keyed records begin, as audit_chain_state says and its seal proves.
struct SwitchOver {
  int64_t keyed_from = kNotKeyed;  // kNotKeyed: no keyed record yet
  std::string problem;             // "" when the state is sound
};

SwitchOver read_switch_over(db::Database& db, std::string_view chain_key) {
  SwitchOver out;
  auto rs = db.query(db::ReadFrom::primary, "SELECT keyed_from_seq, seal FROM audit_chain_state WHERE id = 1");
  if (rs.empty()) {
    out.problem = "audit_chain_state has no row (deleted)";
    return out;
  }
  const auto& row = rs.one();
  if (row.is_null(1)) {
    if (!row.is_null(0)) out.problem = "keyed_from_seq is set without its seal (altered)";
    return out;
  }
  if (row.is_null(0) ||
      !security::constant_time_equal(row.str(1), AuditLog::switch_over_seal(chain_key, row.i64(0)))) {
    out.problem = "the switch-over to keyed records (audit_chain_state) does not verify under the chain key: it "
                  "was moved, or this is not this database's chain key (KIOREX_AUDIT_KEY_DIR)";
    return out;
  }
  out.keyed_from = row.i64(0);
  return out;
}

void log_result(const AuditLog::VerifyResult& res) {
  if (res.ok)
    log::info("audit.verified", {{"records", res.records}, {"last_seq", res.last_seq}, {"last_hash", res.last_hash},
                                 {"keyed_from_seq", res.keyed_from_seq}});
  else
    log::error("audit.verify_failed", {{"records", res.records},
                                       {"first_bad_seq", res.first_bad_seq},
                                       {"kind", res.kind},
                                       {"problem", res.problem},
                                       {"last_good_seq", res.last_seq},
                                       {"last_good_hash", res.last_hash}});
}

}  // namespace

struct AuditLog::Walk {
  int64_t start_seq = 1;                       // the first record expected
  std::string start_prev = stored::kGenesisHash;  // its prev_hash; "" = not checked (starts at a trusted checkpoint)
  const Checkpoint* checkpoint = nullptr;      // records that must still be as it saw them
};

AuditLog::VerifyResult AuditLog::walk(db::Database& db, const Walk& how) const {
  static const std::string sql = std::string("SELECT ") + stored::kColumns +
                                 " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT " + std::to_string(kVerifyPage);
  VerifyResult res;
  res.last_seq = how.start_seq - 1;
  res.last_hash = how.start_prev;
  auto fail = [&res](int64_t seq, std::string kind, std::string problem) {
    res.ok = false;
    res.first_bad_seq = seq;
    res.kind = std::move(kind);
    res.problem = std::move(problem);
  };
  const Checkpoint* cp = how.checkpoint;
  const std::string cp_name = cp ? "the checkpoint of " + db::iso8601_from_ms(cp->at_ms) : "";

  SwitchOver sw = read_switch_over(db, keys_.chain_key());
  // The first keyed append may commit while this walk runs: an old-rule mismatch re-reads the state once.
  bool reread = sw.keyed_from != kNotKeyed;
  auto note_switch_over = [&] {
    res.keyed_from_seq = sw.keyed_from == kNotKeyed ? 0 : sw.keyed_from;
    if (!sw.problem.empty()) fail(sw.keyed_from == kNotKeyed ? 0 : sw.keyed_from, "switch_over", sw.problem);
  };
  note_switch_over();
  if (res.ok && cp) {
    const bool moved = cp->keyed_from_seq != 0 ? cp->keyed_from_seq != res.keyed_from_seq
                                               : res.keyed_from_seq != 0 && res.keyed_from_seq <= cp->seq;
    if (moved)
      fail(res.keyed_from_seq, "switch_over",
           "the switch-over to keyed records moved: " + cp_name + " has it at " + std::to_string(cp->keyed_from_seq) +
               " (0 = none yet), the database at " + std::to_string(res.keyed_from_seq));
    else if (cp->seq == 0 && cp->head_hash != stored::kGenesisHash)
      fail(0, "rewritten", cp_name + " names no record but a head hash other than the genesis hash");
  }

  int64_t expected_seq = how.start_seq;
  std::string prev = how.start_prev;
  int64_t after = how.start_seq - 1;
  for (bool more = res.ok; more && res.ok;) {
    auto rs = db.query(db::ReadFrom::primary, sql, {after});
    more = static_cast<int64_t>(rs.rows.size()) == kVerifyPage;
    for (const auto& row : rs.rows) {
      std::string details_text;
      AuditEntry e = stored::entry_from(row, &details_text);
      res.records++;
      if (e.seq != expected_seq) {
        if (e.seq > expected_seq)
          fail(expected_seq, "deleted", range_text(expected_seq, e.seq - 1) + " missing (deleted)");
        else
          fail(e.seq, "edited", "unexpected seq " + std::to_string(e.seq) + " (expected " + std::to_string(expected_seq) + ")");
        break;
      }
      if (!prev.empty() && e.prev_hash != prev) {
        fail(e.seq, "edited", "prev_hash does not match the hash of record " + std::to_string(e.seq - 1) +
                                  ": that record was rewritten with a new hash, or records were removed");
        break;
      }
      auto hash_holds = [&] {
        const std::string expected = e.seq >= sw.keyed_from ? keyed_hash(keys_.chain_key(), e, details_text)
                                                            : security::sha256_hex(canonical(e, details_text));
        return security::constant_time_equal(expected, e.hash);
      };
      bool holds = hash_holds();
      if (!holds && !reread) {
        reread = true;
        sw = read_switch_over(db, keys_.chain_key());
        note_switch_over();
        if (!res.ok) break;
        holds = hash_holds();
      }
      if (!holds) {
        fail(e.seq, "edited",
             e.seq >= sw.keyed_from
                 ? "record content does not match its keyed hash (edited, or rewritten without the chain key)"
                 : "record content does not match its hash (edited)");
        break;
      }
      if (cp && e.seq == cp->seq && e.hash != cp->head_hash) {
        fail(e.seq, "rewritten", "record " + std::to_string(e.seq) + " is not the one " + cp_name + " signed (rewritten)");
        break;
      }
      prev = e.hash;
      expected_seq = e.seq + 1;
      after = e.seq;
      res.last_seq = e.seq;
      res.last_hash = e.hash;
    }
  }
  if (res.ok && cp && res.last_seq < cp->seq)
    fail(res.last_seq + 1, "tail_cut",
         "tail cut: " + range_text(res.last_seq + 1, cp->seq) + " missing (" + cp_name + " saw the log up to record " +
             std::to_string(cp->seq) + ")");
  return res;
}

AuditLog::VerifyResult AuditLog::verify(db::Database& db) const {
  auto res = walk(db, Walk{});
  log_result(res);
  return res;
}

AuditLog::VerifyResult AuditLog::verify(db::Database& db, const Checkpoint& checkpoint,
                                        std::string_view trusted_public_key) const {
  const std::string_view key = trusted_public_key.empty() ? std::string_view(keys_.public_key()) : trusted_public_key;
  if (!checkpoint_signed_by(checkpoint, key)) {
    VerifyResult res;
    res.ok = false;
    res.kind = "checkpoint_forged";
    res.problem = "checkpoint forged: its signature does not verify under the trusted checkpoint key " +
                  AuditKeys::key_id_of(key) +
                  (checkpoint.key_id != AuditKeys::key_id_of(key) ? " (it names key " + checkpoint.key_id + ")" : "");
    log_result(res);
    return res;
  }
  Walk how;
  how.checkpoint = &checkpoint;
  auto res = walk(db, how);
  log_result(res);
  return res;
}

AuditLog::CheckpointResult AuditLog::make_checkpoint(db::Database& db, const Checkpoint* since) const {
  Walk how;
  if (since && since->seq > 0) {
    how.start_seq = since->seq;  // the record it signed is read again and must be unchanged
    how.start_prev.clear();
    how.checkpoint = since;
  }
  CheckpointResult out;
  out.verify = walk(db, how);
  if (!out.verify.ok) {
    log_result(out.verify);
    return out;
  }
  const int64_t seq = out.verify.last_seq;
  out.checkpoint = sign_checkpoint(keys_, seq, seq == 0 ? stored::kGenesisHash : out.verify.last_hash,
                                   out.verify.keyed_from_seq, db::now_ms());
  return out;
}

}  // namespace kiorex::audit
