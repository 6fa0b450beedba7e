// Bookings: create (idempotent, one per doctor slot held by the bookings_one_per_slot index, free follow-ups),
// read, list, cancel, reschedule, no-show; who is party to a booking; the "booking" care relationship of the
// users access policy. Status changes go through booking_state.cpp. The reason for the visit and a
// cancellation reason are PHI, sealed with the patient's data key; every read and change is audited.
#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "core/audit/audit_log.hpp"
#include "core/http/idempotency.hpp"
#include "core/http/problem.hpp"
#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/module.hpp"
#include "core/config/config.hpp"
#include "core/security/data_keys.hpp"
#include "core/util/ids.hpp"
#include "modules/consultations/availability.hpp"
#include "modules/consultations/booking_state.hpp"
#include "modules/consultations/calendar_ics.hpp"
#include "modules/consultations/visit_place.hpp"
#include "modules/users/access_policy.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

using http::ApiError;
using http::FieldError;
using http::Request;
using http::Response;

namespace {

constexpr int64_t kMsPerDay = slots::kMsPerDay;
constexpr int64_t kCareAfterEndMs = 7 * kMsPerDay;              // the doctor's care relationship lasts this long
constexpr int64_t kNoShowAfterStartMs = 15 * slots::kMsPerMinute;  // no-show may be marked from then
constexpr size_t kMaxReason = 1000;

// ---- rows ----

constexpr const char* kColumns =
    "b.id, b.doctor_id, b.patient_id, b.booked_by, b.type, b.location_id, b.slot_start, b.slot_end, b.status, "
    "b.reason_sealed, b.fee, b.currency, b.follow_up_of, b.started_at, b.ended_at, b.duration_seconds, "
    "b.cancelled_by, b.cancel_reason, b.cancelled_at, b.rescheduled_from, b.created_at, b.updated_at, b.version";
// With what the API shows beside the booking: the patient's and doctor's names, the doctor's zone, the location.
const std::string kJoins =
    std::string(", pu.name, dr.name, dr.time_zone, loc.name, loc.city, loc.line1, loc.line2, loc.region, loc.postal_code, loc.country, "
    "loc.lat, loc.lng, dr.follow_up_days, "
    "CASE WHEN EXISTS (SELECT 1 FROM bookings f WHERE f.follow_up_of = b.id AND f.status IN ") + kSlotHoldingSql +
    ") THEN 1 ELSE 0 END FROM bookings b JOIN users pu ON pu.id = b.patient_id "
    "LEFT JOIN doctors dr ON dr.user_id = b.doctor_id LEFT JOIN doctor_locations loc ON loc.id = b.location_id";

struct Row {
  Booking b;
  std::string reason_sealed, cancelled_by, cancel_reason_sealed;
  std::optional<int64_t> duration_seconds, cancelled_at, rescheduled_from;
  int64_t updated_at = 0;
  std::string patient_name, doctor_name, time_zone;
  VisitPlace place;  // the clinic of a clinic booking (empty name for video)
  int64_t follow_up_days = 0;
  bool has_follow_up = false;  // a live (slot-holding) follow-up of this booking exists
};

Booking booking_from(const db::Row& r) {
  Booking b;
  b.id = r.str(0);
  b.doctor_id = r.str(1);
  b.patient_id = r.str(2);
  b.booked_by = r.str(3);
  b.type = r.str(4);
  b.location_id = r.str(5);
  b.slot_start = r.i64(6);
  b.slot_end = r.i64(7);
  b.status = booking_status_from(r.str(8)).value_or(BookingStatus::cancelled);
  b.fee = r.i64(10);
  b.currency = r.str(11);
  b.follow_up_of = r.str(12);
  b.started_at = r.opt_i64(13);
  b.ended_at = r.opt_i64(14);
  b.created_at = r.i64(20);
  b.version = r.i64(22);
  return b;
}

Row row_from(const db::Row& r) {
  Row x;
  x.b = booking_from(r);
  x.reason_sealed = r.str(9);
  x.duration_seconds = r.opt_i64(15);
  x.cancelled_by = r.str(16);
  x.cancel_reason_sealed = r.str(17);
  x.cancelled_at = r.opt_i64(18);
  x.rescheduled_from = r.opt_i64(19);
  x.updated_at = r.i64(21);
  x.patient_name = r.str(23);
  x.doctor_name = r.str(24);
  x.time_zone = r.str(25);
  x.place.name = r.str(26);
  x.place.city = r.str(27);
  x.place.line1 = r.str(28);
  x.place.line2 = r.str(29);
  x.place.region = r.str(30);
  x.place.postal_code = r.str(31);
  x.place.country = r.str(32);
  if (!r.is_null(33) && !r.is_null(34)) {
    x.place.lat = r.f64(33);
    x.place.lng = r.f64(34);
  }
  x.follow_up_days = r.i64(35);
  x.has_follow_up = r.i64(36) != 0;
  return x;
}

std::optional<Row> load_row(const Reader& q, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kColumns + kJoins + " WHERE b.id = $1";
  auto rs = q(sql, {id});
  if (rs.empty()) return std::nullopt;
  return row_from(rs.one());
}

std::string reason_context(const std::string& id) { return "bookings:" + id + ":reason"; }
std::string cancel_context(const std::string& id) { return "bookings:" + id + ":cancel_reason"; }

// Opens a sealed field; null when empty or unreadable (the patient's key was shredded by an erasure).
boost::json::value opened(Deps& d, const std::string& owner, const std::string& sealed, const std::string& context) {
  if (sealed.empty()) return nullptr;
  auto plain = d.keys.open(owner, sealed, context);
  return plain ? boost::json::value(*plain) : boost::json::value(nullptr);
}

boost::json::value opt_iso(const std::optional<int64_t>& ms) {
  return ms ? boost::json::value(db::iso8601_from_ms(*ms)) : boost::json::value(nullptr);
}

// The clinic of a clinic booking: what the patient needs to get there (address, coordinates, directions link).
// The name is null when the doctor has since removed the location.
boost::json::object location_json(const VisitPlace& p, const std::string& id) {
  auto opt = [](const std::string& s) { return s.empty() ? boost::json::value(nullptr) : boost::json::value(s); };
  const bool known = !p.name.empty();
  return {{"id", id},
          {"name", opt(p.name)},
          {"city", opt(p.city)},
          {"address", known ? boost::json::value(boost::json::object{{"line1", p.line1},
                                                                     {"line2", opt(p.line2)},
                                                                     {"city", p.city},
                                                                     {"region", opt(p.region)},
                                                                     {"postal_code", opt(p.postal_code)},
                                                                     {"country", p.country}})
                            : boost::json::value(nullptr)},
          {"address_line", known ? boost::json::value(address_line(p, false)) : boost::json::value(nullptr)},
          {"lat", known && p.lat ? boost::json::value(*p.lat) : boost::json::value(nullptr)},
          {"lng", known && p.lng ? boost::json::value(*p.lng) : boost::json::value(nullptr)},
          {"directions_url", known ? boost::json::value(directions_url(p)) : boost::json::value(nullptr)}};
}

// Until when a free follow-up of this booking can start (the rule follow_up_target applies when booking): a
// completed consultation that is not itself a follow-up and has none yet; null when none can be booked now.
boost::json::value follow_up_until(const Row& x) {
  const Booking& b = x.b;
  if (b.status != BookingStatus::completed || !b.follow_up_of.empty() || x.follow_up_days <= 0 || x.has_follow_up)
    return nullptr;
  const int64_t until = b.ended_at.value_or(b.slot_end) + x.follow_up_days * kMsPerDay;
  if (until <= db::now_ms()) return nullptr;
  return boost::json::value(slots::format_instant(until));
}

// `plain_reason`: the reason as just written (inside the creating transaction, where it is not yet readable).
boost::json::object booking_json(Deps& d, const Row& x, const std::string* plain_reason = nullptr) {
  const Booking& b = x.b;
  auto zone = slots::find_zone(x.time_zone);
  boost::json::value location = nullptr;
  if (!b.location_id.empty())
    location = location_json(x.place, b.location_id);
  boost::json::value cancellation = nullptr;
  if (b.status == BookingStatus::cancelled) {
    std::string by = x.cancelled_by == b.doctor_id ? "doctor" : x.cancelled_by == "system" ? "system" : "patient";
    cancellation = boost::json::object{{"by", by},
                                       {"reason", opened(d, b.patient_id, x.cancel_reason_sealed, cancel_context(b.id))},
                                       {"at", opt_iso(x.cancelled_at)}};
  }
  return {{"id", b.id},
          {"doctor", {{"id", b.doctor_id}, {"name", x.doctor_name}}},
          {"patient", {{"id", b.patient_id}, {"name", x.patient_name}}},
          {"booked_by", b.booked_by},
          {"type", b.type},
          {"location", location},
          {"start", slots::format_instant(b.slot_start)},
          {"end", slots::format_instant(b.slot_end)},
          {"local_start", zone ? slots::local_datetime(b.slot_start, zone) : std::string()},
          {"time_zone", x.time_zone},
          {"status", to_string(b.status)},
          {"reason", plain_reason ? (plain_reason->empty() ? boost::json::value(nullptr) : boost::json::value(*plain_reason))
                                  : opened(d, b.patient_id, x.reason_sealed, reason_context(b.id))},
          {"fee", {{"amount", b.fee}, {"currency", b.currency}}},
          {"follow_up_of", b.follow_up_of.empty() ? boost::json::value(nullptr) : boost::json::value(b.follow_up_of)},
          {"follow_up_until", follow_up_until(x)},
          {"started_at", opt_iso(b.started_at)},
          {"ended_at", opt_iso(b.ended_at)},
          {"duration_seconds", x.duration_seconds ? boost::json::value(*x.duration_seconds) : boost::json::value(nullptr)},
          {"cancellation", cancellation},
          {"rescheduled_from", x.rescheduled_from ? boost::json::value(slots::format_instant(*x.rescheduled_from))
                                                  : boost::json::value(nullptr)},
          {"created_at", db::iso8601_from_ms(b.created_at)},
          {"updated_at", db::iso8601_from_ms(x.updated_at)},
          {"version", b.version}};
}

// The calendar event of a booking as the caller sees it: the patient's side names the doctor, the doctor's side
// the patient. No reason for the visit: calendars are synced to third parties.
CalendarEvent calendar_event(const Row& x, Party party) {
  const Booking& b = x.b;
  CalendarEvent e;
  e.uid = b.id + "@kiorex";
  e.sequence = b.version;
  e.stamp_ms = x.updated_at;
  e.start_ms = b.slot_start;
  e.end_ms = b.slot_end;
  const std::string kind = b.type == "clinic" ? "Clinic consultation" : "Video consultation";
  e.summary = kind + " with " + (party == Party::doctor ? x.patient_name : x.doctor_name);
  if (b.type == "clinic") {
    e.location = x.place.name.empty() ? "Clinic" : address_line(x.place, true);
    e.description = "Kiorex booking " + b.id + (x.place.name.empty() ? "" : ". Directions: " + directions_url(x.place));
  } else {
    e.location = "Video consultation on Kiorex";
    e.description = "Kiorex booking " + b.id + ". Join from the booking's page in Kiorex.";
  }
  e.cancelled = b.status == BookingStatus::cancelled;
  return e;
}

Response booking_response(int status, const boost::json::object& body, int64_t version) {
  auto r = Response::json(status, users::to_json(body));
  r.headers.set("etag", users::etag_of(version));
  return r;
}

constexpr const char* kBookingSchema = R"J({"type":"object","required":["id","doctor","patient","booked_by","type","location","start","end",
"local_start","time_zone","status","reason","fee","follow_up_of","started_at","ended_at","duration_seconds","cancellation",
"rescheduled_from","created_at","updated_at","version"],"properties":{
"id":{"type":"string"},"doctor":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"}}},
"patient":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"}}},"booked_by":{"type":"string"},
"type":{"type":"string","enum":["video","clinic"]},
"location":{"type":["object","null"],"properties":{"id":{"type":"string"},"name":{"type":["string","null"]},"city":{"type":["string","null"]},
"address":{"type":["object","null"],"properties":{"line1":{"type":"string"},"line2":{"type":["string","null"]},"city":{"type":"string"},
"region":{"type":["string","null"]},"postal_code":{"type":["string","null"]},"country":{"type":"string"}}},
"address_line":{"type":["string","null"]},"lat":{"type":["number","null"]},"lng":{"type":["number","null"]},
"directions_url":{"type":["string","null"],"description":"an OpenStreetMap link to the clinic"}}},
"start":{"type":"string","format":"date-time"},"end":{"type":"string","format":"date-time"},
"local_start":{"type":"string","description":"YYYY-MM-DDTHH:MM in the doctor's time zone"},"time_zone":{"type":"string"},
"status":{"type":"string","enum":["pending_payment","confirmed","in_progress","completed","cancelled","no_show"]},
"reason":{"type":["string","null"]},
"fee":{"type":"object","properties":{"amount":{"type":"integer"},"currency":{"type":"string"}}},
"follow_up_of":{"type":["string","null"]},
"follow_up_until":{"type":["string","null"],"description":"a free follow-up with the doctor can be booked to start until then (completed consultations)"},"started_at":{"type":["string","null"]},"ended_at":{"type":["string","null"]},
"duration_seconds":{"type":["integer","null"]},
"cancellation":{"type":["object","null"],"properties":{"by":{"type":"string","enum":["patient","doctor","system"]},
"reason":{"type":["string","null"]},"at":{"type":"string"}}},
"rescheduled_from":{"type":["string","null"],"description":"the previous start"},
"created_at":{"type":"string"},"updated_at":{"type":"string"},"version":{"type":"integer"}}})J";

