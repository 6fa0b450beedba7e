// `kiorex serve`: migrate, start the event dispatcher and the HTTP server, stop gracefully on
// SIGTERM/SIGINT (stop accepting, finish requests in flight, deliver what the outbox holds).
#include <pthread.h>
#include <signal.h>

#include <boost/json.hpp>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <thread>

#include "app/app.hpp"
#include "core/audit/checkpoint_publisher.hpp"
#include "core/db/migrations.hpp"
#include "core/http/pipeline.hpp"
#include "core/http/server.hpp"
#include "core/log/log.hpp"
#include "core/pdf/fonts.hpp"
#include "modules/auth/auth_module.hpp"
#include "modules/consultations/consultations_module.hpp"

namespace kiorex::app {

int cmd_serve(const config::Config& cfg) {
  // Signals are handled by one thread with sigwait; block them before any other thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  pdf::require_fonts();  // exports and prescriptions are PDFs: without their fonts, refuse to start
  {
    auto db = db::open_database(cfg.effective_database_url(), 1, "");
    auto report = db::migrate(*db, module_order());
    if (!report.applied.empty()) log::info("migrations.applied", {{"count", report.applied.size()}});
  }
  App app(cfg);
  http::PipelineConfig pc;
  pc.cors_origins = cfg.cors_origins;
  pc.rate_user_per_minute = cfg.rate_user_per_minute;
  pc.rate_ip_per_minute = cfg.rate_ip_per_minute;
  pc.rate_sensitive_per_15min = cfg.rate_login_per_15min;
  pc.tls = !cfg.tls_cert.empty();
  auto& tokens = app.auth->service().tokens();
  http::Pipeline pipeline(app.router, pc, [&tokens](std::string_view t) { return tokens.verify_access(t); }, app.limiter);

  http::ServerConfig sc;
  sc.bind_address = cfg.bind_address;
  sc.port = cfg.port;
  sc.io_threads = cfg.io_threads;
  sc.worker_threads = cfg.worker_threads;
  sc.tls_cert_file = cfg.tls_cert;
  sc.tls_key_file = cfg.tls_key;
  http::ServerHooks hooks;
  hooks.handle = [&pipeline](http::Request& r) { return pipeline.handle(r); };
  hooks.reject = [&pipeline](int status, const std::string& detail, http::Request& r) {
    return pipeline.reject(status, detail, r);
  };
  hooks.is_inline = [&pipeline](http::Request& r) { return pipeline.is_inline(r); };
  hooks.upgrade = [&app](http::Request& r, std::shared_ptr<http::WebSocketPeer> peer,
                         http::WebSocketHandlers& handlers) -> std::optional<http::Response> {
    auto m = app.router.match("GET", r.path);
    if (!m.route || !m.route->websocket) return http::Response::json(404, "{}");
    m.route->websocket(r, std::move(peer), handlers);
    return std::nullopt;
  };
  hooks.observe = [&app](const http::Request& r, const http::Response& resp, double secs) {
    app.metrics.observe_request(r.route.empty() ? "unmatched" : r.route, r.method, resp.status, secs);
    if (log::enabled(log::Level::debug) || resp.status >= 500)
      log::write(resp.status >= 500 ? log::Level::error : log::Level::debug, "http.request",
                 {{"request_id", r.request_id}, {"method", r.method}, {"route", r.route}, {"status", resp.status},
                  {"ms", secs * 1000.0}, {"user", r.principal.user_id}});
  };
  http::Server server(sc, hooks);
  server.listen();
  app.dispatcher.start();
  app.consultations->start_background();  // keeps doctors' availability current (start-up, daily)
  // Signed audit checkpoints to the log (at start, then every KIOREX_AUDIT_CHECKPOINT_SECS); stopped
  // before the App goes.
  audit::CheckpointPublisher checkpoints(app.audit, *app.db, std::chrono::seconds(cfg.audit_checkpoint_seconds));

  // `kiorex keys rotate` writes new signing and master keys beside the running server; pick them up every 10 s.
  std::mutex stop_mutex;
  std::condition_variable stop_cv;
  bool stopping = false;
  std::thread key_watcher([&] {
    std::unique_lock lk(stop_mutex);
    while (!stop_cv.wait_for(lk, std::chrono::seconds(10), [&] { return stopping; })) {
      try {
        if (app.keys.reload_from_disk()) log::info("keys.reloaded", {{"current_kid", app.keys.current_kid()}});
      } catch (const std::exception& e) {
        log::error("keys.reload_failed", {{"error", e.what()}});
      }
      try {
        if (app.box.reload_from_disk())
          log::info("master_key.reloaded", {{"current_version", app.box.current_version()}});
      } catch (const std::exception& e) {
        log::error("master_key.reload_failed", {{"error", e.what()}});
      }
    }
  });

  std::atomic<bool> signalled{false};
  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    signalled = true;
    log::info("server.stopping", {{"signal", sig}, {"in_flight", server.in_flight()}});
    server.stop();
  });
  std::string scheme = cfg.tls_cert.empty() ? "http" : "https";
  std::printf("kiorex listening on %s://%s:%u\n", scheme.c_str(),
              cfg.bind_address == "0.0.0.0" ? "localhost" : cfg.bind_address.c_str(), server.port());
  std::fflush(stdout);
  log::info("server.listening", {{"port", server.port()}, {"database", app.db->dialect() == db::Dialect::sqlite ? "sqlite" : "postgresql"}});
  server.run();
  {
    std::lock_guard lk(stop_mutex);
    stopping = true;
  }
  stop_cv.notify_all();
  key_watcher.join();
  app.dispatcher.stop(std::chrono::seconds(5));
  log::info("server.stopped", {});
  // The signal thread is still parked in sigwait only if run() ended some other way; wake it.
  if (!signalled) pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  return 0;
}

}  // namespace kiorex::app
