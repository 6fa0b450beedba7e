// GET /v1/users/{id}/export: a copy of everything held about the person (GDPR access and portability).
// The document is built from export parts, the mirror of erasure's parts: the users module's own
// (data_map.cpp) and every other module's (UsersModule::add_export_part, wired in src/app/app.cpp). Each
// part's members are top-level members of the document; the PDF renders every member generically.
#include <boost/json.hpp>

#include "core/http/router.hpp"
#include "modules/users/common.hpp"
#include "modules/users/export_pdf.hpp"

namespace kiorex::users {

using http::ApiError;
using http::Request;
using http::Response;

namespace {

// The members every document has (the users module's parts); other modules' members are listed by the
// document itself (additionalProperties) and in docs/api/users.md.
constexpr const char* kExportSchema = R"J({"type":"object","required":["exported_at","account","profile","medical_history","family","emergency_contacts","consents","sign_in","access_log","consultations"],
"properties":{"exported_at":{"type":"string","format":"date-time"},"account":{"type":"object"},"profile":{"type":"object"},
"medical_history":{"type":"array","items":{"type":"object"}},"family":{"type":"array","items":{"type":"object"}},
"emergency_contacts":{"type":"array","items":{"type":"object"}},"consents":{"type":"object"},
"sign_in":{"type":"object","description":"sessions (times, IP address, browser) and linked social sign-ins",
"properties":{"sessions":{"type":"array","items":{"type":"object"}},"social_identities":{"type":"array","items":{"type":"object"}}}},
"access_log":{"type":"array","items":{"type":"object"}},
"consultations":{"type":"object","description":"the consultations module's part: what the person entered or received in their consultations",
"properties":{"bookings":{"type":"array","items":{"type":"object"},"description":"with the reason given when booking"},
"notes":{"type":"array","items":{"type":"object"},"description":"the plan of each consultation's notes (what the patient is given)"},
"prescriptions":{"type":"array","items":{"type":"object"}},"chat":{"type":"array","items":{"type":"object"},"description":"messages they wrote or received"},
"ratings":{"type":"array","items":{"type":"object"}},"practice":{"type":["object","null"],"description":"a doctor's own practice profile"}}}},
"additionalProperties":true})J";

boost::json::object export_document(Deps& d, const std::string& person_id) {
  boost::json::object doc;
  doc["exported_at"] = db::now_iso8601();
  for (const auto& part : d.export_parts)
    for (auto& kv : part.read(person_id)) doc[kv.key()] = std::move(kv.value());
  return doc;
}

}  // namespace

void register_export_routes(http::Router& r, Deps& d) {
  r.add({.method = "GET", .path = "/v1/users/{id}/export", .tag = "users",
         .summary = "A copy of everything held about the person (GDPR access and portability): JSON, or PDF with "
                    "?format=pdf. Each module adds its part (a top-level member), e.g. consultations.",
         .permission = "account.self",
         .response_schema = kExportSchema,
         .query_params = {{"format", "json (default) or pdf"}},
         .handler = [&d](Request& req) {
           auto format = req.query_param("format").value_or("json");
           if (format != "json" && format != "pdf")
             throw ApiError::validation({{"format", "must be json or pdf"}}, "The query has invalid parameters.");
           auto s = require_access(d, req, Access::read, "export");
           boost::json::object doc = export_document(d, s.person.id);
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
}

}  // namespace kiorex::users
