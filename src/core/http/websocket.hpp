#pragma once
// WebSocket endpoints see these two types only (the Beast stream stays inside server.cpp).
#include <functional>
#include <memory>
#include <string>

namespace kiorex::http {

// One side of an open WebSocket. send_text may be called from any thread.
class WebSocketPeer {
 public:
  virtual ~WebSocketPeer() = default;
  virtual void send_text(std::string message) = 0;
  virtual void close() = 0;
};

struct WebSocketHandlers {
  std::function<void(const std::string&)> on_message;
  std::function<void()> on_close;
};

}  // namespace kiorex::http
