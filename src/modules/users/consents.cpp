// /v1/users/{id}/consents: append-only grants and withdrawals per purpose; the current state is the
// latest row per purpose. Purposes and decisions are not health information (plaintext).
#include <boost/json.hpp>

#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/module.hpp"
#include "core/util/ids.hpp"
#include "modules/users/common.hpp"

namespace kiorex::users {

using http::ApiError;
using http::Request;
using http::Response;

namespace {

constexpr const char* kConsentsSchema = R"J({"type":"object","required":["current","history"],"properties":{
"current":{"type":"object","properties":{
"data_sharing_providers":{"type":["object","null"],"properties":{"granted":{"type":"boolean"},"text_version":{"type":"string"},"at":{"type":"string","format":"date-time"}}},
"marketing":{"type":["object","null"],"properties":{"granted":{"type":"boolean"},"text_version":{"type":"string"},"at":{"type":"string","format":"date-time"}}},
"research":{"type":["object","null"],"properties":{"granted":{"type":"boolean"},"text_version":{"type":"string"},"at":{"type":"string","format":"date-time"}}}}},
"history":{"type":"array","items":{"type":"object","properties":{"purpose":{"type":"string","enum":["data_sharing_providers","marketing","research"]},
"granted":{"type":"boolean"},"text_version":{"type":"string"},"at":{"type":"string","format":"date-time"},"request_id":{"type":"string"}}}}}})J";

boost::json::object consents_json(Deps& d, const std::string& user_id) {
  auto rs = d.ctx.db.query(db::ReadFrom::primary,
                           "SELECT purpose, granted, text_version, created_at, request_id FROM consents WHERE user_id = $1 "
                           "ORDER BY created_at DESC, id DESC",
                           {user_id});
  boost::json::object current;
  for (const auto& p : kConsentPurposes) current[p] = nullptr;
  boost::json::array history;
  for (const auto& r : rs.rows) {
    std::string purpose = r.str(0);
    boost::json::object h{{"purpose", purpose},
                          {"granted", r.i64(1) != 0},
                          {"text_version", r.str(2)},
                          {"at", iso(r.i64(3))},
                          {"request_id", r.str(4)}};
    if (current.contains(purpose) && current[purpose].is_null())
      current[purpose] = boost::json::object{{"granted", r.i64(1) != 0}, {"text_version", r.str(2)}, {"at", iso(r.i64(3))}};
    history.push_back(std::move(h));
  }
  return {{"current", std::move(current)}, {"history", std::move(history)}};
}

}  // namespace

boost::json::object export_consents(Deps& d, const std::string& user_id) { return {{"consents", consents_json(d, user_id)}}; }

std::string erase_consents(Deps& d, db::Session& tx, const std::string& user_id) {
  // Kept: the proof of what was consented to and withdrawn, and when. It holds no health data, and
  // after erasure it is tied only to the anonymised account id.
  return "consent records: The record of which consents were given and withdrawn, and when, is kept as proof "
         "(GDPR Art. 7(1)); it holds no health information and refers only to the anonymised account.";
}

void register_consent_routes(http::Router& r, Deps& d) {
  r.add({.method = "GET", .path = "/v1/users/{id}/consents", .tag = "users",
         .summary = "Current consents per purpose and the full history of grants and withdrawals.",
         .permission = "account.self", .response_schema = kConsentsSchema,
         .run_inline = true,  // a short read: served on the I/O thread
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::read, "consents");
           return json_response(200, consents_json(d, s.person.id));
         }});

  r.add({.method = "PUT", .path = "/v1/users/{id}/consents", .tag = "users",
         .summary = "Grant or withdraw a consent (appends to the history; the latest decision per purpose is current).",
         .permission = "account.self",
         .request_schema = R"J({"type":"object","required":["purpose","granted","text_version"],"additionalProperties":false,"properties":{
"purpose":{"type":"string","enum":["data_sharing_providers","marketing","research"]},"granted":{"type":"boolean"},
"text_version":{"type":"string","minLength":1,"maxLength":40,"description":"version of the consent text shown, e.g. 2026-01"}}})J",
         .response_schema = kConsentsSchema,
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "consents");
           json::BodyReader b(req);
           std::vector<http::FieldError> errors;
           Fields f(b.object(), errors);
           f.only({"purpose", "granted", "text_version"});
           auto purpose = f.word("purpose", true, kConsentPurposes);
           auto granted = f.boolean("granted", true);
           auto text_version = f.str("text_version", true, 1, 40);
           if (!errors.empty()) throw ApiError::validation(errors);
           d.ctx.db.transaction([&](db::Session& tx) {
             std::string id = util::new_id("cns");
             tx.exec("INSERT INTO consents (id, user_id, purpose, granted, text_version, actor_id, request_id, created_at) "
                     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                     {id, s.person.id, *purpose, static_cast<int64_t>(*granted), *text_version, req.principal.user_id,
                      req.request_id, db::now_ms()});
             audit_change(d, tx, req, s.person.id, *granted ? "users.consents.grant" : "users.consents.withdraw",
                          "consents:" + id, s.decision.basis, {{"purpose", *purpose}, {"text_version", *text_version}});
           });
           return json_response(200, consents_json(d, s.person.id));
         }});
}

}  // namespace kiorex::users
