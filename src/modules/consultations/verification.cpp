// Provider verification (mission 3.1.12 for doctors): the admin's queue (GET /v1/admin/providers) and the
// decision (POST /v1/admin/providers/{id}/verify). A decision is audited, publishes provider.verified or
// provider.rejected (ids and times only) in the same transaction, puts the doctor into search (or keeps them
// out), mirrors the status into the account (users.provider_verification, shown by /v1/auth/me) and tells the
// doctor by email (or SMS for a phone-only account).
//
// The message leaves through the outbox like every other one: a consumer of those two events
// ("consultations.provider_decision_message", at least once, after commit) writes it and hands it to the
// configured sender. It reads the doctor's address and the rejection reason when it runs, so the event stays
// free of personal data.
#include <boost/json.hpp>
#include <charconv>

#include "core/audit/audit_log.hpp"
#include "core/config/config.hpp"
#include "core/events/dispatcher.hpp"
#include "core/events/outbox.hpp"
#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/log/log.hpp"
#include "core/module.hpp"
#include "core/notify/sender.hpp"
#include "modules/consultations/doctors.hpp"
#include "modules/users/common.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

using http::ApiError;
using http::Request;
using http::Response;

namespace {

const std::vector<std::string> kStatuses = {"pending", "verified", "rejected", "draft"};

std::string decision_text(const std::string& name, const std::string& status, const std::string& reason,
                          const std::string& public_url) {
  std::string text = "Hello " + name + ",\n\n";
  if (status == "verified")
    text +=
        "Your Kiorex doctor profile has been verified. Patients can now find you in search and book "
        "consultations with you.\n\nSet or check your weekly hours so your free slots show: " +
        public_url + "/practice/schedule\n";
  else
    text += "Your Kiorex doctor profile could not be verified yet.\n\nReason: " + reason +
            "\n\nPlease correct your profile and submit it again: " + public_url + "/practice\n";
  return text + "\nKiorex";
}

// The message about a decision, built when the event is delivered.
void send_decision_message(Context& ctx, const events::Event& e) {
  auto payload = boost::json::parse(e.payload).as_object();
  const std::string doctor_id(payload.at("doctor_id").as_string());
  const std::string status(payload.at("status").as_string());
  auto rs = ctx.db.query(db::ReadFrom::primary,
                         "SELECT u.name, u.email, u.phone, d.status, d.rejection_reason FROM users u "
                         "JOIN doctors d ON d.user_id = u.id WHERE u.id = $1",
                         {doctor_id});
  if (rs.empty()) return;  // the account is gone: nobody to tell
  const auto& r = rs.one();
  // A later decision has its own event; this one's reason may have been replaced since.
  std::string reason = r.str(3) == status ? r.str(4) : "see your profile";
  notify::OutgoingMessage m;
  if (!r.str(1).empty()) {
    m.channel = "email";
    m.to = r.str(1);
    m.subject =
        status == "verified" ? "Your Kiorex doctor profile is verified" : "Your Kiorex doctor profile needs changes";
    m.text = decision_text(r.str(0), status, reason, ctx.config.public_url);
  } else if (!r.str(2).empty()) {
    m.channel = "sms";
    m.to = r.str(2);
    m.text = status == "verified" ? "Kiorex: your doctor profile is verified; patients can now book you."
                                  : "Kiorex: your doctor profile was not verified: " + reason.substr(0, 100);
  } else {
    return;
  }
  std::string error;
  if (!ctx.sender.send(m, &error)) throw std::runtime_error("sending the verification message failed: " + error);
}

boost::json::object queue_item(const db::Row& r) {
  boost::json::array specialties;
  boost::system::error_code ec;
  auto v = boost::json::parse(r.str(3), ec);
  if (!ec && v.is_array()) specialties = v.as_array();
  auto opt_ms = [&](size_t i) {
    return r.is_null(i) ? boost::json::value(nullptr) : boost::json::value(db::iso8601_from_ms(r.i64(i)));
  };
  boost::json::object o;
  o["user_id"] = r.str(0);
  o["kind"] = "doctor";
  o["name"] = r.str(1);
  o["email"] = r.is_null(2) ? boost::json::value(nullptr) : boost::json::value(r.str(2));
  o["specialties"] = std::move(specialties);
  o["registration"] = r.is_null(4)
                          ? boost::json::value(nullptr)
                          : boost::json::value(boost::json::object{{"number", r.str(4)}, {"council", r.str(5)}});
  o["status"] = r.str(6);
  o["submitted_at"] = opt_ms(7);
  auto q = boost::json::parse(r.str(9), ec);
  o["qualifications"] = !ec && q.is_array() ? q : boost::json::value(boost::json::array{});
  o["experience_years"] = r.is_null(10) ? boost::json::value(nullptr) : boost::json::value(r.i64(10));
  o["rejection_reason"] = r.is_null(11) ? boost::json::value(nullptr) : boost::json::value(r.str(11));
  o["verified_at"] = opt_ms(12);
  return o;
}

}  // namespace

