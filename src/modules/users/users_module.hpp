#pragma once
// The User service (mission 3.1.2) with the HIPAA/GDPR rules of section 5.1: profiles, medical
// history, family, emergency contacts, consents, the access log, export and erasure.
#include <memory>

#include "core/module.hpp"
#include "modules/users/access_policy.hpp"
#include "modules/users/parts.hpp"

namespace kiorex::users {

class UsersModule : public Module {
 public:
  UsersModule(Context& ctx, security::DataKeys& keys, auth::AuthService& auth);
  std::string name() const override { return "users"; }
  void register_routes(http::Router& router) override;
  AccessPolicy& policy() { return policy_; }
  // Modules holding data about a person join the GDPR erasure (DELETE /v1/users/{id}) through this.
  void add_erasure_part(ErasurePart part) { deps_.other_erasure_parts.push_back(std::move(part)); }
  // ... and the export (GET /v1/users/{id}/export) through this: the part's members join the document, and
  // the tables it names count as exported; tables holding nothing to export are declared with a reason.
  void add_export_part(ExportPart part) { deps_.export_parts.push_back(std::move(part)); }
  void declare_not_exported(const std::vector<NotExported>& tables) {
    deps_.not_exported.insert(deps_.not_exported.end(), tables.begin(), tables.end());
  }
  const std::vector<ExportPart>& export_parts() const { return deps_.export_parts; }
  const std::vector<NotExported>& tables_not_exported() const { return deps_.not_exported; }

 private:
  AccessPolicy policy_;
  Deps deps_;
};

}  // namespace kiorex::users
