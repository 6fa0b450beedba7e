// /v1/users/{id}/family-members: dependents (accounts without sign-in, managed by a guardian) and
// links between existing accounts (asked by one side, accepted or declined by the other).
// family_links rows: guardian_id = the side that created/asked, member_id = the other side.
// Asking to link always answers 202: whether the address belongs to an account is never revealed,
// so an asker does not see an unanswered (or declined) request in their list either.
#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/module.hpp"
#include "core/notify/sender.hpp"
#include "core/security/rate_limiter.hpp"
#include "core/util/ids.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/users/common.hpp"

namespace kiorex::users {

using http::ApiError;
using http::Request;
using http::Response;

namespace {

constexpr int kMaxDependents = 20;

constexpr const char* kItemSchema = R"J({"type":"object","required":["link_id","member","relationship","kind","status","direction","created_at"],"properties":{
"link_id":{"type":"string"},"member":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"}}},
"relationship":{"type":"string","enum":["child","parent","spouse","sibling","grandparent","grandchild","other"]},
"kind":{"type":"string","enum":["dependent","linked"]},"status":{"type":"string","enum":["active","pending","declined"]},
"direction":{"type":"string","enum":["outgoing","incoming"]},"created_at":{"type":"string","format":"date-time"}}})J";

struct Link {
  std::string id, guardian_id, member_id, relationship, kind, status;
  int64_t created_at = 0;
  std::optional<int64_t> decided_at;
};

constexpr const char* kColumns = "id, guardian_id, member_id, relationship, kind, status, created_at, decided_at";

Link link_from(const db::Row& r) {
  return {r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.i64(6), r.opt_i64(7)};
}

// What the other side is to the viewer, when the stored relationship describes the member.
std::string inverse(const std::string& rel) {
  if (rel == "child") return "parent";
  if (rel == "parent") return "child";
  if (rel == "grandparent") return "grandchild";
  if (rel == "grandchild") return "grandparent";
  return rel;
}

std::string name_of(Deps& d, const std::string& id) {
  auto p = find_person(d.ctx.db, id);
  return p ? p->name : "";
}

boost::json::object item_json(Deps& d, const Link& l, const std::string& viewer) {
  bool outgoing = l.guardian_id == viewer;
  const std::string& other = outgoing ? l.member_id : l.guardian_id;
  return {{"link_id", l.id},
          {"member", boost::json::object{{"id", other}, {"name", name_of(d, other)}}},
          {"relationship", outgoing ? l.relationship : inverse(l.relationship)},
          {"kind", l.kind},
          {"status", l.status},
          {"direction", outgoing ? "outgoing" : "incoming"},
          {"created_at", iso(l.created_at)}};
}

// The viewer's links in both directions, newest first: ended links are gone, and an asker does not
// see their own unanswered or declined requests (that would reveal whether the address has an account).
boost::json::array list_items(Deps& d, const std::string& viewer) {
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM family_links WHERE (guardian_id = $1 OR member_id = $1) AND status <> 'ended' "
                                 "ORDER BY created_at DESC, id DESC";
  boost::json::array items;
  for (const auto& r : d.ctx.db.query(db::ReadFrom::primary, sql, {viewer}).rows) {
    Link l = link_from(r);
    if (l.guardian_id == viewer && l.kind == "linked" && l.status != "active") continue;
    items.push_back(item_json(d, l, viewer));
  }
  return items;
}

Link load_link(Deps& d, const std::string& viewer, const std::string& link_id) {
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM family_links WHERE id = $1 AND (guardian_id = $2 OR member_id = $2) AND status <> 'ended'";
  if (!util::is_id(link_id, "fam")) throw ApiError::not_found("No such family link.");
  auto rs = d.ctx.db.query(db::ReadFrom::primary, sql, {link_id, viewer});
  if (rs.empty()) throw ApiError::not_found("No such family link.");
  Link l = link_from(rs.one());
  // A declined request is the asker's no more (they never see it; the invited side may still end it).
  if (l.guardian_id == viewer && l.kind == "linked" && l.status == "declined")
    throw ApiError::not_found("No such family link.");
  return l;
}

// Answers that must not reveal whether an account exists take at least this long on either branch.
class MinimumDuration {
 public:
  explicit MinimumDuration(std::chrono::milliseconds d) : until_(std::chrono::steady_clock::now() + d) {}
  ~MinimumDuration() { std::this_thread::sleep_until(until_); }

