#include "core/http/pipeline.hpp"

#include <boost/json.hpp>

#include "core/db/database.hpp"
#include "core/http/problem.hpp"
#include "core/log/log.hpp"
#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"
#include "core/security/permissions.hpp"
#include "core/security/rate_limiter.hpp"
#include "core/security/sealed_data_error.hpp"

namespace kiorex::http {

std::string new_request_id() { return "req_" + security::hex_encode(security::random_bytes(12)); }

void require_csrf(const Request& req) {
  auto cookie = req.cookie("kiorex_csrf");
  auto header = req.header("x-csrf-token");
  if (!cookie || !header || cookie->empty() || !security::constant_time_equal(*cookie, *header))
    throw ApiError(403, "csrf", "CSRF check failed", "Send the X-CSRF-Token header matching the kiorex_csrf cookie.");
}

Pipeline::Pipeline(Router& router, PipelineConfig cfg, TokenVerifier verify, security::RateLimiter& limiter)
    : router_(router), cfg_(std::move(cfg)), verify_(std::move(verify)), limiter_(limiter) {}

bool Pipeline::is_inline(Request& req) const {
  if (req.path == "/healthz") return true;
  Match m = router_.match(req.method, req.path);
  if (!m.route) return false;
  req.matched = m.route;
  req.path_params = std::move(m.params);
  return m.route->run_inline;
}

bool Pipeline::origin_allowed(std::string_view origin) const {
  for (const auto& o : cfg_.cors_origins)
    if (o == origin || o == "*") return true;
  return false;
}

namespace {
bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

// The WebSocket origin of the host the page was loaded from (ws://host:port, wss:// under TLS), for the
// web app's CSP: 'self' alone does not cover ws: in every browser, and "ws: wss:" would let a page talk
// to any host. Empty when the Host header is not a plain host[:port] (nothing unexpected goes into the
// header: a bracketed IPv6 address, a name, digits, dots, dashes and one port).
std::string own_websocket_origin(const Request& req, bool tls) {
  auto host = req.header("host");
  if (!host || host->empty() || host->size() > 255) return {};
  for (char c : *host)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']')
      return {};
  return (tls ? "wss://" : "ws://") + std::string(*host);
}

void enforce(security::RateLimiter& limiter, const std::string& key, int limit, int window, const char* what) {
  auto d = limiter.hit(key, limit, window);
  if (!d.allowed) throw ApiError::too_many(d.retry_after_seconds, std::string("Too many ") + what + "; try again later.");
}
}  // namespace

Response Pipeline::handle(Request& req) {
  auto incoming = req.header("x-request-id");
  req.request_id = (incoming && valid_request_id(*incoming)) ? std::string(*incoming) : new_request_id();
  Response resp;
  try {
    resp = dispatch(req);
  } catch (const ApiError& e) {
    resp = problem_response(e, req.request_id, req.path);
  } catch (const db::UniqueViolation&) {
    resp = problem_response(ApiError::conflict("The resource already exists or was changed at the same time."),
                            req.request_id, req.path);
  } catch (const db::TransientError& e) {
    log::warn("db.transient", {{"request_id", req.request_id}, {"route", req.route}});
    ApiError busy(503, "unavailable", "Service busy", "Please retry shortly.");
    busy.retry_after = 1;
    resp = problem_response(busy, req.request_id, req.path);
  } catch (const security::SealedDataUnreadable& e) {
    // Stored data was changed or removed behind the application's back: an incident for the operators
    // (the log names what failed to open, by kind and id), and for the client a problem that says the
    // record exists but cannot be served, rather than an anonymous internal error.
    log::error("security.sealed_data_unreadable", {{"request_id", req.request_id}, {"route", req.route},
                                                   {"resource", e.resource()}, {"why", e.why()},
                                                   {"user", req.principal.user_id}});
    resp = problem_response(ApiError(500, "stored-data-unreadable", "Stored data failed its integrity check",
                                     "This record's stored copy was altered or is missing, so it is not served. The "
                                     "incident was logged for the operators."),
                            req.request_id, req.path);
  } catch (const std::exception& e) {
    // The message may carry SQL but never request data (values are bound, not interpolated).
    log::error("request.failed", {{"request_id", req.request_id}, {"route", req.route}, {"error", e.what()}});
    resp = problem_response(ApiError(500, "internal", "Internal error", "Something went wrong on our side."),
                            req.request_id, req.path);
  }
  add_common_headers(req, resp);
  return resp;
}

Response Pipeline::reject(int status, const std::string& detail, Request& req) {
  req.request_id = new_request_id();
  ApiError e = status == 413   ? ApiError(413, "payload-too-large", "Payload too large", "The request body is too large.")
               : status == 431 ? ApiError(431, "headers-too-large", "Request headers too large",
                                          "The request headers are too large.")
               : status == 501 ? ApiError(501, "transfer-coding-not-implemented", "Transfer coding not implemented", detail)
                               : ApiError::bad_request(detail.empty() ? "The request could not be parsed." : detail);
  Response resp = problem_response(e, req.request_id, req.path);
  add_common_headers(req, resp);
  return resp;
}

