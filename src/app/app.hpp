#pragma once
// The composition root: builds the core pieces from configuration and wires the modules. This is
// the one place that lists what the program is made of.
#include <memory>
#include <string>
#include <vector>

#include "core/audit/audit_log.hpp"
#include "core/config/config.hpp"
#include "core/db/database.hpp"
#include "core/events/dispatcher.hpp"
#include "core/http/router.hpp"
#include "core/metrics/metrics.hpp"
#include "core/module.hpp"
#include "core/notify/sender.hpp"
#include "core/security/jwt.hpp"
#include "core/security/master_key.hpp"
#include "core/security/password.hpp"
#include "core/security/rate_limiter.hpp"

namespace kiorex::auth {
class AuthModule;
}
namespace kiorex::security {
class DataKeys;
}
namespace kiorex::users {
class UsersModule;
}
namespace kiorex::consultations {
class ConsultationsModule;
}
namespace kiorex::storage {
class FileStore;
}

namespace kiorex::app {

// Module names in migration order (core tables first).
const std::vector<std::string>& module_order();

class App {
 public:
  explicit App(config::Config cfg);
  ~App();
  config::Config cfg;
  std::unique_ptr<db::Database> db;
  security::RateLimiter limiter;
  metrics::Registry metrics;
  security::KeyRing keys;
  security::SecretBox box;
  security::PasswordHasher passwords;
  audit::AuditLog audit;
  events::Dispatcher dispatcher;
  std::unique_ptr<notify::Sender> sender;
  std::unique_ptr<Context> ctx;
  std::unique_ptr<security::DataKeys> data_keys;  // per-person PHI keys, wrapped by `box`
  std::unique_ptr<auth::AuthModule> auth;
  std::unique_ptr<storage::FileStore> files;  // <data dir>/files (the embedded S3)
  std::unique_ptr<users::UsersModule> users;
  std::unique_ptr<consultations::ConsultationsModule> consultations;
  std::vector<Module*> modules;
  http::Router router;
};

int cmd_serve(const config::Config& cfg);
int cmd_migrate(const config::Config& cfg);
int cmd_demo_data(const config::Config& cfg, int argc, char** argv);
int cmd_keys_rotate(const config::Config& cfg);
// `audit verify [--checkpoint FILE [--public-key KEY]]`, `audit checkpoint [--out FILE]`, `audit public-key`
int cmd_audit(const config::Config& cfg, int argc, char** argv);
void register_system_routes(App& app);
void register_static_files(App& app);

}  // namespace kiorex::app