 private:
  std::chrono::steady_clock::time_point until_;
};

Response create_dependent(Deps& d, Request& req, const Subject& s, Fields& f, std::vector<http::FieldError>& errors) {
  f.only({"kind", "name", "relationship", "date_of_birth", "sex"});
  auto name = f.str("name", true, 1, 120);
  auto relationship = f.word("relationship", true, kRelationships);
  auto dob = f.date("date_of_birth", false);
  if (dob && *dob < "1900-01-01") f.fail("date_of_birth", "must be after 1900");
  else if (dob && *dob > today_utc()) f.fail("date_of_birth", "must not be in the future");
  auto sex = f.word("sex", false, kSexes);
  if (!errors.empty()) throw ApiError::validation(errors);

  std::string dep_id = util::new_id("usr");
  std::string link_id = util::new_id("fam");
  d.ctx.db.transaction([&](db::Session& tx) {
    auto n = tx.exec("SELECT COUNT(*) FROM family_links WHERE guardian_id = $1 AND kind = 'dependent' AND status = 'active'",
                     {s.person.id});
    if (n.one().i64(0) >= kMaxDependents)
      throw ApiError::conflict("At most " + std::to_string(kMaxDependents) + " dependents can be managed.");
    int64_t now = db::now_ms();
    tx.exec("INSERT INTO users (id, email, phone, name, role, status, password_hash, email_verified, phone_verified, "
            "mfa_enabled, created_at, updated_at) VALUES ($1, NULL, NULL, $2, 'patient', 'dependent', NULL, 0, 0, 0, $3, $3)",
            {dep_id, *name, now});
    boost::json::object phi{{"date_of_birth", dob ? boost::json::value(*dob) : boost::json::value(nullptr)},
                            {"sex", sex ? boost::json::value(*sex) : boost::json::value(nullptr)}};
    create_profile(d, tx, dep_id, phi);
    tx.exec("INSERT INTO family_links (id, guardian_id, member_id, relationship, kind, status, created_at, decided_at) "
            "VALUES ($1, $2, $3, $4, 'dependent', 'active', $5, $5)",
            {link_id, s.person.id, dep_id, *relationship, now});
    audit_change(d, tx, req, dep_id, "users.family.dependent_create", "family_links:" + link_id, s.decision.basis,
                 {{"guardian_id", s.person.id}});
  });
  auto dep = find_person(d.ctx.db, dep_id);
  int64_t version = 1;
  boost::json::object o = profile_json(d, *dep, &version);
  Link l{link_id, s.person.id, dep_id, *relationship, "dependent", "active", db::now_ms(), std::nullopt};
  auto rs = d.ctx.db.query(db::ReadFrom::primary, std::string("SELECT ") + kColumns + " FROM family_links WHERE id = $1", {link_id});
  if (!rs.empty()) l = link_from(rs.one());
  for (auto& kv : item_json(d, l, s.person.id)) o[kv.key()] = kv.value();
  auto resp = json_with_etag(201, o, version);
  resp.headers.set("location", "/v1/users/" + dep_id);
  return resp;
}

