// The doctor's own profile (GET/PUT /v1/consultations/doctors/me, POST …/me/submit), the specialty list, and
// reading/writing profiles for the other files of the part (doctors.hpp) and the other parts (find_doctor).
// A profile is created as a draft by the first PUT; submitting it puts it in the admin's queue (pending);
// verification.cpp approves or rejects it. Editing a verified profile's registration or specialties sends it
// back to pending (and out of search) until an admin looks again.
#include "modules/consultations/doctors.hpp"

#include <boost/json.hpp>
#include <mutex>

#include "core/audit/audit_log.hpp"
#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/module.hpp"
#include "core/util/ids.hpp"
#include "modules/users/common.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

using http::ApiError;
using http::Request;
using http::Response;

// ---- specialties ----

namespace {

struct SpecialtyCache {
  std::mutex m;
  const db::Database* db = nullptr;
  std::vector<Specialty> list;
  std::vector<std::string> ids;
};

SpecialtyCache& specialty_cache(db::Database& db) {
  static SpecialtyCache cache;
  std::lock_guard lk(cache.m);
  if (cache.db != &db || cache.list.empty()) {
    std::vector<Specialty> list;
    std::vector<std::string> ids;
    for (const auto& r :
         db.query(db::ReadFrom::replica_ok, "SELECT id, name, aliases FROM specialties ORDER BY sort_order, id").rows) {
      Specialty s{r.str(0), r.str(1), {}};
      boost::system::error_code ec;
      auto v = boost::json::parse(r.str(2), ec);
      if (!ec && v.is_array())
        for (const auto& a : v.as_array())
          if (a.is_string()) s.aliases.emplace_back(a.as_string());
      ids.push_back(s.id);
      list.push_back(std::move(s));
    }
    cache.list = std::move(list);
    cache.ids = std::move(ids);
    cache.db = &db;
  }
  return cache;
}

}  // namespace

const std::vector<Specialty>& specialty_list(db::Database& db) { return specialty_cache(db).list; }
const std::vector<std::string>& specialty_ids(db::Database& db) { return specialty_cache(db).ids; }
const Specialty* specialty_by_id(db::Database& db, const std::string& id) {
  for (const auto& s : specialty_list(db))
    if (s.id == id) return &s;
  return nullptr;
}

// ---- reading and writing profiles ----

