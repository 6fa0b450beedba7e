#pragma once
// Reading audit_log rows (shared by the log, its verification and the access log). Internal to core/audit.
#include <string>

#include "core/audit/audit_log.hpp"
#include "core/db/database.hpp"

namespace kiorex::audit::stored {

// The hash before the first record.
inline const std::string kGenesisHash(64, '0');

// The columns entry_from reads, in its order.
inline constexpr const char* kColumns =
    "seq, id, at, actor_id, actor_role, action, subject_id, resource, reason, request_id, ip, outcome, details, "
    "prev_hash, hash";

// Fills an entry from a row of kColumns; the stored details text goes to *details_text (hashed as stored).
AuditEntry entry_from(const db::Row& r, std::string* details_text);

}  // namespace kiorex::audit::stored