Response ask_to_link(Deps& d, Request& req, const Subject& s, Fields& f, std::vector<http::FieldError>& errors) {
  f.only({"kind", "email", "phone", "relationship"});
  auto relationship = f.word("relationship", true, kRelationships);
  std::optional<std::string> identifier;
  if (f.present("email") && f.present("phone")) f.fail("email", "send either email or phone, not both");
  else if (f.present("email")) {
    if (auto e = f.str("email", true, 3, 254)) {
      identifier = normalized_email(*e);
      if (!identifier) f.fail("email", "is not a valid email address");
    }
  } else if (f.present("phone")) {
    if (auto p = f.str("phone", true, 8, 32)) {
      identifier = normalized_phone(*p);
      if (!identifier) f.fail("phone", "must be in international form, e.g. +919876543210");
    }
  } else {
    f.fail("email", "an email address or a phone number is required");
  }
  const char* field = f.present("phone") && !f.present("email") ? "phone" : "email";
  if (identifier && (*identifier == s.person.email || *identifier == s.person.phone))
    f.fail(field, "is your own; ask with the other person's address");
  if (!errors.empty()) throw ApiError::validation(errors);
  auto lim = d.ctx.limiter.hit("users-family-link:" + req.principal.user_id, 20, 3600);
  if (!lim.allowed) throw ApiError::too_many(lim.retry_after_seconds, "Too many link requests; try again later.");

  MinimumDuration same_time(std::chrono::milliseconds(80));
  auto rs = d.ctx.db.query(db::ReadFrom::primary, "SELECT id, name, status FROM users WHERE email = $1 OR phone = $1",
                           {*identifier});
  if (!rs.empty() && rs.one().str(2) == "active" && rs.one().str(0) != s.person.id) {
    std::string target = rs.one().str(0), target_name = rs.one().str(1);
    try {
    d.ctx.db.transaction([&](db::Session& tx) {
      int64_t now = db::now_ms();
      auto existing = tx.exec("SELECT id, status FROM family_links WHERE guardian_id = $1 AND member_id = $2",
                              {s.person.id, target});
      std::string link_id;
      if (existing.empty()) {
        link_id = util::new_id("fam");
        tx.exec("INSERT INTO family_links (id, guardian_id, member_id, relationship, kind, status, created_at, decided_at) "
                "VALUES ($1, $2, $3, $4, 'linked', 'pending', $5, NULL)",
                {link_id, s.person.id, target, *relationship, now});
      } else {
        link_id = existing.one().str(0);
        std::string status = existing.one().str(1);
        if (status == "active" || status == "pending") return;  // nothing new to ask
        tx.exec("UPDATE family_links SET status = 'pending', kind = 'linked', relationship = $2, created_at = $3, "
                "decided_at = NULL WHERE id = $1",
                {link_id, *relationship, now});
      }
      notify::OutgoingMessage m;
      m.channel = std::string(field) == "email" ? "email" : "sms";
      m.to = *identifier;
      m.subject = s.person.name + " wants to link Kiorex accounts with you";
      m.text = "Hello " + target_name + ",\n\n" + s.person.name +
               " asked to link their Kiorex account with yours as family. Sign in to Kiorex and open Family to "
               "accept or decline. Nothing is shared until you accept.\n\nKiorex";
      d.auth.queue_message(tx, m);
      audit_change(d, tx, req, s.person.id, "users.family.link_request", "family_links:" + link_id, s.decision.basis,
                   {{"member_id", target}});
    });
    } catch (const db::UniqueViolation&) {
      // The same request made twice at once: one of them stands.
    }
  }
  return json_response(202, boost::json::object{{"status", "pending"}});
}

Response answer(Deps& d, Request& req, bool accept) {
  auto s = require_access(d, req, Access::write, "family");
  json::BodyReader b(req, true);
  std::vector<http::FieldError> errors;
  Fields(b.object(), errors).only({});
  if (!errors.empty()) throw ApiError::validation(errors);
  Link l = load_link(d, s.person.id, req.param("link_id"));
  if (l.member_id != s.person.id) throw ApiError::forbidden("Only the invited person can answer a link request.");
  if (l.kind != "linked" || l.status != "pending")
    throw ApiError::conflict("This link is not waiting for an answer (it is " + l.status + ").");
  int64_t now = db::now_ms();
  std::string status = accept ? "active" : "declined";
  d.ctx.db.transaction([&](db::Session& tx) {
    auto upd = tx.exec("UPDATE family_links SET status = $2, decided_at = $3 WHERE id = $1 AND status = 'pending'",
                       {l.id, status, now});
    if (upd.affected != 1) throw ApiError::conflict("This link was answered or ended meanwhile.");
    audit_change(d, tx, req, s.person.id, accept ? "users.family.link_accept" : "users.family.link_decline",
                 "family_links:" + l.id, s.decision.basis, {{"guardian_id", l.guardian_id}});
  });
  l.status = status;
  l.decided_at = now;
  return json_response(200, item_json(d, l, s.person.id));
}

}  // namespace

boost::json::object export_family(Deps& d, const std::string& user_id) { return {{"family", list_items(d, user_id)}}; }

std::string erase_family(Deps& d, db::Session& tx, const std::string& user_id) {
  tx.exec("DELETE FROM family_links WHERE guardian_id = $1 OR member_id = $1", {user_id});
  return "";
}

