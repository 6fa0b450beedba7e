#include "core/http/server.hpp"

#include "core/http/framing.hpp"

#include <zlib.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <chrono>
#include <algorithm>
#include <array>
#include <deque>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <type_traits>
#include <vector>

namespace kiorex::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ws = beast::websocket;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto as_tuple_awaitable = asio::as_tuple(asio::use_awaitable);

std::string gzip_compress(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&zs, data.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(zs.total_out);
  return out;
}

namespace {

bool compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.find("json") != std::string_view::npos ||
         content_type.find("javascript") != std::string_view::npos || content_type.find("svg") != std::string_view::npos;
}

bool accepts_gzip(const Request& r) {
  auto ae = r.header("accept-encoding");
  return ae && ae->find("gzip") != std::string_view::npos;
}

// The queue of outgoing WebSocket messages: Beast allows one write in flight at a time.
template <class Stream>
class WsPeer : public WebSocketPeer, public std::enable_shared_from_this<WsPeer<Stream>> {
 public:
  WsPeer(Stream&& s, asio::any_io_executor ex) : socket(std::move(s)), ex_(std::move(ex)) {}
  ws::stream<Stream> socket;

  void send_text(std::string message) override {
    asio::post(ex_, [self = this->shared_from_this(), m = std::move(message)]() mutable {
      if (self->closed_) return;
      self->queue_.push_back(std::move(m));
      if (!self->writing_) self->write_next();
    });
  }
  void close() override {
    asio::post(ex_, [self = this->shared_from_this()] {
      self->close_wanted_ = true;
      if (!self->writing_) self->close_now();
    });
  }
  void mark_closed() { closed_ = true; }

 private:
  void write_next() {
    writing_ = true;
    socket.text(true);
    socket.async_write(asio::buffer(queue_.front()), [self = this->shared_from_this()](beast::error_code ec, size_t) {
      self->queue_.pop_front();
      self->writing_ = false;
      if (ec) {
        self->closed_ = true;
        return;
      }
      if (!self->queue_.empty() && !self->closed_) self->write_next();
      else if (self->close_wanted_) self->close_now();
    });
  }
  void close_now() {
    if (closed_) return;
    closed_ = true;
    socket.async_close(ws::close_code::normal, [self = this->shared_from_this()](beast::error_code) {});
  }
  asio::any_io_executor ex_;
  std::deque<std::string> queue_;
  bool writing_ = false, closed_ = false, close_wanted_ = false;
};

}  // namespace

struct Server::Impl {
  Impl(ServerConfig c, ServerHooks h)
      : cfg(std::move(c)), hooks(std::move(h)), ioc(cfg.io_threads), workers(static_cast<size_t>(cfg.worker_threads)),
        acceptor(ioc) {}

  ServerConfig cfg;
  ServerHooks hooks;
  asio::io_context ioc;
  asio::thread_pool workers;
  std::optional<asio::ssl::context> ssl;
  tcp::acceptor acceptor;
  std::atomic<int64_t> inflight{0};
  std::atomic<int64_t> connections{0};
  std::atomic<bool> stopping{false};
  uint16_t bound_port = 0;

  Request to_request(const bhttp::request<bhttp::string_body>& req, const std::string& ip) {
    Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    std::string_view t = req.target();
    size_t q = t.find('?');
    r.path = percent_decode(t.substr(0, q), false);
    if (q != std::string_view::npos) r.query = parse_query(t.substr(q + 1));
    for (const auto& f : req) {
      std::string name(f.name_string());
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      r.headers.add(std::move(name), std::string(f.value()));
    }
    r.body = req.body();
    r.remote_ip = ip;
    return r;
  }

