// DELETE /v1/users/{id}: erasure (GDPR Art. 17). One person's erasure is erase_person(): every other
// module's erasure part, the users module's parts, the dev mailbox's messages to the person, the account
// anonymised, sessions ended, sign-in material deleted, the data key shredded, one audit record.
//
// Dependents (accounts without sign-in that the person manages): one that has another guardian stays,
// managed by that guardian (listed in `kept`); one with no other guardian would be left with nobody to
// manage or erase it, so it is erased with the guardian, the whole way erase_person() goes, but only when
// the request says so ({"erase_dependents": true}). Without it the answer is 409 `dependents-need-confirmation`
// listing them (id and name, which the guardian sees in Family anyway), and nothing is erased. Linked adult
// accounts (their own sign-in) are never erased by someone else: only the links to them are removed.
//
// After the commit the database is asked to drop every copy of deleted rows it can (Database::purge_deleted:
// SQLite's WAL is checkpointed and truncated; deleted content is zeroed in place by secure_delete).
#include <boost/json.hpp>

#include "core/db/database.hpp"
#include "core/http/problem.hpp"
#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/log/log.hpp"
#include "core/module.hpp"
#include "core/notify/dev_outbox.hpp"
#include "core/security/data_keys.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/users/common.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::users {

using http::ApiError;
using http::Request;
using http::Response;

namespace {

constexpr const char* kDependentsProblem = "dependents-need-confirmation";

struct Dependent {
  std::string id, name;
  bool other_guardian = false;
};

// The dependents `guardian_id` manages now (active links to accounts without sign-in), and whether each has
// another active guardian.
std::vector<Dependent> dependents_of(db::Session& tx, const std::string& guardian_id) {
  auto rs = tx.exec(
      "SELECT u.id, u.name, (SELECT COUNT(*) FROM family_links o WHERE o.member_id = f.member_id AND o.kind = 'dependent' "
      "AND o.status = 'active' AND o.guardian_id <> $1) "
      "FROM family_links f JOIN users u ON u.id = f.member_id "
      "WHERE f.guardian_id = $1 AND f.kind = 'dependent' AND f.status = 'active' AND u.status = 'dependent' "
      "ORDER BY u.name, u.id",
      {guardian_id});
  std::vector<Dependent> out;
  for (const auto& r : rs.rows) out.push_back({r.str(0), r.str(1), r.i64(2) > 0});
  return out;
}

// Thrown inside the erasure transaction (which then rolls back): dependents would be left with no guardian
// and the request did not confirm erasing them.
struct DependentsNotConfirmed {
  std::vector<Dependent> alone;
};

Response dependents_problem(const Request& req, const std::vector<Dependent>& alone) {
  std::string names;
  for (size_t i = 0; i < alone.size(); i++) names += (i ? ", " : "") + alone[i].name;
  ApiError e(409, kDependentsProblem, "Dependents would be left without a guardian",
             "You are the only guardian of " + names +
                 ", so their accounts would be erased with yours. Confirm erasing them too, or "
                 "first give them another guardian.");
  Response resp = http::problem_response(e, req.request_id, req.path);
  auto body = boost::json::parse(resp.body).as_object();
  boost::json::array list;
  for (const auto& dep : alone) list.push_back(boost::json::object{{"id", dep.id}, {"name", dep.name}});
  body["dependents"] = std::move(list);
  resp.body = boost::json::serialize(body);
  return resp;
}

// "what: why" (an erasure part's sentence) as {what, why}.
boost::json::object kept_item(const std::string& sentence, const std::string& whose = "") {
  auto p = sentence.find(": ");
  std::string what = sentence.substr(0, p), why = p == std::string::npos ? "" : sentence.substr(p + 2);
  return {{"what", whose.empty() ? what : whose + ": " + what}, {"why", why}};
}

struct Erased {
  std::vector<std::string> kept;  // the parts' "what: why" sentences
  std::vector<std::string> revoked_sessions;
};

// The whole erasure of one person in `tx`.
Erased erase_person(Deps& d, db::Session& tx, const Request& req, const std::string& id, const std::string& basis,
                    boost::json::object audit_details) {
  Erased out;
  auto person = find_person(tx, id);
  // Erased meanwhile (two erasures at once): the second answers as for any erased account.
  if (!person || person->erased()) throw ApiError::not_found("No such account.");
  // Where messages went, read before the key that seals pending addresses is shredded.
  std::vector<std::string> addresses{person->email, person->phone};
  for (auto& a : pending_contact_addresses(d, tx, id)) addresses.push_back(std::move(a));

  auto note_kept = [&](const std::string& sentence) {
    if (!sentence.empty()) out.kept.push_back(sentence);
  };
  // Other modules first: they may still need the person's rows and data key (e.g. to cancel bookings).
  for (const auto& erase : d.other_erasure_parts) note_kept(erase(tx, id));
  for (auto* erase : {&erase_history, &erase_emergency_contacts, &erase_family, &erase_consents, &erase_profile})
    note_kept((*erase)(d, tx, id));
  notify::erase_dev_outbox_messages(tx, addresses, person->name);

  int64_t now = db::now_ms();
  tx.exec("UPDATE users SET email = NULL, phone = NULL, name = 'Erased user', password_hash = NULL, "
          "status = 'closed', email_verified = 0, phone_verified = 0, mfa_enabled = 0, mfa_secret = NULL, "
          "mfa_pending_secret = NULL, updated_at = $2 WHERE id = $1",
          {id, now});
  for (const auto& row : tx.exec("SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL", {id}).rows)
    out.revoked_sessions.push_back(row.str(0));
  tx.exec("UPDATE sessions SET revoked_at = $2, revoke_reason = 'erased' WHERE user_id = $1 AND revoked_at IS NULL",
          {id, now});
  // Where and with what the person signed in is theirs too: the ended sessions keep only their times.
  tx.exec("UPDATE sessions SET ip = NULL, user_agent = NULL WHERE user_id = $1", {id});
  // Sign-in material that names the person (codes sent to their addresses, social identities).
  tx.exec("DELETE FROM otp_codes WHERE user_id = $1", {id});
  tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {id});
  tx.exec("DELETE FROM social_identities WHERE user_id = $1", {id});
  d.keys.shred(tx, id);

