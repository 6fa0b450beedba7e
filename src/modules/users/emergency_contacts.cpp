// /v1/users/{id}/emergency-contacts. A contact's name, phone, email, relationship and notes are
// PHI (sealed under the owner's data key); only the priority (ordering) is plaintext.
#include <boost/json.hpp>

#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/module.hpp"
#include "core/security/data_keys.hpp"
#include "core/util/ids.hpp"
#include "modules/users/common.hpp"

namespace kiorex::users {

using http::ApiError;
using http::Request;
using http::Response;

namespace {

constexpr int kMaxContacts = 20;

constexpr const char* kContactSchema = R"J({"type":"object","required":["id","name","phone","priority","version"],"properties":{
"id":{"type":"string"},"name":{"type":"string"},"relationship":{"type":["string","null"]},"phone":{"type":"string"},
"email":{"type":["string","null"]},"notes":{"type":"string"},"priority":{"type":"integer","minimum":1,"maximum":10},
"version":{"type":"integer"}}})J";

constexpr const char* kContactInputProps = R"J("name":{"type":"string","minLength":1,"maxLength":120},
"relationship":{"type":["string","null"],"maxLength":60},"phone":{"type":"string","description":"+E.164"},
"email":{"type":["string","null"],"format":"email"},"notes":{"type":["string","null"],"maxLength":1000},
"priority":{"type":"integer","minimum":1,"maximum":10,"default":1})J";

struct Contact {
  std::string id, owner_id;
  boost::json::object content;
  int64_t priority = 1, version = 1, created_at = 0, updated_at = 0;
};

std::string context_of(const std::string& id) { return "emergency_contacts:" + id; }

constexpr const char* kColumns = "id, owner_id, data_sealed, priority, version, created_at, updated_at";

Contact contact_from(Deps& d, const db::Row& r) {
  Contact c;
  c.id = r.str(0);
  c.owner_id = r.str(1);
  auto v = open_json(d, c.owner_id, r.str(2), context_of(c.id));
  if (v.is_object()) c.content = std::move(v.as_object());
  c.priority = r.i64(3);
  c.version = r.i64(4);
  c.created_at = r.i64(5);
  c.updated_at = r.i64(6);
  return c;
}

boost::json::object contact_json(const Contact& c) {
  auto get = [&](const char* k, boost::json::value dflt) {
    auto it = c.content.find(k);
    return it == c.content.end() ? dflt : it->value();
  };
  return {{"id", c.id},           {"name", get("name", "")},   {"relationship", get("relationship", nullptr)},
          {"phone", get("phone", "")}, {"email", get("email", nullptr)}, {"notes", get("notes", "")},
          {"priority", c.priority},   {"version", c.version}};
}

std::vector<Contact> list_contacts(Deps& d, const std::string& owner) {
  static const std::string sql =
      std::string("SELECT ") + kColumns + " FROM emergency_contacts WHERE owner_id = $1 ORDER BY priority, created_at, id";
  std::vector<Contact> out;
  for (const auto& r : d.ctx.db.query(db::ReadFrom::primary, sql, {owner}).rows) out.push_back(contact_from(d, r));
  return out;
}

Contact load_contact(Deps& d, const std::string& owner, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM emergency_contacts WHERE id = $1 AND owner_id = $2";
  if (!util::is_id(id, "emc")) throw ApiError::not_found("No such emergency contact.");
  auto rs = d.ctx.db.query(db::ReadFrom::primary, sql, {id, owner});
  if (rs.empty()) throw ApiError::not_found("No such emergency contact.");
  return contact_from(d, rs.one());
}

// The content that is sealed: everything but the plaintext priority.
boost::json::object sealed_part(boost::json::object content) {
  content.erase("priority");
  return content;
}

}  // namespace

boost::json::object export_emergency_contacts(Deps& d, const std::string& user_id) {
  boost::json::array items;
  for (const auto& c : list_contacts(d, user_id)) items.push_back(contact_json(c));
  return {{"emergency_contacts", std::move(items)}};
}

std::string erase_emergency_contacts(Deps& d, db::Session& tx, const std::string& user_id) {
  tx.exec("DELETE FROM emergency_contacts WHERE owner_id = $1", {user_id});
  return "";
}

