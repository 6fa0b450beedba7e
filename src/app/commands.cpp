// The subcommands other than serve.
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string_view>

#include "app/app.hpp"
#include "core/db/migrations.hpp"
#include "core/log/log.hpp"
#include "core/security/data_keys.hpp"
#include "modules/auth/auth_module.hpp"
#include "modules/consultations/doctor_demo_data.hpp"
#include "modules/users/bulk_seed.hpp"
#include "modules/users/demo_data.hpp"
#include "modules/users/users_module.hpp"

namespace kiorex::app {

int cmd_migrate(const config::Config& cfg) {
  auto db = db::open_database(cfg.effective_database_url(), 1, "");
  auto report = db::migrate(*db, module_order());
  for (const auto& m : report.applied) std::printf("applied %s\n", m.c_str());
  std::printf("schema is current (%zu applied now)\n", report.applied.size());
  return 0;
}

namespace {

struct ResealCount {
  std::size_t resealed = 0;
  std::size_t failed = 0;
};

// TOTP secrets (users.mfa_secret / mfa_pending_secret, sealed by the auth module under the context
// "users.mfa_secret:<user id>") sealed with an older master version are sealed again with the current
// one, 500 accounts per transaction; each update is a compare-and-set, so an enrolment racing with it wins.
// (Texts of older versions would keep opening anyway; this lets an old master version be retired.)
ResealCount reseal_mfa_secrets(db::Database& db, const security::SecretBox& box) {
  std::string current = std::to_string(box.current_version());  // "v<N>." (built so GCC 12 does not warn)
  current.insert(current.begin(), 'v');
  current += '.';
  ResealCount total;
  std::string after;
  for (;;) {
    std::size_t seen = 0;
    ResealCount batch;
    std::string last;
    db.transaction([&](db::Session& tx) {
      seen = 0;
      batch = {};
      auto rs = tx.exec(
          "SELECT id, mfa_secret, mfa_pending_secret FROM users WHERE id > $1 AND "
          "(mfa_secret IS NOT NULL OR mfa_pending_secret IS NOT NULL) ORDER BY id LIMIT 500",
          {after});
      for (const auto& row : rs.rows) {
        seen++;
        last = row.str(0);
        const std::string context = "users.mfa_secret:" + last;
        for (int col : {1, 2}) {
          const std::string old_text = row.str(col);
          if (old_text.empty() || old_text.starts_with(current)) continue;
          auto secret = box.open(old_text, context);
          if (!secret) {
            batch.failed++;
            continue;
          }
          const char* column = col == 1 ? "mfa_secret" : "mfa_pending_secret";
          auto r = tx.exec(std::string("UPDATE users SET ") + column + " = $1 WHERE id = $2 AND " + column + " = $3",
                           {box.seal(*secret, context), last, old_text});
          if (r.affected > 0) batch.resealed++;
        }
      }
    });
    total.resealed += batch.resealed;
    total.failed += batch.failed;
    if (seen < 500) break;
    after = last;
  }
  return total;
}

}  // namespace

// Rotates the token signing key and the master key, then re-wraps what the master key protects.
// Nothing stops: running servers keep verifying old tokens and opening old versions, and pick up the
// new keys within 10 seconds (their key watcher; an unknown master version also makes them look at once).
int cmd_keys_rotate(const config::Config& cfg) {
  const auto keys_dir = std::filesystem::path(cfg.data_dir) / "keys";
  auto ring = security::KeyRing::load_or_create(keys_dir / "jwt");
  std::string kid = ring.rotate();
  std::printf("new signing key %s; running servers pick it up within 10 seconds; old keys keep verifying\n", kid.c_str());
  log::info("keys.rotated", {{"kid", kid}});

  auto box = security::SecretBox::load_or_create(cfg.master_key, keys_dir);
  if (!box.file_backed()) {
    std::printf(
        "master key: fixed by KIOREX_MASTER_KEY, not rotated (rotation needs the file store under %s/master, "
        "i.e. KIOREX_MASTER_KEY unset, or a KMS)\n",
        keys_dir.c_str());
    return 0;
  }
  const int previous = box.current_version();
  const int version = box.rotate();
  std::printf("new master key version %d (was %d); running servers pick it up within 10 seconds; "
              "older versions keep opening\n",
              version, previous);
  log::info("keys.master_rotated", {{"version", version}, {"previous", previous}});

  try {
    auto db = db::open_database(cfg.effective_database_url(), 2, "");
    if (db::pending_migrations(*db, module_order()) != 0) {
      std::printf("the database schema is not current (run `kiorex migrate`): nothing re-wrapped; "
                  "everything keeps opening under version %d\n",
                  previous);
      return 0;
    }
    security::DataKeys data_keys(*db, box);
    auto wrapped = data_keys.rewrap();
    std::printf("data keys re-wrapped under master version %d: %zu", version, wrapped.rewrapped);
    if (wrapped.failed) std::printf(" (%zu could not be unwrapped and were left as they are; see the log)", wrapped.failed);
    std::printf("\n");
    auto resealed = reseal_mfa_secrets(*db, box);
    std::printf("TOTP secrets re-sealed under master version %d: %zu", version, resealed.resealed);
    if (resealed.failed) std::printf(" (%zu could not be opened and were left as they are)", resealed.failed);
    std::printf("\n");
    std::printf("queued messages sealed with older versions are left as they are (they keep opening)\n");
    log::info("keys.rewrapped", {{"master_version", version}, {"data_keys", wrapped.rewrapped},
                                 {"data_keys_failed", wrapped.failed}, {"mfa_secrets", resealed.resealed},
                                 {"mfa_secrets_failed", resealed.failed}});
  } catch (const std::exception& e) {
    std::fprintf(stderr,
                 "re-wrapping under master version %d failed: %s\nnothing is lost: older versions keep opening; "
                 "run `kiorex keys rotate` again to finish\n",
                 version, e.what());
    log::error("keys.rewrap_failed", {{"error", e.what()}});
    return 1;
  }
  return 0;
}

namespace {

// `demo-data [--patients N] [--entries-per-patient M] [--doctors N]` (also --name=value). nullopt after
// printing what is wrong.
struct DemoArgs {
  users::BulkSeedOptions patients;
  int doctors = 0;  // bench doctors (bench.doctor.<i>@kiorex.test), besides the demo doctors
};

std::optional<DemoArgs> demo_data_args(int argc, char** argv) {
  DemoArgs o;
  for (int i = 0; i < argc; i++) {
    std::string_view arg = argv[i], value;
    bool inline_value = false;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      inline_value = true;
    }
    int* target = arg == "--patients"              ? &o.patients.patients
                  : arg == "--entries-per-patient" ? &o.patients.entries_per_patient
                  : arg == "--doctors"             ? &o.doctors
                                                   : nullptr;
    const int max = arg == "--patients" ? 10000000 : arg == "--doctors" ? 1000000 : 1000;
    if (!target) {
      std::fprintf(stderr, "kiorex demo-data: unknown argument %s\nusage: kiorex demo-data [--patients N] "
                           "[--entries-per-patient M (default 20)] [--doctors N]\n", argv[i]);
      return std::nullopt;
    }
    if (!inline_value) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "kiorex demo-data: %s needs a number\n", argv[i]);
        return std::nullopt;
      }
      value = argv[++i];
    }
    int n = -1;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n < 0 || n > max) {
      std::fprintf(stderr, "kiorex demo-data: %.*s must be a whole number from 0 to %d\n", static_cast<int>(arg.size()),
                   arg.data(), max);
      return std::nullopt;
    }
    *target = n;
  }
  return o;
}

}  // namespace

