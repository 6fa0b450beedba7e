// The doctor's own schedule: weekly working hours per consultation type and location in their IANA zone
// (GET/PUT /v1/consultations/doctors/me/schedule, If-Match after the first PUT) and exceptions on single
// local dates, leave or extra hours (/doctors/me/exceptions). Every change refreshes the doctor's
// availability in its own transaction. Schedules are not PHI: no sealing, no audit records.
#include <boost/json.hpp>

#include <algorithm>

#include "core/http/problem.hpp"
#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/module.hpp"
#include "core/util/ids.hpp"
#include "modules/consultations/availability.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

using http::ApiError;
using http::FieldError;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxWeeklyRanges = 100;
constexpr int64_t kMaxExceptions = 1000;    // future exceptions per doctor
constexpr int kExceptionHorizonDays = 730;  // how far ahead an exception may be set
constexpr int kMaxExceptionListDays = 366;
const std::vector<int64_t> kSlotMinutes = {10, 15, 20, 30, 45, 60};

constexpr const char* kWeeklySchema =
    R"J({"type":"object","required":["weekday","start","end","type"],"properties":{
"weekday":{"type":"integer","minimum":1,"maximum":7,"description":"ISO weekday, 1 = Monday"},
"start":{"type":"string","pattern":"^\\d{2}:\\d{2}$","description":"local wall-clock time"},
"end":{"type":"string","pattern":"^\\d{2}:\\d{2}$","description":"local wall-clock time after start (24:00 allowed)"},
"type":{"type":"string","enum":["video","clinic"]},"location_id":{"type":["string","null"]}}})J";

std::string schedule_schema(bool request) {
  return std::string(R"J({"type":"object",)J") +
         (request ? R"J("required":["weekly"],)J" : R"J("required":["time_zone","slot_minutes","weekly","version"],)J") +
         R"J("properties":{"time_zone":{"type":"string","description":"IANA zone"},
"slot_minutes":{"type":"integer","enum":[10,15,20,30,45,60]},"weekly":{"type":"array","maxItems":100,"items":)J" +
         kWeeklySchema + R"J(},"version":{"type":"integer"}}})J";
}

constexpr const char* kExceptionSchema =
    R"J({"type":"object","required":["id","kind","date","start","end","type","location_id","note"],"properties":{
"id":{"type":"string"},"kind":{"type":"string","enum":["leave","extra"]},"date":{"type":"string","format":"date"},
"start":{"type":["string","null"]},"end":{"type":["string","null"]},"type":{"type":["string","null"],"enum":["video","clinic",null]},
"location_id":{"type":["string","null"]},"note":{"type":"string"}}})J";

constexpr const char* kExceptionInputSchema =
    R"J({"type":"object","required":["kind","date"],"additionalProperties":false,"properties":{
"kind":{"type":"string","enum":["leave","extra"]},"date":{"type":"string","format":"date"},
"start":{"type":["string","null"],"description":"HH:MM; with end: only that part of the day (leave) / required (extra)"},
"end":{"type":["string","null"]},"type":{"type":["string","null"],"enum":["video","clinic",null],"description":"required for extra"},
"location_id":{"type":["string","null"],"description":"required for clinic"},"note":{"type":["string","null"],"maxLength":500}}})J";

// The caller's doctor profile: 404 before it exists (the schedule needs its zone, types and locations).
Doctor own_doctor(Deps& d, const Request& req) {
  auto doc = find_doctor(d.ctx.db, req.principal.user_id);
  if (!doc) throw ApiError::not_found("Create your doctor profile first (PUT /v1/consultations/doctors/me).");
  return *doc;
}

int64_t schedule_version(const Reader& q, const std::string& doctor_id) {
  auto rs = q("SELECT version FROM doctor_schedules WHERE doctor_id = $1", {doctor_id});
  return rs.empty() ? 0 : rs.one().i64(0);
}

