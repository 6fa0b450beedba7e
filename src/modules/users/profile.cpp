// GET/PUT /v1/users/{id} and the email/phone change confirmed by a code.
// The profile's health-related members live sealed in user_profiles.data_sealed; name, email and
// phone are the account's own columns (users). A missing profile row reads as version 1, empty.
#include <boost/json.hpp>

#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/module.hpp"
#include "core/notify/sender.hpp"
#include "core/security/crypto.hpp"
#include "core/security/data_keys.hpp"
#include "core/security/rate_limiter.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/users/common.hpp"

namespace kiorex::users {

using http::ApiError;
using http::Request;
using http::Response;

const char* const kProfileSchema = R"J({"type":"object","required":["id","name","role","is_dependent","version"],"properties":{
"id":{"type":"string"},"name":{"type":"string"},"email":{"type":["string","null"]},"phone":{"type":["string","null"]},
"email_verified":{"type":"boolean"},"phone_verified":{"type":"boolean"},"role":{"type":"string"},
"date_of_birth":{"type":["string","null"],"format":"date"},"sex":{"type":["string","null"],"enum":["female","male","intersex","unknown",null]},
"preferred_language":{"type":["string","null"]},
"address":{"type":["object","null"],"properties":{"line1":{"type":["string","null"]},"line2":{"type":["string","null"]},"city":{"type":["string","null"]},
"region":{"type":["string","null"]},"postal_code":{"type":["string","null"]},"country":{"type":["string","null"]},"lat":{"type":["number","null"]},"lng":{"type":["number","null"]}}},
"blood_group":{"type":["string","null"]},"height_cm":{"type":["number","null"]},"weight_kg":{"type":["number","null"]},
"photo_ref":{"type":["string","null"]},"is_dependent":{"type":"boolean"},"pending_email":{"type":["string","null"]},
"pending_phone":{"type":["string","null"]},"version":{"type":"integer"},"updated_at":{"type":"string","format":"date-time"}}})J";