// ---- access and audit ----

const char* basis_of(Party p) {
  switch (p) {
    case Party::patient: return "self";
    case Party::guardian: return "guardian";
    case Party::doctor: return "doctor";
    default: return "none";
  }
}

audit::AuditRecord audit_record(const Request& req, const std::string& patient_id, const std::string& action,
                                const std::string& resource, const char* basis) {
  audit::AuditRecord r;
  r.actor_id = req.principal.user_id;
  r.actor_role = req.principal.role;
  r.action = action;
  r.subject_id = patient_id;
  r.resource = resource;
  r.request_id = req.request_id;
  r.ip = req.remote_ip;
  r.outcome = "success";
  r.details = {{"basis", basis}};
  return r;
}

// The booking the path names and the caller's part in it; 404 alike for "no such booking" and "not yours".
std::pair<Booking, Party> booking_for(Deps& d, const Request& req) {
  const std::string& id = req.param("id");
  if (!util::is_id(id, "bkg")) throw ApiError::not_found("No such booking.");
  auto b = find_booking(d.ctx.db, id);
  if (!b) throw ApiError::not_found("No such booking.");
  Party p = party_of(d, req.principal, *b);
  if (p == Party::none) throw ApiError::not_found("No such booking.");
  return {std::move(*b), p};
}

