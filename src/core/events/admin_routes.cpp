#include "core/events/admin_routes.hpp"

#include <boost/json.hpp>

#include "core/db/database.hpp"
#include "core/events/dispatcher.hpp"
#include "core/http/problem.hpp"
#include "core/http/router.hpp"

namespace kiorex::events {

namespace {

constexpr const char* kDeadLetterSchema = R"JSON({
  "type": "object",
  "required": ["id", "event_id", "consumer", "type", "error", "attempts", "created_at", "replayed_at"],
  "properties": {
    "id": {"type": "string", "description": "Dead letter id (dlq_...)"},
    "event_id": {"type": "string"},
    "consumer": {"type": "string", "description": "The consumer that gave up on the event"},
    "type": {"type": "string", "description": "Event type"},
    "error": {"type": "string", "description": "The consumer's last error"},
    "attempts": {"type": "integer"},
    "created_at": {"type": "string", "format": "date-time"},
    "replayed_at": {"type": ["string", "null"], "format": "date-time"}
  }
})JSON";

boost::json::object to_json(const DeadLetter& d) {
  boost::json::object o;
  o["id"] = d.id;
  o["event_id"] = d.event_id;
  o["consumer"] = d.consumer;
  o["type"] = d.type;
  o["error"] = d.error;
  o["attempts"] = d.attempts;
  o["created_at"] = db::iso8601_from_ms(d.created_at);
  o["replayed_at"] = d.replayed_at ? boost::json::value(db::iso8601_from_ms(*d.replayed_at)) : boost::json::value(nullptr);
  return o;
}

int parse_limit(const http::Request& req, std::vector<http::FieldError>& errors) {
  auto raw = req.query_param("limit");
  if (!raw) return 50;
  int v = 0;
  bool ok = !raw->empty() && raw->size() <= 3;
  for (char c : *raw) ok = ok && c >= '0' && c <= '9';
  if (ok) v = std::stoi(*raw);
  if (!ok || v < 1 || v > 100) {
    errors.push_back({"limit", "must be an integer from 1 to 100"});
    return 50;
  }
  return v;
}

bool parse_bool(const http::Request& req, const char* name, std::vector<http::FieldError>& errors) {
  auto raw = req.query_param(name);
  if (!raw) return false;
  if (*raw == "true" || *raw == "1") return true;
  if (*raw == "false" || *raw == "0") return false;
  errors.push_back({name, "must be true or false"});
  return false;
}

}  // namespace

void register_event_admin_routes(http::Router& router, Dispatcher& dispatcher) {
  http::RouteSpec list;
  list.method = "GET";
  list.path = "/v1/admin/events/dead-letters";
  list.tag = "admin";
  list.summary = "List dead-lettered event deliveries, newest first";
  list.permission = "admin.events";
  list.query_params = {{"limit", "Number of items, 1 to 100 (default 50)"},
                       {"include_replayed", "true to include dead letters that were already replayed (default false)"}};
  list.response_schema = std::string(R"({"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": )") +
                         kDeadLetterSchema + "}}}";
  list.handler = [&dispatcher](http::Request& req) {
    std::vector<http::FieldError> errors;
    const int limit = parse_limit(req, errors);
    const bool include_replayed = parse_bool(req, "include_replayed", errors);
    if (!errors.empty()) throw http::ApiError::validation(std::move(errors));
    boost::json::array items;
    for (const auto& d : dispatcher.dead_letters(limit, include_replayed)) items.push_back(to_json(d));
    return http::Response::json(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
  };
  router.add(std::move(list));

  http::RouteSpec replay;
  replay.method = "POST";
  replay.path = "/v1/admin/events/dead-letters/{id}/replay";
  replay.tag = "admin";
  replay.summary = "Replay a dead-lettered event to its consumer (attempts start again)";
  replay.permission = "admin.events";
  replay.response_schema =
      R"({"type": "object", "required": ["status"], "properties": {"status": {"type": "string", "enum": ["replayed"]}}})";
  replay.handler = [&dispatcher](http::Request& req) {
    const std::string& id = req.param("id");
    auto d = dispatcher.dead_letter(id);
    if (!d) throw http::ApiError::not_found("No dead letter with this id.");
    if (d->replayed_at || !dispatcher.replay(id)) throw http::ApiError::conflict("This dead letter was already replayed.");
    return http::Response::json(200, R"({"status":"replayed"})");
  };
  router.add(std::move(replay));
}

}  // namespace kiorex::events
