// The person's rights over their data (GDPR/HIPAA, mission 5.1): who accessed it (the access log).
// A copy of all of it is export.cpp; erasure is erasure.cpp.
#include <boost/json.hpp>
#include <map>

#include "core/audit/audit_log.hpp"
#include "core/http/router.hpp"
#include "core/module.hpp"
#include "modules/users/common.hpp"

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

}  // namespace

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
}

}  // namespace kiorex::users
