#pragma once
// What a module (one service of the mission's section 3.1) receives from the composition root,
// and what it gives back: its routes, its event consumers and its migrations' module name.
#include <string>

namespace kiorex::config {
struct Config;
}
namespace kiorex::db {
class Database;
}
namespace kiorex::security {
class RateLimiter;
class KeyRing;
class PasswordHasher;
}  // namespace kiorex::security
namespace kiorex::metrics {
class Registry;
}
namespace kiorex::events {
class Dispatcher;
}
namespace kiorex::audit {
class AuditLog;
}
namespace kiorex::notify {
class Sender;
}
namespace kiorex::http {
class Router;
}

namespace kiorex {

struct Context {
  const config::Config& config;
  db::Database& db;
  security::RateLimiter& limiter;
  metrics::Registry& metrics;
  events::Dispatcher& dispatcher;
  audit::AuditLog& audit;
  notify::Sender& sender;
  security::KeyRing& keys;
  const security::PasswordHasher& passwords;
};

class Module {
 public:
  virtual ~Module() = default;
  virtual std::string name() const = 0;  // also its migrations folder: src/modules/<name>/migrations
  virtual void register_routes(http::Router& router) = 0;
  virtual void register_consumers(events::Dispatcher&) {}
};

}  // namespace kiorex
