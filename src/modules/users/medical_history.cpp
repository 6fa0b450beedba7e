// /v1/users/{id}/medical-history: conditions, allergies, medications, surgeries, immunizations,
// family history and lifestyle. Only kind, owner, recorder and the row's own timestamps/version are
// plaintext; the entry's content is sealed under the owner's data key. Deletion is soft.
#include <algorithm>
#include <boost/json.hpp>
#include <type_traits>

#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/module.hpp"
#include "core/security/data_keys.hpp"
#include "core/security/sealed_data_error.hpp"
#include "core/util/ids.hpp"
#include "modules/users/common.hpp"
#include "modules/users/history_content.hpp"

namespace kiorex::users {

using http::ApiError;
using http::Request;
using http::Response;

namespace {

constexpr const char* kEntrySchema = R"J({"type":"object","required":["id","kind","title","status","recorded_by","created_at","updated_at","version"],"properties":{
"id":{"type":"string"},"kind":{"type":"string","enum":["condition","allergy","medication","surgery","immunization","family_history","lifestyle"]},
"title":{"type":"string"},"notes":{"type":"string"},
"code":{"type":["object","null"],"properties":{"system":{"type":"string","enum":["ICD-10","SNOMED-CT","RxNorm","other"]},"value":{"type":"string"}}},
"onset_date":{"type":["string","null"],"format":"date"},"end_date":{"type":["string","null"],"format":"date"},
"status":{"type":"string","enum":["active","resolved","inactive"]},"details":{"type":"object"},
"recorded_by":{"type":"object","properties":{"id":{"type":"string"},"role":{"type":"string"}}},
"created_at":{"type":"string","format":"date-time"},"updated_at":{"type":"string","format":"date-time"},"version":{"type":"integer"}}})J";

constexpr const char* kEntryInputProps = R"J("kind":{"type":"string","enum":["condition","allergy","medication","surgery","immunization","family_history","lifestyle"]},
"title":{"type":"string","minLength":1,"maxLength":200},"notes":{"type":["string","null"],"maxLength":4000},
"code":{"type":["object","null"],"required":["system","value"],"additionalProperties":false,"properties":{"system":{"type":"string","enum":["ICD-10","SNOMED-CT","RxNorm","other"]},"value":{"type":"string","maxLength":40}}},
"onset_date":{"type":["string","null"],"format":"date"},"end_date":{"type":["string","null"],"format":"date"},
"status":{"type":["string","null"],"enum":["active","resolved","inactive",null]},
"details":{"type":["object","null"],"description":"allergy {reaction, severity: mild|moderate|severe}; medication {dose, frequency, route}; immunization {dose_number, lot}; family_history {relative}; lifestyle {habit, frequency}; at most 4 KB"})J";

constexpr const char* kColumns =
    "id, owner_id, kind, data_sealed, recorded_by_id, recorded_by_role, created_at, updated_at, version, deleted_at";

struct Entry {
  std::string id, owner_id, kind, recorded_by_id, recorded_by_role;
  boost::json::object content;
  int64_t created_at = 0, updated_at = 0, version = 1;
  std::optional<int64_t> deleted_at;
};

// What an entry's content is sealed to: "medical_history:<entry id>".
constexpr std::string_view kContextPrefix = "medical_history:";
std::string context_of(std::string_view id) { return std::string(kContextPrefix).append(id); }

// The entry's content sealed with the owner's data key, in the stored API form (history_content.hpp).
std::string seal_content(Deps& d, db::Session& tx, const std::string& owner_id, const std::string& id,
                         const boost::json::object& content) {
  return d.keys.seal(tx, owner_id, history_content_text(content), context_of(id));
}

Entry entry_from(Deps& d, const db::Row& r) {
  Entry e;
  e.id = r.str(0);
  e.owner_id = r.str(1);
  e.kind = r.str(2);
  auto v = open_json(d, e.owner_id, r.str(3), context_of(e.id));
  if (v.is_object()) e.content = std::move(v.as_object());
  e.recorded_by_id = r.str(4);
  e.recorded_by_role = r.str(5);
  e.created_at = r.i64(6);
  e.updated_at = r.i64(7);
  e.version = r.i64(8);
  e.deleted_at = r.opt_i64(9);
  return e;
}