namespace {

constexpr const char* kProfileSql =
    "SELECT d.user_id, d.name, d.gender, t.bio, d.photo_ref, d.specialty_ids, t.qualifications, d.registration_number, "
    "d.registration_council, d.experience_years, d.languages, t.conditions, d.currency, d.video_fee, d.clinic_fee, "
    "d.time_zone, d.slot_minutes, d.follow_up_days, d.status, d.rejection_reason, d.submitted_at, d.verified_at, "
    "d.rating_count, d.rating_avg, d.next_available_at, d.version, d.created_at, d.updated_at, "
    "l.id, l.name, l.line1, l.line2, l.city, l.region, l.postal_code, l.country, l.lat, l.lng "
    "FROM doctors d LEFT JOIN doctor_details t ON t.user_id = d.user_id LEFT JOIN doctor_locations l ON l.doctor_id = "
    "d.user_id "
    "WHERE d.user_id = $1 "
    "ORDER BY l.sort_order";

std::vector<std::string> string_array(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (!ec && v.is_array())
    for (const auto& e : v.as_array())
      if (e.is_string()) out.emplace_back(e.as_string());
  return out;
}

std::string json_array(const std::vector<std::string>& list) {
  boost::json::array a;
  for (const auto& s : list) a.emplace_back(s);
  return boost::json::serialize(a);
}

std::optional<Profile> profile_from(const db::ResultSet& rs) {
  if (rs.empty()) return std::nullopt;
  const auto& r = rs.rows.front();
  Profile p;
  p.user_id = r.str(0);
  p.name = r.str(1);
  p.gender = r.str(2);
  p.bio = r.opt_str(3);
  p.photo_ref = r.opt_str(4);
  p.specialties = string_array(r.str(5));
  boost::system::error_code ec;
  auto q = boost::json::parse(r.str(6), ec);
  if (!ec && q.is_array())
    for (const auto& e : q.as_array()) {
      if (!e.is_object()) continue;
      const auto& o = e.as_object();
      Qualification qual;
      if (const auto* d = o.if_contains("degree"); d && d->is_string()) qual.degree = std::string(d->as_string());
      if (const auto* i = o.if_contains("institution"); i && i->is_string())
        qual.institution = std::string(i->as_string());
      if (const auto* y = o.if_contains("year"); y && y->is_int64()) qual.year = y->as_int64();
      p.qualifications.push_back(std::move(qual));
    }
  p.registration_number = r.str(7);
  p.registration_council = r.str(8);
  p.experience_years = r.opt_i64(9);
  p.languages = string_array(r.str(10));
  p.conditions = string_array(r.str(11));
  p.currency = r.str(12);
  p.video_fee = r.opt_i64(13);
  p.clinic_fee = r.opt_i64(14);
  p.time_zone = r.str(15);
  p.slot_minutes = r.i64(16);
  p.follow_up_days = r.i64(17);
  p.status = r.str(18);
  p.rejection_reason = r.opt_str(19);
  p.submitted_at = r.opt_i64(20);
  p.verified_at = r.opt_i64(21);
  p.rating_count = r.i64(22);
  p.rating_avg = r.f64(23);
  p.next_available_at = r.opt_i64(24);
  p.version = r.i64(25);
  p.created_at = r.i64(26);
  p.updated_at = r.i64(27);
  for (const auto& row : rs.rows) {
    if (row.is_null(28)) continue;
    Location l;
    l.id = row.str(28);
    l.name = row.str(29);
    l.line1 = row.str(30);
    l.line2 = row.str(31);
    l.city = row.str(32);
    l.region = row.str(33);
    l.postal_code = row.str(34);
    l.country = row.str(35);
    l.lat = row.f64(36);
    l.lng = row.f64(37);
    p.locations.push_back(std::move(l));
  }
  return p;
}

db::Value opt_value(const std::optional<int64_t>& v) { return v ? db::Value(*v) : db::Value(nullptr); }
db::Value opt_value(const std::optional<std::string>& v) { return v ? db::Value(*v) : db::Value(nullptr); }
db::Value text_or_null(const std::string& s) { return s.empty() ? db::Value(nullptr) : db::Value(s); }

std::string qualifications_text(const Profile& p) { return boost::json::serialize(qualifications_json(p)); }

// The language index holds each tag as given ("en-GB") and its primary language ("en"), so a filter on "en"
// finds every English speaker.
std::vector<std::string> language_index(const std::vector<std::string>& langs) {
  std::vector<std::string> out;
  for (const auto& l : langs) {
    std::string primary = l.substr(0, l.find('-'));
    for (const auto& v : {l, primary})
      if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

}  // namespace

std::optional<Profile> load_profile(db::Database& db, const std::string& user_id) {
  return profile_from(db.query(db::ReadFrom::primary, kProfileSql, {user_id}));
}

std::optional<Profile> load_profile(db::Session& tx, const std::string& user_id) {
  return profile_from(tx.exec(kProfileSql, {user_id}));
}

bool store_profile(Deps& d, db::Session& tx, Profile& p, int64_t now) {
  std::optional<int64_t> min_fee, max_fee;
  for (const auto& f : {p.video_fee, p.clinic_fee}) {
    if (!f) continue;
    min_fee = min_fee ? std::min(*min_fee, *f) : *f;
    max_fee = max_fee ? std::max(*max_fee, *f) : *f;
  }
  const std::vector<db::Value> values = {p.user_id,
                                         p.name,
                                         text_or_null(p.gender),
                                         opt_value(p.photo_ref),
                                         json_array(p.specialties),
                                         text_or_null(p.registration_number),
                                         text_or_null(p.registration_council),
                                         opt_value(p.experience_years),
                                         json_array(p.languages),
                                         text_or_null(p.currency),
                                         opt_value(p.video_fee),
                                         opt_value(p.clinic_fee),
                                         opt_value(min_fee),
                                         opt_value(max_fee),
                                         text_or_null(p.time_zone),
                                         p.slot_minutes,
                                         p.follow_up_days,
                                         p.status,
                                         opt_value(p.rejection_reason),
                                         opt_value(p.submitted_at),
                                         opt_value(p.verified_at),
                                         now,
                                         p.version};
  const std::vector<db::Value> details = {p.user_id, opt_value(p.bio), qualifications_text(p),
                                          json_array(p.conditions)};
  const bool is_new = p.version == 0;
  if (is_new) {
    tx.exec(
        "INSERT INTO doctors (user_id, name, gender, photo_ref, specialty_ids, registration_number, "
        "registration_council, "
        "experience_years, languages, currency, video_fee, clinic_fee, min_fee, max_fee, time_zone, slot_minutes, "
        "follow_up_days, status, rejection_reason, submitted_at, verified_at, version, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 1, "
        "$22, $22)",
        std::vector<db::Value>(values.begin(), values.end() - 1));
    tx.exec("INSERT INTO doctor_details (user_id, bio, qualifications, conditions) VALUES ($1, $2, $3, $4)", details);
    p.version = 1;
    p.created_at = now;
  } else {
    auto r = tx.exec(
        "UPDATE doctors SET name = $2, gender = $3, photo_ref = $4, specialty_ids = $5, registration_number = $6, "
        "registration_council = $7, experience_years = $8, languages = $9, currency = $10, video_fee = $11, "
        "clinic_fee = $12, min_fee = $13, max_fee = $14, time_zone = $15, slot_minutes = $16, follow_up_days = $17, "
        "status = $18, rejection_reason = $19, submitted_at = $20, verified_at = $21, version = version + 1, "
        "updated_at = $22 WHERE user_id = $1 AND version = $23",
        values);
    if (r.affected != 1) return false;
    p.version++;
    tx.exec("UPDATE doctor_details SET bio = $2, qualifications = $3, conditions = $4 WHERE user_id = $1", details);
    tx.exec("DELETE FROM doctor_specialties WHERE doctor_id = $1", {p.user_id});
    tx.exec("DELETE FROM doctor_languages WHERE doctor_id = $1", {p.user_id});
  }
  p.updated_at = now;
  for (const auto& s : p.specialties)
    tx.exec("INSERT INTO doctor_specialties (specialty_id, doctor_id) VALUES ($1, $2)", {s, p.user_id});
  for (const auto& l : language_index(p.languages))
    tx.exec("INSERT INTO doctor_languages (language, doctor_id) VALUES ($1, $2)", {l, p.user_id});

  // Locations: new ones get ids; ones the profile no longer lists are removed.
  std::vector<std::string> keep;
  for (const auto& l : p.locations)
    if (!l.id.empty()) keep.push_back(l.id);
  if (!is_new) {
    for (const auto& row : tx.exec("SELECT id FROM doctor_locations WHERE doctor_id = $1", {p.user_id}).rows) {
      std::string id = row.str(0);
      if (std::find(keep.begin(), keep.end(), id) != keep.end()) continue;
      // Weekly hours, extra hours and coming bookings name their location: it cannot go while they do.
      auto used = tx.exec(
          "SELECT 1 FROM doctor_weekly_hours WHERE doctor_id = $1 AND location_id = $2 UNION ALL "
          "SELECT 1 FROM doctor_exceptions WHERE doctor_id = $1 AND location_id = $2 UNION ALL "
          "SELECT 1 FROM bookings WHERE doctor_id = $1 AND location_id = $2 AND slot_end > $3 "
          "AND status IN ('pending_payment', 'confirmed', 'in_progress')",
          {p.user_id, id, now});
      if (!used.empty())
        throw http::ApiError(409, "location-in-use", "Location in use",
                             "Location " + id + " is used by your schedule or coming bookings; change those first.");
      tx.exec("DELETE FROM doctor_locations WHERE id = $1 AND doctor_id = $2", {id, p.user_id});
    }
  }
  int64_t order = 0;
  for (auto& l : p.locations) {
    order++;
    const bool fresh = l.id.empty();
    if (fresh) l.id = util::new_id("loc");
    std::vector<db::Value> v = {l.id,
                                p.user_id,
                                l.name,
                                l.line1,
                                text_or_null(l.line2),
                                l.city,
                                text_or_null(l.region),
                                text_or_null(l.postal_code),
                                l.country,
                                l.lat,
                                l.lng,
                                order,
                                now};
    if (fresh)
      tx.exec(
          "INSERT INTO doctor_locations (id, doctor_id, name, line1, line2, city, region, postal_code, country, lat, "
          "lng, sort_order, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
          "$13)",
          v);
    else
      tx.exec(
          "UPDATE doctor_locations SET name = $3, line1 = $4, line2 = $5, city = $6, region = $7, postal_code = $8, "
          "country = $9, lat = $10, lng = $11, sort_order = $12, updated_at = $13 WHERE id = $1 AND doctor_id = $2",
          v);
  }
  reindex_doctor(d, tx, p);
  return true;
}

void set_provider_verification(db::Session& tx, const std::string& user_id, const std::string& status) {
  tx.exec("UPDATE users SET provider_verification = $2, updated_at = $3 WHERE id = $1",
          {user_id, status, db::now_ms()});
}

namespace {

Doctor doctor_from(const Profile& p) {
  Doctor d;
  d.user_id = p.user_id;
  d.name = p.name;
  d.status = p.status;
  d.time_zone = p.time_zone;
  d.currency = p.currency;
  d.registration_number = p.registration_number;
  d.registration_council = p.registration_council;
  d.slot_minutes = static_cast<int>(p.slot_minutes);
  d.follow_up_days = static_cast<int>(p.follow_up_days);
  d.video_fee = p.video_fee;
  d.clinic_fee = p.clinic_fee;
  for (const auto& l : p.locations) d.locations.push_back({l.id, l.name, l.city, l.lat, l.lng});
  return d;
}

}  // namespace

std::optional<Doctor> find_doctor(db::Database& db, const std::string& user_id) {
  auto p = load_profile(db, user_id);
  if (!p) return std::nullopt;
  return doctor_from(*p);
}

std::optional<Doctor> find_doctor(db::Session& tx, const std::string& user_id) {
  auto p = load_profile(tx, user_id);
  if (!p) return std::nullopt;
  return doctor_from(*p);
}

// ---- routes ----

namespace {

const char* const kProfileSchema = R"J({"type":"object","required":["user_id","name","status","version"],"properties":{
"user_id":{"type":"string"},"name":{"type":"string"},"gender":{"type":["string","null"],"enum":["female","male","other","undisclosed",null]},
"bio":{"type":["string","null"]},"photo_ref":{"type":["string","null"]},"specialties":{"type":"array","items":{"type":"string"}},
"qualifications":{"type":"array","items":{"type":"object","properties":{"degree":{"type":"string"},"institution":{"type":["string","null"]},"year":{"type":["integer","null"]}}}},
"registration":{"type":["object","null"],"properties":{"number":{"type":"string"},"council":{"type":"string"}}},
"experience_years":{"type":["integer","null"]},"languages":{"type":"array","items":{"type":"string"}},
"conditions":{"type":"array","items":{"type":"string"}},
"consultation_types":{"type":"object","properties":{"video":{"type":"object","properties":{"fee":{"type":"object","properties":{"amount":{"type":"integer"},"currency":{"type":"string"}}}}},"clinic":{"type":"object","properties":{"fee":{"type":"object","properties":{"amount":{"type":"integer"},"currency":{"type":"string"}}}}}}},
"locations":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"},
"address":{"type":"object","properties":{"line1":{"type":"string"},"line2":{"type":["string","null"]},"city":{"type":"string"},"region":{"type":["string","null"]},
"postal_code":{"type":["string","null"]},"country":{"type":"string"}}},"lat":{"type":"number"},"lng":{"type":"number"}}}},
"time_zone":{"type":["string","null"]},"slot_minutes":{"type":"integer"},"follow_up_days":{"type":"integer"},
"status":{"type":"string","enum":["draft","pending","verified","rejected"]},"rejection_reason":{"type":["string","null"]},
"submitted_at":{"type":["string","null"],"format":"date-time"},"verified_at":{"type":["string","null"],"format":"date-time"},
"rating":{"type":"object","properties":{"average":{"type":["number","null"]},"raw_average":{"type":["number","null"]},"count":{"type":"integer"},"score":{"type":["number","null"]}}},
"version":{"type":"integer"},"updated_at":{"type":"string","format":"date-time"}}})J";

