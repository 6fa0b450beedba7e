#include "core/http/openapi.hpp"

#include <boost/json.hpp>
#include <map>

#include "core/security/permissions.hpp"

namespace kiorex::http {

namespace {
boost::json::value schema_or_default(const std::string& text) {
  if (text.empty()) return boost::json::object{{"type", "object"}};
  return boost::json::parse(text);
}

boost::json::object problem_ref(const std::string& description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

std::string operation_id(const RouteSpec& r) {
  std::string id = r.method;
  for (char c : r.path) id.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return id;
}
}  // namespace

std::string build_openapi(const Router& router, const std::string& version, const std::string& server_url) {
  boost::json::object paths;
  std::map<std::string, bool> tags;
  for (const auto& rp : router.routes()) {
    const RouteSpec& r = *rp;
    if (!r.documented) continue;
    tags[r.tag] = true;
    boost::json::object op;
    op["operationId"] = operation_id(r);
    op["summary"] = r.summary;
    op["tags"] = boost::json::array{boost::json::value(r.tag)};
    boost::json::array params;
    for (const auto& seg : split_path(r.path))
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", seg.substr(1, seg.size() - 2)}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    for (const auto& [name, desc] : r.query_params)
      params.push_back({{"name", name}, {"in", "query"}, {"required", false}, {"description", desc}, {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = std::move(params);
    if (!r.request_schema.empty())
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", schema_or_default(r.request_schema)}}}}}};
    boost::json::object responses;
    boost::json::object ok{{"description", "Success"}};
    if (r.success_status != 204 && r.success_status != 101)
      ok["content"] = {{r.response_content_type, {{"schema", schema_or_default(r.response_schema)}}}};
    responses[std::to_string(r.success_status)] = std::move(ok);
    if (!r.request_schema.empty()) {
      responses["400"] = problem_ref("Malformed request body");
      responses["422"] = problem_ref("Validation failed; `errors` lists each field");
    }
    if (r.permission != "public") {
      responses["401"] = problem_ref("Missing, invalid or expired access token");
      responses["403"] = problem_ref("The caller's role lacks permission `" + r.permission + "`");
      op["security"] = boost::json::array{{{"bearerAuth", boost::json::array{}}}};
      std::string roles;
      for (const auto& row : security::permission_table())
        if (row.permission == r.permission)
          for (const auto& role : row.roles) roles += (roles.empty() ? "" : ", ") + role;
      op["description"] = "Requires permission `" + r.permission + "` (roles: " + roles + ").";
    } else {
      op["security"] = boost::json::array{};
      op["description"] = "Public: no authentication needed." +
                          std::string(r.rate_class.empty() ? "" : " Rate-limited per address and per account (class `" + r.rate_class + "`).");
    }
    if (r.path.find('{') != std::string::npos) responses["404"] = problem_ref("Not found (or not yours)");
    responses["429"] = problem_ref("Rate limited; see Retry-After");
    op["responses"] = std::move(responses);
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Several methods share a path (GET/PUT/DELETE /v1/users/{id}): add to the path item, never replace it.
    auto& item = paths[r.path];
    if (!item.is_object()) item.emplace_object();
    item.as_object()[method] = std::move(op);
  }
  boost::json::array tag_list;
  for (const auto& [t, _] : tags) tag_list.push_back(boost::json::object{{"name", t}});
  boost::json::object doc{
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Kiorex API"},
        {"version", version},
        {"description", "The Kiorex medical platform API. Errors are RFC 9457 problem details."},
        {"license", {{"name", "Proprietary"}, {"identifier", "LicenseRef-Proprietary"}}}}},
      {"servers", boost::json::array{{{"url", server_url}}}},
      {"tags", std::move(tag_list)},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes", {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}}}},
        {"schemas",
         {{"Problem",
           {{"type", "object"},
            {"required", boost::json::array{"type", "title", "status"}},
            {"properties",
             {{"type", {{"type", "string"}}},
              {"title", {{"type", "string"}}},
              {"status", {{"type", "integer"}}},
              {"detail", {{"type", "string"}}},
              {"instance", {{"type", "string"}}},
              {"request_id", {{"type", "string"}}},
              {"errors",
               {{"type", "array"},
                {"items",
                 {{"type", "object"},
                  {"properties", {{"field", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}}}}}}}}};
  return boost::json::serialize(doc);
}

std::string swagger_ui_html() {
  return R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kiorex API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-init.js"></script>
</body></html>)";
}

}  // namespace kiorex::http
