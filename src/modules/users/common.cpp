#include "modules/users/common.hpp"

#include <boost/json.hpp>
#include <stdexcept>

#include "core/audit/audit_log.hpp"
#include "core/module.hpp"
#include "core/security/data_keys.hpp"
#include "core/security/sealed_data_error.hpp"

namespace kiorex::users {

using http::ApiError;

const char* const kPersonColumns =
    "u.id, u.name, u.email, u.phone, u.role, u.status, u.email_verified, u.phone_verified, u.mfa_enabled, u.created_at";
const char* const kSubjectColumns = "u.id, u.status";

namespace {
constexpr const char* kPersonSql =
    "SELECT id, name, email, phone, role, status, email_verified, phone_verified, mfa_enabled, created_at "
    "FROM users WHERE id = $1";

Person person_from(const db::Row& r) {
  Person p;
  p.id = r.str(0);
  p.name = r.str(1);
  p.email = r.str(2);
  p.phone = r.str(3);
  p.role = r.str(4);
  p.status = r.str(5);
  p.email_verified = r.i64(6) != 0;
  p.phone_verified = r.i64(7) != 0;
  p.mfa_enabled = r.i64(8) != 0;
  p.created_at = r.i64(9);
  return p;
}
}  // namespace

std::optional<Person> find_person(db::Database& db, const std::string& id) {
  auto rs = db.query(db::ReadFrom::primary, kPersonSql, {id});
  if (rs.empty()) return std::nullopt;
  return person_from(rs.one());
}

std::optional<Person> find_person(db::Session& tx, const std::string& id) {
  auto rs = tx.exec(kPersonSql, {id});
  if (rs.empty()) return std::nullopt;
  return person_from(rs.one());
}

std::string path_subject(const http::Request& req) {
  const std::string& id = req.param("id");
  return id == "me" ? req.principal.user_id : id;
}

Subject require_access(Deps& d, const http::Request& req, Access access, const char* what) {
  std::string id = path_subject(req);
  Subject s;
  // One read of the account row serves both the policy (its status) and the handler.
  auto p = find_person(d.ctx.db, id);
  s.decision = d.policy.require(req, id, access, what, p ? AccessPolicy::SubjectStatus(p->status) : std::nullopt);
  if (!p || p->erased()) throw ApiError::not_found("No such person.");
  s.person = std::move(*p);
  return s;
}

std::optional<Person> person_columns(const db::ResultSet& rows) {
  if (rows.empty()) return std::nullopt;
  return person_from(rows.rows.front());
}

std::optional<Person> subject_columns(const db::ResultSet& rows) {
  if (rows.empty()) return std::nullopt;
  return subject_columns(db::ResultRowView(rows.rows.front()));
}

Person subject_columns(const db::RowView& row) {
  Person p;
  p.id = row.text(0);
  p.status = row.text(1);
  return p;
}

Subject require_access(Deps& d, const http::Request& req, Access access, const char* what, std::optional<Person> p) {
  std::string id = path_subject(req);
  Subject s;
  s.decision = d.policy.require(req, id, access, what, p ? AccessPolicy::SubjectStatus(p->status) : std::nullopt);
  if (!p || p->erased()) throw ApiError::not_found("No such person.");
  s.person = std::move(*p);
  return s;
}

http::ApiError precondition_failed() {
  return ApiError(412, "precondition-failed", "Precondition failed",
                  "The record was changed since you read it (If-Match does not match its ETag); read it again.");
}

int64_t required_if_match(const http::Request& req) {
  auto h = req.header("if-match");
  if (!h || h->empty() || *h == "*")
    throw ApiError(428, "precondition-required", "Precondition required",
                   "Send If-Match with the ETag you read, so concurrent changes are not lost.");
  auto v = parse_if_match(*h);
  if (!v) throw precondition_failed();
  return *v;
}

PageRequest page_of(const http::Request& req) {
  std::vector<http::FieldError> errors;
  auto p = parse_page(req.query_param("limit"), req.query_param("cursor"), errors);
  if (!errors.empty()) throw ApiError::validation(errors, "The query has invalid parameters.");
  return p;
}

std::string seal_json(Deps& d, db::Session& tx, const std::string& owner, const boost::json::value& v,
                      const std::string& context) {
  return d.keys.seal(tx, owner, to_json(v), context);
}

boost::json::value open_json(Deps& d, const std::string& owner, const std::string& sealed, const std::string& context) {
  return open_json(d, owner, std::string_view(sealed), context, {});
}

boost::json::value open_json(Deps& d, const std::string& owner, std::string_view sealed, const std::string& context,
                             boost::json::storage_ptr sp) {
  auto plain = d.keys.open(owner, sealed, context);
  if (!plain) throw security::SealedDataUnreadable(context);
  boost::system::error_code ec;
  auto v = boost::json::parse(*plain, ec, std::move(sp));
  if (ec) throw std::runtime_error("users: sealed record is not JSON");
  return v;
}

void audit_change(Deps& d, db::Session& tx, const http::Request& req, const std::string& subject_id,
                  const std::string& action, const std::string& resource, const std::string& basis,
                  boost::json::object details) {
  audit::AuditRecord r;
  r.actor_id = req.principal.user_id;
  r.actor_role = req.principal.role;
  r.action = action;
  r.subject_id = subject_id;
  r.resource = resource;
  r.reason = std::string(req.header("x-access-reason").value_or(""));
  r.request_id = req.request_id;
  r.ip = req.remote_ip;
  r.outcome = "success";
  details["basis"] = basis;
  r.details = std::move(details);
  d.ctx.audit.append(tx, r);
}

http::Response json_response(int status, const boost::json::value& v) { return http::Response::json(status, to_json(v)); }
http::Response json_response(int status, const boost::json::object& o) { return http::Response::json(status, to_json(o)); }

http::Response json_with_etag(int status, const boost::json::value& v, int64_t version) {
  auto r = json_response(status, v);
  r.headers.set("etag", etag_of(version));
  return r;
}

http::Response json_with_etag(int status, const boost::json::object& o, int64_t version) {
  auto r = json_response(status, o);
  r.headers.set("etag", etag_of(version));
  return r;
}

std::string iso(int64_t ms) { return db::iso8601_from_ms(ms); }

boost::json::value opt_iso(const std::optional<int64_t>& ms) {
  return ms ? boost::json::value(iso(*ms)) : boost::json::value(nullptr);
}

}  // namespace kiorex::users