void register_verification_routes(http::Router& r, Deps& d) {
  for (const char* type : {"provider.verified", "provider.rejected"})
    d.ctx.dispatcher.subscribe_external("consultations.provider_decision_message", type,
                                        [&ctx = d.ctx](const events::Event& e) { send_decision_message(ctx, e); });

  r.add(
      {.method = "GET",
       .path = "/v1/admin/providers",
       .tag = "admin",
       .summary = "Providers by verification status (default pending), oldest submission first, with what an admin "
                  "checks: registration number and council, specialties, qualifications.",
       .permission = "admin.providers",
       .response_schema =
           R"J({"type":"object","required":["items","next_cursor"],"properties":{"items":{"type":"array","items":{"type":"object",
"required":["user_id","kind","name","status"],"properties":{"user_id":{"type":"string"},"kind":{"type":"string","enum":["doctor"]},
"name":{"type":"string"},"email":{"type":["string","null"]},"specialties":{"type":"array","items":{"type":"string"}},
"registration":{"type":["object","null"],"properties":{"number":{"type":"string"},"council":{"type":"string"}}},
"status":{"type":"string"},"submitted_at":{"type":["string","null"],"format":"date-time"},"qualifications":{"type":"array","items":{"type":"object","properties":{"degree":{"type":"string"},"institution":{"type":["string","null"]},"year":{"type":["integer","null"]}}}},
"experience_years":{"type":["integer","null"]},"rejection_reason":{"type":["string","null"]},
"verified_at":{"type":["string","null"],"format":"date-time"}}}},"next_cursor":{"type":["string","null"]}}})J",
       .query_params = {{"status", "pending (default) | verified | rejected | draft"},
                        {"limit", "1-100, default 20"},
                        {"cursor", "next_cursor of the previous page"}},
       .handler = [&d](Request& req) {
         std::vector<http::FieldError> errors;
         std::string status = req.query_param("status").value_or("pending");
         if (std::find(kStatuses.begin(), kStatuses.end(), status) == kStatuses.end())
           errors.push_back({"status", "must be one of: pending, verified, rejected, draft"});
         int64_t limit = 20;
         if (auto l = req.query_param("limit")) {
           auto [p, ec] = std::from_chars(l->data(), l->data() + l->size(), limit);
           if (ec != std::errc() || p != l->data() + l->size() || limit < 1 || limit > 100)
             errors.push_back({"limit", "must be an integer from 1 to 100"});
         }
         std::optional<users::Cursor> after;
         if (auto c = req.query_param("cursor")) {
           after = users::decode_cursor(*c);
           if (!after) errors.push_back({"cursor", "is not a cursor this API returned"});
         }
         for (const auto& [k, v] : req.query)
           if (k != "status" && k != "limit" && k != "cursor")
             errors.push_back({k.substr(0, 40), "is not a parameter of this list"});
         if (!errors.empty()) throw ApiError::validation(errors, "The query has invalid parameters.");
         std::string sql =
             "SELECT d.user_id, d.name, u.email, d.specialty_ids, d.registration_number, d.registration_council, "
             "d.status, "
             "d.submitted_at, COALESCE(d.submitted_at, d.created_at) AS queued_at, t.qualifications, "
             "d.experience_years, "
             "d.rejection_reason, d.verified_at FROM doctors d JOIN users u ON u.id = d.user_id "
             "LEFT JOIN doctor_details t ON t.user_id = d.user_id WHERE d.status = $1 ";
         std::vector<db::Value> params = {status, limit + 1};
         if (after) {
           sql +=
               "AND (COALESCE(d.submitted_at, d.created_at) > $3 OR (COALESCE(d.submitted_at, d.created_at) = $3 "
               "AND d.user_id > $4)) ";
           params.push_back(after->at);
           params.push_back(after->id);
         }
         sql += "ORDER BY queued_at, d.user_id LIMIT $2";
         auto rs = d.ctx.db.query(db::ReadFrom::primary, sql, params);
         boost::json::array items;
         boost::json::value next = nullptr;
         for (size_t i = 0; i < rs.rows.size(); i++) {
           if (static_cast<int64_t>(i) == limit) {
             const auto& last = rs.rows[i - 1];
             next = users::encode_cursor({last.i64(8), last.str(0)});
             break;
           }
           items.push_back(queue_item(rs.rows[i]));
         }
         return users::json_response(200, boost::json::object{{"items", std::move(items)}, {"next_cursor", next}});
       }});

  r.add({.method = "POST",
         .path = "/v1/admin/providers/{id}/verify",
         .tag = "admin",
         .summary = "Approve or reject a pending provider (a reason is required to reject). Audited; publishes "
                    "provider.verified / provider.rejected; the doctor is told by email. 409 when not pending.",
         .permission = "admin.providers",
         .request_schema = R"J({"type":"object","required":["decision"],"additionalProperties":false,"properties":{
"decision":{"type":"string","enum":["approve","reject"]},"reason":{"type":"string","minLength":3,"maxLength":500}}})J",
         .response_schema =
             R"J({"type":"object","required":["user_id","status"],"properties":{"user_id":{"type":"string"},
