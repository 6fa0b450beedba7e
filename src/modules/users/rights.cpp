// The person's rights over their data (GDPR/HIPAA, mission 5.1): who accessed it (the access log),
// a copy of all of it (export, JSON or PDF), and erasure (crypto-shredding + anonymisation).
#include <boost/json.hpp>
#include <map>

#include "core/audit/audit_log.hpp"
#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/log/log.hpp"
#include "core/module.hpp"
#include "core/security/data_keys.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/users/common.hpp"
#include "modules/users/export_pdf.hpp"

namespace kiorex::users {

using http::ApiError;
using http::Request;
using http::Response;

namespace {

constexpr const char* kAccessItemSchema = R"J({"type":"object","properties":{"at":{"type":"string","format":"date-time"},
"actor":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"},"role":{"type":"string"}}},
"action":{"type":"string","enum":["read","write"]},"what":{"type":"string"},"basis":{"type":"string"},
"reason":{"type":"string"},"request_id":{"type":"string"},"outcome":{"type":"string","enum":["success","denied"]}}})J";

// The access policy writes one record per request: action "users.<what>.read|write", resource = what,
// details.basis, reason = X-Access-Reason. Change records ("users.<what>.create" ...) and other
// modules' records about the person (sign-ins) are not accesses by someone else and are not listed.
bool is_access_record(const audit::AuditEntry& e) {
  const auto& a = e.record.action;
  return a.starts_with("users.") && (a.ends_with(".read") || a.ends_with(".write"));
}

class ActorNames {
 public:
  explicit ActorNames(db::Database& db) : db_(db) {}
  const std::string& operator()(const std::string& id) {
    auto it = names_.find(id);
    if (it != names_.end()) return it->second;
    std::string name;
    if (!id.empty())
      if (auto p = find_person(db_, id)) name = p->name;
    return names_.emplace(id, std::move(name)).first->second;
  }

 private:
  db::Database& db_;
  std::map<std::string, std::string> names_;
};

boost::json::object access_item(const audit::AuditEntry& e, ActorNames& names) {
  const auto& r = e.record;
  std::string basis;
  if (auto it = r.details.find("basis"); it != r.details.end() && it->value().is_string())
    basis = std::string(it->value().as_string());
  if (basis == "none") basis = "";
  return {{"at", iso(e.at)},
          {"actor", boost::json::object{{"id", r.actor_id}, {"name", names(r.actor_id)}, {"role", r.actor_role}}},
          {"action", r.action.ends_with(".read") ? "read" : "write"},
          {"what", r.resource},
          {"basis", basis},
          {"reason", r.reason},
          {"request_id", r.request_id},
          {"outcome", r.outcome}};
}

// One page of the access log, newest first; the cursor is the last listed record's sequence number.
// Scans at most `max_scan` records, so a page may be short with a next_cursor to continue from.
boost::json::object access_page(Deps& d, const std::string& subject, int64_t limit, int64_t before_seq,
                                int64_t max_scan = 5000) {
  ActorNames names(d.ctx.db);
  boost::json::array items;
  boost::json::value next = nullptr;
  int64_t scanned = 0, last_seq = before_seq, last_listed = 0;
  constexpr int kBatch = 200;
  for (;;) {
    auto batch = d.ctx.audit.list_for_subject(d.ctx.db, subject, kBatch, last_seq);
    for (const auto& e : batch) {
      scanned++;
      last_seq = e.seq;
      if (!is_access_record(e)) continue;
      if (static_cast<int64_t>(items.size()) == limit) {
        // There is more: the next page starts after the last listed record.
        next = encode_cursor({last_listed, "seq"});
        return {{"items", std::move(items)}, {"next_cursor", next}};
      }
      items.push_back(access_item(e, names));
      last_listed = e.seq;
    }
    if (static_cast<int>(batch.size()) < kBatch) break;
    if (scanned >= max_scan) {
      next = encode_cursor({last_seq, "seq"});
      break;
    }
  }
  return {{"items", std::move(items)}, {"next_cursor", next}};
}

