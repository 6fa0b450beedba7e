#pragma once
// Signaling for the video call: one WebSocket per side (patient or doctor) in a room per consultation.
// The server never looks into WebRTC: offer/answer/ICE messages are relayed unchanged to the other side;
// it tells each side when the other joins or leaves, carries the in-call chat (stored sealed with the
// patient's data key) and says {"type":"ended"} to both when the doctor ends the consultation.
//
// Rooms are in-process: both sides must be connected to the same replica. Running several replicas needs a
// shared bus (e.g. Redis pub/sub keyed by booking id) behind Rooms, or sticky routing by booking id.
#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>

#include "core/http/websocket.hpp"
#include "modules/consultations/parts.hpp"

namespace kiorex::consultations {

// GET /v1/consultations/{id}/signal (WebSocket) and GET /v1/consultations/{id}/chat.
namespace visit {
class Rooms;
}
void register_signaling_routes(http::Router& r, Deps& d, std::shared_ptr<visit::Rooms> rooms);

namespace visit {

enum class Side { patient, doctor };
const char* side_text(Side s);

// The sockets of every consultation in progress on this process. Thread-safe: sockets of one room may be
// served by different I/O threads, and the end of a consultation comes from a worker thread.
class Rooms {
 public:
  // Puts `peer` in as `side` of the booking's room and returns its connection number. An older socket of
  // the same side is told it was replaced and closed (the other side then sees peer-left, peer-joined).
  // The newcomer gets {"type":"joined","role":side}, then {"type":"peer-joined","role":other} when the other
  // side is there; the other side gets {"type":"peer-joined","role":side}.
  uint64_t join(const std::string& booking_id, Side side, std::shared_ptr<http::WebSocketPeer> peer);
  // Forgets connection `conn` if it is still its side's socket, and tells the other side {"type":"peer-left"}.
  void leave(const std::string& booking_id, Side side, uint64_t conn);
  // Whether `conn` is still the socket of its side (a replaced socket's messages are ignored).
  bool current(const std::string& booking_id, Side side, uint64_t conn) const;
  // Sends `message` to the other side's socket, if there is one.
  void to_other(const std::string& booking_id, Side from, const std::string& message);
  // Sends `message` to both sides.
  void to_both(const std::string& booking_id, const std::string& message);
  // The consultation ended: {"type":"ended"} to both, their sockets closed, the room forgotten.
  void end(const std::string& booking_id);
  size_t room_count() const;

 private:
  struct Member {
    uint64_t conn = 0;
    std::shared_ptr<http::WebSocketPeer> peer;
  };
  struct Room {
    std::optional<Member> side[2];
  };
  mutable std::mutex mu_;
  std::unordered_map<std::string, Room> rooms_;
  uint64_t next_conn_ = 1;
};

// What a client sent, checked: a message to relay, a chat line, or why it is refused.
struct RelayMessage {
  std::string type;  // offer | answer | ice
  boost::json::value data;  // relayed unchanged
};
struct ChatMessage {
  std::string text;
};
struct BadMessage {
  std::string detail;
};
using ClientMessage = std::variant<RelayMessage, ChatMessage, BadMessage>;
ClientMessage parse_client_message(const std::string& text);

}  // namespace visit
}  // namespace kiorex::consultations
