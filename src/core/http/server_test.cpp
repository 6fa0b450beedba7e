// The network layer on its own: keep-alive, WebSocket upgrade and messages both ways, limits.
#include "core/http/server.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <thread>

namespace kiorex::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ws = beast::websocket;
using tcp = asio::ip::tcp;

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
      return Response::json(200, "{\"path\":\"" + r.path + "\",\"n\":" + std::to_string(r.body.size()) + "}");
    };
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
