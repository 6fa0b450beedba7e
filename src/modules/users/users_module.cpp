#include "modules/users/users_module.hpp"

#include "core/module.hpp"

namespace kiorex::users {

UsersModule::UsersModule(Context& ctx, security::DataKeys& keys, auth::AuthService& auth)
    : policy_(ctx.db, ctx.audit), deps_{ctx, keys, policy_, auth} {}

void UsersModule::register_routes(http::Router& router) {
  register_profile_routes(router, deps_);
  register_history_routes(router, deps_);
  register_family_routes(router, deps_);
  register_emergency_contact_routes(router, deps_);
  register_consent_routes(router, deps_);
  register_rights_routes(router, deps_);
}

}  // namespace kiorex::users
