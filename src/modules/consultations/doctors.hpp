#pragma once
// What the files of the doctors part share (doctors.cpp, verification.cpp, search.cpp, search_index.cpp,
// doctor_demo_data.cpp): the specialty list, reading and writing a profile, and keeping the search index
// of a doctor current. Other parts use find_doctor() from parts.hpp.
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "modules/consultations/doctor_rules.hpp"
#include "modules/consultations/parts.hpp"

namespace kiorex::consultations {

// The seeded specialties in list order (read once: they change only with a migration).
const std::vector<Specialty>& specialty_list(db::Database& db);
const std::vector<std::string>& specialty_ids(db::Database& db);
const Specialty* specialty_by_id(db::Database& db, const std::string& id);

// A doctor's profile with its locations; nullopt when the doctor has none yet.
std::optional<Profile> load_profile(db::Database& db, const std::string& user_id);
std::optional<Profile> load_profile(db::Session& tx, const std::string& user_id);

// Writes `p` in `tx`: inserts it when p.version == 0 (version 1), else updates it with a compare-and-set on
// p.version (returns false when someone changed it meanwhile). Writes the specialty/language index rows and
// the locations (new ones get ids, written back into p), then the doctor's search index. p.version and
// p.updated_at are set to the stored values. The caller checks the rules first.
bool store_profile(Deps& d, db::Session& tx, Profile& p, int64_t now);

// The doctor's account status for providers (users.provider_verification), kept in step with the profile's.
void set_provider_verification(db::Session& tx, const std::string& user_id, const std::string& status);

// ---- search index (search_index.cpp) ----

// Brings the doctor's search entry in line with `p` (in `tx`): present while verified, absent otherwise.
void reindex_doctor(Deps& d, db::Session& tx, const Profile& p);
// After a commit that changed doctors: this process's search caches (vocabulary, facet counts) start over.
// Other processes see the change when their caches expire (seconds).
void search_changed(db::Database& db);

}  // namespace kiorex::consultations
