#pragma once
// The Authentication service (mission 3.1.1): routes under /v1/auth and the JWKS document.
#include <memory>

#include "core/module.hpp"
#include "modules/auth/auth_service.hpp"

namespace kiorex::auth {

class AuthModule : public Module {
 public:
  AuthModule(Context& ctx, const security::SecretBox& box);
  std::string name() const override { return "auth"; }
  void register_routes(http::Router& router) override;
  AuthService& service() { return service_; }

 private:
  Context& ctx_;
  AuthService service_;
};

}  // namespace kiorex::auth
