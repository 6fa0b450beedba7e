#pragma once
// A small blocking HTTP client over libcurl, for outbound calls (SMS gateway, OIDC JWKS, Graph API).
// It blocks the calling thread for up to timeout_ms: call it from a worker thread, never from an I/O thread.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiorex::net {

struct HttpResponse {
  long status = 0;
  std::string body;
  // Header names are lower-cased; a header that appears several times has its values joined with ", ".
  std::map<std::string, std::string> headers;
};

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT, PATCH, DELETE, HEAD
  std::string url;             // http:// or https:// only
  std::string body;            // sent as is; set Content-Type in headers
  std::vector<std::pair<std::string, std::string>> headers;
  std::string basic_user, basic_password;  // HTTP basic auth when basic_user is not empty
  long timeout_ms = 5000;                  // whole transfer; connecting is limited to min(timeout_ms, 3000)
  std::size_t max_response_bytes = 8u << 20;  // a larger body fails the request
};

// Performs the request. Returns the response for any HTTP status (4xx/5xx included); returns nullopt and fills
// *error on a transport failure (DNS, refused, timeout, TLS, oversize body). Never throws for network failures.
// Redirects are not followed.
std::optional<HttpResponse> http_fetch(const HttpRequest& request, std::string* error = nullptr);

// application/x-www-form-urlencoded / query component encoding (RFC 3986 unreserved characters kept, rest %XX).
std::string url_encode(std::string_view text);
// "a=1&b=x%20y"
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// curl_global_init(CURL_GLOBAL_DEFAULT) exactly once per process; every libcurl user here calls it first.
void curl_global_init_once();

}  // namespace kiorex::net