// The API's JSON of an entry. `content` is the entry's decrypted object: its members are moved out
// when the caller passes it as an rvalue (a list page's entries are not used again), copied otherwise.
template <class Content>
boost::json::object entry_json_of(const Entry& e, Content&& content, bool with_deleted) {
  auto get = [&](const char* k, boost::json::value dflt) -> boost::json::value {
    auto it = content.find(k);
    if (it == content.end()) return dflt;
    if constexpr (std::is_const_v<std::remove_reference_t<Content>> || std::is_lvalue_reference_v<Content>)
      return it->value();
    else
      return std::move(it->value());
  };
  boost::json::object o(14);
  o["id"] = e.id;
  o["kind"] = e.kind;
  o["title"] = get("title", "");
  o["notes"] = get("notes", "");
  o["code"] = get("code", nullptr);
  o["onset_date"] = get("onset_date", nullptr);
  o["end_date"] = get("end_date", nullptr);
  o["status"] = get("status", "active");
  o["details"] = get("details", boost::json::object{});
  o["recorded_by"] = boost::json::object{{"id", e.recorded_by_id}, {"role", e.recorded_by_role}};
  o["created_at"] = iso(e.created_at);
  o["updated_at"] = iso(e.updated_at);
  o["version"] = e.version;
  if (with_deleted) o["deleted_at"] = opt_iso(e.deleted_at);
  return o;
}

boost::json::object entry_json(const Entry& e, bool with_deleted = false) {
  return entry_json_of(e, e.content, with_deleted);
}
boost::json::object entry_json(Entry&& e, bool with_deleted = false) {
  return entry_json_of(e, std::move(e.content), with_deleted);
}

// A list page's entry straight into the response text: the same members, order and values as
// to_json(entry_json(entry_from(row))) (checked by the users API tests), without building the Entry and
// its object. A content text in the stored API form (history_content.hpp) is copied as it is; an older
// one is parsed into `arena` (released with the page) and written member by member.
// The entry's columns (kColumns) start at `c`; `opener` opens the texts of the page's subject (every
// entry's owner). `buffers` are the page's scratch space for decoding and decrypting (allocated once per page).
struct OpenBuffers {
  std::string plain, scratch, context;
};

void write_entry(security::DataKeys::PageOpener& opener, std::string& out, const db::RowView& r, std::size_t c,
                 OpenBuffers& buffers, boost::json::storage_ptr arena) {
  std::string_view id = r.text(c);
  out += "{\"id\":";
  append_json_string(out, id);
  out += ",\"kind\":";
  append_json_string(out, r.text(c + 2));
  out += ',';
  buffers.context.assign(kContextPrefix).append(id);  // context_of(id) in the page's buffer
  if (!opener.open_into(r.text(c + 3), buffers.context, buffers.plain, buffers.scratch))
    throw security::SealedDataUnreadable(buffers.context);
  if (auto members = history_members_of(buffers.plain)) {
    out += *members;
  } else {
    boost::system::error_code ec;
    auto v = boost::json::parse(buffers.plain, ec, std::move(arena));
    if (ec) throw std::runtime_error("users: sealed record is not JSON");
    static const boost::json::object kNoContent;
    write_history_members(out, v.is_object() ? v.get_object() : kNoContent);
  }
  out += ",\"recorded_by\":{\"id\":";
  append_json_string(out, r.text(c + 4));
  out += ",\"role\":";
  append_json_string(out, r.text(c + 5));
  out += "},\"created_at\":\"";
  db::append_iso8601_from_ms(out, r.i64(c + 6));
  out += "\",\"updated_at\":\"";
  db::append_iso8601_from_ms(out, r.i64(c + 7));
  out += "\",\"version\":";
  out += std::to_string(r.i64(c + 8));
  out += '}';
}