namespace {

constexpr int64_t kCodeLifetimeMs = 10 * 60 * 1000;
constexpr int64_t kMaxAttempts = 5;

std::string profile_context(const std::string& user_id) { return "user_profiles:" + user_id; }
std::string change_context(const std::string& user_id, const std::string& channel) {
  return "contact_changes:" + user_id + ":" + channel;
}
std::string code_hash(const std::string& user_id, const std::string& channel, const std::string& code) {
  return security::sha256_hex("contact-change:" + user_id + ":" + channel + ":" + code);
}
std::string six_digits() {
  std::string bytes = security::random_bytes(4);
  uint32_t n = 0;
  for (unsigned char b : bytes) n = (n << 8) | b;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06u", n % 1000000u);
  return buf;
}

struct ProfileRow {
  bool exists = false;
  boost::json::object phi;
  int64_t version = 1;
  int64_t updated_at = 0;
};

ProfileRow load_row(Deps& d, const Person& p) {
  ProfileRow r;
  r.updated_at = p.created_at;
  auto rs = d.ctx.db.query(db::ReadFrom::primary,
                           "SELECT data_sealed, version, updated_at FROM user_profiles WHERE user_id = $1", {p.id});
  if (rs.empty()) return r;
  const auto& row = rs.one();
  r.exists = true;
  r.version = row.i64(1);
  r.updated_at = row.i64(2);
  if (!row.is_null(0)) {
    auto v = open_json(d, p.id, row.str(0), profile_context(p.id));
    if (v.is_object()) r.phi = std::move(v.as_object());
  }
  return r;
}

struct Pending {
  std::optional<std::string> email, phone;
};

// The profile row and the pending contact changes in one read: the account's row LEFT JOINed with
// both (a change row repeats the profile's columns, which are opened once). The account's own
// columns come first (kPersonColumns), so GET /{id} makes this one query serve the access check too.
const std::string& view_sql() {
  static const std::string sql = std::string("SELECT ") + kPersonColumns +
                                 ", p.user_id, p.data_sealed, p.version, p.updated_at, c.channel, c.value_sealed, c.expires_at "
                                 "FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id "
                                 "LEFT JOIN contact_changes c ON c.user_id = u.id WHERE u.id = $1";
  return sql;
}

// Fills `row` (and `pending`, unless null) from the rows of view_sql().
void view_from(Deps& d, const Person& p, const db::ResultSet& rs, ProfileRow& row, Pending* pending) {
  constexpr std::size_t k = kPersonColumnCount;
  row.updated_at = p.created_at;
  if (rs.empty()) return;
  const auto& first = rs.rows.front();
  if (!first.is_null(k)) {
    row.exists = true;
    row.version = first.i64(k + 2);
    row.updated_at = first.i64(k + 3);
    if (!first.is_null(k + 1)) {
      auto v = open_json(d, p.id, first.str(k + 1), profile_context(p.id));
      if (v.is_object()) row.phi = std::move(v.as_object());
    }
  }
  if (!pending) return;
  int64_t now = db::now_ms();
  for (const auto& r : rs.rows) {
    if (r.is_null(k + 4) || r.i64(k + 6) <= now) continue;
    std::string channel = r.str(k + 4);
    auto v = d.keys.open(p.id, r.str(k + 5), change_context(p.id, channel));
    if (!v) continue;
    (channel == "email" ? pending->email : pending->phone) = std::move(*v);
  }
}

void load_view(Deps& d, const Person& p, ProfileRow& row, Pending& pending) {
  view_from(d, p, d.ctx.db.query(db::ReadFrom::primary, view_sql(), {p.id}), row, &pending);
}

boost::json::value opt_str(const std::string& s) { return s.empty() ? boost::json::value(nullptr) : boost::json::value(s); }
boost::json::value opt_str(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

// The row must exist before a versioned UPDATE (a missing row reads as version 1).
void ensure_row(db::Session& tx, const std::string& user_id) {
  int64_t now = db::now_ms();
  tx.exec("INSERT INTO user_profiles (user_id, data_sealed, version, created_at, updated_at) VALUES ($1, NULL, 1, $2, $2) "
          "ON CONFLICT (user_id) DO NOTHING",
          {user_id, now});
}

// Starts an email/phone change: the new value waits (sealed) with a code sent to it.
void start_contact_change(Deps& d, db::Session& tx, const Person& p, const std::string& channel, const std::string& value) {
  std::string code = six_digits();
  int64_t now = db::now_ms();
  tx.exec("DELETE FROM contact_changes WHERE user_id = $1 AND channel = $2", {p.id, channel});
  tx.exec(
      "INSERT INTO contact_changes (user_id, channel, value_sealed, code_hash, attempts, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, 0, $5, $6)",
      {p.id, channel, d.keys.seal(tx, p.id, value, change_context(p.id, channel)), code_hash(p.id, channel, code), now,
       now + kCodeLifetimeMs});
  notify::OutgoingMessage m;
  m.channel = channel == "email" ? "email" : "sms";
  m.to = value;
  m.secret = code;
  m.subject = "Your Kiorex code: " + code;
  m.text = "Hello " + p.name + ",\n\nUse the code " + code + " to confirm this " +
           (channel == "email" ? "email address" : "phone number") +
           " for your Kiorex account. It expires in 10 minutes and works once.\nIf this was not you, ignore this "
           "message.\n\nKiorex";
  d.auth.queue_message(tx, m);
}

}  // namespace

namespace {
boost::json::object profile_object(const Person& p, ProfileRow& row, const Pending& pending);
}

boost::json::object profile_json(Deps& d, const Person& p, int64_t* version, bool show_pending) {
  ProfileRow row;
  Pending pending;
  if (show_pending)
    load_view(d, p, row, pending);
  else
    row = load_row(d, p);
  if (version) *version = row.version;
  return profile_object(p, row, pending);
}

namespace {
boost::json::object profile_object(const Person& p, ProfileRow& row, const Pending& pending) {
  boost::json::object o;
  o.reserve(7 + std::size(kProfilePhiFields) + 6);
  o["id"] = p.id;
  o["name"] = p.name;
  o["email"] = opt_str(p.email);
  o["phone"] = opt_str(p.phone);
  o["email_verified"] = p.email_verified;
  o["phone_verified"] = p.phone_verified;
  o["role"] = p.role;
  for (const auto& f : kProfilePhiFields) {
    auto it = row.phi.find(f);
    o[f] = it == row.phi.end() ? boost::json::value(nullptr) : std::move(it->value());
  }
  o["is_dependent"] = p.dependent();
  o["pending_email"] = opt_str(pending.email);
  o["pending_phone"] = opt_str(pending.phone);
  o["version"] = row.version;
  o["updated_at"] = iso(row.updated_at);
  return o;
}
}  // namespace

void create_profile(Deps& d, db::Session& tx, const std::string& user_id, const boost::json::object& phi) {
  int64_t now = db::now_ms();
  tx.exec("INSERT INTO user_profiles (user_id, data_sealed, version, created_at, updated_at) VALUES ($1, $2, 1, $3, $3)",
          {user_id, seal_json(d, tx, user_id, phi, profile_context(user_id)), now});
}

boost::json::object export_profile(Deps& d, const std::string& user_id) {
  boost::json::object out;
  auto p = find_person(d.ctx.db, user_id);
  if (!p) return out;
  out["account"] = boost::json::object{{"id", p->id},
                                       {"name", p->name},
                                       {"email", opt_str(p->email)},
                                       {"phone", opt_str(p->phone)},
                                       {"role", p->role},
                                       {"status", p->status},
                                       {"email_verified", p->email_verified},
                                       {"phone_verified", p->phone_verified},
                                       {"mfa_enabled", p->mfa_enabled},
                                       {"created_at", iso(p->created_at)}};
  out["profile"] = profile_json(d, *p);
  return out;
}

std::vector<std::string> pending_contact_addresses(Deps& d, db::Session& tx, const std::string& user_id) {
  std::vector<std::string> out;
  for (const auto& r : tx.exec("SELECT channel, value_sealed FROM contact_changes WHERE user_id = $1", {user_id}).rows)
    if (auto v = d.keys.open(tx, user_id, r.str(1), change_context(user_id, r.str(0)))) out.push_back(std::move(*v));
  return out;
}

std::string erase_profile(Deps& d, db::Session& tx, const std::string& user_id) {
  tx.exec("DELETE FROM contact_changes WHERE user_id = $1", {user_id});
  tx.exec("DELETE FROM user_profiles WHERE user_id = $1", {user_id});
  return "";
}

void register_profile_routes(http::Router& r, Deps& d) {
  r.add({.method = "GET", .path = "/v1/users/{id}", .tag = "users",
         .summary = "A person's profile (`me` = yourself), with ETag. Health-related fields are stored encrypted.",
         .permission = "account.self", .response_schema = kProfileSchema,
         .run_inline = true,  // a short read: served on the I/O thread
         .handler = [&d](Request& req) {
           // One read: the account (for the access check), the sealed profile and pending changes.
           auto rs = d.ctx.db.query(db::ReadFrom::primary, view_sql(), {path_subject(req)});
           auto s = require_access(d, req, Access::read, "profile", person_columns(rs));
           // Pending email/phone only for those who may change the profile.
           bool manages = s.decision.basis == "self" || s.decision.basis == "guardian";
           ProfileRow row;
           Pending pending;
           view_from(d, s.person, rs, row, manages ? &pending : nullptr);
           return json_with_etag(200, profile_object(s.person, row, pending), row.version);
         }});

  r.add({.method = "PUT", .path = "/v1/users/{id}", .tag = "users",
         .summary = "Update the profile (If-Match required). A new email/phone waits as pending_email/pending_phone "
                    "until confirmed with the code sent to it.",
         .permission = "account.self",
         .request_schema = R"J({"type":"object","additionalProperties":false,"properties":{
"name":{"type":"string","minLength":1,"maxLength":120},"date_of_birth":{"type":["string","null"],"format":"date"},
"sex":{"type":["string","null"],"enum":["female","male","intersex","unknown",null]},
"preferred_language":{"type":["string","null"],"minLength":2,"maxLength":35},
"address":{"type":["object","null"],"additionalProperties":false,"properties":{"line1":{"type":["string","null"],"maxLength":200},
"line2":{"type":["string","null"],"maxLength":200},"city":{"type":["string","null"],"maxLength":100},"region":{"type":["string","null"],"maxLength":100},
"postal_code":{"type":["string","null"],"maxLength":20},"country":{"type":["string","null"],"pattern":"^[A-Z]{2}$"},
"lat":{"type":["number","null"],"minimum":-90,"maximum":90},"lng":{"type":["number","null"],"minimum":-180,"maximum":180}}},
"blood_group":{"type":["string","null"],"enum":["A+","A-","B+","B-","AB+","AB-","O+","O-",null]},
"height_cm":{"type":["number","null"],"minimum":30,"maximum":272},"weight_kg":{"type":["number","null"],"minimum":1,"maximum":500},
"photo_ref":{"type":["string","null"],"maxLength":200},"email":{"type":"string","format":"email"},"phone":{"type":"string","description":"+E.164"}}})J",
         .response_schema = kProfileSchema,
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "profile");
           int64_t expected = required_if_match(req);
           json::BodyReader b(req);
           std::vector<http::FieldError> errors;
           ProfileUpdate u = validate_profile_update(b.object(), errors);
           if (!errors.empty()) throw ApiError::validation(errors);
           if (u.email || u.phone) {
             auto lim = d.ctx.limiter.hit("users-contact-change:" + s.person.id, 10, 3600);
             if (!lim.allowed) throw ApiError::too_many(lim.retry_after_seconds, "Too many contact changes; try again later.");
           }
           ProfileRow current = load_row(d, s.person);
           if (current.version != expected) throw precondition_failed();
           boost::json::object phi = current.phi;
           for (const auto& kv : u.phi) phi[kv.key()] = kv.value();
           std::vector<std::string> changed;
           for (const auto& kv : u.phi) changed.emplace_back(kv.key());
           if (u.name) changed.push_back("name");
           d.ctx.db.transaction([&](db::Session& tx) {
             int64_t now = db::now_ms();
             ensure_row(tx, s.person.id);
             auto upd = tx.exec(
                 "UPDATE user_profiles SET data_sealed = $3, version = version + 1, updated_at = $4 "
                 "WHERE user_id = $1 AND version = $2",
                 {s.person.id, expected, seal_json(d, tx, s.person.id, phi, profile_context(s.person.id)), now});
             if (upd.affected != 1) throw precondition_failed();
             if (u.name && *u.name != s.person.name)
               tx.exec("UPDATE users SET name = $2, updated_at = $3 WHERE id = $1", {s.person.id, *u.name, now});
             for (const auto& [channel, value, current_value] :
                  {std::tuple{std::string("email"), u.email, s.person.email}, std::tuple{std::string("phone"), u.phone, s.person.phone}}) {
               if (!value) continue;
               changed.push_back(channel);
               if (*value == current_value)
                 tx.exec("DELETE FROM contact_changes WHERE user_id = $1 AND channel = $2", {s.person.id, channel});
               else
                 start_contact_change(d, tx, s.person, channel, *value);
             }
             boost::json::array fields;
             for (const auto& c : changed) fields.push_back(boost::json::value(c));
             audit_change(d, tx, req, s.person.id, "users.profile.update", "user_profiles:" + s.person.id,
                          s.decision.basis, {{"fields", fields}});
           });
           auto fresh = find_person(d.ctx.db, s.person.id);
           int64_t version = 1;
           auto o = profile_json(d, fresh ? *fresh : s.person, &version);
           return json_with_etag(200, o, version);
         }});

  r.add({.method = "POST", .path = "/v1/users/{id}/contact/verify", .tag = "users",
         .summary = "Confirm a pending email/phone change with the 6-digit code sent to the new address; "
                    "the address becomes the account's (verified).",
         .permission = "account.self",
         .request_schema = R"J({"type":"object","required":["channel","code"],"additionalProperties":false,"properties":{
"channel":{"type":"string","enum":["email","phone"]},"code":{"type":"string","pattern":"^[0-9]{6}$"}}})J",
         .response_schema = kProfileSchema,
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "profile");
           json::BodyReader b(req);
           std::vector<http::FieldError> errors;
           Fields f(b.object(), errors);
           f.only({"channel", "code"});
           auto channel = f.word("channel", true, {"email", "phone"});
           auto code = f.str("code", true, 6, 6);
           if (code && !std::all_of(code->begin(), code->end(), [](char c) { return c >= '0' && c <= '9'; }))
             f.fail("code", "must be 6 digits");
           if (!errors.empty()) throw ApiError::validation(errors);
           const ApiError wrong(401, "invalid-otp", "Code not accepted", "The code is wrong or has expired.");
           const ApiError locked(401, "otp-locked", "Code locked", "Too many wrong codes; change the address again to get a new code.");
           auto rs = d.ctx.db.query(db::ReadFrom::primary,
                                    "SELECT value_sealed, code_hash, attempts, expires_at FROM contact_changes "
                                    "WHERE user_id = $1 AND channel = $2",
                                    {s.person.id, *channel});
           if (rs.empty() || rs.one().i64(3) <= db::now_ms()) throw wrong;
           const auto& row = rs.one();
           std::string stored_hash = row.str(1);
           if (row.i64(2) >= kMaxAttempts) throw locked;
           if (!security::constant_time_equal(code_hash(s.person.id, *channel, *code), stored_hash)) {
             auto upd = d.ctx.db.execute(
                 "UPDATE contact_changes SET attempts = attempts + 1 WHERE user_id = $1 AND channel = $2 AND code_hash = $3",
                 {s.person.id, *channel, stored_hash});
             if (upd.affected == 1 && row.i64(2) + 1 >= kMaxAttempts) throw locked;
             throw wrong;
           }
           auto value = d.keys.open(s.person.id, row.str(0), change_context(s.person.id, *channel));
           if (!value) throw wrong;
           try {
             d.ctx.db.transaction([&](db::Session& tx) {
               int64_t now = db::now_ms();
               // Consumes the code once, even when two requests race with it.
               auto del = tx.exec(
                   "DELETE FROM contact_changes WHERE user_id = $1 AND channel = $2 AND code_hash = $3 AND attempts < $4",
                   {s.person.id, *channel, stored_hash, kMaxAttempts});
               if (del.affected != 1) throw wrong;
               if (*channel == "email")
                 tx.exec("UPDATE users SET email = $2, email_verified = 1, updated_at = $3 WHERE id = $1",
                         {s.person.id, *value, now});
               else
                 tx.exec("UPDATE users SET phone = $2, phone_verified = 1, updated_at = $3 WHERE id = $1",
                         {s.person.id, *value, now});
               ensure_row(tx, s.person.id);
               tx.exec("UPDATE user_profiles SET version = version + 1, updated_at = $2 WHERE user_id = $1", {s.person.id, now});
               audit_change(d, tx, req, s.person.id, "users.contact.verify", "users:" + s.person.id, s.decision.basis,
                            {{"channel", *channel}});
             });
           } catch (const db::UniqueViolation&) {
             throw ApiError::conflict("This " + std::string(*channel == "email" ? "email address" : "phone number") +
                                      " now belongs to another account.");
           }
           auto fresh = find_person(d.ctx.db, s.person.id);
           int64_t version = 1;
           auto o = profile_json(d, fresh ? *fresh : s.person, &version);
           return json_with_etag(200, o, version);
         }});
}

}  // namespace kiorex::users
