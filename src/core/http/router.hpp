#pragma once
// Route registration and matching. Each route carries what the OpenAPI document and the
// middleware need: its permission (default deny: a route must name one, or say it is public),
// its rate-limit class and its request/response schemas.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/http/types.hpp"
#include "core/http/websocket.hpp"

namespace kiorex::http {

using Handler = std::function<Response(Request&)>;

struct RouteSpec {
  std::string method;
  std::string path;  // "/v1/users/{id}"
  std::string tag;
  std::string summary;
  // Permission name from security/permissions (e.g. "auth.self"). "public" = no authentication.
  std::string permission;
  bool allow_mfa_setup_scope = false;  // usable by an admin who has not enrolled MFA yet
  std::string rate_class;              // "" (user/ip limits), "login", "otp", "reset"
  std::string request_schema;          // JSON Schema (text) of the body, empty = no body
  std::string response_schema;         // JSON Schema of the success body, empty = none
  std::string response_content_type = "application/json";
  int success_status = 200;
  std::vector<std::pair<std::string, std::string>> query_params;  // name, description
  // Served on the I/O thread instead of the worker pool (saves two thread hand-offs per request): only
  // for short reads that never wait long — a few indexed queries, no password hashing, no PDF, no call to
  // another service, audit records of reads through AuditLog::append_before_response (not the blocking
  // append). A handler that blocks here holds up one of the few I/O threads.
  bool run_inline = false;
  bool documented = true;   // false only for the web app's static files
  Handler handler;
  // Set for a WebSocket endpoint (GET + Upgrade). The pipeline authenticates and checks the permission
  // first; browsers cannot send headers on a WebSocket, so such routes also take ?access_token=.
  std::function<void(Request&, std::shared_ptr<WebSocketPeer>, WebSocketHandlers&)> websocket;
};

struct Match {
  const RouteSpec* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_matched = false;  // some route has this path, but not this method (405)
  std::string allowed_methods;
};

class Router {
 public:
  void add(RouteSpec spec);
  // A handler for GET requests no route matched (the web app's files and SPA fallback).
  void set_fallback(Handler h) { fallback_ = std::move(h); }
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<std::unique_ptr<RouteSpec>>& routes() const { return routes_; }
  const Handler& fallback() const { return fallback_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" marks a parameter
    std::vector<bool> is_param;         // per segment
    RouteSpec* spec;
  };
  std::vector<std::unique_ptr<RouteSpec>> routes_;
  std::vector<Compiled> compiled_;
  Handler fallback_;
};

std::vector<std::string> split_path(const std::string& path);

}  // namespace kiorex::http
