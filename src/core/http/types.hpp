#pragma once
// The project's own request/response types: handlers and middleware see these, never Beast.
#include <cstdint>
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
  bool authenticated() const { return !user_id.empty(); }
};

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
  Principal principal;
  bool via_cookie = false;

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

std::string percent_decode(std::string_view in, bool plus_as_space);
std::map<std::string, std::string> parse_query(std::string_view query);

}  // namespace kiorex::http
