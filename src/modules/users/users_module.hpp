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

 private:
  AccessPolicy policy_;
  Deps deps_;
};

}  // namespace kiorex::users
