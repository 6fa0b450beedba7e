#pragma once
// Bench patients for load runs (`kiorex demo-data --patients N [--entries-per-patient M]`, used by
// bench/users.sh): N verified patient accounts bench.patient.<i>@kiorex.test (i = 1..N), all with the
// password kBenchPatientPassword, each with a profile and M medical history entries stored exactly as
// the API stores them (create_profile / insert_history_entry: sealed with that patient's own data key,
// created in the same transaction). Not for production data: every bench account shares one password.
#include <cstdint>
#include <functional>
#include <string>

#include "modules/users/parts.hpp"

namespace kiorex::users {

inline constexpr const char* kBenchPatientPassword = "Bench-Patient-2026";

// bench.patient.<i>@kiorex.test
std::string bench_patient_email(int i);

struct BulkSeedOptions {
  int patients = 0;             // bench.patient.1 .. bench.patient.<patients>
  int entries_per_patient = 20;
  int batch = 200;              // patients per transaction
  std::string recorder_doctor_id;  // when set, conditions and medications are recorded by this doctor
};

struct BulkSeedProgress {
  int done = 0;  // patients looked at so far (created or skipped)
  int total = 0;
  int created = 0;
  int skipped = 0;
  int64_t entries = 0;
  double seconds = 0;
};

// Idempotent: patients whose account already exists are skipped (a batch commits whole, so an
// existing account always has its profile and entries). `progress` is called after every batch.
BulkSeedProgress seed_bench_patients(Deps& d, const BulkSeedOptions& options,
                                     const std::function<void(const BulkSeedProgress&)>& progress = {});

}  // namespace kiorex::users