Response Pipeline::dispatch(Request& req) {
  auto origin = req.header("origin");
  if (req.method == "OPTIONS" && origin && req.header("access-control-request-method")) {
    if (!origin_allowed(*origin)) throw ApiError::forbidden("This origin may not call the API.");
    Response r = Response::no_content();
    r.headers.set("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE");
    r.headers.set("access-control-allow-headers",
                  "Authorization, Content-Type, Idempotency-Key, If-Match, X-Request-Id, X-CSRF-Token, X-Access-Reason");
    r.headers.set("access-control-max-age", "600");
    return r;
  }
  if (req.path != "/healthz") enforce(limiter_, "ip:" + req.remote_ip, cfg_.rate_ip_per_minute, 60, "requests from your address");

  Match m;
  if (req.matched) {
    m.route = req.matched;
    m.params = std::move(req.path_params);
  } else {
    m = router_.match(req.method, req.path);
  }
  if (!m.route) {
    if ((req.method == "GET" || req.method == "HEAD") && !req.path.starts_with("/v1/") && router_.fallback()) {
      req.route = "static";
      return router_.fallback()(req);
    }
    if (m.path_matched) {
      ApiError e(405, "method-not-allowed", "Method not allowed", "Allowed: " + m.allowed_methods);
      Response r = problem_response(e, req.request_id, req.path);
      r.headers.set("allow", m.allowed_methods);
      return r;
    }
    req.route = "unmatched";
    throw ApiError::not_found("No such endpoint.");
  }
  const RouteSpec& route = *m.route;
  req.route = route.path;
  req.path_params = std::move(m.params);

  if (route.websocket && !req.header("authorization")) {
    if (auto t = req.query_param("access_token")) req.headers.set("authorization", "Bearer " + *t);
  }
  if (auto auth = req.header("authorization")) {
    std::string_view a = *auth;
    if (a.size() > 7 && (a.substr(0, 7) == "Bearer " || a.substr(0, 7) == "bearer ")) {
      auto principal = verify_(a.substr(7));
      if (principal) req.principal = std::move(*principal);
      else if (route.permission != "public") throw ApiError::unauthorized("The access token is invalid or expired.");
    } else if (route.permission != "public") {
      throw ApiError::unauthorized("Use an Authorization: Bearer token.");
    }
  }
  if (route.permission != "public") {
    if (!req.principal.authenticated()) throw ApiError::unauthorized();
    if (req.principal.scope == "mfa_setup" && !route.allow_mfa_setup_scope)
      throw ApiError(403, "mfa-enrolment-required", "MFA enrolment required",
                     "Administrators must enrol an authenticator before using the platform.");
    if (!security::role_has(req.principal.role, route.permission)) throw ApiError::forbidden();
    enforce(limiter_, "user:" + req.principal.user_id, cfg_.rate_user_per_minute, 60, "requests");
  }
  if (!route.rate_class.empty())
    enforce(limiter_, route.rate_class + "-ip:" + req.remote_ip, cfg_.rate_sensitive_per_15min * 5, 900,
            "attempts from your address");
  if (route.websocket) {
    if (req.header("x-kiorex-upgrade")) return Response::text(101, "", "");
    throw ApiError(426, "upgrade-required", "Upgrade required", "Open this endpoint as a WebSocket.");
  }
  return route.handler(req);
}

void Pipeline::add_common_headers(const Request& req, Response& resp) const {
  resp.headers.set("x-request-id", req.request_id);
  resp.headers.set("x-content-type-options", "nosniff");
  resp.headers.set("referrer-policy", "no-referrer");
  resp.headers.set("x-frame-options", "DENY");
  resp.headers.set("cross-origin-opener-policy", "same-origin");
  resp.headers.set("permissions-policy", "camera=(self), microphone=(self), geolocation=(self)");
  if (cfg_.tls) resp.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  bool html = resp.content_type.starts_with("text/html");
  if (html) {
    std::string ws_origin = own_websocket_origin(req, cfg_.tls);
    resp.headers.set("content-security-policy",
                     "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' "
                     "'unsafe-inline'; connect-src 'self'" + (ws_origin.empty() ? "" : " " + ws_origin) +
                         "; frame-ancestors 'none'; base-uri 'self'");
  } else if (req.route != "static" && !req.path.starts_with("/docs")) {
    resp.headers.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
  }
  if (req.path.starts_with("/v1/") && resp.headers.get("cache-control") == std::nullopt)
    resp.headers.set("cache-control", "no-store");
  if (auto origin = req.header("origin"); origin && origin_allowed(*origin)) {
    resp.headers.set("access-control-allow-origin", std::string(*origin));
    resp.headers.set("access-control-expose-headers", "X-Request-Id, ETag, Retry-After");
    auto vary = resp.headers.get("vary");
    resp.headers.set("vary", vary ? std::string(*vary) + ", Origin" : std::string("Origin"));
  }
}

}  // namespace kiorex::http
