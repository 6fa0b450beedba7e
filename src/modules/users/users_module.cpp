#include "modules/users/users_module.hpp"

#include "core/module.hpp"

namespace kiorex::users {

UsersModule::UsersModule(Context& ctx, security::DataKeys& keys, auth::AuthService& auth)
    : policy_(ctx.db, ctx.audit), deps_{ctx, keys, policy_, auth, {}, {}, {}} {
  for (auto& part : own_export_parts(deps_)) add_export_part(std::move(part));
  declare_not_exported(own_tables_not_exported());
}

void UsersModule::register_routes(http::Router& router) {
  register_profile_routes(router, deps_);
  register_history_routes(router, deps_);
  register_family_routes(router, deps_);
  register_emergency_contact_routes(router, deps_);
  register_consent_routes(router, deps_);
  register_rights_routes(router, deps_);
  register_export_routes(router, deps_);
  register_erasure_routes(router, deps_);
}

}  // namespace kiorex::users
