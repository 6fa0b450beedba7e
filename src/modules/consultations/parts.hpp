#pragma once
// The consultations module (mission 3.1.3, with provider verification of 3.1.12) is built from parts,
// each in its own files with its routes, rules and SQL; docs/api/consultations.md is their contract.
//
//   doctors.cpp        the doctor's own profile, the specialty list, submit for verification
//   verification.cpp   the admin's provider queue and approve/reject
//   search.cpp         public search (FTS5 / pg_trgm), facets, the public doctor profile
//   schedule.cpp       weekly hours and exceptions; slots.cpp: slot arithmetic in IANA zones (pure)
//   availability.cpp   free slots, the slots route, doctor_availability_days for search
//   bookings.cpp       create (idempotent, one per slot), read, list, cancel, reschedule, no-show, follow-ups
//   booking_state.cpp  the booking state machine and its events (the one place that moves a booking)
//   visit.cpp          start/end/room, ICE servers with TURN credentials; signaling.cpp: the WebSocket
//   notes.cpp          SOAP notes; prescriptions.cpp + prescription_pdf.cpp; ratings.cpp
//
// Tables (migrations/<dialect>/NNN_*.sql; the owning part in brackets; other parts may read them):
//   specialties(id, name, aliases)                                                      [doctors]
//   doctors(user_id PK, name, gender, status draft|pending|verified|rejected, time_zone, slot_minutes,
//           follow_up_days, currency, video_fee NULL, clinic_fee NULL, registration_number,
//           registration_council, rating_count, rating_sum, rating_avg, next_available_at NULL, ...)  [doctors]
//   doctor_locations(id, doctor_id, name, city, lat, lng, ...)                          [doctors]
//   doctor_weekly_hours, doctor_exceptions, doctor_availability_days(doctor_id, local_date, free_slots)
//                                                                                       [schedule/availability]
//   bookings(id, doctor_id, patient_id, booked_by, type, location_id, slot_start, slot_end, status, ...)
//                                                                                       [bookings]
//   consultation_notes, consultation_messages, prescriptions, ratings                  [visit/notes/...]
// Ratings update doctors.rating_count/rating_sum/rating_avg in the rating's transaction.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/http/types.hpp"

namespace kiorex {
struct Context;
}
namespace kiorex::db {
class Database;
class Session;
}  // namespace kiorex::db
namespace kiorex::http {
class Router;
}
namespace kiorex::security {
class DataKeys;
}
namespace kiorex::storage {
class FileStore;
}
namespace kiorex::users {
class AccessPolicy;
}

