#pragma once
// The middleware, in one place and in this order: request id, CORS, per-IP rate limit, routing,
// authentication, permission check (default deny), per-user and per-class rate limits, the
// handler, error mapping to problem+json, security headers.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/http/router.hpp"
#include "core/http/types.hpp"

namespace kiorex::security {
class RateLimiter;
}
namespace kiorex::metrics {
class Registry;
}

namespace kiorex::http {

struct PipelineConfig {
  std::vector<std::string> cors_origins;
  int rate_user_per_minute = 100;
  int rate_ip_per_minute = 1000;
  int rate_sensitive_per_15min = 10;  // per IP for the login/otp/reset classes is five times this
  bool tls = false;
};

// Verifies a bearer token; nullopt when it is not valid (expired, revoked, forged).
using TokenVerifier = std::function<std::optional<Principal>(std::string_view token)>;

class Pipeline {
 public:
  Pipeline(Router& router, PipelineConfig cfg, TokenVerifier verify, security::RateLimiter& limiter);
  Response handle(Request& req);
  // Whether the request may be handled on the I/O thread: /healthz, and routes marked run_inline (short
  // reads that never wait for long). Looks the route up and keeps it in the request for handle().
  bool is_inline(Request& req) const;
  // A problem response for a request the server refused before parsing it (413, 431, 400, 501).
  Response reject(int status, const std::string& detail, Request& partial);

 private:
  Response dispatch(Request& req);
  void add_common_headers(const Request& req, Response& resp) const;
  bool origin_allowed(std::string_view origin) const;

  Router& router_;
  PipelineConfig cfg_;
  TokenVerifier verify_;
  security::RateLimiter& limiter_;
};

std::string new_request_id();
// Double-submit CSRF check for requests authenticated by cookie: header X-CSRF-Token must equal
// the kiorex_csrf cookie. Throws ApiError 403 otherwise.
void require_csrf(const Request& req);

}  // namespace kiorex::http
