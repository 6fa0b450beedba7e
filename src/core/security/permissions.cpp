#include "core/security/permissions.hpp"

#include <algorithm>

namespace kiorex::security {

const std::vector<std::string>& all_roles() {
  static const std::vector<std::string> r = {"patient", "doctor", "nurse", "lab", "pharmacy", "hospital", "support", "admin"};
  return r;
}

const std::vector<std::string>& provider_roles() {
  static const std::vector<std::string> r = {"doctor", "nurse", "lab", "pharmacy", "hospital"};
  return r;
}

bool is_role(std::string_view role) {
  const auto& r = all_roles();
  return std::find(r.begin(), r.end(), role) != r.end();
}

const std::vector<PermissionRow>& permission_table() {
  static const std::vector<std::string> everyone = all_roles();
  static const std::vector<PermissionRow> table = {
      {"account.self", "Read and manage one's own account, sessions and MFA", everyone},
      // Not support: the mailbox holds sign-in and reset codes (reading one is taking the account over).
      {"admin.dev_outbox", "Read the embedded dev outbox of emails and SMS (with a second factor)", {"admin"}},
      {"admin.events", "List and replay dead-lettered events", {"admin"}},
      {"admin.audit", "Verify and read the audit log", {"admin"}},
      {"admin.users", "Change a user's role or status", {"admin"}},
      {"admin.providers", "List providers and approve or reject their verification", {"admin"}},
      {"doctor.practice", "Manage one's own doctor profile, schedule and exceptions", {"doctor"}},
      {"bookings.create", "Book a consultation for oneself or a dependent", {"patient"}},
      {"bookings.read", "Read and manage one's own bookings or appointments", {"patient", "doctor"}},
      {"consultation.conduct", "Start and end a consultation, write notes, issue a prescription", {"doctor"}},
      {"consultation.join", "Join a consultation's call and chat, read its plan and prescription", {"patient", "doctor"}},
      {"prescriptions.read", "Read a prescription one is party to", {"patient", "doctor", "pharmacy"}},
      {"ratings.create", "Rate a completed consultation", {"patient"}},
  };
  return table;
}

bool role_has(std::string_view role, std::string_view permission) {
  for (const auto& row : permission_table())
    if (row.permission == permission) return std::find(row.roles.begin(), row.roles.end(), role) != row.roles.end();
  return false;
}

}  // namespace kiorex::security
