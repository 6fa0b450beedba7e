// The consultations module's share of a person's GDPR export (GET /v1/users/{id}/export, users/export.cpp),
// the mirror of erasure.cpp: one top-level member "consultations".
//
// As a patient, the person gets what they entered or received in their own consultations: each booking with
// the reason they gave (and a cancellation's reason), the plan of each consultation's notes, their
// prescriptions, the chat of their consultations (both sides: they wrote or received it) and their ratings
// with the comment. Of the doctor's SOAP notes the patient gets the plan, as GET .../notes shows them: the
// subjective, objective and assessment parts are the doctor's working notes (docs/api/consultations.md), and
// the export gives the person what the API gives them. A guardian's export holds their own consultations;
// a dependent's are in the dependent's export, which the guardian may download.
// As a doctor, the person gets their own practice: the profile as GET /doctors/me shows it and their
// schedule. Nothing of their patients is in a doctor's export.
#include <boost/json.hpp>

#include "core/db/database.hpp"
#include "core/module.hpp"
#include "core/security/data_keys.hpp"
#include "modules/consultations/doctor_rules.hpp"
#include "modules/consultations/doctors.hpp"
#include "modules/consultations/parts.hpp"

namespace kiorex::consultations {

namespace {

std::string iso(int64_t ms) { return db::iso8601_from_ms(ms); }
boost::json::value text_or_null(const db::Row& r, size_t i) {
  return r.is_null(i) ? boost::json::value(nullptr) : boost::json::value(r.str(i));
}
boost::json::value int_or_null(const db::Row& r, size_t i) {
  return r.is_null(i) ? boost::json::value(nullptr) : boost::json::value(r.i64(i));
}

// Each row of `sql` (one parameter: the person's id) as JSON.
template <class ToJson>
boost::json::array rows_of(Deps& d, const char* sql, const std::string& id, ToJson to_json) {
  boost::json::array out;
  for (const auto& r : d.ctx.db.query(db::ReadFrom::primary, sql, {id}).rows) out.push_back(to_json(r));
  return out;
}

// A text sealed with the patient's key; null when it does not open.
boost::json::value opened(Deps& d, const std::string& patient_id, const std::string& sealed, const std::string& context) {
  if (sealed.empty()) return nullptr;
  auto plain = d.keys.open(patient_id, sealed, context);
  return plain ? boost::json::value(*plain) : boost::json::value(nullptr);
}

boost::json::value parsed(const boost::json::value& text) {
  if (!text.is_string()) return nullptr;
  boost::system::error_code ec;
  auto v = boost::json::parse(text.as_string(), ec);
  return ec ? boost::json::value(nullptr) : v;
}

boost::json::array note_plans(Deps& d, const std::string& patient_id) {
  return rows_of(d, "SELECT booking_id, data_sealed, updated_at FROM consultation_notes WHERE patient_id = $1 "
                    "ORDER BY created_at, booking_id",
                 patient_id, [&](const db::Row& r) {
                   auto content = parsed(opened(d, patient_id, r.str(1), "consultation_notes:" + r.str(0)));
                   boost::json::value plan = nullptr;
                   if (content.is_object())
                     if (auto* p = content.as_object().if_contains("plan")) plan = *p;
                   return boost::json::object{{"booking_id", r.str(0)}, {"plan", plan}, {"updated_at", iso(r.i64(2))}};
                 });
}

boost::json::array prescriptions(Deps& d, const std::string& patient_id) {
  return rows_of(d, "SELECT id, booking_id, doctor_id, issued_at, canonical_sealed FROM prescriptions "
                    "WHERE patient_id = $1 ORDER BY issued_at, id",
                 patient_id, [&](const db::Row& r) {
                   return boost::json::object{
                       {"id", r.str(0)}, {"booking_id", r.str(1)}, {"doctor_id", r.str(2)}, {"issued_at", iso(r.i64(3))},
                       {"content", parsed(opened(d, patient_id, r.str(4), "prescriptions:" + r.str(0)))}};
                 });
}

boost::json::array chat(Deps& d, const std::string& patient_id) {
  return rows_of(d, "SELECT m.id, m.booking_id, m.sender_side, m.text_sealed, m.created_at "
                    "FROM consultation_messages m JOIN bookings b ON b.id = m.booking_id "
                    "WHERE b.patient_id = $1 ORDER BY m.created_at, m.id",
                 patient_id, [&](const db::Row& r) {
                   return boost::json::object{
                       {"id", r.str(0)}, {"booking_id", r.str(1)}, {"from", r.str(2)},
                       {"text", opened(d, patient_id, r.str(3), "consultation_messages:" + r.str(0))}, {"at", iso(r.i64(4))}};
                 });
}

boost::json::array ratings(Deps& d, const std::string& patient_id) {
  return rows_of(d, "SELECT booking_id, doctor_id, stars, comment, created_at FROM ratings "
                    "WHERE patient_id = $1 ORDER BY created_at, booking_id",
                 patient_id, [](const db::Row& r) {
                   return boost::json::object{{"booking_id", r.str(0)}, {"doctor_id", r.str(1)}, {"stars", r.i64(2)},
                                              {"comment", text_or_null(r, 3)}, {"created_at", iso(r.i64(4))}};
                 });
}

// A doctor's own practice: the profile (with locations) and the schedule; null for everyone else.
boost::json::value practice(Deps& d, const std::string& user_id) {
  auto p = load_profile(d.ctx.db, user_id);
  if (!p) return nullptr;
  auto weekly = rows_of(d, "SELECT weekday, start_minute, end_minute, type, location_id FROM doctor_weekly_hours "
                           "WHERE doctor_id = $1 ORDER BY weekday, start_minute",
                        user_id, [](const db::Row& r) {
                          return boost::json::object{{"weekday", r.i64(0)}, {"start_minute", r.i64(1)},
                                                     {"end_minute", r.i64(2)}, {"type", r.str(3)},
                                                     {"location_id", text_or_null(r, 4)}};
                        });
  auto exceptions = rows_of(d, "SELECT id, kind, local_date, start_minute, end_minute, type, note FROM doctor_exceptions "
                               "WHERE doctor_id = $1 ORDER BY local_date, id",
                            user_id, [](const db::Row& r) {
                              return boost::json::object{{"id", r.str(0)}, {"kind", r.str(1)}, {"local_date", r.str(2)},
                                                         {"start_minute", int_or_null(r, 3)}, {"end_minute", int_or_null(r, 4)},
                                                         {"type", text_or_null(r, 5)}, {"note", r.str(6)}};
                            });
  return boost::json::object{{"profile", profile_json(*p)},
                             {"schedule", boost::json::object{{"weekly_hours", std::move(weekly)}, {"exceptions", std::move(exceptions)}}}};
}

}  // namespace

boost::json::object export_person_data(Deps& d, const std::string& user_id) {
  boost::json::array bookings = patient_bookings_json(d, user_id);
  for (auto& b : bookings) b.as_object().erase("patient");  // the person themselves
  return {{"consultations", boost::json::object{{"bookings", std::move(bookings)},
                                                {"notes", note_plans(d, user_id)},
                                                {"prescriptions", prescriptions(d, user_id)},
                                                {"chat", chat(d, user_id)},
                                                {"ratings", ratings(d, user_id)},
                                                {"practice", practice(d, user_id)}}}};
}

const std::vector<std::string>& exported_tables() {
  static const std::vector<std::string> tables = {
      "bookings", "consultation_notes", "consultation_messages", "prescriptions", "ratings",
      // a doctor's practice
      "doctors", "doctor_details", "doctor_specialties", "doctor_languages", "doctor_locations", "doctor_weekly_hours",
      "doctor_exceptions"};
  return tables;
}

const std::vector<std::pair<std::string, std::string>>& tables_not_exported() {
  static const std::vector<std::pair<std::string, std::string>> tables = {
      {"specialties", "the list of medical specialties: reference data"},
      {"doctor_schedules", "the version number of a doctor's schedule (the schedule itself is exported under practice)"},
      {"doctor_availability_days", "free-slot counts per day, computed from the schedule and bookings"},
      {"doctor_fts", "the search index of verified doctors' public profiles, derived from the practice profile"},
      {"doctor_fts_terms", "the search index's vocabulary, derived from the practice profiles"},
      {"search_terms", "PostgreSQL's search vocabulary, derived from the practice profiles"},
  };
  return tables;
}

}  // namespace kiorex::consultations
