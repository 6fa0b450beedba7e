#pragma once
// The one permission table. Every route names a permission from here (or "public"); a role has a
// permission only if this table says so. Default deny: an unknown permission is granted to no one.
#include <string>
#include <string_view>
#include <vector>

namespace kiorex::security {

struct PermissionRow {
  std::string permission;
  std::string description;
  std::vector<std::string> roles;
};

const std::vector<std::string>& all_roles();
const std::vector<std::string>& provider_roles();  // doctor, nurse, lab, pharmacy, hospital
bool is_role(std::string_view role);
const std::vector<PermissionRow>& permission_table();
bool role_has(std::string_view role, std::string_view permission);

}  // namespace kiorex::security