namespace kiorex::consultations {

struct Deps {
  Context& ctx;
  security::DataKeys& keys;
  users::AccessPolicy& policy;
  storage::FileStore& files;
};

// Route registration, in this order (literal paths such as /doctors/me before /doctors/{id}).
void register_doctor_routes(http::Router& r, Deps& d);
void register_verification_routes(http::Router& r, Deps& d);
void register_schedule_routes(http::Router& r, Deps& d);
void register_search_routes(http::Router& r, Deps& d);
void register_availability_routes(http::Router& r, Deps& d);
void register_booking_routes(http::Router& r, Deps& d);
void register_visit_routes(http::Router& r, Deps& d);
void register_note_routes(http::Router& r, Deps& d);
void register_prescription_routes(http::Router& r, Deps& d);
void register_rating_routes(http::Router& r, Deps& d);

// ---- doctors.cpp ----
struct DoctorLocation {
  std::string id, name, city;
  double lat = 0, lng = 0;
};
// What other parts need of a doctor (any status; callers check `verified()` where it matters).
struct Doctor {
  std::string user_id, name, status, time_zone, currency, registration_number, registration_council;
  int slot_minutes = 15, follow_up_days = 7;
  std::optional<int64_t> video_fee, clinic_fee;  // minor units; nullopt = type not offered
  std::vector<DoctorLocation> locations;
  bool verified() const { return status == "verified"; }
  std::optional<int64_t> fee_for(const std::string& type) const { return type == "video" ? video_fee : clinic_fee; }
};
std::optional<Doctor> find_doctor(db::Database& db, const std::string& user_id);
std::optional<Doctor> find_doctor(db::Session& tx, const std::string& user_id);

// ---- schedule.cpp / availability.cpp ----
struct WeeklyRange {
  int weekday = 1;  // ISO: 1 = Monday ... 7 = Sunday
  int start_minute = 0, end_minute = 0;  // local wall clock, minutes after midnight
  std::string type;                      // "video" | "clinic"
  std::string location_id;               // "" for video
};
// Replaces the doctor's weekly hours (validated by the caller) and refreshes availability; the demo
// data seeds schedules through it.
void replace_weekly_hours(Deps& d, db::Session& tx, const std::string& doctor_id, const std::vector<WeeklyRange>& ranges);

struct FreeSlot {
  int64_t start_ms = 0, end_ms = 0;                  // UTC instants
  std::string local_date, local_start, local_end;    // in the doctor's zone: YYYY-MM-DD, HH:MM
  std::string type, location_id;
};
// Free slots of a doctor whose start lies in [from_ms, to_ms), earliest first, at most `limit`;
// `type` "" = any.
std::vector<FreeSlot> free_slots(Deps& d, const std::string& doctor_id, int64_t from_ms, int64_t to_ms,
                                 const std::string& type, size_t limit);
// Recomputes doctor_availability_days (next 28 local days) and doctors.next_available_at for one doctor,
// in `tx` (called whenever its schedule, exceptions or bookings change).
void refresh_availability(Deps& d, db::Session& tx, const std::string& doctor_id);

// ---- bookings.cpp / booking_state.cpp ----
// Declares the "booking" care relationship to the users access policy (called once at construction).
void register_booking_care_source(Deps& d);

enum class BookingStatus { pending_payment, confirmed, in_progress, completed, cancelled, no_show };
std::string to_string(BookingStatus s);
std::optional<BookingStatus> booking_status_from(const std::string& s);

struct Booking {
  std::string id, doctor_id, patient_id, booked_by, type, location_id, currency, follow_up_of;
  BookingStatus status = BookingStatus::confirmed;
  int64_t slot_start = 0, slot_end = 0, fee = 0, version = 1, created_at = 0;
  std::optional<int64_t> started_at, ended_at;
};
std::optional<Booking> find_booking(db::Database& db, const std::string& id);
std::optional<Booking> find_booking(db::Session& tx, const std::string& id);

// How the caller relates to a booking; `none` means it must not learn the booking exists (404).
enum class Party { none, patient, guardian, doctor };
Party party_of(Deps& d, const http::Principal& who, const Booking& b);

struct Transition {
  std::string actor_id, actor_role, reason;
  int64_t at = 0;  // epoch ms
};
// The one place that changes a booking's status: checks the move is allowed from the current status
// (409 problem `invalid-transition` otherwise), updates it with a compare-and-set on the version (409 when
// someone changed it meanwhile), sets what goes with the target (started_at; ended_at + duration;
// cancellation by/reason/at), refreshes the doctor's availability when a slot is freed, and writes the
// move's event to the outbox (booking.cancelled, consultation.started, consultation.ended, ...), all in `tx`.
void move_booking(Deps& d, db::Session& tx, const Booking& b, BookingStatus to, const Transition& t);

// The patient's bookings as GET /v1/consultations/bookings/{id} shows each (with the reason they gave),
// newest first: the data export's consultations.bookings (export.cpp).
boost::json::array patient_bookings_json(Deps& d, const std::string& patient_id);

// ---- export.cpp ----
// The module's share of a person's GDPR export (users module, GET /v1/users/{id}/export): the member
// "consultations" with what they entered or received as a patient (bookings with their reasons, the plan of
// each consultation's notes, prescriptions, chat, ratings with comments) and, for a doctor, their own
// practice profile and schedule. Never another patient's data.
boost::json::object export_person_data(Deps& d, const std::string& user_id);
// The tables export_person_data returns, and the module's other tables with why they hold nothing to export.
const std::vector<std::string>& exported_tables();
const std::vector<std::pair<std::string, std::string>>& tables_not_exported();

// ---- erasure.cpp ----
// The module's share of a patient's GDPR erasure (users module, DELETE /v1/users/{id}), in its transaction:
// cancels upcoming bookings and removes public rating comments; returns "what: why" for the person.
std::string erase_patient_data(Deps& d, db::Session& tx, const std::string& user_id);

}  // namespace kiorex::consultations