std::vector<WeeklyRange> load_weekly(const Reader& q, const std::string& doctor_id) {
  std::vector<WeeklyRange> out;
  for (const auto& r : q("SELECT weekday, start_minute, end_minute, type, location_id FROM doctor_weekly_hours "
                         "WHERE doctor_id = $1 ORDER BY weekday, start_minute",
                         {doctor_id})
                           .rows)
    out.push_back({static_cast<int>(r.i64(0)), static_cast<int>(r.i64(1)), static_cast<int>(r.i64(2)), r.str(3), r.str(4)});
  return out;
}

boost::json::value id_or_null(const std::string& s) { return s.empty() ? boost::json::value(nullptr) : boost::json::value(s); }

boost::json::object schedule_json(const std::string& zone, int slot_minutes, const std::vector<WeeklyRange>& weekly,
                                  int64_t version) {
  boost::json::array items;
  for (const auto& w : weekly)
    items.push_back({{"weekday", w.weekday},
                     {"start", slots::format_hhmm(w.start_minute)},
                     {"end", slots::format_hhmm(w.end_minute)},
                     {"type", w.type},
                     {"location_id", id_or_null(w.location_id)}});
  return {{"time_zone", zone}, {"slot_minutes", slot_minutes}, {"weekly", std::move(items)}, {"version", version}};
}

Response with_etag(int status, const boost::json::object& body, int64_t version) {
  auto r = Response::json(status, users::to_json(body));
  r.headers.set("etag", users::etag_of(version));
  return r;
}

// Type + location of a range or an extra exception: the type must be one the doctor offers; clinic names one
// of the doctor's locations, video none.
void check_type_location(const Doctor& doc, const std::string& field, const std::string& type,
                         const boost::json::object& o, std::string& location_id, std::vector<FieldError>& errors) {
  location_id.clear();
  const boost::json::value* loc = o.if_contains("location_id");
  if (loc && !loc->is_null() && !loc->is_string()) {
    errors.push_back({field + "location_id", "must be a string or null"});
    return;
  }
  if (loc && loc->is_string()) location_id = std::string(loc->as_string());
  if (!doc.fee_for(type)) {
    errors.push_back({field + "type", "your profile does not offer " + type + " consultations"});
    return;
  }
  if (type == "video") {
    if (!location_id.empty()) errors.push_back({field + "location_id", "must be null for video"});
    return;
  }
  if (location_id.empty()) {
    errors.push_back({field + "location_id", "a clinic range names one of your locations"});
    return;
  }
  if (std::none_of(doc.locations.begin(), doc.locations.end(), [&](const auto& l) { return l.id == location_id; }))
    errors.push_back({field + "location_id", "is not one of your locations"});
}