  bhttp::response<bhttp::string_body> to_beast(const Request& r, Response& resp, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(resp.status), version};
    res.set(bhttp::field::server, "kiorex");
    if (!resp.content_type.empty()) res.set(bhttp::field::content_type, resp.content_type);
    for (const auto& [k, v] : resp.headers.items) res.insert(k, v);
    if (resp.body.size() >= 1024 && compressible(resp.content_type) && accepts_gzip(r)) {
      resp.body = gzip_compress(resp.body);
      res.set(bhttp::field::content_encoding, "gzip");
      // Added to what the response varies on already (Accept, Origin), not in its place.
      const std::string vary(res[bhttp::field::vary]);
      res.set(bhttp::field::vary, vary.empty() ? "Accept-Encoding" : vary + ", Accept-Encoding");
    }
    res.body() = std::move(resp.body);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    if (r.method == "HEAD") res.body().clear();
    return res;
  }

  static Response internal_error() {
    Response res = Response::json(500, R"({"type":"https://kiorex.dev/problems/internal","title":"Internal error","status":500})");
    res.content_type = "application/problem+json";
    return res;
  }

  Response call_handler_sync(Request& r) {
    try {
      return hooks.handle(r);
    } catch (...) {
      return internal_error();
    }
  }

  // Resumes the calling coroutine once `hold` reports (its callback may come on any thread; the
  // coroutine resumes on its own executor).
  static auto wait_hold(const std::function<void(Request::HoldDone)>& hold, asio::any_io_executor ex) {
    return asio::async_initiate<decltype(use_awaitable), void(bool)>(
        [&hold, ex](auto handler) {
          auto h = std::make_shared<decltype(handler)>(std::move(handler));
          hold([h, ex](bool ok) { asio::post(ex, [h, ok]() mutable { std::move (*h)(ok); }); });
        },
        use_awaitable);
  }

  // The response waits for the request's holds (see Request::holds); one that failed turns it into a 500.
  awaitable<void> await_holds(Request& r, Response& resp) {
    if (r.holds.empty()) co_return;
    auto ex = co_await asio::this_coro::executor;
    bool ok = true;
    for (const auto& hold : r.holds) ok = co_await wait_hold(hold, ex) && ok;
    r.holds.clear();
    if (!ok) resp = internal_error();
  }

  // The same, blocking the calling thread (the WebSocket pre-check, which is rare and short).
  static void await_holds_blocking(Request& r, Response& resp) {
    if (!wait_for_holds(r)) resp = internal_error();
  }

  template <class Stream>
  awaitable<void> websocket_session(Stream&& stream, bhttp::request<bhttp::string_body> req, Request r) {
    auto ex = co_await asio::this_coro::executor;
    auto peer = std::make_shared<WsPeer<std::decay_t<Stream>>>(std::move(stream), ex);
    WebSocketHandlers handlers;
    beast::get_lowest_layer(peer->socket).expires_never();
    peer->socket.set_option(ws::stream_base::timeout::suggested(beast::role_type::server));
    peer->socket.read_message_max(64 * 1024);
    auto [aec] = co_await peer->socket.async_accept(req, as_tuple_awaitable);
    if (aec) co_return;
    // The application decides after the handshake whether to keep the socket (it may close it).
    std::optional<Response> refusal;
    try {
      refusal = hooks.upgrade(r, peer, handlers);
    } catch (...) {
      refusal = Response::json(500, "{}");
    }
    if (refusal) {
      peer->mark_closed();
      co_await peer->socket.async_close(ws::close_reason(ws::close_code::policy_error, "refused"), as_tuple_awaitable);
      co_return;
    }
    beast::flat_buffer buffer;
    for (;;) {
      auto [ec, n] = co_await peer->socket.async_read(buffer, as_tuple_awaitable);
      if (ec) break;
      if (handlers.on_message) {
        try {
          handlers.on_message(beast::buffers_to_string(buffer.data()));
        } catch (...) {
        }
      }
      buffer.consume(buffer.size());
    }
    peer->mark_closed();
    if (handlers.on_close) handlers.on_close();
  }

  // Reads until the buffer holds the whole header block of the next request, then checks it as raw
  // bytes. Returns an error when the client went away or was too slow (nothing to answer), else
  // the refusal to send (431 when the block outgrows the header limit), if any.
  template <class Stream>
  awaitable<std::tuple<beast::error_code, std::optional<FramingRefusal>>> read_header_block(Stream& stream,
                                                                                           beast::flat_buffer& buffer) {
    for (;;) {
      std::string_view have(static_cast<const char*>(buffer.data().data()), buffer.size());
      if (auto end = header_block_end(have)) co_return std::make_tuple(beast::error_code{}, check_header_block(have.substr(0, *end)));
      if (auto refusal = check_header_block(have)) co_return std::make_tuple(beast::error_code{}, refusal);
      if (buffer.size() > cfg.max_header_bytes)
        co_return std::make_tuple(beast::error_code{}, std::optional<FramingRefusal>(FramingRefusal{431, {}}));
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(8192), as_tuple_awaitable);
      if (ec) co_return std::make_tuple(ec, std::optional<FramingRefusal>{});
      buffer.commit(n);
    }
  }

  static std::optional<FramingRefusal> framing_refusal(const bhttp::request_parser<bhttp::string_body>::value_type& req) {
    std::vector<std::string_view> te, cl;
    for (const auto& f : req) {
      if (f.name() == bhttp::field::transfer_encoding) te.push_back(f.value());
      else if (f.name() == bhttp::field::content_length) cl.push_back(f.value());
    }
    return check_framing(req.version(), te, cl);
  }

  // Answers a request refused before it reached the pipeline (unparseable, too large, ambiguous
  // framing) and ends the connection: whatever the client sends after it is never read as a request.
  template <class Stream>
  awaitable<void> refuse(Stream& stream, int status, const std::string& detail,
                         bhttp::request_parser<bhttp::string_body>& parser, const std::string& ip) {
    auto& lowest = beast::get_lowest_layer(stream);
    Request partial;
    partial.remote_ip = ip;
    if (parser.got_some()) {
      partial.method = std::string(parser.get().method_string());
      std::string_view target = parser.get().target();
      partial.path = std::string(target.substr(0, target.find('?')));
    }
    Response refusal;
    if (hooks.reject) {
      refusal = hooks.reject(status, detail, partial);
    } else {
      refusal = Response::json(status, R"({"type":"https://kiorex.dev/problems/bad-request","title":"Request rejected","status":)" +
                                           std::to_string(status) + "}");
      refusal.content_type = "application/problem+json";
    }
    auto res = to_beast(partial, refusal, 11, false);
    co_await bhttp::async_write(stream, res, as_tuple_awaitable);
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      // The client may still be sending (an oversized or smuggled body). Closing now would make the
      // kernel answer with a reset that can destroy our response before the client reads it, so stop
      // sending, then read and discard for a short while (bounded in time and bytes).
      beast::error_code sec;
      lowest.socket().shutdown(tcp::socket::shutdown_send, sec);
      lowest.expires_after(std::chrono::seconds(2));
      std::array<char, 16384> scratch;
      size_t drained = 0;
      while (drained < 8 * cfg.max_body_bytes) {
        auto [dec, got] = co_await lowest.async_read_some(asio::buffer(scratch), as_tuple_awaitable);
        if (dec) break;
        drained += got;
      }
    }
  }

  // Serves requests on one connection; returns true when the stream was handed to a WebSocket.
  template <class Stream>
  awaitable<bool> serve_http(Stream& stream, const std::string& ip) {
    auto& lowest = beast::get_lowest_layer(stream);
    beast::flat_buffer buffer;
    for (;;) {
      int read_timeout = cfg.header_timeout_seconds;
      if (buffer.size() == 0) {
        if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
          // Idle keep-alive: wait for the first byte of the next request.
          lowest.expires_after(std::chrono::seconds(cfg.idle_timeout_seconds));
          auto [wec] = co_await lowest.socket().async_wait(tcp::socket::wait_read, as_tuple_awaitable);
          if (wec || stopping) co_return false;
        } else {
          // Under TLS the next request may already sit decrypted inside the TLS layer (TLS 1.3 sends
          // it with the handshake), where a socket wait cannot see it: allow the idle time instead.
          read_timeout = cfg.idle_timeout_seconds;
        }
      }
      // From the first byte, the whole request must arrive in time: a slow client is cut off.
      lowest.expires_after(std::chrono::seconds(read_timeout));
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
      parser.body_limit(cfg.max_body_bytes);
      // The header block is checked as raw bytes first (what the parser would smooth over), then
      // parsed, then its framing checked, and only then is the body read: a request whose length
      // could be read two ways never reaches a handler, and its connection is closed.
      auto [block_ec, block_refusal] = co_await read_header_block(stream, buffer);
      if (block_ec) co_return false;
      if (block_refusal) {
        co_await refuse(stream, block_refusal->status, block_refusal->detail, parser, ip);
        co_return false;
      }
      auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, as_tuple_awaitable);
      if (!hec) {
        if (auto framing = framing_refusal(parser.get())) {
          co_await refuse(stream, framing->status, framing->detail, parser, ip);
          co_return false;
        }
      }
      auto [ec, n] = hec ? std::make_tuple(hec, hn) : co_await bhttp::async_read(stream, buffer, parser, as_tuple_awaitable);
      if (ec) {
        int status = 0;
        if (ec == bhttp::error::body_limit) status = 413;
        else if (ec == bhttp::error::header_limit) status = 431;
        else if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) status = 0;  // client gone
        else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) status = 400;
        if (status) co_await refuse(stream, status, {}, parser, ip);
        co_return false;
      }
      auto req = parser.release();
      Request r = to_request(req, ip);
      // Only the server may mark a request as a WebSocket upgrade.
      r.headers.items.erase(std::remove_if(r.headers.items.begin(), r.headers.items.end(),
                                           [](const auto& h) { return h.first == "x-kiorex-upgrade"; }),
                            r.headers.items.end());
      if (ws::is_upgrade(req) && hooks.upgrade) {
        // Authenticate and check the route before the handshake, through the normal pipeline.
        r.headers.set("x-kiorex-upgrade", "websocket");
        Response pre = call_handler_sync(r);
        await_holds_blocking(r, pre);
        if (pre.status == 101) {
          co_await websocket_session(std::move(stream), std::move(req), std::move(r));
          co_return true;
        }
        auto res = to_beast(r, pre, req.version(), false);
        co_await bhttp::async_write(stream, res, as_tuple_awaitable);
        co_return false;
      }
      inflight++;
      auto started = std::chrono::steady_clock::now();
      Response resp;
      if (hooks.is_inline && hooks.is_inline(r)) {
        resp = call_handler_sync(r);
      } else {
        resp = co_await asio::co_spawn(
            workers, [this, &r]() -> awaitable<Response> { co_return call_handler_sync(r); }, use_awaitable);
      }
      co_await await_holds(r, resp);
      bool keep = req.keep_alive() && !stopping;
      auto res = to_beast(r, resp, req.version(), keep);
      lowest.expires_after(std::chrono::seconds(cfg.header_timeout_seconds));
      auto [wec, wn] = co_await bhttp::async_write(stream, res, as_tuple_awaitable);
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      inflight--;
      if (hooks.observe) hooks.observe(r, resp, secs);
      if (wec || !keep) co_return false;
    }
  }

  awaitable<void> session(tcp::socket socket) {
    connections++;
    beast::error_code ec;
    std::string ip = socket.remote_endpoint(ec).address().to_string();
    beast::tcp_stream stream(std::move(socket));
    try {
      if (ssl) {
        beast::ssl_stream<beast::tcp_stream> tls(std::move(stream), *ssl);
        beast::get_lowest_layer(tls).expires_after(std::chrono::seconds(cfg.header_timeout_seconds));
        auto [hec] = co_await tls.async_handshake(asio::ssl::stream_base::server, as_tuple_awaitable);
        if (!hec) {
          bool upgraded = co_await serve_http(tls, ip);
          if (!upgraded) {
            beast::get_lowest_layer(tls).expires_after(std::chrono::seconds(2));
            co_await tls.async_shutdown(as_tuple_awaitable);
          }
        }
      } else {
        bool upgraded = co_await serve_http(stream, ip);
        if (!upgraded) stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      }
    } catch (...) {
    }
    connections--;
  }

  awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), as_tuple_awaitable);
      if (ec) {
        if (stopping || !acceptor.is_open()) co_return;
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      auto ex = socket.get_executor();
      asio::co_spawn(ex, session(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(ServerConfig config, ServerHooks hooks) : impl_(std::make_unique<Impl>(std::move(config), std::move(hooks))) {}
Server::~Server() = default;

void Server::listen() {
  auto& s = *impl_;
  if (!s.cfg.tls_cert_file.empty()) {
    s.ssl.emplace(asio::ssl::context::tls_server);
    SSL_CTX_set_min_proto_version(s.ssl->native_handle(), TLS1_3_VERSION);
    s.ssl->use_certificate_chain_file(s.cfg.tls_cert_file);
    s.ssl->use_private_key_file(s.cfg.tls_key_file, asio::ssl::context::pem);
  }
  tcp::endpoint ep(asio::ip::make_address(s.cfg.bind_address), s.cfg.port);
  s.acceptor.open(ep.protocol());
  s.acceptor.set_option(asio::socket_base::reuse_address(true));
  s.acceptor.bind(ep);
  s.acceptor.listen(asio::socket_base::max_listen_connections);
  s.bound_port = s.acceptor.local_endpoint().port();
}

void Server::run() {
  auto& s = *impl_;
  asio::co_spawn(s.ioc, s.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < s.cfg.io_threads; i++) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  s.workers.join();
}

void Server::stop() {
  auto& s = *impl_;
  if (s.stopping.exchange(true)) return;
  asio::post(s.ioc, [&s] {
    beast::error_code ec;
    s.acceptor.close(ec);
  });
  // Let requests in flight finish, then stop the loop (idle keep-alive connections are dropped).
  std::thread([&s] {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(s.cfg.shutdown_grace_seconds);
    while (s.inflight.load() > 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    s.ioc.stop();
  }).detach();
}

uint16_t Server::port() const { return impl_->bound_port; }
int64_t Server::in_flight() const { return impl_->inflight.load(); }
int64_t Server::open_connections() const { return impl_->connections.load(); }

}  // namespace kiorex::http
