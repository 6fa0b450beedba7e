// The network layer on its own: keep-alive, WebSocket upgrade and messages both ways, limits.
#include "core/http/server.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <atomic>
#include <chrono>
#include <thread>

namespace kiorex::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ws = beast::websocket;
using tcp = asio::ip::tcp;

// Set by a hold's work just before it reports (see the /held routes below).
std::atomic<int> g_holds_finished{0};

// A hold whose work finishes on another thread after 50 ms and reports `ok`.
void add_slow_hold(Request& r, bool ok) {
  r.holds.push_back([ok](Request::HoldDone done) {
    std::thread([ok, done = std::move(done)] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      g_holds_finished++;
      done(ok);
    }).detach();
  });
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerConfig cfg;
    cfg.bind_address = "127.0.0.1";
    cfg.port = 0;
    cfg.io_threads = 1;
    cfg.worker_threads = 2;
    cfg.max_body_bytes = 1024;
    ServerHooks hooks;
    hooks.handle = [](Request& r) {
      if (r.path == "/ws" && r.header("x-kiorex-upgrade")) return Response::text(101, "", "");
      if (r.path.starts_with("/held")) add_slow_hold(r, r.path.ends_with("-ok"));
      return Response::json(200, "{\"path\":\"" + r.path + "\",\"n\":" + std::to_string(r.body.size()) + "}");
    };
    hooks.is_inline = [](Request& r) { return r.path.starts_with("/held/inline"); };
    hooks.upgrade = [](Request&, std::shared_ptr<WebSocketPeer> peer, WebSocketHandlers& h) -> std::optional<Response> {
      peer->send_text("hello");
      std::weak_ptr<WebSocketPeer> weak = peer;
      h.on_message = [weak](const std::string& m) {
        if (auto p = weak.lock()) p->send_text("echo:" + m);
      };
      return std::nullopt;
    };
    server_ = std::make_unique<Server>(cfg, hooks);
    server_->listen();
    thread_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
  }
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  for (int i = 0; i < 3; i++) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/n" + std::to_string(i), 11};
    req.set(bhttp::field::host, "localhost");
    bhttp::write(stream, req);
    beast::flat_buffer buf;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(stream, buf, res);
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_EQ(res.body(), "{\"path\":\"/n" + std::to_string(i) + "\",\"n\":0}");
    EXPECT_TRUE(res.keep_alive());
  }
}

// What the access policy relies on for the audit record of a read: the response waits for the request's
// holds, on the worker pool and on the I/O thread alike, and a failed hold replaces it with a 500.
TEST_F(ServerTest, TheResponseWaitsForItsHoldsAndAFailedOneBecomesA500) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  for (const char* path : {"/held/worker-ok", "/held/inline-ok", "/held/worker-fail", "/held/inline-fail"}) {
    int finished_before = g_holds_finished.load();
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, path, 11};
    req.set(bhttp::field::host, "localhost");
    bhttp::write(stream, req);
    beast::flat_buffer buf;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(stream, buf, res);
    EXPECT_EQ(g_holds_finished.load(), finished_before + 1) << path << ": answered before its hold finished";
    if (std::string_view(path).ends_with("-ok")) {
      EXPECT_EQ(res.result_int(), 200) << path;
      EXPECT_NE(res.body().find(path), std::string::npos) << res.body();
    } else {
      EXPECT_EQ(res.result_int(), 500) << path;
      EXPECT_EQ(res.body().find(path), std::string::npos) << "the held body must not leave: " << res.body();
      EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json");
    }
  }
}

TEST_F(ServerTest, BodyOverTheLimitIsRefusedWith413) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/big", 11};
  req.set(bhttp::field::host, "localhost");
  req.body() = std::string(4096, 'x');
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buf;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buf, res);
  EXPECT_EQ(res.result_int(), 413);
}

TEST_F(ServerTest, WebSocketUpgradeCarriesMessagesBothWays) {
  asio::io_context ioc;
  ws::stream<tcp::socket> client(ioc);
  client.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  client.handshake("localhost", "/ws");
  beast::flat_buffer buf;
  client.read(buf);
  EXPECT_EQ(beast::buffers_to_string(buf.data()), "hello");
  buf.consume(buf.size());
  client.write(asio::buffer(std::string("ping")));
  client.read(buf);
  EXPECT_EQ(beast::buffers_to_string(buf.data()), "echo:ping");
  client.close(ws::close_code::normal);
}

TEST_F(ServerTest, WebSocketRefusedWhenTheApplicationSaysNo) {
  asio::io_context ioc;
  ws::stream<tcp::socket> client(ioc);
  client.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  ws::response_type res;
  beast::error_code ec;
  client.handshake(res, "localhost", "/not-a-socket", ec);
  EXPECT_TRUE(ec);
  EXPECT_EQ(res.result_int(), 200);  // the plain HTTP answer of the pipeline, not 101
}

TEST(Gzip, RoundTripsThroughZlib) {
  std::string text(5000, 'a');
  std::string z = gzip_compress(text);
  EXPECT_LT(z.size(), text.size() / 10);
  EXPECT_EQ(static_cast<unsigned char>(z[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(z[1]), 0x8b);
}

}  // namespace
}  // namespace kiorex::http