"status":{"type":"string","enum":["verified","rejected"]},"rejection_reason":{"type":["string","null"]},
"verified_at":{"type":["string","null"],"format":"date-time"}}})J",
         .handler = [&d](Request& req) {
           const std::string id = req.param("id");
           json::BodyReader b(req);
           std::vector<http::FieldError> errors;
           users::Fields f(b.object(), errors);
           f.only({"decision", "reason"});
           auto decision = f.word("decision", true, {"approve", "reject"});
           auto reason = f.str("reason", decision && *decision == "reject", 3, 500);
           if (!errors.empty()) throw ApiError::validation(errors);
           const bool approve = *decision == "approve";
           auto p = load_profile(d.ctx.db, id);
           if (!p) throw ApiError::not_found("No provider with this id.");
           if (p->status != "pending")
             throw ApiError::conflict("Only a pending provider can be decided on; this one is " + p->status + ".");
           const int64_t now = db::now_ms();
           const std::string status = approve ? "verified" : "rejected";
           d.ctx.db.transaction([&](db::Session& tx) {
             auto u = tx.exec(
                 "UPDATE doctors SET status = $2, verified_at = $3, rejection_reason = $4, version = version + 1, "
                 "updated_at = $5 WHERE user_id = $1 AND status = 'pending'",
                 {id, status, approve ? db::Value(now) : db::Value(nullptr),
                  approve ? db::Value(nullptr) : db::Value(*reason), now});
             if (u.affected != 1) throw ApiError::conflict("The provider is no longer pending.");
             set_provider_verification(tx, id, status);
             auto fresh = load_profile(tx, id);
             reindex_doctor(d, tx, *fresh);
             if (approve) refresh_availability(d, tx, id);
             audit::AuditRecord a;
             a.actor_id = req.principal.user_id;
             a.actor_role = req.principal.role;
             a.action = approve ? "provider.verified" : "provider.rejected";
             a.subject_id = id;
             a.resource = "doctors:" + id;
             a.reason = "admin";
             a.request_id = req.request_id;
             a.ip = req.remote_ip;
             a.outcome = "success";
             a.details = {{"decision", *decision}, {"kind", "doctor"}};
             if (reason) a.details["note"] = *reason;
             d.ctx.audit.append(tx, a);
             events::publish(tx, approve ? "provider.verified" : "provider.rejected", id,
                             {{"doctor_id", id}, {"kind", "doctor"}, {"status", status}, {"decided_at", now}});
           });
           search_changed(d.ctx.db);
           d.ctx.dispatcher.wake();
           boost::json::object out{{"user_id", id}, {"status", status}};
           out["rejection_reason"] = approve ? boost::json::value(nullptr) : boost::json::value(*reason);
           out["verified_at"] = approve ? boost::json::value(db::iso8601_from_ms(now)) : boost::json::value(nullptr);
           return users::json_response(200, out);
         }});
}

}  // namespace kiorex::consultations