void register_family_routes(http::Router& r, Deps& d) {
  r.add({.method = "GET", .path = "/v1/users/{id}/family-members", .tag = "users",
         .summary = "Family members in both directions: dependents you manage, accounts linked with you, and requests to you.",
         .permission = "account.self",
         .response_schema = std::string(R"J({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":)J") +
                            kItemSchema + "}}}",
         .run_inline = true,  // a short read: served on the I/O thread
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::read, "family");
           return json_response(200, boost::json::object{{"items", list_items(d, s.person.id)}});
         }});

  r.add({.method = "POST", .path = "/v1/users/{id}/family-members", .tag = "users",
         .summary = "Create a dependent (201: a new account without sign-in, managed by you) or ask an existing account "
                    "to link (202 {status: pending} whether or not it exists; they are told by email/SMS).",
         .permission = "account.self",
         .request_schema = R"J({"type":"object","required":["kind","relationship"],"properties":{
"kind":{"type":"string","enum":["dependent","linked"]},
"relationship":{"type":"string","enum":["child","parent","spouse","sibling","grandparent","grandchild","other"]},
"name":{"type":"string","minLength":1,"maxLength":120,"description":"dependent only (required)"},
"date_of_birth":{"type":"string","format":"date","description":"dependent only"},
"sex":{"type":"string","enum":["female","male","intersex","unknown"],"description":"dependent only"},
"email":{"type":"string","format":"email","description":"linked only: email or phone"},
"phone":{"type":"string","description":"linked only: +E.164"}}})J",
         .response_schema = std::string(R"J({"oneOf":[{"description":"201: the dependent's profile and the link","allOf":[)J") +
                            kProfileSchema + "," + kItemSchema +
                            R"J(]},{"description":"202","type":"object","properties":{"status":{"type":"string","enum":["pending"]}}}]})J",
         .success_status = 201,
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "family");
           json::BodyReader b(req);
           std::vector<http::FieldError> errors;
           Fields f(b.object(), errors);
           auto kind = f.word("kind", true, {"dependent", "linked"});
           if (!kind) {
             f.only({"kind", "name", "relationship", "date_of_birth", "sex", "email", "phone"});
             throw ApiError::validation(errors);
           }
           if (s.person.dependent())
             throw ApiError::forbidden("A dependent's account cannot have dependents or links of its own.");
           return *kind == "dependent" ? create_dependent(d, req, s, f, errors) : ask_to_link(d, req, s, f, errors);
         }});

  r.add({.method = "POST", .path = "/v1/users/{id}/family-members/{link_id}/accept", .tag = "users",
         .summary = "Accept a link request made to you.", .permission = "account.self",
         .request_schema = R"J({"type":"object","additionalProperties":false,"description":"no members; the body may be empty"})J",
         .response_schema = kItemSchema,
         .handler = [&d](Request& req) { return answer(d, req, true); }});

  r.add({.method = "POST", .path = "/v1/users/{id}/family-members/{link_id}/decline", .tag = "users",
         .summary = "Decline a link request made to you.", .permission = "account.self",
         .request_schema = R"J({"type":"object","additionalProperties":false,"description":"no members; the body may be empty"})J",
         .response_schema = kItemSchema,
         .handler = [&d](Request& req) { return answer(d, req, false); }});

  r.add({.method = "DELETE", .path = "/v1/users/{id}/family-members/{link_id}", .tag = "users",
         .summary = "End a link (either side). Removing a dependent ends your management; their data stays with their account.",
         .permission = "account.self", .success_status = 204,
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "family");
           Link l = load_link(d, s.person.id, req.param("link_id"));
           d.ctx.db.transaction([&](db::Session& tx) {
             auto upd = tx.exec("UPDATE family_links SET status = 'ended', decided_at = $2 WHERE id = $1 AND status <> 'ended'",
                                {l.id, db::now_ms()});
             if (upd.affected != 1) throw ApiError::not_found("No such family link.");
             audit_change(d, tx, req, s.person.id, "users.family.link_end", "family_links:" + l.id, s.decision.basis,
                          {{"kind", l.kind}, {"other_id", l.guardian_id == s.person.id ? l.member_id : l.guardian_id}});
           });
           return Response::no_content();
         }});
}

}  // namespace kiorex::users
