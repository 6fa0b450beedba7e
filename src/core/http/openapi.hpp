#pragma once
// The OpenAPI 3.1 document, built from the route registrations themselves, so a route cannot
// exist without being documented.
#include <string>

#include "core/http/router.hpp"

namespace kiorex::http {

std::string build_openapi(const Router& router, const std::string& version, const std::string& server_url);
// The Swagger UI page for /docs (its assets come from the web build: /docs/swagger-ui*.{js,css}).
std::string swagger_ui_html();

}  // namespace kiorex::http
