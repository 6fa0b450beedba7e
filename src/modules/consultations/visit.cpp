// The consultation itself: POST /v1/consultations/{id}/start (the doctor opens the room), GET …/room (what a
// participant needs to join: the signaling URL and ICE servers with their own TURN credentials) and POST …/end
// (closes it, records the duration, and tells both sockets). The booking moves only through move_booking
// (booking_state.cpp), which sets started_at / ended_at + duration and writes consultation.started/ended.
#include <boost/json.hpp>

#include "core/config/config.hpp"
#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/module.hpp"
#include "modules/consultations/ice_servers.hpp"
#include "modules/consultations/signaling.hpp"
#include "modules/consultations/visit_common.hpp"

namespace kiorex::consultations {

using http::ApiError;
using http::Request;
using namespace visit;

namespace {

// The doctor may start from 15 minutes before the slot until 30 minutes after its end.
constexpr int64_t kStartEarlyMs = 15 * 60 * 1000;
constexpr int64_t kStartLateMs = 30 * 60 * 1000;

constexpr const char* kNoBody =
    R"J({"type":"object","additionalProperties":false,"properties":{},"description":"No body, or an empty object."})J";
constexpr const char* kRoomSchema =
    R"J({"type":"object","required":["signal_url","ice_servers"],"properties":{"signal_url":{"type":"string"},)J"
    R"J("ice_servers":{"type":"array","items":{"type":"object","required":["urls"],"properties":{)J"
    R"J("urls":{"type":"array","items":{"type":"string"}},"username":{"type":"string","description":"<unix expiry>:<user id>"},)J"
    R"J("credential":{"type":"string","description":"base64(HMAC-SHA1(TURN secret, username))"}}}}}})J";

// A body, if any, must be an empty object.
void no_body(const Request& req) {
  json::BodyReader b(req, true);
  for (const auto& kv : b.object()) b.fail(std::string(kv.key()), "is not a known field");
  b.finish();
}

void require_doctor(const Visit& v) {
  if (!v.doctor()) throw ApiError::forbidden("Only the consultation's doctor may do this.");
}

boost::json::object room_json(Deps& d, const std::string& booking_id, const std::string& user_id) {
  return {{"signal_url", "/v1/consultations/" + booking_id + "/signal"},
          {"ice_servers", ice_servers(ice_config_from(d.ctx.config), user_id, db::now_ms() / 1000)}};
}

ApiError not_in_progress(const Booking& b) {
  if (b.status == BookingStatus::confirmed)
    return ApiError(409, "not-started", "Not started", "The doctor has not started this consultation yet.");
  return ApiError(409, "not-in-progress", "Not in progress", "This consultation is not in progress.");
}

}  // namespace

void register_visit_routes(http::Router& r, Deps& d) {
  auto rooms = std::make_shared<Rooms>();
  const std::string start_schema =
      std::string(R"J({"type":"object","required":["booking_id","status","started_at","room"],"properties":{)J"
                  R"J("booking_id":{"type":"string"},"status":{"type":"string","enum":["in_progress"]},)J"
                  R"J("started_at":{"type":"string","format":"date-time"},"room":)J") +
      kRoomSchema + "}}";

  r.add({.method = "POST", .path = "/v1/consultations/{id}/start", .tag = "consultations",
         .summary = "Start the consultation (its doctor; from 15 minutes before the slot until 30 minutes after it ends): "
                    "the booking becomes in_progress and the room opens.",
         .permission = "consultation.conduct", .request_schema = kNoBody, .response_schema = start_schema,
         .handler = [&d](Request& req) {
           no_body(req);
           const int64_t now = db::now_ms();
           std::string booking_id;
           int64_t started_at = now;
           d.ctx.db.transaction([&](db::Session& tx) {
             Visit v = visit_for(d, tx, req, req.param("id"));
             require_doctor(v);
             const Booking& b = v.booking;
             if (b.status == BookingStatus::in_progress)
               throw ApiError(409, "already-started", "Already started", "This consultation is already in progress.");
             if (b.status != BookingStatus::confirmed)
               throw ApiError(409, "invalid-transition", "Invalid transition",
                              "Only a confirmed booking can be started; this one is " + to_string(b.status) + ".");
             if (now < b.slot_start - kStartEarlyMs || now > b.slot_end + kStartLateMs)
               throw ApiError(409, "outside-window", "Outside the start window",
                              "A consultation can be started from 15 minutes before its slot until 30 minutes after it ends.");
             move_booking(d, tx, b, BookingStatus::in_progress,
                          Transition{.actor_id = req.principal.user_id, .actor_role = req.principal.role, .reason = "", .at = now});
             auto after = find_booking(tx, b.id);
             if (after && after->started_at) started_at = *after->started_at;
             booking_id = b.id;
           });
           return json_response(200, boost::json::object{{"booking_id", booking_id},
                                                         {"status", "in_progress"},
                                                         {"started_at", iso(started_at)},
                                                         {"room", room_json(d, booking_id, req.principal.user_id)}});
         }});

  r.add({.method = "GET", .path = "/v1/consultations/{id}/room", .tag = "consultations",
         .summary = "What a participant needs to join the call while it is in progress: the signaling URL and ICE servers "
                    "(with TURN credentials of their own).",
         .permission = "consultation.join", .response_schema = kRoomSchema,
         .handler = [&d](Request& req) {
           Visit v = visit_for(d, req, req.param("id"));
           if (v.booking.status != BookingStatus::in_progress) throw not_in_progress(v.booking);
           return json_response(200, room_json(d, v.booking.id, req.principal.user_id));
         }});

  r.add({.method = "POST", .path = "/v1/consultations/{id}/end", .tag = "consultations",
         .summary = "End the consultation (its doctor): the booking becomes completed with its duration; both sides of the "
                    "call are told and disconnected.",
         .permission = "consultation.conduct", .request_schema = kNoBody,
         .response_schema = R"J({"type":"object","required":["booking_id","status","started_at","ended_at","duration_seconds"],)J"
                            R"J("properties":{"booking_id":{"type":"string"},"status":{"type":"string","enum":["completed"]},)J"
                            R"J("started_at":{"type":"string","format":"date-time"},"ended_at":{"type":"string","format":"date-time"},)J"
                            R"J("duration_seconds":{"type":"integer","minimum":0}}})J",
         .handler = [&d, rooms](Request& req) {
           no_body(req);
           const int64_t now = db::now_ms();
           Booking after;
           d.ctx.db.transaction([&](db::Session& tx) {
             Visit v = visit_for(d, tx, req, req.param("id"));
             require_doctor(v);
             if (v.booking.status != BookingStatus::in_progress) throw not_in_progress(v.booking);
             move_booking(d, tx, v.booking, BookingStatus::completed,
                          Transition{.actor_id = req.principal.user_id, .actor_role = req.principal.role, .reason = "", .at = now});
             auto b = find_booking(tx, v.booking.id);
             if (!b) throw std::runtime_error("consultations: booking vanished while ending");
             after = std::move(*b);
           });
           // After the commit: the sockets learn only what is true.
           rooms->end(after.id);
           const int64_t started = after.started_at.value_or(now);
           const int64_t ended = after.ended_at.value_or(now);
           return json_response(200, boost::json::object{{"booking_id", after.id},
                                                         {"status", "completed"},
                                                         {"started_at", iso(started)},
                                                         {"ended_at", iso(ended)},
                                                         {"duration_seconds", std::max<int64_t>(0, (ended - started) / 1000)}});
         }});

  register_signaling_routes(r, d, rooms);
}

}  // namespace kiorex::consultations
