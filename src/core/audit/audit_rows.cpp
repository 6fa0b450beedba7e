#include "core/audit/audit_rows.hpp"

#include <boost/json.hpp>
#include <exception>

namespace kiorex::audit::stored {

AuditEntry entry_from(const db::Row& r, std::string* details_text) {
  AuditEntry e;
  e.seq = r.i64(0);
  e.id = r.str(1);
  e.at = r.i64(2);
  e.record.actor_id = r.str(3);
  e.record.actor_role = r.str(4);
  e.record.action = r.str(5);
  e.record.subject_id = r.str(6);
  e.record.resource = r.str(7);
  e.record.reason = r.str(8);
  e.record.request_id = r.str(9);
  e.record.ip = r.str(10);
  e.record.outcome = r.str(11);
  *details_text = r.str(12);
  try {
    auto v = boost::json::parse(*details_text);
    if (v.is_object()) e.record.details = std::move(v.as_object());
  } catch (const std::exception&) {
    // An unparsable details text is still hashed as stored; verify reports the edit.
  }
  e.prev_hash = r.str(13);
  e.hash = r.str(14);
  return e;
}

}  // namespace kiorex::audit::stored