std::string slug_what(const std::string& sentence) { return sentence.substr(0, sentence.find(": ")); }
std::string slug_why(const std::string& sentence) {
  auto p = sentence.find(": ");
  return p == std::string::npos ? "" : sentence.substr(p + 2);
}

}  // namespace

namespace {
boost::json::array full_access_log(Deps& d, const std::string& subject) {
  boost::json::array all;
  int64_t before = 0;
  for (int pages = 0; pages < 100; pages++) {
    auto page = access_page(d, subject, 100, before, 1000000);
    for (auto& v : page["items"].as_array()) all.push_back(v);
    if (page["next_cursor"].is_null()) break;
    before = decode_cursor(std::string(page["next_cursor"].as_string()))->at;
  }
  return all;
}
}  // namespace

void register_rights_routes(http::Router& r, Deps& d) {
  r.add({.method = "GET", .path = "/v1/users/{id}/access-log", .tag = "users",
         .summary = "Who read or changed this person's data: actor, read/write, what, on what basis and with what reason.",
         .permission = "account.self",
         .response_schema = std::string(R"J({"type":"object","required":["items","next_cursor"],"properties":{"items":{"type":"array","items":)J") +
                            kAccessItemSchema + R"J(},"next_cursor":{"type":["string","null"]}}})J",
         .query_params = {{"limit", "Number of items, 1 to 100 (default 50)"}, {"cursor", "next_cursor from the previous page"}},
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::read, "access_log");
           auto page = page_of(req);
           return json_response(200, access_page(d, s.person.id, page.limit, page.after ? page.after->at : 0));
         }});

  r.add({.method = "GET", .path = "/v1/users/{id}/export", .tag = "users",
         .summary = "A copy of everything held about the person (GDPR access and portability): JSON, or PDF with ?format=pdf.",
         .permission = "account.self",
         .response_schema = R"J({"type":"object","required":["exported_at","account","profile","medical_history","family","emergency_contacts","consents","access_log"],
"properties":{"exported_at":{"type":"string","format":"date-time"},"account":{"type":"object"},"profile":{"type":"object"},
"medical_history":{"type":"array","items":{"type":"object"}},"family":{"type":"array","items":{"type":"object"}},
"emergency_contacts":{"type":"array","items":{"type":"object"}},"consents":{"type":"object"},"access_log":{"type":"array","items":{"type":"object"}}}})J",
         .query_params = {{"format", "json (default) or pdf"}},
         .handler = [&d](Request& req) {
           auto format = req.query_param("format").value_or("json");
           if (format != "json" && format != "pdf")
             throw ApiError::validation({{"format", "must be json or pdf"}}, "The query has invalid parameters.");
           auto s = require_access(d, req, Access::read, "export");
           boost::json::object doc;
           doc["exported_at"] = db::now_iso8601();
           for (auto part : {export_profile(d, s.person.id), export_history(d, s.person.id), export_family(d, s.person.id),
                             export_emergency_contacts(d, s.person.id), export_consents(d, s.person.id)})
             for (auto& kv : part) doc[kv.key()] = kv.value();
           doc["access_log"] = full_access_log(d, s.person.id);
           Response resp;
           if (format == "pdf") {
             resp = Response::text(200, export_pdf(doc), "application/pdf");
             resp.headers.set("content-disposition", "attachment; filename=\"kiorex-export-" + s.person.id + ".pdf\"");
           } else {
             resp = json_response(200, doc);
             resp.headers.set("content-disposition", "attachment; filename=\"kiorex-export-" + s.person.id + ".json\"");
           }
           return resp;
         }});

  r.add({.method = "DELETE", .path = "/v1/users/{id}", .tag = "users",
         .summary = "Erase the account (GDPR): the data key is destroyed, records deleted or anonymised, sessions end. "
                    "Body {\"confirm\":\"DELETE\"}. Answers what had to be kept and why.",
         .permission = "account.self",
         .request_schema = R"J({"type":"object","required":["confirm"],"additionalProperties":false,"properties":{"confirm":{"type":"string","enum":["DELETE"]}}})J",
         .response_schema = R"J({"type":"object","required":["status","kept"],"properties":{"status":{"type":"string","enum":["erased"]},
"kept":{"type":"array","items":{"type":"object","properties":{"what":{"type":"string"},"why":{"type":"string"}}}}}})J",
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "account");
           json::BodyReader b(req, true);
           std::vector<http::FieldError> errors;
           Fields f(b.object(), errors);
           f.only({"confirm"});
           auto confirm = f.str("confirm", true, 1, 20);
           if (confirm && *confirm != "DELETE") f.fail("confirm", "must be \"DELETE\" to confirm erasure");
           if (!errors.empty()) throw ApiError::validation(errors);
           const std::string id = s.person.id;

           boost::json::array kept;
           kept.push_back(boost::json::object{
               {"what", "audit log"},
               {"why", "Records of who accessed or changed the account are kept as the law requires (HIPAA/GDPR "
                       "accountability); they name only the anonymised account id and hold no medical content."}});
           kept.push_back(boost::json::object{
               {"what", "payment records"},
               {"why", "Invoices and payments, if any, are kept for as long as tax and accounting law requires; they "
                       "hold no medical content."}});
           std::vector<std::string> revoked;
           boost::json::array extra;
           d.ctx.db.transaction([&](db::Session& tx) {
             extra.clear();
             auto note_kept = [&](const std::string& sentence) {
               if (!sentence.empty()) extra.push_back(boost::json::object{{"what", slug_what(sentence)}, {"why", slug_why(sentence)}});
             };
             // Other modules first: they may still need the person's rows and data key (e.g. to cancel bookings).
             for (const auto& erase : d.other_erasure_parts) note_kept(erase(tx, id));
             for (auto* erase : {&erase_history, &erase_emergency_contacts, &erase_family, &erase_consents, &erase_profile})
               note_kept((*erase)(d, tx, id));
             int64_t now = db::now_ms();
             tx.exec("UPDATE users SET email = NULL, phone = NULL, name = 'Erased user', password_hash = NULL, "
                     "status = 'closed', email_verified = 0, phone_verified = 0, mfa_enabled = 0, mfa_secret = NULL, "
                     "mfa_pending_secret = NULL, updated_at = $2 WHERE id = $1",
                     {id, now});
             revoked.clear();
             for (const auto& row : tx.exec("SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL", {id}).rows)
               revoked.push_back(row.str(0));
             tx.exec("UPDATE sessions SET revoked_at = $2, revoke_reason = 'erased' WHERE user_id = $1 AND revoked_at IS NULL",
                     {id, now});
             // Sign-in material that names the person (codes sent to their addresses, social identities).
             tx.exec("DELETE FROM otp_codes WHERE user_id = $1", {id});
             tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {id});
             tx.exec("DELETE FROM social_identities WHERE user_id = $1", {id});
             d.keys.shred(tx, id);
             boost::json::array kept_what;
             for (const auto& k : extra) kept_what.push_back(k.as_object().at("what"));
             audit_change(d, tx, req, id, "users.account.erase", "users:" + id, s.decision.basis,
                          {{"sessions_revoked", static_cast<int64_t>(revoked.size())}, {"kept", kept_what}});
           });
           for (auto& k : extra) kept.push_back(k);
           for (const auto& sid : revoked) d.auth.tokens().mark_revoked(sid);
           log::info("users.erased", {{"user_id", id}, {"by_role", req.principal.role}, {"basis", s.decision.basis}});
           return json_response(200, boost::json::object{{"status", "erased"}, {"kept", std::move(kept)}});
         }});
}

}  // namespace kiorex::users