const char* const kProfilePutSchema = R"J({"type":"object","additionalProperties":false,"properties":{
"gender":{"type":"string","enum":["female","male","other","undisclosed"]},"bio":{"type":["string","null"],"maxLength":4000},
"photo_ref":{"type":["string","null"],"maxLength":200},
"specialties":{"type":"array","minItems":1,"maxItems":5,"items":{"type":"string","description":"an id of GET /v1/consultations/specialties"}},
"qualifications":{"type":"array","maxItems":10,"items":{"type":"object","required":["degree"],"additionalProperties":false,"properties":{
"degree":{"type":"string","minLength":2,"maxLength":80},"institution":{"type":"string","maxLength":120},"year":{"type":"integer","minimum":1940}}}},
"registration":{"type":"object","required":["number","council"],"additionalProperties":false,"properties":{
"number":{"type":"string","minLength":3,"maxLength":40},"council":{"type":"string","minLength":3,"maxLength":120}}},
"experience_years":{"type":"integer","minimum":0,"maximum":70},
"languages":{"type":"array","minItems":1,"maxItems":10,"items":{"type":"string","description":"BCP 47"}},
"conditions":{"type":"array","maxItems":50,"items":{"type":"string","minLength":2,"maxLength":80}},
"consultation_types":{"type":"object","minProperties":1,"additionalProperties":false,"properties":{
"video":{"type":"object","required":["fee"],"additionalProperties":false,"properties":{"fee":{"type":"object","required":["amount","currency"],"additionalProperties":false,"properties":{"amount":{"type":"integer","minimum":0,"maximum":10000000},"currency":{"type":"string","pattern":"^[A-Z]{3}$"}}}}},
"clinic":{"type":"object","required":["fee"],"additionalProperties":false,"properties":{"fee":{"type":"object","required":["amount","currency"],"additionalProperties":false,"properties":{"amount":{"type":"integer","minimum":0,"maximum":10000000},"currency":{"type":"string","pattern":"^[A-Z]{3}$"}}}}}}},
"locations":{"type":"array","maxItems":5,"items":{"type":"object","required":["name","address","lat","lng"],"additionalProperties":false,"properties":{
"id":{"type":"string","description":"an existing location's id; leave out for a new one"},"name":{"type":"string","minLength":2,"maxLength":120},
"address":{"type":"object","required":["line1","city","country"],"additionalProperties":false,"properties":{"line1":{"type":"string","maxLength":200},
"line2":{"type":"string","maxLength":200},"city":{"type":"string","maxLength":100},"region":{"type":"string","maxLength":100},
"postal_code":{"type":"string","maxLength":20},"country":{"type":"string","pattern":"^[A-Z]{2}$"}}},
"lat":{"type":"number","minimum":-90,"maximum":90},"lng":{"type":"number","minimum":-180,"maximum":180}}}},
"time_zone":{"type":"string","description":"IANA time zone"},"slot_minutes":{"type":"integer","enum":[10,15,20,30,45,60]},
"follow_up_days":{"type":"integer","minimum":0,"maximum":30}}})J";