void register_emergency_contact_routes(http::Router& r, Deps& d) {
  r.add({.method = "POST", .path = "/v1/users/{id}/emergency-contacts", .tag = "users",
         .summary = "Add an emergency contact (stored encrypted).", .permission = "account.self",
         .request_schema = std::string(R"J({"type":"object","required":["name","phone"],"additionalProperties":false,"properties":{)J") +
                           kContactInputProps + "}}",
         .response_schema = kContactSchema, .success_status = 201,
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "emergency_contacts");
           json::BodyReader b(req);
           std::vector<http::FieldError> errors;
           auto content = validate_emergency_contact(b.object(), {}, false, errors);
           if (!errors.empty()) throw ApiError::validation(errors);
           Contact c;
           c.id = util::new_id("emc");
           c.owner_id = s.person.id;
           c.priority = content["priority"].as_int64();
           c.content = std::move(content);
           c.created_at = c.updated_at = db::now_ms();
           d.ctx.db.transaction([&](db::Session& tx) {
             auto n = tx.exec("SELECT COUNT(*) FROM emergency_contacts WHERE owner_id = $1", {c.owner_id});
             if (n.one().i64(0) >= kMaxContacts)
               throw ApiError::conflict("At most " + std::to_string(kMaxContacts) + " emergency contacts can be kept.");
             tx.exec("INSERT INTO emergency_contacts (id, owner_id, data_sealed, priority, created_at, updated_at, version) "
                     "VALUES ($1, $2, $3, $4, $5, $5, 1)",
                     {c.id, c.owner_id, seal_json(d, tx, c.owner_id, sealed_part(c.content), context_of(c.id)), c.priority,
                      c.created_at});
             audit_change(d, tx, req, c.owner_id, "users.emergency_contacts.create", context_of(c.id), s.decision.basis);
           });
           return json_with_etag(201, contact_json(c), c.version);
         }});

  r.add({.method = "GET", .path = "/v1/users/{id}/emergency-contacts", .tag = "users",
         .summary = "Emergency contacts, by priority.", .permission = "account.self",
         .response_schema = std::string(R"J({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":)J") +
                            kContactSchema + "}}}",
         .run_inline = true,  // a short read: served on the I/O thread
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::read, "emergency_contacts");
           boost::json::array items;
           for (const auto& c : list_contacts(d, s.person.id)) items.push_back(contact_json(c));
           return json_response(200, boost::json::object{{"items", std::move(items)}});
         }});

  r.add({.method = "PUT", .path = "/v1/users/{id}/emergency-contacts/{contact_id}", .tag = "users",
         .summary = "Change an emergency contact (If-Match required; members not sent stay as they are).",
         .permission = "account.self",
         .request_schema = std::string(R"J({"type":"object","additionalProperties":false,"properties":{)J") + kContactInputProps + "}}",
         .response_schema = kContactSchema,
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "emergency_contacts");
           Contact c = load_contact(d, s.person.id, req.param("contact_id"));
           int64_t expected = required_if_match(req);
           json::BodyReader b(req);
           std::vector<http::FieldError> errors;
           boost::json::object base = c.content;
           base["priority"] = c.priority;
           auto content = validate_emergency_contact(b.object(), base, true, errors);
           if (!errors.empty()) throw ApiError::validation(errors);
           if (c.version != expected) throw precondition_failed();
           int64_t now = db::now_ms();
           int64_t priority = content["priority"].as_int64();
           d.ctx.db.transaction([&](db::Session& tx) {
             auto upd = tx.exec(
                 "UPDATE emergency_contacts SET data_sealed = $4, priority = $5, updated_at = $6, version = version + 1 "
                 "WHERE id = $1 AND owner_id = $2 AND version = $3",
                 {c.id, c.owner_id, expected, seal_json(d, tx, c.owner_id, sealed_part(content), context_of(c.id)), priority, now});
             if (upd.affected != 1) throw precondition_failed();
             audit_change(d, tx, req, c.owner_id, "users.emergency_contacts.update", context_of(c.id), s.decision.basis);
           });
           c.content = std::move(content);
           c.priority = priority;
           c.version = expected + 1;
           c.updated_at = now;
           return json_with_etag(200, contact_json(c), c.version);
         }});

  r.add({.method = "DELETE", .path = "/v1/users/{id}/emergency-contacts/{contact_id}", .tag = "users",
         .summary = "Remove an emergency contact.", .permission = "account.self", .success_status = 204,
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "emergency_contacts");
           std::string id = req.param("contact_id");
           if (!util::is_id(id, "emc")) throw ApiError::not_found("No such emergency contact.");
           d.ctx.db.transaction([&](db::Session& tx) {
             auto del = tx.exec("DELETE FROM emergency_contacts WHERE id = $1 AND owner_id = $2", {id, s.person.id});
             if (del.affected != 1) throw ApiError::not_found("No such emergency contact.");
             audit_change(d, tx, req, s.person.id, "users.emergency_contacts.delete", context_of(id), s.decision.basis);
           });
           return Response::no_content();
         }});
}

}  // namespace kiorex::users
