#pragma once
// Demo records for `kiorex demo-data`: the demo patient gets a realistic profile, medical history,
// an emergency contact, a dependent child and consents (encrypted exactly as the API stores them).
#include <string>

#include "modules/users/parts.hpp"

namespace kiorex::users {

// Idempotent: does nothing when the patient already has medical history. Returns true when it seeded.
bool seed_demo_patient(Deps& d, const std::string& patient_id, const std::string& doctor_id);

}  // namespace kiorex::users