  boost::json::array kept_what;
  for (const auto& k : out.kept) kept_what.push_back(boost::json::string(k.substr(0, k.find(": "))));
  audit_details["sessions_revoked"] = static_cast<int64_t>(out.revoked_sessions.size());
  audit_details["kept"] = std::move(kept_what);
  audit_change(d, tx, req, id, "users.account.erase", "users:" + id, basis, std::move(audit_details));
  return out;
}

// The erasure of `s.person` in `tx`, with the dependents only they manage when `erase_dependents` (else
// DependentsNotConfirmed is thrown and the transaction rolls back), and the answer's lists.
struct Answer {
  boost::json::array erased, kept;
  std::vector<std::string> revoked_sessions;
};
Answer erase_account(Deps& d, db::Session& tx, const Request& req, const Subject& s, bool erase_dependents) {
  const std::string& id = s.person.id;
  Answer a;
  auto& erased = a.erased;
  auto& kept = a.kept;
  // Decided inside the transaction, so a dependent added meanwhile is not left behind.
  auto dependents = dependents_of(tx, id);
  std::vector<Dependent> alone;
  for (const auto& dep : dependents)
    if (!dep.other_guardian) alone.push_back(dep);
  if (!alone.empty() && !erase_dependents) throw DependentsNotConfirmed{alone};

  for (const auto& dep : dependents) {
    boost::json::object who{{"id", dep.id}, {"name", dep.name}};
    if (dep.other_guardian) {
      kept.push_back(boost::json::object{
          {"what", "dependent " + dep.name},
          {"why", "They have another guardian, who keeps managing their account; only your link to them "
                  "was removed."},
          {"person", who}});
      continue;
    }
    auto e = erase_person(d, tx, req, dep.id, "guardian", {{"with_guardian", id}});
    erased.push_back(boost::json::object{
        {"what", "dependent " + dep.name},
        {"why", "You were their only guardian, and you confirmed erasing their account with yours."},
        {"person", who}});
    for (const auto& k : e.kept) kept.push_back(kept_item(k, dep.name));
  }
  auto linked = tx.exec("SELECT COUNT(*) FROM family_links WHERE (guardian_id = $1 OR member_id = $1) "
                        "AND kind = 'linked' AND status = 'active'", {id});
  bool has_linked = linked.one().i64(0) > 0;
  auto e = erase_person(d, tx, req, id, s.decision.basis, {});
  erased.insert(erased.begin(), boost::json::object{{"what", "your account"},
                                                    {"why", "Your profile, medical history, family, "
                                                            "emergency contacts and sign-in details were "
                                                            "deleted and your data key destroyed."}});
  kept.insert(kept.begin(), boost::json::object{
      {"what", "audit log"},
      {"why", "Records of who accessed or changed the account are kept as the law requires (HIPAA/GDPR "
              "accountability); they name only the anonymised account id and hold no medical content."}});
  kept.insert(kept.begin() + 1, boost::json::object{
      {"what", "payment records"},
      {"why", "Invoices and payments, if any, are kept for as long as tax and accounting law requires; "
              "they hold no medical content."}});
  for (const auto& k : e.kept) kept.push_back(kept_item(k));
  if (has_linked)
    kept.push_back(boost::json::object{
        {"what", "linked family accounts"},
        {"why", "They are their owners' own accounts and are never erased by someone else; only their "
                "links to yours were removed."}});
  a.revoked_sessions = std::move(e.revoked_sessions);
  return a;
}

