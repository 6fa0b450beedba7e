// The subcommands other than serve.
#include <cstdio>
#include <filesystem>

#include "app/app.hpp"
#include "core/db/migrations.hpp"
#include "core/log/log.hpp"
#include "modules/auth/auth_module.hpp"

namespace kiorex::app {

int cmd_migrate(const config::Config& cfg) {
  auto db = db::open_database(cfg.effective_database_url(), 1, "");
  auto report = db::migrate(*db, module_order());
  for (const auto& m : report.applied) std::printf("applied %s\n", m.c_str());
  std::printf("schema is current (%zu applied now)\n", report.applied.size());
  return 0;
}

int cmd_keys_rotate(const config::Config& cfg) {
  auto ring = security::KeyRing::load_or_create(std::filesystem::path(cfg.data_dir) / "keys" / "jwt");
  std::string kid = ring.rotate();
  std::printf("new signing key %s; running servers pick it up within 10 seconds; old keys keep verifying\n", kid.c_str());
  log::info("keys.rotated", {{"kid", kid}});
  return 0;
}

int cmd_audit_verify(const config::Config& cfg) {
  auto db = db::open_database(cfg.effective_database_url(), 1, "");
  audit::AuditLog audit;
  auto r = audit.verify(*db);
  if (r.ok) {
    std::printf("audit log intact: %lld records\n", static_cast<long long>(r.records));
    return 0;
  }
  std::printf("audit log BROKEN at record %lld: %s\n", static_cast<long long>(r.first_bad_seq), r.problem.c_str());
  return 1;
}

int cmd_demo_data(const config::Config& cfg, int argc, char** argv) {
  db::migrate(*db::open_database(cfg.effective_database_url(), 1, ""), module_order());
  App app(cfg);
  struct Demo {
    const char* role;
    const char* name;
    const char* email;
    const char* password;
    const char* totp;
  };
  const Demo demos[] = {
      {"patient", "Priya Sharma", "patient@kiorex.test", "Patient-Demo-2026", ""},
      {"doctor", "Dr. Arjun Mehta", "doctor@kiorex.test", "Doctor-Demo-2026", ""},
      {"admin", "Asha Admin", "admin@kiorex.test", "Admin-Demo-2026", "KIOREXDEMOADMINTOTPSECRETAAAAAAA"},
  };
  std::puts("Demo accounts (sign in at http://localhost:8080/signin):");
  for (const auto& d : demos) {
    auto existing = app.db->query(db::ReadFrom::primary, "SELECT id FROM users WHERE email = $1", {std::string(d.email)});
    if (existing.empty()) {
      auth::RegisterInput in;
      in.name = d.name;
      in.email = d.email;
      in.password = d.password;
      in.role = d.role;
      app.auth->service().create_verified_account(in, d.totp);
    }
    std::printf("  %-8s %-22s password %-18s%s%s\n", d.role, d.email, d.password, *d.totp ? "authenticator secret " : "",
                d.totp);
  }
  std::puts("The admin signs in with a TOTP code from that secret (any authenticator app, or `oathtool --totp -b <secret>`).");
  (void)argc;
  (void)argv;
  return 0;
}

}  // namespace kiorex::app
