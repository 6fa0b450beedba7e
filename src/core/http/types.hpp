#pragma once
// The project's own request/response types: handlers and middleware see these, never Beast.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiorex::http {

// Lower-cased header names; HTTP allows repeated headers, handlers here need the first one only.
struct Headers {
  std::vector<std::pair<std::string, std::string>> items;
  std::optional<std::string_view> get(std::string_view lower_name) const;
  void set(std::string name, std::string value);  // replaces an existing header of that name
  void add(std::string name, std::string value);
};

// Who is calling, filled in by the authentication middleware.
struct Principal {
  std::string user_id;
  std::string role;
  std::string session_id;
  std::string scope;  // "full" or "mfa_setup" (an admin who must enrol MFA first)
  bool mfa = false;   // the session's sign-in passed a second factor (the token's amr claim holds "mfa")
  bool authenticated() const { return !user_id.empty(); }
};

struct RouteSpec;

struct Request {
  std::string method;
  std::string target;  // raw request target
  std::string path;    // percent-decoded path
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> path_params;
  Headers headers;
  std::string body;
  std::string remote_ip;
  std::string request_id;
  std::string route;  // the registered pattern, e.g. /v1/users/{id} (for metrics and logs)
  // The route found for method + path before dispatch (by the server's choice of thread), with its
  // parameters in path_params; null: not looked up yet, or no route has this method and path.
  const RouteSpec* matched = nullptr;
  Principal principal;
  bool via_cookie = false;
  // Work the response must wait for before it is sent, e.g. the commit of the audit record of a read of
  // health data: each is called once with a function to call when that work is done (false: it failed,
  // and the server sends a 500 instead of the response). The handler's thread does not wait for it.
  // Added by code that sees the request read-only (the access policy), hence mutable.
  using HoldDone = std::function<void(bool ok)>;
  mutable std::vector<std::function<void(HoldDone)>> holds;

  std::optional<std::string_view> header(std::string_view lower_name) const { return headers.get(lower_name); }
  std::optional<std::string> query_param(const std::string& name) const;
  const std::string& param(const std::string& name) const;  // path parameter; throws if the route has none
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  Headers headers;

  static Response json(int status, std::string body);
  static Response no_content();
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
};

// Blocks until every hold of `r` reported, then clears them; false when one failed. For callers outside the
// server (which waits without blocking) such as tests and the WebSocket pre-check.
bool wait_for_holds(const Request& r);

std::string percent_decode(std::string_view in, bool plus_as_space);
std::map<std::string, std::string> parse_query(std::string_view query);

}  // namespace kiorex::http
