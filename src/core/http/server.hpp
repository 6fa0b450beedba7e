#pragma once
// The network layer: Boost.Beast/Asio with C++20 coroutines, kept behind this header so that
// the rest of the program never includes Beast. Handlers run on a worker pool (they may block
// on the database or on Argon2id); only reading and writing sockets is asynchronous.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/http/types.hpp"
#include "core/http/websocket.hpp"

namespace kiorex::http {

struct ServerConfig {
  std::string bind_address = "0.0.0.0";
  uint16_t port = 8080;
  int io_threads = 2;
  int worker_threads = 8;
  size_t max_body_bytes = 1 << 20;
  size_t max_header_bytes = 16 * 1024;
  int header_timeout_seconds = 10;  // whole request must arrive within this (slowloris)
  int idle_timeout_seconds = 30;    // keep-alive connection with no request
  int shutdown_grace_seconds = 20;
  std::string tls_cert_file, tls_key_file;  // both set = HTTPS only, TLS 1.3
};

struct ServerHooks {
  std::function<Response(Request&)> handle;       // the middleware pipeline
  std::function<bool(Request&)> is_inline;  // may run on the I/O thread
  // Called for an Upgrade: websocket request. Fills handlers and returns nullopt to accept, or
  // returns the HTTP response that refuses it (401, 403, 404 ...).
  std::function<std::optional<Response>(Request&, std::shared_ptr<WebSocketPeer>, WebSocketHandlers&)> upgrade;
  std::function<void(const Request&, const Response&, double seconds)> observe;
  // The response for a request refused before it could be parsed (413 body too large, 431 headers too
  // large, 400 malformed or ambiguously framed, 501 transfer coding not implemented), so it carries the
  // same headers as every other answer. `detail` says why when the server knows more than the status.
  std::function<Response(int status, const std::string& detail, Request& partial)> reject;
};

class Server {
 public:
  Server(ServerConfig config, ServerHooks hooks);
  ~Server();
  // Binds (so port() is known) without serving yet.
  void listen();
  // Serves until stop(); returns once in-flight requests have finished (or the grace time ran out).
  void run();
  // Safe from a signal-handling thread: stop accepting, let in-flight requests finish.
  void stop();
  uint16_t port() const;
  int64_t in_flight() const;
  int64_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string gzip_compress(std::string_view data);

}  // namespace kiorex::http
