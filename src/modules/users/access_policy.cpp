// The access policy: docs/api/users.md's table, in code. Default deny.
//
// A decision's `basis` names the relationship that was found, whether or not it allows the access:
//   allowed:  "self" | "guardian" | "linked" | "care:<source>" | "break_glass"
//   denied:   ""                 no relationship, or the subject does not exist / was erased -> 404 not-found
//             "reason_required"  support/admin without X-Access-Reason                        -> 403 reason-required
//             anything else      a relationship that does not allow this access               -> 403 forbidden
#include "modules/users/access_policy.hpp"

#include "core/audit/audit_log.hpp"
#include "core/db/database.hpp"
#include "core/http/problem.hpp"
#include "core/log/log.hpp"

namespace kiorex::users {

namespace {

constexpr std::size_t kMaxReason = 500;
constexpr const char* kReasonRequired = "reason_required";

// What a linked account (accepted) and a care relationship may read.
bool shared_read(const std::string& what) {
  return what == "profile" || what == "medical_history" || what == "emergency_contacts";
}

std::string trimmed(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) b++;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
  return std::string(s.substr(b, e - b));
}

AccessDecision allow(std::string basis) { return {true, std::move(basis)}; }
AccessDecision deny(std::string basis = {}) { return {false, std::move(basis)}; }

}  // namespace

AccessPolicy::AccessPolicy(db::Database& db, audit::AuditLog& audit) : db_(db), audit_(audit) {}

void AccessPolicy::add_care_source(std::string name, CareSource fn) {
  care_sources_.emplace_back(std::move(name), std::move(fn));
}

AccessDecision AccessPolicy::decide(const http::Principal& who, const std::string& subject_id, Access access,
                                    const std::string& what, const std::string& reason) const {
  if (!who.authenticated() || subject_id.empty()) return deny();
  auto subject = db_.query(db::ReadFrom::primary, "SELECT status FROM users WHERE id = $1", {subject_id});
  SubjectStatus status;
  if (!subject.empty()) status = subject.one().str(0);
  return decide(who, subject_id, access, what, reason, status);
}

AccessDecision AccessPolicy::decide(const http::Principal& who, const std::string& subject_id, Access access,
                                    const std::string& what, const std::string& reason,
                                    const SubjectStatus& subject_status) const {
  if (!who.authenticated() || subject_id.empty()) return deny();
  // An erased (closed) or unknown subject does not exist for anyone, the person included.
  if (!subject_status || *subject_status == "closed") return deny();

  if (who.user_id == subject_id) return allow("self");

  // Family: a row in either direction between the two (at most one per direction).
  bool guardian = false, linked = false;
  auto links = db_.query(db::ReadFrom::primary,
                         "SELECT guardian_id, kind FROM family_links WHERE status = 'active' AND "
                         "((guardian_id = $1 AND member_id = $2) OR (guardian_id = $2 AND member_id = $1))",
                         {who.user_id, subject_id});
  for (const auto& row : links.rows) {
    const std::string kind = row.str(1);
    if (kind == "dependent" && row.str(0) == who.user_id) guardian = true;  // never the other way round
    if (kind == "linked") linked = true;                                   // both sides, once accepted
  }
  if (guardian) return allow("guardian");

  // A care relationship (another module's, e.g. an active booking) for doctors and nurses.
  std::string care;
  if (who.role == "doctor" || who.role == "nurse") {
    for (const auto& [name, fn] : care_sources_) {
      bool active = false;
      try {
        active = fn(who.user_id, subject_id);
      } catch (const std::exception& e) {
        log::error("users.care_source_failed", {{"source", name}, {"error", e.what()}});  // counts as none
      }
      if (active) {
        care = "care:" + name;
        break;
      }
    }
  }
  if (!care.empty() && (access == Access::read ? shared_read(what) : what == "medical_history")) return allow(care);
  if (linked && access == Access::read && shared_read(what)) return allow("linked");

  // Break-glass: support and admin read anything with a stated reason; admin may also erase an account.
  if (who.role == "support" || who.role == "admin") {
    bool permitted = access == Access::read || (who.role == "admin" && what == "account");
    if (!permitted) return deny("break_glass");
    if (trimmed(reason).empty()) return deny(kReasonRequired);
    return allow("break_glass");
  }
  // A relationship that does not cover this access: 403 (the subject's existence is known to them).
  if (!care.empty()) return deny(care);
  if (linked) return deny("linked");
  return deny();
}

namespace {
// X-Access-Reason, trimmed; 422 when too long or holding control characters.
std::string checked_reason(const http::Request& req) {
  std::string reason = trimmed(req.header("x-access-reason").value_or(""));
  if (reason.size() > kMaxReason)
    throw http::ApiError::validation({{"X-Access-Reason", "must be at most 500 characters"}});
  for (unsigned char c : reason)
    if ((c < 0x20 && c != '\t') || c == 0x7f) throw http::ApiError::validation({{"X-Access-Reason", "must not contain control characters"}});
  return reason;
}
}  // namespace

AccessDecision AccessPolicy::require(const http::Request& req, const std::string& subject_id, Access access,
                                     const std::string& what) const {
  std::string reason = checked_reason(req);
  return audited(req, subject_id, access, what, reason, decide(req.principal, subject_id, access, what, reason));
}

AccessDecision AccessPolicy::require(const http::Request& req, const std::string& subject_id, Access access,
                                     const std::string& what, const SubjectStatus& subject_status) const {
  std::string reason = checked_reason(req);
  return audited(req, subject_id, access, what, reason,
                 decide(req.principal, subject_id, access, what, reason, subject_status));
}

AccessDecision AccessPolicy::audited(const http::Request& req, const std::string& subject_id, Access access,
                                     const std::string& what, const std::string& reason, AccessDecision d) const {
  audit::AuditRecord r;
  r.actor_id = req.principal.user_id;
  r.actor_role = req.principal.role;
  r.action = "users." + what + (access == Access::read ? ".read" : ".write");
  r.subject_id = subject_id;
  r.resource = what;
  r.reason = reason;
  r.request_id = req.request_id;
  r.ip = req.remote_ip;
  r.outcome = d.allowed ? "success" : "denied";
  r.details = {{"basis", d.basis.empty() ? "none" : d.basis}};
  audit_.append_before_response(db_, r, req);

  if (d.allowed) return d;
  if (d.basis.empty()) throw http::ApiError::not_found();
  if (d.basis == kReasonRequired)
    throw http::ApiError(403, "reason-required", "A reason is required",
                         "Access to another person's data by support or admin needs the X-Access-Reason header "
                         "stating why; it is recorded in the audit log.");
  throw http::ApiError::forbidden();
}

}  // namespace kiorex::users