int cmd_demo_data(const config::Config& cfg, int argc, char** argv) {
  auto args = demo_data_args(argc, argv);
  if (!args) return 2;
  auto* bench = &args->patients;
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
  // The demo patient's records: profile, medical history, an emergency contact, a dependent child, consents.
  auto id_of = [&app](const char* email) {
    auto rs = app.db->query(db::ReadFrom::primary, "SELECT id FROM users WHERE email = $1", {std::string(email)});
    return rs.empty() ? std::string() : rs.one().str(0);
  };
  users::Deps deps{*app.ctx, *app.data_keys, app.users->policy(), app.auth->service()};
  if (users::seed_demo_patient(deps, id_of("patient@kiorex.test"), id_of("doctor@kiorex.test")))
    std::puts("The demo patient has a profile, medical history, an emergency contact, a dependent child and consents.");
  if (bench->patients > 0) {
    bench->recorder_doctor_id = id_of("doctor@kiorex.test");
    std::printf("Bench patients bench.patient.1..%d@kiorex.test (password %s), %d medical history entries each:\n",
                bench->patients, users::kBenchPatientPassword, bench->entries_per_patient);
    std::fflush(stdout);
    int next_report = 1000;
    auto r = users::seed_bench_patients(deps, *bench, [&](const users::BulkSeedProgress& p) {
      if (p.done < next_report && p.done < p.total) return;
      while (next_report <= p.done) next_report += 1000;
      std::printf("  %d/%d (created %d, skipped %d) %.1f s\n", p.done, p.total, p.created, p.skipped, p.seconds);
      std::fflush(stdout);
    });
    const auto* backend = app.db->dialect() == db::Dialect::postgres ? "PostgreSQL" : "SQLite";
    std::printf("bench patients: %d created, %d already there, %lld history entries, %.1f s (%.0f patients/s, %s)\n",
                r.created, r.skipped, static_cast<long long>(r.entries), r.seconds,
                r.seconds > 0 ? r.created / r.seconds : 0.0, backend);
  }
  // Doctors: the demo doctor's verified profile and hours, a few hundred generated verified doctors across
  // specialties and cities, and bench doctors for load runs (modules/consultations/doctor_demo_data.hpp).
  consultations::Deps doctors{*app.ctx, *app.data_keys, app.users->policy(), *app.files};
  if (consultations::seed_demo_doctor(doctors, id_of("doctor@kiorex.test")))
    std::puts("The demo doctor has a verified dermatology profile (Pune) with weekly hours.");
  auto demo = consultations::seed_generated_doctors(doctors, "demo.doctor.", consultations::kDemoDoctors, false);
  if (demo.created > 0)
    std::printf("%d verified demo doctors across specialties and cities in India, the US and the UK (%.1f s).\n",
                demo.created, demo.seconds);
  if (args->doctors > 0) {
    std::printf("Bench doctors bench.doctor.1..%d@kiorex.test (password %s), verified, with weekly hours:\n", args->doctors,
                consultations::kBenchDoctorPassword);
    std::fflush(stdout);
    int next_report = 1000;
    auto r = consultations::seed_generated_doctors(doctors, "bench.doctor.", args->doctors, true,
                                                   [&](const consultations::DoctorSeedProgress& p) {
                                                     if (p.done < next_report && p.done < p.total) return;
                                                     while (next_report <= p.done) next_report += 1000;
                                                     std::printf("  %d/%d (created %d, skipped %d) %.1f s\n", p.done, p.total,
                                                                 p.created, p.skipped, p.seconds);
                                                     std::fflush(stdout);
                                                   });
    const auto* backend = app.db->dialect() == db::Dialect::postgres ? "PostgreSQL" : "SQLite";
    std::printf("bench doctors: %d created, %d already there, %.1f s (%.0f doctors/s, %s)\n", r.created, r.skipped,
                r.seconds, r.seconds > 0 ? r.created / r.seconds : 0.0, backend);
  }
  return 0;
}

}  // namespace kiorex::app