// A live entry of this owner, or 404.
Entry load_entry(Deps& d, const std::string& owner_id, const std::string& entry_id) {
  static const std::string sql =
      std::string("SELECT ") + kColumns + " FROM medical_history WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL";
  if (!util::is_id(entry_id, "mhe")) throw ApiError::not_found("No such medical history entry.");
  auto rs = d.ctx.db.query(db::ReadFrom::primary, sql, {entry_id, owner_id});
  if (rs.empty()) throw ApiError::not_found("No such medical history entry.");
  return entry_from(d, rs.one());
}

// A care provider may change only the entries they recorded themselves.
void check_recorder(const Subject& s, const Request& req, const Entry& e) {
  if (s.decision.basis.starts_with("care") && e.recorded_by_id != req.principal.user_id)
    throw ApiError::forbidden("A care provider may change only the entries they recorded.");
}

}  // namespace

void insert_history_entry(Deps& d, db::Session& tx, const std::string& id, const std::string& owner_id,
                          const std::string& kind, const boost::json::object& content, const std::string& recorded_by_id,
                          const std::string& recorded_by_role, int64_t at) {
  tx.exec("INSERT INTO medical_history (id, owner_id, kind, data_sealed, recorded_by_id, recorded_by_role, "
          "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1)",
          {id, owner_id, kind, seal_content(d, tx, owner_id, id, content), recorded_by_id, recorded_by_role, at});
}

boost::json::object export_history(Deps& d, const std::string& user_id) {
  static const std::string sql =
      std::string("SELECT ") + kColumns + " FROM medical_history WHERE owner_id = $1 ORDER BY created_at DESC, id DESC";
  boost::json::array items;
  for (const auto& r : d.ctx.db.query(db::ReadFrom::primary, sql, {user_id}).rows)
    items.push_back(entry_json(entry_from(d, r), true));
  return {{"medical_history", std::move(items)}};
}

std::string erase_history(Deps& d, db::Session& tx, const std::string& user_id) {
  tx.exec("DELETE FROM medical_history WHERE owner_id = $1", {user_id});
  return "";
}

