// The call's WebSocket (GET /v1/consultations/{id}/signal) and its chat history (GET …/chat). See signaling.hpp.
//
// Where things run: the WebSocket callback and on_message/on_close run on the server's I/O thread. Admission
// reads the booking, and a chat line is one short transaction (insert + audit record); both are small, and
// a call sends a handful of chat lines, so they run there rather than hopping to the worker pool.
#include "modules/consultations/signaling.hpp"

#include <boost/json.hpp>
#include <deque>

#include "core/http/router.hpp"
#include "core/json/strict_parse.hpp"
#include "core/log/log.hpp"
#include "core/module.hpp"
#include "core/util/ids.hpp"
#include "modules/consultations/visit_common.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

namespace visit {

namespace {
std::string event(std::initializer_list<std::pair<boost::json::string_view, boost::json::value_ref>> members) {
  return boost::json::serialize(boost::json::object(members));
}
Side other(Side s) { return s == Side::patient ? Side::doctor : Side::patient; }
size_t slot(Side s) { return s == Side::patient ? 0 : 1; }
}  // namespace

const char* side_text(Side s) { return s == Side::patient ? "patient" : "doctor"; }

uint64_t Rooms::join(const std::string& booking_id, Side side, std::shared_ptr<http::WebSocketPeer> peer) {
  std::lock_guard lock(mu_);
  Room& room = rooms_[booking_id];
  auto& mine = room.side[slot(side)];
  auto& theirs = room.side[slot(other(side))];
  if (mine) {
    mine->peer->send_text(event({{"type", "error"}, {"detail", "This connection was replaced by a newer one."}}));
    mine->peer->close();
    if (theirs) theirs->peer->send_text(event({{"type", "peer-left"}, {"role", side_text(side)}}));
  }
  mine = Member{next_conn_++, std::move(peer)};
  mine->peer->send_text(event({{"type", "joined"}, {"role", side_text(side)}}));
  if (theirs) {
    mine->peer->send_text(event({{"type", "peer-joined"}, {"role", side_text(other(side))}}));
    theirs->peer->send_text(event({{"type", "peer-joined"}, {"role", side_text(side)}}));
  }
  return mine->conn;
}

void Rooms::leave(const std::string& booking_id, Side side, uint64_t conn) {
  std::lock_guard lock(mu_);
  auto it = rooms_.find(booking_id);
  if (it == rooms_.end()) return;
  auto& mine = it->second.side[slot(side)];
  if (!mine || mine->conn != conn) return;
  mine.reset();
  auto& theirs = it->second.side[slot(other(side))];
  if (theirs) theirs->peer->send_text(event({{"type", "peer-left"}, {"role", side_text(side)}}));
  else rooms_.erase(it);
}

bool Rooms::current(const std::string& booking_id, Side side, uint64_t conn) const {
  std::lock_guard lock(mu_);
  auto it = rooms_.find(booking_id);
  if (it == rooms_.end()) return false;
  const auto& mine = it->second.side[slot(side)];
  return mine && mine->conn == conn;
}

void Rooms::to_other(const std::string& booking_id, Side from, const std::string& message) {
  std::lock_guard lock(mu_);
  auto it = rooms_.find(booking_id);
  if (it == rooms_.end()) return;
  if (auto& theirs = it->second.side[slot(other(from))]) theirs->peer->send_text(message);
}

void Rooms::to_both(const std::string& booking_id, const std::string& message) {
  std::lock_guard lock(mu_);
  auto it = rooms_.find(booking_id);
  if (it == rooms_.end()) return;
  for (auto& m : it->second.side)
    if (m) m->peer->send_text(message);
}

void Rooms::end(const std::string& booking_id) {
  std::lock_guard lock(mu_);
  auto it = rooms_.find(booking_id);
  if (it == rooms_.end()) return;
  const std::string ended = event({{"type", "ended"}});
  for (auto& m : it->second.side) {
    if (!m) continue;
    m->peer->send_text(ended);
    m->peer->close();
  }
  rooms_.erase(it);
}

size_t Rooms::room_count() const {
  std::lock_guard lock(mu_);
  return rooms_.size();
}

ClientMessage parse_client_message(const std::string& text) {
  // The same strict reader as request bodies: a key twice (the peer's parser may keep the other one) is refused.
  auto parsed = json::parse_strict(text);
  if (parsed.outcome == json::StrictParse::Outcome::duplicate_key) return BadMessage{"A message may not hold a key twice."};
  auto& v = parsed.value;
  if (parsed.outcome != json::StrictParse::Outcome::ok || !v.is_object())
    return BadMessage{"A message is a JSON object with a \"type\"."};
  auto& o = v.as_object();
  auto* type = o.if_contains("type");
  if (!type || !type->is_string()) return BadMessage{"A message is a JSON object with a \"type\"."};
  std::string t(type->as_string());
  if (t == "offer" || t == "answer" || t == "ice") {
    auto* data = o.if_contains("data");
    // An ICE message with null data is the end of the candidates.
    if (!data || !(data->is_object() || (t == "ice" && data->is_null())))
      return BadMessage{"\"" + t + "\" needs \"data\", an object."};
    return RelayMessage{t, *data};
  }
  if (t == "chat") {
    auto* tv = o.if_contains("text");
    if (!tv || !tv->is_string()) return BadMessage{"\"chat\" needs \"text\", a string."};
    std::string s(tv->as_string());
    size_t n = json::utf8_length(s);
    if (!json::valid_text(s) || n < 1 || n > 2000)
      return BadMessage{"\"text\" must be 1 to 2000 characters of text without control characters."};
    bool blank = true;
    for (char c : s)
      if (c != ' ' && c != '\n' && c != '\t') blank = false;
    if (blank) return BadMessage{"\"text\" must not be blank."};
    return ChatMessage{std::move(s)};
  }
  return BadMessage{"Unknown message type; use offer, answer, ice or chat."};
}

namespace {

// A chat line is a write transaction with an audit record: a socket may send at most this many per window
// (far above anyone typing; it stops a runaway client from filling the database). Relayed WebRTC messages are
// not limited: they touch nothing but the other socket.
constexpr size_t kChatPerWindow = 20;
constexpr int64_t kChatWindowMs = 10 * 1000;

// One admitted socket and what its messages need.
struct Socket {
  std::string booking_id, patient_id;
  Side side = Side::patient;
  Party party = Party::none;
  uint64_t conn = 0;
  std::shared_ptr<http::WebSocketPeer> peer;
  http::Request who;  // the upgrade request's principal, request id and address (for audit records)
  std::deque<int64_t> recent_chats;  // times of this socket's chat lines within the window (its read loop only)
};

void refuse(http::WebSocketPeer& peer, int status, const std::string& detail) {
  peer.send_text(event({{"type", "error"}, {"status", status}, {"detail", detail}}));
  peer.close();
}

void on_chat(Deps& d, Rooms& rooms, const Socket& s, const std::string& text) {
  const std::string id = util::new_id("msg");
  const std::string context = "consultation_messages:" + id;
  const int64_t at = db::now_ms();
  bool stored = false;
  try {
    d.ctx.db.transaction([&](db::Session& tx) {
      stored = false;
      auto b = find_booking(tx, s.booking_id);
      if (!b || b->status != BookingStatus::in_progress) return;
      tx.exec("INSERT INTO consultation_messages (id, booking_id, sender_id, sender_side, text_sealed, created_at) "
              "VALUES ($1, $2, $3, $4, $5, $6)",
              {id, s.booking_id, s.who.principal.user_id, side_text(s.side), seal_for(d, tx, s.patient_id, text, context), at});
      audit_phi(d, &tx, s.who, s.patient_id, "consultations.chat.write", context, s.party);
      stored = true;
    });
  } catch (const std::exception& e) {
    log::error("consultation.chat_failed", {{"booking_id", s.booking_id}, {"error", e.what()}});
    s.peer->send_text(event({{"type", "error"}, {"detail", "The message could not be stored; try again."}}));
    return;
  }
  if (!stored) {
    s.peer->send_text(event({{"type", "error"}, {"detail", "The consultation is not in progress."}}));
    return;
  }
  rooms.to_both(s.booking_id, event({{"type", "chat"}, {"id", id}, {"from", side_text(s.side)}, {"text", text}, {"at", iso(at)}}));
}

void admit(Deps& d, const std::shared_ptr<Rooms>& rooms, http::Request& req, std::shared_ptr<http::WebSocketPeer> peer,
           http::WebSocketHandlers& handlers) {
  const std::string& booking_id = req.param("id");
  Visit v;
  try {
    v = visit_for(d, req, booking_id);
  } catch (const http::ApiError& e) {
    refuse(*peer, e.status, e.detail);
    return;
  }
  if (v.booking.status != BookingStatus::in_progress) {
    refuse(*peer, 409, v.booking.status == BookingStatus::confirmed ? "The consultation has not started yet."
                                                                     : "The consultation is not in progress.");
    return;
  }
  auto s = std::make_shared<Socket>();
  s->booking_id = booking_id;
  s->patient_id = v.booking.patient_id;
  s->side = v.doctor() ? Side::doctor : Side::patient;
  s->party = v.party;
  s->peer = peer;
  s->who.principal = req.principal;
  s->who.request_id = req.request_id;
  s->who.remote_ip = req.remote_ip;
  s->conn = rooms->join(booking_id, s->side, peer);
  log::info("consultation.signal_joined", {{"booking_id", booking_id}, {"side", side_text(s->side)}});
  // The doctor may have ended the consultation between our read and the join: then end() ran before the
  // join and would never reach this socket, so look again.
  auto again = find_booking(d.ctx.db, booking_id);
  if (!again || again->status != BookingStatus::in_progress) rooms->end(booking_id);

  handlers.on_message = [&d, rooms, s](const std::string& text) {
    if (!rooms->current(s->booking_id, s->side, s->conn)) return;
    auto m = parse_client_message(text);
    if (auto* bad = std::get_if<BadMessage>(&m)) {
      s->peer->send_text(event({{"type", "error"}, {"detail", bad->detail}}));
    } else if (auto* relay = std::get_if<RelayMessage>(&m)) {
      boost::json::object out{{"type", relay->type}, {"from", side_text(s->side)}, {"data", std::move(relay->data)}};
      rooms->to_other(s->booking_id, s->side, boost::json::serialize(out));
    } else if (auto* chat = std::get_if<ChatMessage>(&m)) {
      const int64_t now = db::now_ms();
      while (!s->recent_chats.empty() && now - s->recent_chats.front() >= kChatWindowMs) s->recent_chats.pop_front();
      if (s->recent_chats.size() >= kChatPerWindow) {
        s->peer->send_text(event({{"type", "error"}, {"detail", "Too many chat messages; wait a few seconds."}}));
        return;
      }
      s->recent_chats.push_back(now);
      on_chat(d, *rooms, *s, chat->text);
    }
  };
  handlers.on_close = [rooms, s] {
    rooms->leave(s->booking_id, s->side, s->conn);
    log::info("consultation.signal_left", {{"booking_id", s->booking_id}, {"side", side_text(s->side)}});
  };
}

constexpr const char* kChatItemSchema =
    R"J({"type":"object","required":["id","from","text","at"],"properties":{"id":{"type":"string"},)J"
    R"J("from":{"type":"string","enum":["patient","doctor"]},"text":{"type":"string"},"at":{"type":"string","format":"date-time"}}})J";

}  // namespace
}  // namespace visit

