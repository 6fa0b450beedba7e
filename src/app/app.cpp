#include "app/app.hpp"

#include <sodium.h>

#include <filesystem>

#include "core/audit/audit_log.hpp"
#include "core/db/migrations.hpp"
#include "core/events/admin_routes.hpp"
#include "core/notify/dev_outbox.hpp"
#include "core/notify/message_queue.hpp"
#include "core/notify/multi_sender.hpp"
#include "core/notify/smtp_sender.hpp"
#include "core/notify/twilio_sender.hpp"
#include "core/security/data_keys.hpp"
#include "modules/auth/auth_module.hpp"
#include "core/storage/file_store.hpp"
#include "modules/consultations/consultations_module.hpp"
#include "modules/users/users_module.hpp"

namespace kiorex::app {

const std::vector<std::string>& module_order() {
  static const std::vector<std::string> order = {"core", "auth", "users", "consultations"};
  return order;
}

namespace {
security::PasswordHasher hasher_for(const std::string& profile) {
  if (profile == "test") return security::PasswordHasher::fast_for_tests();
  if (profile == "moderate") return security::PasswordHasher(crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE);
  return security::PasswordHasher();
}

std::unique_ptr<notify::Sender> make_sender(const config::Config& c, db::Database& db) {
  if (c.sender == "dev") return std::make_unique<notify::DevOutboxSender>(db);
  std::shared_ptr<notify::Sender> email, sms;
  if (!c.smtp_url.empty())
    email = std::make_shared<notify::SmtpSender>(notify::SmtpConfig{c.smtp_url, c.smtp_user, c.smtp_password, c.smtp_from, false});
  if (!c.twilio_account_sid.empty())
    sms = std::make_shared<notify::TwilioSender>(
        notify::TwilioConfig{c.twilio_base_url, c.twilio_account_sid, c.twilio_auth_token, c.twilio_from});
  return std::make_unique<notify::MultiSender>(std::move(email), std::move(sms));
}

std::filesystem::path keys_dir(const config::Config& c) { return std::filesystem::path(c.data_dir) / "keys"; }
}  // namespace

App::App(config::Config c)
    : cfg(std::move(c)),
      db(db::open_database(cfg.effective_database_url(), cfg.database_pool_size, cfg.database_replica_url)),
      keys(security::KeyRing::load_or_create(keys_dir(cfg) / "jwt")),
      box(security::SecretBox::load_or_create(cfg.master_key, keys_dir(cfg))),
      passwords(hasher_for(cfg.argon2_profile)),
      audit(audit::AuditKeys::load_or_create(cfg.effective_audit_key_dir())),
      dispatcher(*db, metrics, cfg.outbox_poll_ms, cfg.outbox_max_attempts) {
  sender = make_sender(cfg, *db);
  ctx = std::unique_ptr<Context>(new Context{cfg, *db, limiter, metrics, dispatcher, audit, *sender, keys, passwords});
  data_keys = std::make_unique<security::DataKeys>(*db, box);
  auth = std::make_unique<auth::AuthModule>(*ctx, box);
  users = std::make_unique<users::UsersModule>(*ctx, *data_keys, auth->service());
  files = std::make_unique<storage::FileStore>(std::filesystem::path(cfg.data_dir) / "files");
  consultations = std::make_unique<consultations::ConsultationsModule>(*ctx, *data_keys, users->policy(), *files);
  users->add_erasure_part([c = consultations.get()](db::Session& tx, const std::string& id) { return c->erase_patient(tx, id); });
  // Messages still waiting to be sent to the person's addresses are dropped (the users row still holds them here).
  users->add_erasure_part([this](db::Session& tx, const std::string& id) {
    auto rs = tx.exec("SELECT email, phone FROM users WHERE id = $1", {id});
    if (!rs.empty()) notify::drop_queued_messages(tx, box, {rs.one().str(0), rs.one().str(1)});
    return std::string();
  });
  users->add_export_part({"consultations", consultations::exported_tables(),
                          [c = consultations.get()](const std::string& id) { return c->export_person(id); }});
  for (const auto& [table, reason] : consultations::tables_not_exported()) users->declare_not_exported({{table, reason}});
  modules = {auth.get(), users.get(), consultations.get()};
  for (auto* m : modules) {
    m->register_routes(router);
    m->register_consumers(dispatcher);
  }
  notify::register_message_consumer(dispatcher, *sender, box);
  events::register_event_admin_routes(router, dispatcher);
  audit::register_audit_admin_routes(router, audit, *db);
  notify::register_dev_outbox_routes(router, *db, audit, cfg.sender == "dev");
  register_system_routes(*this);
  register_static_files(*this);
}

App::~App() = default;

}  // namespace kiorex::app
