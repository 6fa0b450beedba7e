#pragma once
// Admin endpoints for the event pipeline: list dead letters and replay one.
//   GET  /v1/admin/events/dead-letters?limit=1..100&include_replayed=true|false   (admin.events)
//   POST /v1/admin/events/dead-letters/{id}/replay                               (admin.events)
namespace kiorex::http {
class Router;
}

namespace kiorex::events {

class Dispatcher;

void register_event_admin_routes(http::Router& router, Dispatcher& dispatcher);

}  // namespace kiorex::events