std::optional<std::string> str_member(const boost::json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

// The body of PUT /schedule: weekly ranges (sorted), zone and slot length (defaults: the profile's).
struct ScheduleInput {
  std::string time_zone;
  int slot_minutes = 15;
  std::vector<WeeklyRange> weekly;
};

ScheduleInput parse_schedule(const Request& req, const Doctor& doc) {
  json::BodyReader b(req);
  std::vector<FieldError> errors;
  for (const auto& [k, v] : b.object())
    if (k != "time_zone" && k != "slot_minutes" && k != "weekly" && k != "version")
      errors.push_back({std::string(k), "is not a schedule field"});
  ScheduleInput in;
  in.time_zone = doc.time_zone;
  in.slot_minutes = doc.slot_minutes;
  if (auto* tz = b.object().if_contains("time_zone"); tz && !tz->is_null()) {
    if (!tz->is_string() || !slots::valid_zone(std::string_view(tz->as_string())))
      errors.push_back({"time_zone", "must be an IANA time zone name such as Asia/Kolkata"});
    else
      in.time_zone = std::string(tz->as_string());
  }
  if (auto* sm = b.object().if_contains("slot_minutes"); sm && !sm->is_null()) {
    if (!sm->is_int64() || std::find(kSlotMinutes.begin(), kSlotMinutes.end(), sm->as_int64()) == kSlotMinutes.end())
      errors.push_back({"slot_minutes", "must be one of 10, 15, 20, 30, 45, 60"});
    else
      in.slot_minutes = static_cast<int>(sm->as_int64());
  }
  const boost::json::value* weekly = b.object().if_contains("weekly");
  if (!weekly || !weekly->is_array()) {
    errors.push_back({"weekly", "is required: a list of {weekday, start, end, type, location_id}"});
  } else if (weekly->as_array().size() > kMaxWeeklyRanges) {
    errors.push_back({"weekly", "at most 100 ranges"});
  } else {
    const auto& arr = weekly->as_array();
    for (size_t i = 0; i < arr.size(); i++) {
      std::string f = "weekly[" + std::to_string(i) + "].";
      if (!arr[i].is_object()) {
        errors.push_back({"weekly[" + std::to_string(i) + "]", "must be an object"});
        continue;
      }
      const auto& o = arr[i].as_object();
      size_t before = errors.size();
      for (const auto& [k, v] : o)
        if (k != "weekday" && k != "start" && k != "end" && k != "type" && k != "location_id")
          errors.push_back({f + std::string(k), "is not a range field"});
      WeeklyRange w;
      auto* wd = o.if_contains("weekday");
      if (!wd || !wd->is_int64() || wd->as_int64() < 1 || wd->as_int64() > 7)
        errors.push_back({f + "weekday", "must be 1 (Monday) to 7 (Sunday)"});
      else
        w.weekday = static_cast<int>(wd->as_int64());
      auto start = str_member(o, "start"), end = str_member(o, "end");
      auto s = start ? slots::parse_hhmm(*start) : std::nullopt;
      auto e = end ? slots::parse_hhmm(*end, true) : std::nullopt;
      if (!s) errors.push_back({f + "start", "must be a local time HH:MM"});
      if (!e) errors.push_back({f + "end", "must be a local time HH:MM (24:00 for midnight)"});
      if (s && e && *e <= *s) errors.push_back({f + "end", "must be after start"});
      else if (s && e && *e - *s < in.slot_minutes) errors.push_back({f + "end", "the range is shorter than one slot"});
      auto type = str_member(o, "type");
      if (!type || (*type != "video" && *type != "clinic")) errors.push_back({f + "type", "must be video or clinic"});
      else check_type_location(doc, f, *type, o, w.location_id, errors);
      if (errors.size() != before) continue;
      w.start_minute = *s;
      w.end_minute = *e;
      w.type = *type;
      in.weekly.push_back(std::move(w));
    }
  }
  std::sort(in.weekly.begin(), in.weekly.end(), [](const WeeklyRange& a, const WeeklyRange& b) {
    return a.weekday != b.weekday ? a.weekday < b.weekday : a.start_minute < b.start_minute;
  });
  for (size_t i = 1; i < in.weekly.size(); i++) {
    const auto &a = in.weekly[i - 1], &c = in.weekly[i];
    if (a.weekday == c.weekday && c.start_minute < a.end_minute)
      errors.push_back({"weekly", "ranges of weekday " + std::to_string(c.weekday) + " overlap (" +
                                      slots::format_hhmm(a.start_minute) + "-" + slots::format_hhmm(a.end_minute) + " and " +
                                      slots::format_hhmm(c.start_minute) + "-" + slots::format_hhmm(c.end_minute) + ")"});
  }
  if (!errors.empty()) throw ApiError::validation(errors);
  return in;
}

struct ExceptionRow {
  std::string id, kind, date, type, location_id, note;
  std::optional<int64_t> start, end;
};

boost::json::object exception_json(const ExceptionRow& e) {
  auto t = [](const std::optional<int64_t>& m) {
    return m ? boost::json::value(slots::format_hhmm(static_cast<int>(*m))) : boost::json::value(nullptr);
  };
  return {{"id", e.id},       {"kind", e.kind},
          {"date", e.date},   {"start", t(e.start)},
          {"end", t(e.end)},  {"type", e.type.empty() ? boost::json::value(nullptr) : boost::json::value(e.type)},
          {"location_id", id_or_null(e.location_id)}, {"note", e.note}};
}

ExceptionRow parse_exception(const Request& req, const Doctor& doc, slots::DayNumber today) {
  json::BodyReader b(req);
  std::vector<FieldError> errors;
  const auto& o = b.object();
  for (const auto& [k, v] : o)
    if (k != "kind" && k != "date" && k != "start" && k != "end" && k != "type" && k != "location_id" && k != "note")
      errors.push_back({std::string(k), "is not an exception field"});
  ExceptionRow e;
  auto kind = str_member(o, "kind");
  if (!kind || (*kind != "leave" && *kind != "extra")) errors.push_back({"kind", "must be leave or extra"});
  else e.kind = *kind;
  auto date = str_member(o, "date");
  auto day = date ? slots::parse_date(*date) : std::nullopt;
  if (!day) errors.push_back({"date", "must be a date YYYY-MM-DD"});
  else if (*day < today) errors.push_back({"date", "is in the past (in your time zone)"});
  else if (*day > today + kExceptionHorizonDays) errors.push_back({"date", "at most two years ahead"});
  else e.date = *date;
  auto has = [&](const char* k) { return o.contains(k) && !o.at(k).is_null(); };
  std::optional<int> s, en;
  if (has("start")) {
    auto v = str_member(o, "start");
    if (!(s = v ? slots::parse_hhmm(*v) : std::nullopt)) errors.push_back({"start", "must be a local time HH:MM"});
  }
  if (has("end")) {
    auto v = str_member(o, "end");
    if (!(en = v ? slots::parse_hhmm(*v, true) : std::nullopt)) errors.push_back({"end", "must be a local time HH:MM"});
  }
  if (has("start") != has("end")) errors.push_back({has("start") ? "end" : "start", "give both start and end, or neither"});
  if (s && en && *en <= *s) errors.push_back({"end", "must be after start"});
  if (e.kind == "extra") {
    if (!has("start") && !has("end")) errors.push_back({"start", "extra hours need start and end"});
    auto type = str_member(o, "type");
    if (!type || (*type != "video" && *type != "clinic")) {
      errors.push_back({"type", "extra hours need a type: video or clinic"});
    } else {
      e.type = *type;
      check_type_location(doc, "", *type, o, e.location_id, errors);
    }
    if (s && en && *en - *s < doc.slot_minutes) errors.push_back({"end", "the range is shorter than one slot"});
  } else if (e.kind == "leave") {
    if (has("type")) errors.push_back({"type", "leave has no type"});
    if (has("location_id")) errors.push_back({"location_id", "leave has no location"});
  }
  if (has("note")) {
    auto note = str_member(o, "note");
    if (!note || json::utf8_length(*note) > 500 || !json::valid_text(*note)) errors.push_back({"note", "must be text of at most 500 characters"});
    else e.note = *note;
  }
  if (!errors.empty()) throw ApiError::validation(errors);
  if (s) e.start = *s;
  if (en) e.end = *en;
  return e;
}

}  // namespace

