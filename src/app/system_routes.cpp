// Operational endpoints: liveness, readiness, metrics, the OpenAPI document and its UI, and the
// small /v1/meta document the web app reads at start.
#include <sys/resource.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/db/migrations.hpp"
#include "core/http/openapi.hpp"
#include "core/http/problem.hpp"
#include "core/security/crypto.hpp"

namespace kiorex::app {

using http::Request;
using http::Response;

void register_system_routes(App& app) {
  auto& router = app.router;
  router.add({.method = "GET", .path = "/healthz", .tag = "system", .summary = "The process is up.",
              .permission = "public",
              .response_schema = R"({"type":"object","properties":{"status":{"type":"string"}}})",
              .run_inline = true,
              .handler = [](Request&) { return Response::json(200, R"({"status":"ok"})"); }});

  router.add({.method = "GET", .path = "/readyz", .tag = "system",
              .summary = "Ready for traffic: the database answers and its migrations are current.",
              .permission = "public",
              .response_schema = R"({"type":"object","properties":{"status":{"type":"string"},"database":{"type":"string"},"pending_migrations":{"type":"integer"}}})",
              .handler = [&app](Request&) {
                bool db_ok = app.db->ping();
                int pending = db_ok ? db::pending_migrations(*app.db, module_order()) : -1;
                bool ready = db_ok && pending == 0;
                boost::json::object o{{"status", ready ? "ready" : "not_ready"},
                                      {"database", db_ok ? "ok" : "unreachable"},
                                      {"pending_migrations", pending}};
                return Response::json(ready ? 200 : 503, boost::json::serialize(o));
              }});

  app.metrics.add_gauge("kiorex_db_pool_size", "Database connections in the pool.",
                        [&app] { return static_cast<double>(app.db->stats().size); });
  app.metrics.add_gauge("kiorex_db_pool_in_use", "Database connections in use.",
                        [&app] { return static_cast<double>(app.db->stats().in_use); });
  app.metrics.add_gauge("kiorex_db_pool_waits_total", "Times a request waited for a free connection.",
                        [&app] { return static_cast<double>(app.db->stats().waits); });
  app.metrics.add_gauge("kiorex_process_max_rss_bytes", "Peak resident memory of the process.", [] {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_maxrss) * 1024.0;
  });
  // Metrics name routes, volumes and error rates: for the operator's scraper only. The token is not a
  // user's access token (no role may read metrics), so the route checks it itself.
  router.add({.method = "GET", .path = "/metrics", .tag = "system",
              .summary = "Prometheus metrics, with `Authorization: Bearer <KIOREX_METRICS_TOKEN>` (403 when no token is "
                         "configured, 401 without the right one).",
              .permission = "public", .response_schema = R"({"type":"string"})",
              .response_content_type = "text/plain",
              .handler = [&app](Request& req) {
                if (app.cfg.metrics_token.empty())
                  throw http::ApiError(403, "metrics-disabled", "Metrics disabled",
                                       "Set KIOREX_METRICS_TOKEN to let a scraper read /metrics.");
                auto auth = req.header("authorization");
                std::string_view presented = auth && auth->size() > 7 && (auth->starts_with("Bearer ") || auth->starts_with("bearer "))
                                                 ? auth->substr(7) : std::string_view{};
                if (!security::constant_time_equal(presented, app.cfg.metrics_token)) {
                  Response r = http::problem_response(
                      http::ApiError::unauthorized("Send Authorization: Bearer with the metrics token."), req.request_id,
                      req.path);
                  r.headers.set("www-authenticate", "Bearer realm=\"metrics\"");
                  return r;
                }
                return Response::text(200, app.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
              }});

  router.add({.method = "GET", .path = "/v1/meta", .tag = "system", .summary = "Version and deployment facts for clients.",
              .permission = "public",
              .response_schema = R"({"type":"object","properties":{"version":{"type":"string"},"demo":{"type":"boolean"},"database":{"type":"string"}}})",
              .handler = [&app](Request&) {
                boost::json::object o{{"version", KIOREX_VERSION},
                                      {"demo", app.cfg.demo},
                                      {"database", app.db->dialect() == db::Dialect::sqlite ? "sqlite" : "postgresql"}};
                return Response::json(200, boost::json::serialize(o));
              }});

  router.add({.method = "GET", .path = "/v1/openapi.json", .tag = "system", .summary = "This API's OpenAPI 3.1 document.",
              .permission = "public", .response_schema = R"({"type":"object"})",
              .handler = [&app](Request&) {
                static const std::string doc = http::build_openapi(app.router, KIOREX_VERSION, app.cfg.public_url);
                return Response::json(200, doc);
              }});

  router.add({.method = "GET", .path = "/docs", .tag = "system", .summary = "Swagger UI for the API.",
              .permission = "public", .response_schema = R"({"type":"string"})", .response_content_type = "text/html",
              .documented = false,
              .handler = [](Request&) { return Response::text(200, http::swagger_ui_html(), "text/html; charset=utf-8"); }});
  router.add({.method = "GET", .path = "/docs/swagger-init.js", .tag = "system", .summary = "Swagger UI start-up script.",
              .permission = "public", .documented = false,
              .handler = [](Request&) {
                return Response::text(200,
                                      "window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#swagger-ui', "
                                      "deepLinking: true, persistAuthorization: false });\n",
                                      "text/javascript; charset=utf-8");
              }});
}

}  // namespace kiorex::app