void register_history_routes(http::Router& r, Deps& d) {
  const std::string list_schema =
      std::string(R"J({"type":"object","required":["items","next_cursor"],"properties":{"items":{"type":"array","items":)J") +
      kEntrySchema + R"J(},"next_cursor":{"type":["string","null"]}}})J";

  r.add({.method = "POST", .path = "/v1/users/{id}/medical-history", .tag = "users",
         .summary = "Add a medical history entry (recorded_by = the caller). Content is stored encrypted.",
         .permission = "account.self",
         .request_schema = std::string(R"J({"type":"object","required":["kind","title"],"additionalProperties":false,"properties":{)J") +
                           kEntryInputProps + "}}",
         .response_schema = kEntrySchema, .success_status = 201,
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "medical_history");
           json::BodyReader b(req);
           std::vector<http::FieldError> errors;
           std::string kind;
           auto content = validate_history(b.object(), {}, kind, false, errors);
           if (!errors.empty()) throw ApiError::validation(errors);
           Entry e;
           e.id = util::new_id("mhe");
           e.owner_id = s.person.id;
           e.kind = kind;
           e.content = std::move(content);
           e.recorded_by_id = req.principal.user_id;
           e.recorded_by_role = req.principal.role;
           e.created_at = e.updated_at = db::now_ms();
           d.ctx.db.transaction([&](db::Session& tx) {
             insert_history_entry(d, tx, e.id, e.owner_id, e.kind, e.content, e.recorded_by_id, e.recorded_by_role,
                                  e.created_at);
             audit_change(d, tx, req, e.owner_id, "users.medical_history.create", context_of(e.id), s.decision.basis,
                          {{"kind", e.kind}});
           });
           auto resp = json_with_etag(201, entry_json(e), e.version);
           resp.headers.set("location", "/v1/users/" + e.owner_id + "/medical-history/" + e.id);
           return resp;
         }});

  r.add({.method = "GET", .path = "/v1/users/{id}/medical-history", .tag = "users",
         .summary = "Medical history entries, newest first (cursor pagination; optional kind filter).",
         .permission = "account.self", .response_schema = list_schema,
         .query_params = {{"kind", "condition|allergy|medication|surgery|immunization|family_history|lifestyle"},
                          {"limit", "Number of items, 1 to 100 (default 50)"},
                          {"cursor", "next_cursor from the previous page"}},
         .run_inline = true,  // a short read: served on the I/O thread
         .handler = [&d](Request& req) {
           std::vector<http::FieldError> errors;
           auto page = parse_page(req.query_param("limit"), req.query_param("cursor"), errors);
           auto kind = req.query_param("kind");
           if (kind && kind->empty()) kind.reset();
           if (kind && std::find(kHistoryKinds.begin(), kHistoryKinds.end(), *kind) == kHistoryKinds.end())
             errors.push_back({"kind", "must be one of: condition, allergy, medication, surgery, immunization, family_history, lifestyle"});
           if (!errors.empty()) {
             require_access(d, req, Access::read, "medical_history");  // audited (or denied) first, as for any read
             throw ApiError::validation(errors, "The query has invalid parameters.");
           }
           // One read: the account row (for the access check) LEFT JOINed with the page (at most
           // limit + 1 entries, newest first, by (owner_id, created_at, id)). No entries: one row with NULL
           // entry columns. SQLite walks its table, clustered on that key (migration users/003), in order
           // for the join itself (a subquery would be materialised and sorted, blobs copied twice);
           // PostgreSQL sorts a join's output, so there the page is a LIMITed subquery (index scan
           // backward) and only those rows are sorted.
           const bool pg = d.ctx.db.dialect() == db::Dialect::postgres;
           const char* h = pg ? "" : "h.";
           std::vector<db::Value> params{path_subject(req)};
           std::string where = std::string(h) + "owner_id = " + (pg ? "$1" : "u.id") + " AND " + h + "deleted_at IS NULL";
           if (kind) {
             params.emplace_back(*kind);
             where += std::string(" AND ") + h + "kind = $" + std::to_string(params.size());
           }
           if (page.after) {
             params.emplace_back(page.after->at);
             std::string at = "$" + std::to_string(params.size());
             params.emplace_back(page.after->id);
             std::string id = "$" + std::to_string(params.size());
             where += std::string(" AND (") + h + "created_at < " + at + " OR (" + h + "created_at = " + at + " AND " + h +
                      "id < " + id + "))";
           }
           params.emplace_back(page.limit + 1);
           const std::string limit = "$" + std::to_string(params.size());
           std::string sql = std::string("SELECT ") + kSubjectColumns + ", ";
           if (pg) {
             sql += "h.* FROM users u LEFT JOIN (SELECT " + std::string(kColumns) + " FROM medical_history WHERE " + where +
                    " ORDER BY created_at DESC, id DESC LIMIT " + limit + ") h ON TRUE WHERE u.id = $1 "
                    "ORDER BY h.created_at DESC, h.id DESC";
           } else {
             sql += "h.id, h.owner_id, h.kind, h.data_sealed, h.recorded_by_id, h.recorded_by_role, h.created_at, "
                    "h.updated_at, h.version, h.deleted_at FROM users u LEFT JOIN medical_history h ON " + where +
                    " WHERE u.id = $1 ORDER BY h.created_at DESC, h.id DESC LIMIT " + limit;
           }
           // The rows are streamed: the first one (the account's columns) decides access and writes the
           // audit record before any entry is decrypted; entries go straight into the response text.
           constexpr std::size_t k = kSubjectColumnCount;
           boost::json::monotonic_resource arena;
           std::string body;
           body.reserve(64 + static_cast<std::size_t>(page.limit) * 640);
           body += "{\"items\":[";
           std::optional<Subject> subject;
           std::optional<std::string> next;
           int64_t written = 0, last_at = 0;
           std::string last_id;
           OpenBuffers buffers;
           std::optional<security::DataKeys::PageOpener> opener;
           d.ctx.db.query_rows(db::ReadFrom::primary, sql, params, [&](const db::RowView& row) {
             if (!subject) {
               subject = require_access(d, req, Access::read, "medical_history", subject_columns(row));
               opener.emplace(d.keys.page_opener(subject->person.id));
             }
             if (row.is_null(k) || next) return;  // no entries (one row of NULLs), or past the page
             if (written == page.limit) {
               next = encode_cursor({last_at, last_id});
               return;
             }
             if (written++) body += ',';
             write_entry(*opener, body, row, k, buffers, &arena);
             last_at = row.i64(k + 6);
             last_id = row.text(k);
           });
           if (!subject) require_access(d, req, Access::read, "medical_history", std::nullopt);  // no account: 404
           body += "],\"next_cursor\":";
           if (next) append_json_string(body, *next);
           else body += "null";
           body += '}';
           return http::Response::json(200, std::move(body));
         }});

  r.add({.method = "GET", .path = "/v1/users/{id}/medical-history/{entry_id}", .tag = "users",
         .summary = "One medical history entry, with ETag.", .permission = "account.self", .response_schema = kEntrySchema,
         .run_inline = true,  // a short read: served on the I/O thread
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::read, "medical_history");
           Entry e = load_entry(d, s.person.id, req.param("entry_id"));
           return json_with_etag(200, entry_json(e), e.version);
         }});

  r.add({.method = "PUT", .path = "/v1/users/{id}/medical-history/{entry_id}", .tag = "users",
         .summary = "Change a medical history entry (If-Match required; members not sent stay as they are).",
         .permission = "account.self",
         .request_schema = std::string(R"J({"type":"object","additionalProperties":false,"properties":{)J") + kEntryInputProps + "}}",
         .response_schema = kEntrySchema,
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "medical_history");
           Entry e = load_entry(d, s.person.id, req.param("entry_id"));
           check_recorder(s, req, e);
           int64_t expected = required_if_match(req);
           json::BodyReader b(req);
           std::vector<http::FieldError> errors;
           std::string kind = e.kind;
           auto content = validate_history(b.object(), e.content, kind, true, errors);
           if (!errors.empty()) throw ApiError::validation(errors);
           if (e.version != expected) throw precondition_failed();
           int64_t now = db::now_ms();
           d.ctx.db.transaction([&](db::Session& tx) {
             auto upd = tx.exec(
                 "UPDATE medical_history SET kind = $4, data_sealed = $5, updated_at = $6, version = version + 1 "
                 "WHERE id = $1 AND owner_id = $2 AND version = $3 AND deleted_at IS NULL",
                 {e.id, e.owner_id, expected, kind, seal_content(d, tx, e.owner_id, e.id, content), now});
             if (upd.affected != 1) throw precondition_failed();
             audit_change(d, tx, req, e.owner_id, "users.medical_history.update", context_of(e.id), s.decision.basis,
                          {{"kind", kind}});
           });
           e.kind = kind;
           e.content = std::move(content);
           e.updated_at = now;
           e.version = expected + 1;
           return json_with_etag(200, entry_json(e), e.version);
         }});

  r.add({.method = "DELETE", .path = "/v1/users/{id}/medical-history/{entry_id}", .tag = "users",
         .summary = "Remove a medical history entry (soft delete: kept for the audit trail, hidden everywhere).",
         .permission = "account.self", .success_status = 204,
         .handler = [&d](Request& req) {
           auto s = require_access(d, req, Access::write, "medical_history");
           Entry e = load_entry(d, s.person.id, req.param("entry_id"));
           check_recorder(s, req, e);
           d.ctx.db.transaction([&](db::Session& tx) {
             int64_t now = db::now_ms();
             auto upd = tx.exec(
                 "UPDATE medical_history SET deleted_at = $3, updated_at = $3, version = version + 1 "
                 "WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL",
                 {e.id, e.owner_id, now});
             if (upd.affected != 1) throw ApiError::not_found("No such medical history entry.");
             audit_change(d, tx, req, e.owner_id, "users.medical_history.delete", context_of(e.id), s.decision.basis,
                          {{"kind", e.kind}});
           });
           return Response::no_content();
         }});
}

}  // namespace kiorex::users