void replace_weekly_hours(Deps& d, db::Session& tx, const std::string& doctor_id, const std::vector<WeeklyRange>& ranges) {
  lock_doctor(tx, doctor_id);
  tx.exec("DELETE FROM doctor_weekly_hours WHERE doctor_id = $1", {doctor_id});
  for (const auto& w : ranges)
    tx.exec("INSERT INTO doctor_weekly_hours (doctor_id, weekday, start_minute, end_minute, type, location_id) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            {doctor_id, static_cast<int64_t>(w.weekday), static_cast<int64_t>(w.start_minute),
             static_cast<int64_t>(w.end_minute), w.type,
             w.location_id.empty() ? db::Value(nullptr) : db::Value(w.location_id)});
  tx.exec("INSERT INTO doctor_schedules (doctor_id, version, updated_at) VALUES ($1, 1, $2) "
          "ON CONFLICT (doctor_id) DO UPDATE SET version = doctor_schedules.version + 1, updated_at = excluded.updated_at",
          {doctor_id, db::now_ms()});
  refresh_availability(d, tx, doctor_id);
}

void register_schedule_routes(http::Router& r, Deps& d) {
  r.add({.method = "GET", .path = "/v1/consultations/doctors/me/schedule", .tag = "consultations",
         .summary = "The doctor's weekly working hours, time zone and slot length (version 0 before the first PUT).",
         .permission = "doctor.practice", .response_schema = schedule_schema(false),
         .handler = [&d](Request& req) {
           Doctor doc = own_doctor(d, req);
           Reader q(d.ctx.db);
           int64_t version = schedule_version(q, doc.user_id);
           return with_etag(200, schedule_json(doc.time_zone, doc.slot_minutes, load_weekly(q, doc.user_id), version), version);
         }});

  r.add({.method = "PUT", .path = "/v1/consultations/doctors/me/schedule", .tag = "consultations",
         .summary = "Replace the weekly working hours (If-Match after the first PUT); may change the time zone and slot length.",
         .permission = "doctor.practice", .request_schema = schedule_schema(true), .response_schema = schedule_schema(false),
         .handler = [&d](Request& req) {
           Doctor doc = own_doctor(d, req);
           auto if_match = req.header("if-match");
           std::optional<int64_t> expected;
           if (if_match && !if_match->empty()) {
             // Version 0 (no schedule saved yet) is an ETag we issue too, so a client may send it back.
             expected = *if_match == "\"0\"" ? std::optional<int64_t>(0) : users::parse_if_match(*if_match);
             if (!expected)
               throw ApiError(412, "precondition-failed", "Precondition failed", "If-Match does not match the schedule's ETag.");
           }
           ScheduleInput in = parse_schedule(req, doc);
           int64_t version = 0;
           d.ctx.db.transaction([&](db::Session& tx) {
             lock_doctor(tx, doc.user_id);
             int64_t current = schedule_version(Reader(tx), doc.user_id);
             if (current > 0 && !expected)
               throw ApiError(428, "precondition-required", "Precondition required",
                              "Send If-Match with the schedule's ETag, so concurrent changes are not lost.");
             if (expected && *expected != current)
               throw ApiError(412, "precondition-failed", "Precondition failed",
                              "The schedule was changed since you read it; read it again.");
             if (in.time_zone != doc.time_zone || in.slot_minutes != doc.slot_minutes)
               tx.exec("UPDATE doctors SET time_zone = $2, slot_minutes = $3, updated_at = $4, version = version + 1 "
                       "WHERE user_id = $1",
                       {doc.user_id, in.time_zone, static_cast<int64_t>(in.slot_minutes), db::now_ms()});
             replace_weekly_hours(d, tx, doc.user_id, in.weekly);
             version = current + 1;
           });
           return with_etag(200, schedule_json(in.time_zone, in.slot_minutes, in.weekly, version), version);
         }});

  r.add({.method = "GET", .path = "/v1/consultations/doctors/me/exceptions", .tag = "consultations",
         .summary = "The doctor's leave and extra hours between two local dates (default: today and the next 90 days).",
         .permission = "doctor.practice",
         .response_schema = std::string(R"J({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":)J") +
                            kExceptionSchema + "}}}",
         .query_params = {{"from", "First local date YYYY-MM-DD (default today)"},
                          {"to", "Last local date YYYY-MM-DD, inclusive (default from + 90 days; at most 366 days)"}},
         .handler = [&d](Request& req) {
           Doctor doc = own_doctor(d, req);
           std::vector<FieldError> errors;
           auto from_text = req.query_param("from"), to_text = req.query_param("to");
           std::optional<slots::DayNumber> from, to;
           if (from_text && !(from = slots::parse_date(*from_text))) errors.push_back({"from", "must be a date YYYY-MM-DD"});
           if (to_text && !(to = slots::parse_date(*to_text))) errors.push_back({"to", "must be a date YYYY-MM-DD"});
           if (!errors.empty()) throw ApiError::validation(errors, "The query has invalid parameters.");
           auto zone = slots::find_zone(doc.time_zone);
           auto first = from.value_or(zone ? slots::local_day_of(db::now_ms(), zone) : 0);
           auto last = to.value_or(first + 90);
           if (last < first) errors.push_back({"to", "must not be before from"});
           else if (last - first + 1 > kMaxExceptionListDays) errors.push_back({"to", "at most 366 days at once"});
           if (!errors.empty()) throw ApiError::validation(errors, "The query has invalid parameters.");
           boost::json::array items;
           for (const auto& row : d.ctx.db.query(db::ReadFrom::primary,
                                                 "SELECT id, kind, local_date, start_minute, end_minute, type, location_id, note "
                                                 "FROM doctor_exceptions WHERE doctor_id = $1 AND local_date >= $2 AND local_date <= $3 "
                                                 "ORDER BY local_date, start_minute, id",
                                                 {doc.user_id, slots::format_date(first), slots::format_date(last)})
                                          .rows)
             items.push_back(exception_json({row.str(0), row.str(1), row.str(2), row.str(5), row.str(6), row.str(7),
                                             row.opt_i64(3), row.opt_i64(4)}));
           return Response::json(200, users::to_json(boost::json::object{{"items", std::move(items)}}));
         }});

  r.add({.method = "POST", .path = "/v1/consultations/doctors/me/exceptions", .tag = "consultations",
         .summary = "Add leave (whole day or part of it) or extra hours on one local date.",
         .permission = "doctor.practice", .request_schema = kExceptionInputSchema, .response_schema = kExceptionSchema,
         .success_status = 201,
         .handler = [&d](Request& req) {
           Doctor doc = own_doctor(d, req);
           auto zone = slots::find_zone(doc.time_zone);
           if (!zone) throw ApiError::conflict("Your profile's time zone is not valid; fix it first.");
           ExceptionRow e = parse_exception(req, doc, slots::local_day_of(db::now_ms(), zone));
           e.id = util::new_id("exc");
           d.ctx.db.transaction([&](db::Session& tx) {
             lock_doctor(tx, doc.user_id);
             auto n = tx.exec("SELECT COUNT(*) FROM doctor_exceptions WHERE doctor_id = $1 AND local_date >= $2",
                              {doc.user_id, e.date});
             if (n.one().i64(0) >= kMaxExceptions)
               throw ApiError::conflict("At most 1000 upcoming exceptions can be kept; delete some first.");
             tx.exec("INSERT INTO doctor_exceptions (id, doctor_id, kind, local_date, start_minute, end_minute, type, "
                     "location_id, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                     {e.id, doc.user_id, e.kind, e.date, e.start ? db::Value(*e.start) : db::Value(nullptr),
                      e.end ? db::Value(*e.end) : db::Value(nullptr), e.type.empty() ? db::Value(nullptr) : db::Value(e.type),
                      e.location_id.empty() ? db::Value(nullptr) : db::Value(e.location_id), e.note, db::now_ms()});
             refresh_availability(d, tx, doc.user_id);
           });
           return Response::json(201, users::to_json(exception_json(e)));
         }});

  r.add({.method = "DELETE", .path = "/v1/consultations/doctors/me/exceptions/{exception_id}", .tag = "consultations",
         .summary = "Remove an exception.", .permission = "doctor.practice", .success_status = 204,
         .handler = [&d](Request& req) {
           const std::string& id = req.param("exception_id");
           if (!util::is_id(id, "exc")) throw ApiError::not_found("No such exception.");
           d.ctx.db.transaction([&](db::Session& tx) {
             lock_doctor(tx, req.principal.user_id);
             auto del = tx.exec("DELETE FROM doctor_exceptions WHERE id = $1 AND doctor_id = $2", {id, req.principal.user_id});
             if (del.affected != 1) throw ApiError::not_found("No such exception.");
             refresh_availability(d, tx, req.principal.user_id);
           });
           return Response::no_content();
         }});
}

}  // namespace kiorex::consultations