void register_signaling_routes(http::Router& r, Deps& d, std::shared_ptr<visit::Rooms> rooms) {
  using namespace visit;
  r.add({.method = "GET", .path = "/v1/consultations/{id}/signal", .tag = "consultations",
         .summary = "The call's signaling WebSocket (token in ?access_token=). JSON text messages: client sends "
                    "{type: offer|answer|ice, data} and {type: chat, text}; server sends {type: joined|peer-joined|peer-left, "
                    "role}, the other side's {type, from, data}, {type: chat, id, from, text, at}, {type: ended}, "
                    "{type: error, detail}.",
         .permission = "consultation.join",
         .success_status = 101,
         .query_params = {{"access_token", "The bearer access token (browsers cannot set headers on a WebSocket)"}},
         .handler = [](http::Request&) -> http::Response { throw http::ApiError(426, "upgrade-required", "Upgrade required"); },
         .websocket = [&d, rooms](http::Request& req, std::shared_ptr<http::WebSocketPeer> peer,
                                  http::WebSocketHandlers& handlers) { admit(d, rooms, req, std::move(peer), handlers); }});

  r.add({.method = "GET", .path = "/v1/consultations/{id}/chat", .tag = "consultations",
         .summary = "The consultation's chat messages, oldest first (participants only).",
         .permission = "consultation.join",
         .response_schema = std::string(R"J({"type":"object","required":["items","next_cursor"],"properties":{"items":{"type":"array","items":)J") +
                            kChatItemSchema + R"J(},"next_cursor":{"type":["string","null"]}}})J",
         .query_params = {{"limit", "Number of items, 1 to 100 (default 20)"}, {"cursor", "next_cursor from the previous page"}},
         .handler = [&d](http::Request& req) {
           Visit v = visit_for(d, req, req.param("id"));
           std::vector<http::FieldError> errors;
           auto page = users::parse_page(req.query_param("limit"), req.query_param("cursor"), errors);
           if (!errors.empty()) throw http::ApiError::validation(errors, "The query has invalid parameters.");
           if (!req.query_param("limit")) page.limit = 20;
           std::string sql = "SELECT id, sender_side, text_sealed, created_at FROM consultation_messages WHERE booking_id = $1";
           std::vector<db::Value> params{v.booking.id};
           if (page.after) {
             params.emplace_back(page.after->at);
             params.emplace_back(page.after->id);
             sql += " AND (created_at > $2 OR (created_at = $2 AND id > $3))";
           }
           params.emplace_back(page.limit + 1);
           sql += " ORDER BY created_at, id LIMIT $" + std::to_string(params.size());
           auto rs = d.ctx.db.query(db::ReadFrom::primary, sql, params);
           boost::json::array items;
           boost::json::value next = nullptr;
           for (size_t i = 0; i < rs.rows.size(); i++) {
             const auto& row = rs.rows[i];
             if (static_cast<int64_t>(i) == page.limit) {
               const auto& last = rs.rows[i - 1];
               next = users::encode_cursor({last.i64(3), last.str(0)});
               break;
             }
             items.push_back(boost::json::object{
                 {"id", row.str(0)}, {"from", row.str(1)},
                 {"text", open_for(d, v.booking.patient_id, row.str(2), "consultation_messages:" + row.str(0))},
                 {"at", iso(row.i64(3))}});
           }
           audit_phi(d, nullptr, req, v.booking.patient_id, "consultations.chat.read", "consultation_messages:" + v.booking.id,
                     v.party);
           return json_response(200, boost::json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}});
         }});
}

}  // namespace kiorex::consultations