Response profile_response(int status, const Profile& p) {
  auto r = Response::json(status, users::to_json(profile_json(p)));
  r.headers.set("etag", users::etag_of(p.version));
  return r;
}

void audit(Deps& d, db::Session& tx, const Request& req, const std::string& action, const std::string& doctor_id,
           boost::json::object details) {
  audit::AuditRecord r;
  r.actor_id = req.principal.user_id;
  r.actor_role = req.principal.role;
  r.action = action;
  r.subject_id = doctor_id;
  r.resource = "doctors:" + doctor_id;
  r.reason = "self";
  r.request_id = req.request_id;
  r.ip = req.remote_ip;
  r.outcome = "success";
  r.details = std::move(details);
  d.ctx.audit.append(tx, r);
}

}  // namespace

void register_doctor_routes(http::Router& r, Deps& d) {
  r.add({.method = "GET",
         .path = "/v1/consultations/specialties",
         .tag = "consultations",
         .summary = "The specialty list (ids are what profiles and the search's specialty filter use; aliases are "
                    "searchable).",
         .permission = "public",
         .response_schema =
             R"J({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"type":"object",
"required":["id","name","aliases"],"properties":{"id":{"type":"string"},"name":{"type":"string"},"aliases":{"type":"array","items":{"type":"string"}}}}}}})J",
         .handler = [&d](Request&) {
           boost::json::array items;
           for (const auto& s : specialty_list(d.ctx.db)) {
             boost::json::array aliases;
             for (const auto& a : s.aliases) aliases.emplace_back(a);
             items.push_back(boost::json::object{{"id", s.id}, {"name", s.name}, {"aliases", std::move(aliases)}});
           }
           auto res = Response::json(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
           res.headers.set("cache-control", "public, max-age=3600");
           return res;
         }});

  r.add({.method = "GET",
         .path = "/v1/consultations/doctors/me",
         .tag = "consultations",
         .summary =
             "The calling doctor's own profile with its verification status, with ETag (404 before the first PUT).",
         .permission = "doctor.practice",
         .response_schema = kProfileSchema,
         .handler = [&d](Request& req) {
           auto p = load_profile(d.ctx.db, req.principal.user_id);
           if (!p) throw ApiError::not_found("You have no doctor profile yet; create it with PUT.");
           return profile_response(200, *p);
         }});

  r.add(
      {.method = "PUT",
       .path = "/v1/consultations/doctors/me",
       .tag = "consultations",
       .summary = "Create (201) or update (200, If-Match required) the calling doctor's profile. Members left out keep "
                  "their value. A submitted profile must stay complete; changing a verified profile's registration "
                  "or specialties sends it back to pending verification.",
       .permission = "doctor.practice",
       .request_schema = kProfilePutSchema,
       .response_schema = kProfileSchema,
       .success_status = 200,
       .handler = [&d](Request& req) {
         const std::string& me = req.principal.user_id;
         auto current = load_profile(d.ctx.db, me);
         int64_t expected = 0;
         if (current) {
           expected = users::required_if_match(req);
           if (expected != current->version) throw users::precondition_failed();
         } else if (req.header("if-match")) {
           throw users::precondition_failed();
         }
         json::BodyReader b(req);
         Profile base;
         if (current) base = *current;
         base.user_id = me;
         std::vector<http::FieldError> errors;
         Profile p = apply_profile_put(b.object(), base, specialty_ids(d.ctx.db), errors);
         if (!errors.empty()) throw ApiError::validation(errors);
         if (p.status == "pending" || p.status == "verified") {
           auto missing = missing_for_submission(p);
           if (!missing.empty()) throw ApiError::validation(missing, "A submitted profile must stay complete.");
         }
         const bool reverify = current && current->status == "verified" && needs_reverification(*current, p);
         const bool schedule_basis_changed =
             current && (current->time_zone != p.time_zone || current->slot_minutes != p.slot_minutes);
         d.ctx.db.transaction([&](db::Session& tx) {
           const int64_t now = db::now_ms();
           auto account = tx.exec("SELECT name FROM users WHERE id = $1", {me});
           if (account.empty()) throw ApiError::not_found("No such account.");
           p.name = account.one().str(0);
           p.version = expected;
           if (reverify) {
             p.status = "pending";
             p.submitted_at = now;
             p.verified_at.reset();
             set_provider_verification(tx, me, "pending");
           }
           if (!store_profile(d, tx, p, now)) throw users::precondition_failed();
           if (schedule_basis_changed) refresh_availability(d, tx, me);
           boost::json::object details{{"status", p.status}};
           if (reverify) details["reverification"] = true;
           audit(d, tx, req, current ? "provider.profile_updated" : "provider.profile_created", me, std::move(details));
         });
         search_changed(d.ctx.db);
         return profile_response(current ? 200 : 201, p);
       }});

  r.add({.method = "POST",
         .path = "/v1/consultations/doctors/me/submit",
         .tag = "consultations",
         .summary = "Submit the calling doctor's complete profile for verification (status pending; 422 lists what is "
                    "missing, 409 when it is already pending or verified).",
         .permission = "doctor.practice",
         .request_schema = R"J({"type":"object","additionalProperties":false,"description":"empty"})J",
         .response_schema = kProfileSchema,
         .handler = [&d](Request& req) {
           const std::string& me = req.principal.user_id;
           json::BodyReader b(req, true);
           if (!b.object().empty()) {
             std::vector<http::FieldError> errors;
             for (const auto& kv : b.object())
               errors.push_back({std::string(kv.key()), "is not a member of this request"});
             throw ApiError::validation(errors);
           }
           auto p = load_profile(d.ctx.db, me);
           if (!p) throw ApiError::not_found("You have no doctor profile yet; create it with PUT first.");
           if (p->status == "pending") throw ApiError::conflict("The profile is already waiting for verification.");
           if (p->status == "verified") throw ApiError::conflict("The profile is already verified.");
           auto missing = missing_for_submission(*p);
           if (!missing.empty()) throw ApiError::validation(missing, "The profile is not complete yet.");
           d.ctx.db.transaction([&](db::Session& tx) {
             const int64_t now = db::now_ms();
             auto u = tx.exec(
                 "UPDATE doctors SET status = 'pending', submitted_at = $2, rejection_reason = NULL, "
                 "version = version + 1, updated_at = $2 WHERE user_id = $1 AND version = $3 AND "
                 "status IN ('draft', 'rejected')",
                 {me, now, p->version});
             if (u.affected != 1) throw ApiError::conflict("The profile changed meanwhile; read it again.");
             set_provider_verification(tx, me, "pending");
             audit(d, tx, req, "provider.submitted", me, {});
           });
           auto fresh = load_profile(d.ctx.db, me);
           return profile_response(200, *fresh);
         }});
}

}  // namespace kiorex::consultations