const char* const kItemSchema = R"J({"type":"object","required":["what","why"],"properties":{"what":{"type":"string"},"why":{"type":"string"},
"person":{"type":"object","description":"the account it is about, when not the erased account itself","properties":{"id":{"type":"string"},"name":{"type":"string"}}}}})J";

}  // namespace

void register_erasure_routes(http::Router& r, Deps& d) {
  r.add({.method = "DELETE", .path = "/v1/users/{id}", .tag = "users",
         .summary = "Erase the account (GDPR): the data key is destroyed, records deleted or anonymised, sessions end. "
                    "Body {\"confirm\":\"DELETE\"}; a guardian whose dependents have no other guardian adds "
                    "\"erase_dependents\": true (else 409 dependents-need-confirmation listing them, nothing erased). "
                    "Answers what was erased and what had to be kept and why.",
         .permission = "account.self",
         .request_schema = R"J({"type":"object","required":["confirm"],"additionalProperties":false,"properties":{"confirm":{"type":"string","enum":["DELETE"]},
"erase_dependents":{"type":"boolean","description":"true: also erase the dependents you are the only guardian of (they would otherwise be left with nobody to manage them)"}}})J",
         .response_schema = std::string(R"J({"type":"object","required":["status","erased","kept"],"properties":{"status":{"type":"string","enum":["erased"]},
"erased":{"type":"array","description":"the accounts erased: yours and the dependents erased with it","items":)J") +
                            kItemSchema + R"J(},"kept":{"type":"array","description":"what had to be kept, and why; dependents who stay with their other guardian","items":)J" +
                            kItemSchema + "}}}",
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "account");
           json::BodyReader b(req, true);
           std::vector<http::FieldError> errors;
           Fields f(b.object(), errors);
           f.only({"confirm", "erase_dependents"});
           auto confirm = f.str("confirm", true, 1, 20);
           if (confirm && *confirm != "DELETE") f.fail("confirm", "must be \"DELETE\" to confirm erasure");
           bool erase_dependents = f.boolean("erase_dependents", false).value_or(false);
           if (!errors.empty()) throw ApiError::validation(errors);
           const std::string id = s.person.id;

           Answer answer;
           try {
             d.ctx.db.transaction([&](db::Session& tx) {
               answer = erase_account(d, tx, req, s, erase_dependents);
             });
           } catch (const DependentsNotConfirmed& refused) {
             return dependents_problem(req, refused.alone);
           }
           try {
             d.ctx.db.purge_deleted();
           } catch (const std::exception& e) {
             // The erasure is committed; the WAL is checkpointed by SQLite's next automatic checkpoint instead.
             log::warn("users.erased_purge_failed", {{"error", e.what()}});
           }
           for (const auto& sid : answer.revoked_sessions) d.auth.tokens().mark_revoked(sid);
           log::info("users.erased", {{"user_id", id},
                                      {"by_role", req.principal.role},
                                      {"basis", s.decision.basis},
                                      {"dependents_erased", static_cast<int64_t>(answer.erased.size()) - 1}});
           return json_response(200, boost::json::object{
                                         {"status", "erased"}, {"erased", std::move(answer.erased)}, {"kept", std::move(answer.kept)}});
         }});
}

}  // namespace kiorex::users
