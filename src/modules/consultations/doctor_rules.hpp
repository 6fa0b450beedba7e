#pragma once
// The doctor profile as the doctors part holds it, and its pure rules: how a PUT body applies to the current
// profile (every field error collected for one 422), what a profile needs before it can be submitted for
// verification, and the profile's JSON. No database, no HTTP: unit-tested in doctors_test.cpp.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/problem.hpp"

namespace kiorex::consultations {

struct Specialty {
  std::string id, name;
  std::vector<std::string> aliases;
};

struct Qualification {
  std::string degree, institution;
  std::optional<int64_t> year;
};

struct Location {
  std::string id;  // "loc_…"; "" in a PUT body = a new location
  std::string name, line1, line2, city, region, postal_code, country;
  double lat = 0, lng = 0;
};

struct Profile {
  std::string user_id, name;
  std::string gender;  // "" = not given yet
  std::optional<std::string> bio, photo_ref;
  std::vector<std::string> specialties;  // ids, in the doctor's order
  std::vector<Qualification> qualifications;
  std::string registration_number, registration_council;  // "" = not given yet
  std::optional<int64_t> experience_years;
  std::vector<std::string> languages, conditions;
  std::string currency;                          // of both consultation types
  std::optional<int64_t> video_fee, clinic_fee;  // minor units; nullopt = type not offered
  std::vector<Location> locations;
  std::string time_zone;  // IANA; "" = not given yet
  int64_t slot_minutes = 15, follow_up_days = 7;

  std::string status = "draft";  // draft | pending | verified | rejected
  std::optional<std::string> rejection_reason;
  std::optional<int64_t> submitted_at, verified_at;
  int64_t rating_count = 0;
  double rating_avg = 0;
  std::optional<int64_t> next_available_at;
  int64_t version = 0, created_at = 0, updated_at = 0;
};

inline const std::vector<std::string> kGenders = {"female", "male", "other", "undisclosed"};
inline const std::vector<int64_t> kSlotMinutes = {10, 15, 20, 30, 45, 60};
inline constexpr size_t kMaxLocations = 5;

// Applies a PUT body to `current`: members present replace the current value (a JSON null clears bio and
// photo_ref), absent ones keep it. Unknown members, bad values and broken cross-field rules are collected in
// `errors`. Locations: one without an id is new; one with an id must be one of current's (it is updated);
// current locations the body leaves out are removed.
Profile apply_profile_put(const boost::json::object& body, const Profile& current,
                          const std::vector<std::string>& specialty_ids, std::vector<http::FieldError>& errors);

// What the profile still lacks to be submitted for verification (one error per field; empty = complete).
std::vector<http::FieldError> missing_for_submission(const Profile& p);

// True when a change of these fields must be verified again (registration or specialties).
bool needs_reverification(const Profile& before, const Profile& after);

// The doctor's own view (GET/PUT /v1/consultations/doctors/me).
boost::json::object profile_json(const Profile& p);
// JSON pieces shared with search and the public profile.
boost::json::object consultation_types_json(const Profile& p);
boost::json::value rating_json(int64_t count, double average);
boost::json::array qualifications_json(const Profile& p);
boost::json::object location_json(const Location& l, bool with_address);

// "EN-in" -> "en-IN": primary subtag lowercase, a 2-letter region uppercase, a 4-letter script capitalised.
std::string normalize_language(std::string_view tag);
bool valid_currency(std::string_view code);     // an active ISO 4217 code
bool valid_time_zone(const std::string& name);  // an IANA zone (or link) the system's tzdata knows
// English name of a language code's primary subtag ("hi" -> "Hindi"; "" when unknown): indexed so that
// "hindi" in the search text finds doctors who speak it.
std::string language_name(std::string_view code);

}  // namespace kiorex::consultations