// The same booking re-read inside the transaction that changes it.
Booking reread(db::Session& tx, const std::string& id) {
  auto b = find_booking(tx, id);
  if (!b) throw ApiError::not_found("No such booking.");
  return *b;
}

ApiError slot_taken() {
  return ApiError(409, "slot-taken", "Slot taken", "Someone else has just booked this slot; choose another one.");
}
ApiError slot_unavailable(std::string detail = "This is not a free slot of the doctor's schedule (see /slots).") {
  return ApiError(422, "slot-unavailable", "Slot unavailable", std::move(detail));
}
ApiError window_closed(const std::string& detail) { return ApiError(409, "window-closed", "Too late", detail); }

std::optional<std::string> text_member(const boost::json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

// An optional free-text member (reason): absent/null = "", else 1..max characters of text.
std::string reason_member(const boost::json::object& o, const char* k, size_t max, std::vector<FieldError>& errors) {
  auto* v = o.if_contains(k);
  if (!v || v->is_null()) return "";
  if (!v->is_string()) {
    errors.push_back({k, "must be a string"});
    return "";
  }
  std::string s(v->as_string());
  if (!json::valid_text(s)) errors.push_back({k, "must be text without control characters"});
  else if (json::utf8_length(s) > max) errors.push_back({k, "must be at most " + std::to_string(max) + " characters"});
  return s;
}

// A completed consultation with this doctor that the new booking may be the free follow-up of: ended at most
// follow_up_days before the new start, not itself a follow-up, and without a live follow-up yet.
std::optional<std::string> follow_up_target(db::Session& tx, const Doctor& doc, const std::string& patient_id, int64_t start) {
  if (doc.follow_up_days <= 0) return std::nullopt;
  static const std::string sql =
      std::string("SELECT b.id FROM bookings b WHERE b.doctor_id = $1 AND b.patient_id = $2 AND b.status = 'completed' "
                  "AND b.follow_up_of IS NULL AND COALESCE(b.ended_at, b.slot_end) >= $3 AND COALESCE(b.ended_at, b.slot_end) <= $4 "
                  "AND NOT EXISTS (SELECT 1 FROM bookings f WHERE f.follow_up_of = b.id AND f.status IN ") +
      kSlotHoldingSql + ") ORDER BY COALESCE(b.ended_at, b.slot_end) DESC LIMIT 1";
  auto rs = tx.exec(sql, {doc.user_id, patient_id, start - doc.follow_up_days * kMsPerDay, start});
  if (rs.empty()) return std::nullopt;
  return rs.one().str(0);
}

// ---- create ----

Response create_booking(Deps& d, Request& req, http::IdempotencyScope& scope) {
  json::BodyReader body(req);
  const auto& o = body.object();
  std::vector<FieldError> errors;
  for (const auto& [k, v] : o)
    if (k != "doctor_id" && k != "start" && k != "type" && k != "location_id" && k != "patient_id" && k != "reason")
      errors.push_back({std::string(k), "is not a booking field"});
  auto doctor_id = text_member(o, "doctor_id");
  if (!doctor_id || !util::is_id(*doctor_id, "usr")) errors.push_back({"doctor_id", "must be a doctor's id (usr_...)"});
  auto start_text = text_member(o, "start");
  auto start = start_text ? slots::parse_instant(*start_text) : std::nullopt;
  if (!start) errors.push_back({"start", "must be an ISO 8601 instant, e.g. 2026-03-09T13:00:00Z"});
  auto type = text_member(o, "type");
  if (!type || (*type != "video" && *type != "clinic")) errors.push_back({"type", "must be video or clinic"});
  std::string location_id;
  if (auto* loc = o.if_contains("location_id"); loc && !loc->is_null()) {
    if (!loc->is_string() || !util::is_id(std::string_view(loc->as_string()), "loc")) errors.push_back({"location_id", "must be a location id or null"});
    else location_id = std::string(loc->as_string());
  }
  std::string patient_id = req.principal.user_id;
  if (auto* p = o.if_contains("patient_id"); p && !p->is_null()) {
    if (!p->is_string() || !util::is_id(std::string_view(p->as_string()), "usr")) errors.push_back({"patient_id", "must be a user id"});
    else patient_id = std::string(p->as_string());
  }
  std::string reason = reason_member(o, "reason", kMaxReason, errors);
  if (type && *type == "video" && !location_id.empty()) errors.push_back({"location_id", "must be null for video"});
  if (!errors.empty()) throw ApiError::validation(errors);

  // Only for oneself, or for a dependent one is guardian of (the users access policy decides).
  const char* basis = "self";
  if (patient_id != req.principal.user_id) {
    auto decision = d.policy.decide(req.principal, patient_id, users::Access::write, "bookings", "");
    if (!decision.allowed || decision.basis != "guardian")
      throw ApiError::forbidden("You may book for yourself or for a dependent you are the guardian of.");
    basis = "guardian";
  }
  auto doctor = find_doctor(d.ctx.db, *doctor_id);
  if (!doctor || !doctor->verified()) throw ApiError::not_found("No such doctor.");
  if (!doctor->fee_for(*type))
    throw ApiError::validation({{"type", "this doctor does not offer " + *type + " consultations"}});

  Row x;
  Booking& b = x.b;
  b.id = util::new_id("bkg");
  b.doctor_id = doctor->user_id;
  b.patient_id = patient_id;
  b.booked_by = req.principal.user_id;
  b.type = *type;
  b.currency = doctor->currency;
  x.doctor_name = doctor->name;
  x.time_zone = doctor->time_zone;
  Response resp;
  try {
    d.ctx.db.transaction([&](db::Session& tx) {
      lock_doctor(tx, b.doctor_id);
      const int64_t now = db::now_ms();
      auto look = check_slot(Reader(tx), *doctor, *start, b.type, location_id, "", now);
      if (look.result == SlotCheck::not_offered) throw slot_unavailable();
      if (look.result == SlotCheck::taken) throw slot_taken();
      b.slot_start = look.slot.start_ms;
      b.slot_end = look.slot.end_ms;
      b.location_id = look.slot.location_id;
      auto follow = follow_up_target(tx, *doctor, b.patient_id, b.slot_start);
      b.follow_up_of = follow.value_or("");
      b.fee = follow ? 0 : doctor->fee_for(b.type).value_or(0);
      b.status = initial_status(b.fee);
      b.created_at = x.updated_at = now;
      b.version = 1;
      x.reason_sealed = reason.empty() ? "" : d.keys.seal(tx, b.patient_id, reason, reason_context(b.id));
      tx.exec("INSERT INTO bookings (id, doctor_id, patient_id, booked_by, type, location_id, slot_start, slot_end, status, "
              "reason_sealed, fee, currency, follow_up_of, created_at, updated_at, version) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, 1)",
              {b.id, b.doctor_id, b.patient_id, b.booked_by, b.type,
               b.location_id.empty() ? db::Value(nullptr) : db::Value(b.location_id), b.slot_start, b.slot_end,
               to_string(b.status), x.reason_sealed.empty() ? db::Value(nullptr) : db::Value(x.reason_sealed), b.fee,
               b.currency, b.follow_up_of.empty() ? db::Value(nullptr) : db::Value(b.follow_up_of), now});
      booking_created(tx, b);
      refresh_booked_days(d, tx, *doctor, {b.slot_start});  // locked above
      auto name = tx.exec("SELECT name FROM users WHERE id = $1", {b.patient_id});
      x.patient_name = name.empty() ? "" : name.one().str(0);
      if (!b.location_id.empty())
        if (auto written = load_row(Reader(tx), b.id)) x.place = written->place;  // the clinic's full address
      resp = booking_response(201, booking_json(d, x, &reason), b.version);
      resp.headers.set("location", "/v1/consultations/bookings/" + b.id);
      scope.record(tx, resp);
      // Last: on PostgreSQL the audit append takes the hash chain's lock until commit; keep that short.
      d.ctx.audit.append(tx, audit_record(req, b.patient_id, "consultations.booking.create", "bookings:" + b.id, basis));
    });
  } catch (const db::UniqueViolation&) {
    // Another transaction booked the slot between our check and our insert (PostgreSQL), or took this
    // consultation's one free follow-up.
    throw slot_taken();
  }
  return resp;
}

// ---- list ----

std::optional<int64_t> instant_or_date(const std::string& s) {
  if (auto t = slots::parse_instant(s)) return t;
  if (auto day = slots::parse_date(s)) return *day * kMsPerDay;
  return std::nullopt;
}

Response list_bookings(Deps& d, Request& req) {
  std::vector<FieldError> errors;
  std::string role = req.query_param("role").value_or(req.principal.role == "doctor" ? "doctor" : "patient");
  if (role != "patient" && role != "doctor") errors.push_back({"role", "must be patient or doctor"});
  std::vector<std::string> statuses;
  if (auto s = req.query_param("status"); s && !s->empty()) {
    size_t pos = 0;
    while (pos <= s->size()) {
      size_t comma = s->find(',', pos);
      std::string one = s->substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      if (!booking_status_from(one)) {
        errors.push_back({"status", "must be a comma list of pending_payment, confirmed, in_progress, completed, cancelled, no_show"});
        break;
      }
      statuses.push_back(one);
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
  }
  std::optional<int64_t> from, to;
  if (auto f = req.query_param("from"); f && !(from = instant_or_date(*f))) errors.push_back({"from", "must be an ISO 8601 instant or a date"});
  if (auto t = req.query_param("to"); t && !(to = instant_or_date(*t))) errors.push_back({"to", "must be an ISO 8601 instant or a date"});
  int64_t limit = 20;
  if (auto l = req.query_param("limit")) {
    try {
      size_t used = 0;
      limit = std::stoll(*l, &used);
      if (used != l->size() || limit < 1 || limit > 100) throw std::invalid_argument("range");
    } catch (const std::exception&) {
      errors.push_back({"limit", "must be a whole number from 1 to 100"});
    }
  }
  std::optional<users::Cursor> after;
  if (auto c = req.query_param("cursor"); c && !(after = users::decode_cursor(*c))) errors.push_back({"cursor", "is not a cursor this list gave"});
  if (!errors.empty()) throw ApiError::validation(errors, "The query has invalid parameters.");
  if (role == "doctor" && req.principal.role != "doctor") throw ApiError::forbidden("Only doctors have appointments to list.");

  std::vector<db::Value> params;
  auto param = [&](db::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  std::string where;
  if (role == "doctor") {
    where = "b.doctor_id = " + param(req.principal.user_id);
  } else {
    // The caller and every dependent the access policy says they are guardian of.
    std::vector<std::string> patients{req.principal.user_id};
    for (const auto& r : d.ctx.db.query(db::ReadFrom::primary,
                                        "SELECT member_id FROM family_links WHERE guardian_id = $1 AND kind = 'dependent' "
                                        "AND status = 'active'",
                                        {req.principal.user_id})
                             .rows) {
      auto decision = d.policy.decide(req.principal, r.str(0), users::Access::write, "bookings", "");
      if (decision.allowed && decision.basis == "guardian") patients.push_back(r.str(0));
    }
    where = "b.patient_id IN (";
    for (size_t i = 0; i < patients.size(); i++) where += (i ? ", " : "") + param(patients[i]);
    where += ")";
  }
  if (!statuses.empty()) {
    where += " AND b.status IN (";
    for (size_t i = 0; i < statuses.size(); i++) where += (i ? ", " : "") + param(statuses[i]);
    where += ")";
  }
  if (from) where += " AND b.slot_start >= " + param(*from);
  if (to) where += " AND b.slot_start < " + param(*to);
  const bool ascending = from.has_value();
  if (after) {
    std::string at = param(after->at), id = param(after->id);
    where += ascending ? " AND (b.slot_start > " + at + " OR (b.slot_start = " + at + " AND b.id > " + id + "))"
                       : " AND (b.slot_start < " + at + " OR (b.slot_start = " + at + " AND b.id < " + id + "))";
  }
  std::string sql = std::string("SELECT ") + kColumns + kJoins + " WHERE " + where +
                    (ascending ? " ORDER BY b.slot_start, b.id" : " ORDER BY b.slot_start DESC, b.id DESC") +
                    " LIMIT " + std::to_string(limit + 1);
  auto rs = d.ctx.db.query(db::ReadFrom::primary, sql, params);
  boost::json::array items;
  std::set<std::string> patients_shown;
  boost::json::value next = nullptr;
  for (size_t i = 0; i < rs.rows.size(); i++) {
    Row x = row_from(rs.rows[i]);
    if (static_cast<int64_t>(i) == limit) {
      const auto& last = items.back().as_object();
      next = users::encode_cursor({*slots::parse_instant(std::string(last.at("start").as_string())), std::string(last.at("id").as_string())});
      break;
    }
    patients_shown.insert(x.b.patient_id);
    items.push_back(booking_json(d, x));
  }
  // One audit record per patient whose bookings (with their reasons) were shown, in one transaction.
  if (!patients_shown.empty()) {
    const char* basis = role == "doctor" ? "doctor" : "self";
    d.ctx.db.transaction([&](db::Session& tx) {
      for (const auto& p : patients_shown)
        d.ctx.audit.append(tx, audit_record(req, p, "consultations.booking.list", "bookings",
                                            role == "doctor" ? basis : (p == req.principal.user_id ? "self" : "guardian")));
    });
  }
  return Response::json(200, users::to_json(boost::json::object{{"items", std::move(items)}, {"next_cursor", next}}));
}

// Reads the booking again after a change and answers it.
Response changed(Deps& d, const std::string& id) {
  auto x = load_row(Reader(d.ctx.db), id);
  if (!x) throw ApiError::not_found("No such booking.");
  return booking_response(200, booking_json(d, *x), x->b.version);
}

}  // namespace

// ---- what other parts use ----

std::optional<Booking> find_booking(db::Database& db, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM bookings b WHERE b.id = $1";
  auto rs = db.query(db::ReadFrom::primary, sql, {id});
  if (rs.empty()) return std::nullopt;
  return booking_from(rs.one());
}

std::optional<Booking> find_booking(db::Session& tx, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM bookings b WHERE b.id = $1";
  auto rs = tx.exec(sql, {id});
  if (rs.empty()) return std::nullopt;
  return booking_from(rs.one());
}

Party party_of(Deps& d, const http::Principal& who, const Booking& b) {
  if (!who.authenticated()) return Party::none;
  if (who.user_id == b.doctor_id) return Party::doctor;
  if (who.user_id == b.patient_id) return Party::patient;
  auto decision = d.policy.decide(who, b.patient_id, users::Access::write, "bookings", "");
  return decision.allowed && decision.basis == "guardian" ? Party::guardian : Party::none;
}

void register_booking_care_source(Deps& d) {
  // From creation until 7 days after the slot ends (and while in progress), unless cancelled or no-show.
  d.policy.add_care_source("booking", [&d](const std::string& provider_id, const std::string& patient_id) {
    auto rs = d.ctx.db.query(db::ReadFrom::primary,
                             std::string("SELECT 1 FROM bookings WHERE doctor_id = $1 AND patient_id = $2 AND status IN ") +
                                 kSlotHoldingSql + " AND (status = 'in_progress' OR slot_end > $3) LIMIT 1",
                             {provider_id, patient_id, db::now_ms() - kCareAfterEndMs});
    return !rs.empty();
  });
}

void register_booking_routes(http::Router& r, Deps& d) {
  r.add({.method = "POST", .path = "/v1/consultations/bookings", .tag = "consultations",
         .summary = "Book a free slot for yourself or a dependent (Idempotency-Key honoured; one booking per slot).",
         .permission = "bookings.create",
         .request_schema = R"J({"type":"object","required":["doctor_id","start","type"],"additionalProperties":false,"properties":{
"doctor_id":{"type":"string"},"start":{"type":"string","format":"date-time","description":"a free slot's start"},
"type":{"type":"string","enum":["video","clinic"]},"location_id":{"type":["string","null"]},
"patient_id":{"type":["string","null"],"description":"a dependent you are guardian of (default: you)"},
"reason":{"type":["string","null"],"maxLength":1000,"description":"reason for the visit (stored encrypted)"}}})J",
         .response_schema = kBookingSchema, .success_status = 201,
         .handler = [&d](Request& req) {
           return http::with_idempotency(d.ctx.db, req,
                                         [&](http::IdempotencyScope& scope) { return create_booking(d, req, scope); });
         }});

  r.add({.method = "GET", .path = "/v1/consultations/bookings", .tag = "consultations",
         .summary = "Your bookings (role=patient: yours and your dependents') or appointments (role=doctor).",
         .permission = "bookings.read",
         .response_schema = std::string(R"J({"type":"object","required":["items","next_cursor"],"properties":{"items":{"type":"array","items":)J") +
                            kBookingSchema + R"J(},"next_cursor":{"type":["string","null"]}}})J",
         .query_params = {{"role", "patient or doctor (default: your role)"},
                          {"status", "comma list of statuses"},
                          {"from", "slot start at or after (ISO instant or date); orders by start ascending"},
                          {"to", "slot start before (ISO instant or date)"},
                          {"limit", "1-100, default 20"},
                          {"cursor", "next_cursor of the previous page"}},
         .handler = [&d](Request& req) { return list_bookings(d, req); }});

  r.add({.method = "GET", .path = "/v1/consultations/bookings/{id}", .tag = "consultations",
         .summary = "One booking (its patient, their guardian, or its doctor).", .permission = "bookings.read",
         .response_schema = kBookingSchema,
         .handler = [&d](Request& req) {
           auto [b, party] = booking_for(d, req);
           auto x = load_row(Reader(d.ctx.db), b.id);
           if (!x) throw ApiError::not_found("No such booking.");
           d.ctx.audit.append_before_response(
               d.ctx.db, audit_record(req, b.patient_id, "consultations.booking.read", "bookings:" + b.id, basis_of(party)), req);
           return booking_response(200, booking_json(d, *x), x->b.version);
         }});

  r.add({.method = "GET", .path = "/v1/consultations/bookings/{id}/calendar.ics", .tag = "consultations",
         .summary = "The booking as an iCalendar file for \"Add to calendar\" (its patient, their guardian, or its doctor). "
                    "Times in UTC; the UID stays the same for the booking and SEQUENCE grows with each change, so the "
                    "file downloaded again after a reschedule updates the event and after a cancellation cancels it "
                    "(STATUS:CANCELLED). The reason for the visit is not in the file.",
         .permission = "bookings.read", .response_content_type = "text/calendar",
         .handler = [&d](Request& req) {
           auto [b, party] = booking_for(d, req);
           auto x = load_row(Reader(d.ctx.db), b.id);
           if (!x) throw ApiError::not_found("No such booking.");
           d.ctx.audit.append_before_response(
               d.ctx.db, audit_record(req, b.patient_id, "consultations.booking.calendar", "bookings:" + b.id, basis_of(party)),
               req);
           auto resp = Response::text(200, calendar_file(calendar_event(*x, party)), "text/calendar; charset=utf-8");
           resp.headers.set("content-disposition", "attachment; filename=\"kiorex-" + b.id + ".ics\"");
           resp.headers.set("cache-control", "no-store");
           return resp;
         }});

  r.add({.method = "PUT", .path = "/v1/consultations/bookings/{id}/cancel", .tag = "consultations",
         .summary = "Cancel a booking (the patient until the cancellation window, the doctor until it starts).",
         .permission = "bookings.read",
         .request_schema = R"J({"type":"object","additionalProperties":false,"properties":{"reason":{"type":["string","null"],"maxLength":500}}})J",
         .response_schema = kBookingSchema,
         .handler = [&d](Request& req) {
           json::BodyReader body(req, true);
           std::vector<FieldError> errors;
           for (const auto& [k, v] : body.object())
             if (k != "reason") errors.push_back({std::string(k), "is not a field of a cancellation"});
           std::string reason = reason_member(body.object(), "reason", 500, errors);
           if (!errors.empty()) throw ApiError::validation(errors);
           auto [found, party] = booking_for(d, req);
           const int64_t window = static_cast<int64_t>(d.ctx.config.cancel_window_minutes) * slots::kMsPerMinute;
           d.ctx.db.transaction([&, party = party, id = found.id](db::Session& tx) {
             Booking b = reread(tx, id);
             const int64_t now = db::now_ms();
             if (!allowed_move(b.status, BookingStatus::cancelled))
               throw ApiError(409, "invalid-transition", "Not possible in this state",
                              "A " + to_string(b.status) + " booking cannot be cancelled.");
             if (party == Party::doctor && now >= b.slot_start)
               throw window_closed("The consultation's time has come; it can no longer be cancelled.");
             if (party != Party::doctor && now > b.slot_start - window)
               throw window_closed("Bookings can be cancelled until " + std::to_string(d.ctx.config.cancel_window_minutes) +
                                   " minutes before they start.");
             move_booking(d, tx, b, BookingStatus::cancelled, {req.principal.user_id, req.principal.role, reason, now});
             d.ctx.audit.append(tx, audit_record(req, b.patient_id, "consultations.booking.cancel", "bookings:" + b.id, basis_of(party)));
           });
           return changed(d, found.id);
         }});

  r.add({.method = "PUT", .path = "/v1/consultations/bookings/{id}/reschedule", .tag = "consultations",
         .summary = "Move a booking to another free slot of the same doctor (the patient, until the cancellation window).",
         .permission = "bookings.read",
         .request_schema = R"J({"type":"object","required":["start"],"additionalProperties":false,"properties":{"start":{"type":"string","format":"date-time"}}})J",
         .response_schema = kBookingSchema,
         .handler = [&d](Request& req) {
           json::BodyReader body(req);
           std::vector<FieldError> errors;
           for (const auto& [k, v] : body.object())
             if (k != "start") errors.push_back({std::string(k), "is not a field of a reschedule"});
           auto text = text_member(body.object(), "start");
           auto start = text ? slots::parse_instant(*text) : std::nullopt;
           if (!start) errors.push_back({"start", "must be an ISO 8601 instant, e.g. 2026-03-09T13:00:00Z"});
           if (!errors.empty()) throw ApiError::validation(errors);
           auto [found, party] = booking_for(d, req);
           if (party == Party::doctor) throw ApiError::forbidden("Only the patient can reschedule; a doctor cancels instead.");
           const int64_t window = static_cast<int64_t>(d.ctx.config.cancel_window_minutes) * slots::kMsPerMinute;
           try {
             d.ctx.db.transaction([&, party = party, id = found.id](db::Session& tx) {
               lock_doctor(tx, found.doctor_id);
               Booking b = reread(tx, id);
               const int64_t now = db::now_ms();
               if (b.status != BookingStatus::confirmed && b.status != BookingStatus::pending_payment)
                 throw ApiError(409, "invalid-transition", "Not possible in this state",
                                "A " + to_string(b.status) + " booking cannot be rescheduled.");
               if (now > b.slot_start - window)
                 throw window_closed("Bookings can be rescheduled until " + std::to_string(d.ctx.config.cancel_window_minutes) +
                                     " minutes before they start.");
               if (*start == b.slot_start) throw ApiError::validation({{"start", "is the booking's current start"}});
               auto doctor = find_doctor(tx, b.doctor_id);
               if (!doctor) throw slot_unavailable();
               auto look = check_slot(Reader(tx), *doctor, *start, b.type, "", b.id, now);
               if (look.result == SlotCheck::not_offered) throw slot_unavailable();
               if (look.result == SlotCheck::taken) throw slot_taken();
               if (!b.follow_up_of.empty()) {
                 auto rs = tx.exec("SELECT COALESCE(ended_at, slot_end) FROM bookings WHERE id = $1", {b.follow_up_of});
                 if (!rs.empty() && look.slot.start_ms > rs.one().i64(0) + doctor->follow_up_days * kMsPerDay)
                   throw slot_unavailable("A free follow-up must start within " + std::to_string(doctor->follow_up_days) +
                                          " days of the consultation it follows.");
               }
               reschedule_booking(d, tx, b, look.slot.start_ms, look.slot.end_ms, look.slot.location_id,
                                  {req.principal.user_id, req.principal.role, "", now});
               d.ctx.audit.append(tx, audit_record(req, b.patient_id, "consultations.booking.reschedule", "bookings:" + b.id,
                                                   basis_of(party)));
             });
           } catch (const db::UniqueViolation&) {
             throw slot_taken();
           }
           return changed(d, found.id);
         }});

  r.add({.method = "PUT", .path = "/v1/consultations/bookings/{id}/no-show", .tag = "consultations",
         .summary = "Mark a confirmed booking as a no-show (its doctor, from 15 minutes after the start).",
         .permission = "bookings.read",
         .request_schema = R"J({"type":"object","additionalProperties":false,"properties":{},"description":"no body, or {}"})J",
         .response_schema = kBookingSchema,
         .handler = [&d](Request& req) {
           json::BodyReader body(req, true);
           if (!body.object().empty())
             throw ApiError::validation({{body.object().begin()->key(), "a no-show takes no fields"}});
           auto [found, party] = booking_for(d, req);
           if (party != Party::doctor) throw ApiError::forbidden("Only the booking's doctor can mark a no-show.");
           d.ctx.db.transaction([&, id = found.id](db::Session& tx) {
             Booking b = reread(tx, id);
             const int64_t now = db::now_ms();
             if (!allowed_move(b.status, BookingStatus::no_show))
               throw ApiError(409, "invalid-transition", "Not possible in this state",
                              "A " + to_string(b.status) + " booking cannot become a no-show.");
             if (now < b.slot_start + kNoShowAfterStartMs)
               throw ApiError(409, "too-early", "Too early", "A no-show can be marked from 15 minutes after the start.");
             move_booking(d, tx, b, BookingStatus::no_show, {req.principal.user_id, req.principal.role, "", now});
             d.ctx.audit.append(tx, audit_record(req, b.patient_id, "consultations.booking.no_show", "bookings:" + b.id, "doctor"));
           });
           return changed(d, found.id);
         }});
}

boost::json::array patient_bookings_json(Deps& d, const std::string& patient_id) {
  static const std::string sql =
      std::string("SELECT ") + kColumns + kJoins + " WHERE b.patient_id = $1 ORDER BY b.slot_start DESC, b.id DESC";
  boost::json::array out;
  for (const auto& r : d.ctx.db.query(db::ReadFrom::primary, sql, {patient_id}).rows) out.push_back(booking_json(d, row_from(r)));
  return out;
}

}  // namespace kiorex::consultations
