// What the signed-in home pages (web/src/pages/Home.tsx) need that the other routes do not give:
//
//   GET /v1/admin/providers/counts   how many providers wait in each verification status (the admin's queue card)
//   GET /v1/admin/providers/{id}     one provider's full profile for the reviewer (locations, languages, fees, …)
//   GET /v1/prescriptions            the caller's latest prescriptions: a patient's own and their dependents', or
//                                    the ones a doctor issued (newest first; ids, dates and names, not contents)
//
// Read-only; nothing here changes data. The prescription list shows who was prescribed for and when, so it is
// audited like the bookings list (one record per patient shown); its medicines are read on the prescription's
// own page, which audits that read.
#include <boost/json.hpp>
#include <charconv>
#include <set>

#include "core/http/router.hpp"
#include "core/module.hpp"
#include "modules/consultations/doctors.hpp"
#include "modules/consultations/visit_common.hpp"
#include "modules/users/access_policy.hpp"
#include "modules/users/common.hpp"

namespace kiorex::consultations {

using http::ApiError;
using http::Request;

namespace {

const char* const kStatuses[] = {"pending", "verified", "rejected", "draft"};
constexpr int64_t kMaxRecentPrescriptions = 20;

// 422 for any query parameter outside `allowed` (a typo must not silently give the default list).
void reject_unknown_params(const Request& req, std::initializer_list<std::string_view> allowed,
                           std::vector<http::FieldError>& errors) {
  for (const auto& [k, v] : req.query)
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      errors.push_back({k.substr(0, 40), "is not a parameter of this route"});
}

boost::json::object provider_counts(db::Database& db) {
  boost::json::object counts;
  for (const char* s : kStatuses) counts[s] = 0;
  for (const auto& r : db.query(db::ReadFrom::primary, "SELECT status, COUNT(*) FROM doctors GROUP BY status", {}).rows)
    if (counts.contains(r.str(0))) counts[r.str(0)] = r.i64(1);
  return counts;
}

// The caller and the dependents the access policy lets them act for as guardian.
std::vector<std::string> patients_in_care_of(Deps& d, const http::Principal& who) {
  std::vector<std::string> ids{who.user_id};
  auto links = d.ctx.db.query(db::ReadFrom::primary,
                              "SELECT member_id FROM family_links WHERE guardian_id = $1 AND kind = 'dependent' AND "
                              "status = 'active'",
                              {who.user_id});
  for (const auto& r : links.rows) {
    auto decision = d.policy.decide(who, r.str(0), users::Access::read, "prescriptions", "");
    if (decision.allowed && decision.basis == "guardian") ids.push_back(r.str(0));
  }
  return ids;
}

int64_t parse_limit(const Request& req, std::vector<http::FieldError>& errors) {
  auto l = req.query_param("limit");
  if (!l) return 5;
  int64_t limit = 0;
  auto [p, ec] = std::from_chars(l->data(), l->data() + l->size(), limit);
  if (ec != std::errc() || p != l->data() + l->size() || limit < 1 || limit > kMaxRecentPrescriptions) {
    errors.push_back({"limit", "must be a whole number from 1 to 20"});
    return 0;
  }
  return limit;
}

http::Response recent_prescriptions(Deps& d, Request& req) {
  std::vector<http::FieldError> errors;
  reject_unknown_params(req, {"limit"}, errors);
  const int64_t limit = parse_limit(req, errors);
  if (!errors.empty()) throw ApiError::validation(errors, "The query has invalid parameters.");

  // A doctor sees what they issued; anyone else what was issued for them or their dependents (a pharmacy,
  // which may read a prescription it is given, has none of its own to list).
  const bool as_doctor = req.principal.role == "doctor";
  std::vector<db::Value> params;
  std::string where;
  if (as_doctor) {
    params.push_back(req.principal.user_id);
    where = "p.doctor_id = $1";
  } else {
    where = "p.patient_id IN (";
    for (const auto& id : patients_in_care_of(d, req.principal)) {
      params.push_back(id);
      where += (params.size() > 1 ? ", $" : "$") + std::to_string(params.size());
    }
    where += ")";
  }
  auto rs = d.ctx.db.query(db::ReadFrom::primary,
                           "SELECT p.id, p.booking_id, p.issued_at, p.doctor_id, du.name, p.patient_id, pu.name "
                           "FROM prescriptions p JOIN users du ON du.id = p.doctor_id JOIN users pu ON pu.id = "
                           "p.patient_id WHERE " +
                               where + " ORDER BY p.issued_at DESC, p.id DESC LIMIT " + std::to_string(limit),
                           params);
  boost::json::array items;
  std::set<std::string> patients_shown;
  for (const auto& r : rs.rows) {
    patients_shown.insert(r.str(5));
    items.push_back(boost::json::object{{"id", r.str(0)},
                                        {"booking_id", r.str(1)},
                                        {"issued_at", visit::iso(r.i64(2))},
                                        {"doctor", {{"id", r.str(3)}, {"name", r.str(4)}}},
                                        {"patient", {{"id", r.str(5)}, {"name", r.str(6)}}},
                                        {"url", "/v1/prescriptions/" + r.str(0)}});
  }
  for (const auto& p : patients_shown) {
    Party party = as_doctor ? Party::doctor : (p == req.principal.user_id ? Party::patient : Party::guardian);
    visit::audit_phi(d, nullptr, req, p, "consultations.prescription.list", "prescriptions", party);
  }
  return visit::json_response(200, boost::json::object{{"items", std::move(items)}});
}

}  // namespace

void register_dashboard_routes(http::Router& r, Deps& d) {
  // Before /v1/admin/providers/{id}: the literal path wins.
  r.add({.method = "GET",
         .path = "/v1/admin/providers/counts",
         .tag = "admin",
         .summary = "How many providers are in each verification status (the admin's queue counts).",
         .permission = "admin.providers",
         .response_schema = R"J({"type":"object","required":["pending","verified","rejected","draft"],"properties":{
"pending":{"type":"integer"},"verified":{"type":"integer"},"rejected":{"type":"integer"},"draft":{"type":"integer"}}})J",
         .handler = [&d](Request& req) {
           std::vector<http::FieldError> errors;
           reject_unknown_params(req, {}, errors);
           if (!errors.empty()) throw ApiError::validation(errors, "This route takes no query parameters.");
           return visit::json_response(200, provider_counts(d.ctx.db));
         }});

  r.add({.method = "GET",
         .path = "/v1/admin/providers/{id}",
         .tag = "admin",
         .summary = "One provider's full profile as the reviewer sees it before deciding (any status), with the "
                    "account's email and phone.",
         .permission = "admin.providers",
         .response_schema = R"J({"type":"object","required":["user_id","name","status"],"properties":{
"user_id":{"type":"string"},"name":{"type":"string"},"status":{"type":"string"},"email":{"type":["string","null"]},
"phone":{"type":["string","null"]},"bio":{"type":["string","null"]},"specialties":{"type":"array","items":{"type":"string"}},
"qualifications":{"type":"array","items":{"type":"object"}},"registration":{"type":["object","null"]},"experience_years":{"type":["integer","null"]},
"languages":{"type":"array","items":{"type":"string"}},"conditions":{"type":"array","items":{"type":"string"}},"consultation_types":{"type":"object"},"locations":{"type":"array","items":{"type":"object"}},
"time_zone":{"type":["string","null"]},"submitted_at":{"type":["string","null"]},"rejection_reason":{"type":["string","null"]}}})J",
         .handler = [&d](Request& req) {
           std::vector<http::FieldError> errors;
           reject_unknown_params(req, {}, errors);
           if (!errors.empty()) throw ApiError::validation(errors, "This route takes no query parameters.");
           const std::string& id = req.param("id");
           auto p = id.size() <= 64 ? load_profile(d.ctx.db, id) : std::nullopt;
           if (!p) throw ApiError::not_found("No provider with this id.");
           auto out = profile_json(*p);
           auto contact =
               d.ctx.db.query(db::ReadFrom::primary, "SELECT email, phone FROM users WHERE id = $1", {id});
           auto opt = [&](size_t i) {
             return contact.empty() || contact.one().is_null(i) ? boost::json::value(nullptr)
                                                                 : boost::json::value(contact.one().str(i));
           };
           out["email"] = opt(0);
           out["phone"] = opt(1);
           return visit::json_response(200, out);
         }});

  r.add({.method = "GET",
         .path = "/v1/prescriptions",
         .tag = "prescriptions",
         .summary = "The caller's latest prescriptions, newest first: a doctor's issued ones, else the caller's own "
                    "and their dependents'. Ids, dates and names only; the medicines are on GET /v1/prescriptions/{id}.",
         .permission = "prescriptions.read",
         .response_schema = R"J({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{
"type":"object","required":["id","booking_id","issued_at","doctor","patient"],"properties":{"id":{"type":"string"},
"booking_id":{"type":"string"},"issued_at":{"type":"string","format":"date-time"},
"doctor":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"}}},
"patient":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"}}},"url":{"type":"string"}}}}}})J",
         .query_params = {{"limit", "1-20, default 5"}},
         .handler = [&d](Request& req) { return recent_prescriptions(d, req); }});
}

}  // namespace kiorex::consultations
