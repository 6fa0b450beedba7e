#pragma once
// The one place that decides who may read or change a person's data (default deny):
//   self; guardian of a dependent (read + write); a linked account that accepted (read);
//   a care relationship declared by another module, e.g. a doctor with an active booking (read, and
//   write of medical history); support and admin only with a stated reason ("break-glass", audited).
// Nothing else in the code decides access to user data.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/http/types.hpp"

namespace kiorex::db {
class Database;
}
namespace kiorex::audit {
class AuditLog;
}

namespace kiorex::users {

enum class Access { read, write };

struct AccessDecision {
  bool allowed = false;
  std::string basis;  // "self", "guardian", "linked", "care:<source>", "break_glass"
};

class AccessPolicy {
 public:
  AccessPolicy(db::Database& db, audit::AuditLog& audit);
  // `what` names the data ("profile", "medical_history", "family", "emergency_contacts", "consents",
  // "access_log", "export", "account"); `reason` is the caller's X-Access-Reason header (may be empty).
  AccessDecision decide(const http::Principal& who, const std::string& subject_id, Access access,
                        const std::string& what, const std::string& reason) const;

  // Decides, writes the audit record (allowed or denied), and throws ApiError when denied:
  // 404 for callers with no relationship (nothing revealed), 403 for support/admin without a reason
  // and for relationships that do not allow this access. Returns the decision when allowed.
  AccessDecision require(const http::Request& req, const std::string& subject_id, Access access,
                         const std::string& what) const;

  // The same, for a caller that has just read the subject's account row: `subject_status` is its
  // users.status (nullopt: no such account), so the policy does not read it again.
  using SubjectStatus = std::optional<std::string>;
  AccessDecision decide(const http::Principal& who, const std::string& subject_id, Access access,
                        const std::string& what, const std::string& reason, const SubjectStatus& subject_status) const;
  AccessDecision require(const http::Request& req, const std::string& subject_id, Access access,
                         const std::string& what, const SubjectStatus& subject_status) const;

  // Another module declares a kind of care relationship: (provider user id, patient user id) -> active?
  using CareSource = std::function<bool(const std::string& provider_id, const std::string& patient_id)>;
  void add_care_source(std::string name, CareSource fn);

 private:
  // Writes the audit record of decision `d` and throws when it denies.
  AccessDecision audited(const http::Request& req, const std::string& subject_id, Access access,
                         const std::string& what, const std::string& reason, AccessDecision d) const;

  db::Database& db_;
  audit::AuditLog& audit_;
  std::vector<std::pair<std::string, CareSource>> care_sources_;
};

}  // namespace kiorex::users
