#pragma once
// Doctors for `kiorex demo-data` (so `make run` feels alive) and for load runs:
//   - the demo doctor (doctor@kiorex.test) gets a verified dermatology profile in Pune with weekly hours;
//   - kDemoDoctors generated doctors (demo.doctor.<i>@kiorex.test, no password: they cannot sign in) across
//     specialties and Indian, US and UK cities;
//   - `--doctors N`: N more (bench.doctor.<i>@kiorex.test, all with the password kBenchDoctorPassword).
// Each is made like a real one: a profile checked by the API's own rules (apply_profile_put), stored by
// store_profile (which indexes it for search), verified, with weekly hours through replace_weekly_hours (which
// computes its availability). The generated doctors also get a rating summary (count and average, no rating
// rows or comments behind it) so that rating sorts and filters have something to work on; the demo doctor
// starts without ratings. Deterministic: the same index always gives the same doctor. Idempotent: existing
// accounts are skipped.
#include <functional>
#include <string>

#include "modules/consultations/parts.hpp"

namespace kiorex::consultations {

inline constexpr int kDemoDoctors = 240;
inline constexpr const char* kBenchDoctorPassword = "Bench-Doctor-2026";

// The demo doctor's profile and hours; false when the account has a profile already (or does not exist).
bool seed_demo_doctor(Deps& d, const std::string& user_id);

struct DoctorSeedProgress {
  int done = 0, total = 0, created = 0, skipped = 0;
  double seconds = 0;
};

// Generated doctors <prefix><i>@kiorex.test for i = 1..count ("demo.doctor." without a password,
// "bench.doctor." with kBenchDoctorPassword), `batch` per transaction; `progress` after each batch.
DoctorSeedProgress seed_generated_doctors(Deps& d, const std::string& prefix, int count, bool with_password,
                                          const std::function<void(const DoctorSeedProgress&)>& progress = {},
                                          int batch = 200);

}  // namespace kiorex::consultations
