#include "app/page_heads.hpp"

#include <boost/json.hpp>

#include "core/http/html.hpp"
#include "core/http/problem.hpp"
#include "core/http/router.hpp"

namespace kiorex::app {

namespace {

constexpr const char* kSiteName = "Kiorex";
constexpr const char* kProfileRoute = "/v1/consultations/doctors/{id}";

std::string clipped(std::string s, size_t max) {
  if (s.size() <= max) return s;
  s.resize(max);
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();  // a whole UTF-8 char
  if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.pop_back();
  return s + "…";
}

// The distinct strings at `path` (member names, outermost first) in each object of `list`, comma separated.
std::string joined_names(const boost::json::value* list, std::initializer_list<const char*> path, size_t max_items) {
  std::string out;
  if (!list || !list->is_array()) return out;
  size_t n = 0;
  for (const auto& item : list->as_array()) {
    const boost::json::value* v = &item;
    for (const char* key : path) {
      const auto* obj = v ? v->if_object() : nullptr;
      v = obj ? obj->if_contains(key) : nullptr;
    }
    if (!v || !v->is_string() || v->as_string().empty()) continue;
    std::string text(v->as_string());
    if (out.find(text) != std::string::npos) continue;  // one city for several clinics in it
    if (n++ == max_items) break;
    out += (out.empty() ? "" : ", ") + text;
  }
  return out;
}

PageHead doctor_not_found(const std::string& path) {
  return PageHead{.status = 404, .title = std::string("Doctor not found · ") + kSiteName,
                  .description = "There is no doctor with this address on Kiorex.", .path = path, .noindex = true};
}

// The public profile, asked of its own route (no principal: exactly what any visitor may see).
std::optional<boost::json::object> public_profile(const http::Router& router, const std::string& id) {
  auto m = router.match("GET", std::string("/v1/consultations/doctors/") + id);
  if (!m.route || m.route->path != kProfileRoute || !m.route->handler) return std::nullopt;
  http::Request inner;
  inner.method = "GET";
  inner.path = std::string("/v1/consultations/doctors/") + id;
  inner.target = inner.path;
  inner.route = m.route->path;
  inner.path_params = m.params;
  try {
    auto resp = m.route->handler(inner);
    if (resp.status != 200) return std::nullopt;
    auto v = boost::json::parse(resp.body);
    if (!v.is_object()) return std::nullopt;
    return v.as_object();
  } catch (const http::ApiError&) {
    return std::nullopt;
  }
}

PageHead doctor_head(const http::Router& router, const std::string& id, const std::string& path) {
  // Ids are short tokens; anything else is not a doctor (and is not looked up).
  if (id.empty() || id.size() > 64) return doctor_not_found(path);
  auto p = public_profile(router, id);
  const auto* name = p ? p->if_contains("name") : nullptr;
  if (!name || !name->is_string() || p->if_contains("verified") == nullptr) return doctor_not_found(path);
  const std::string who = http::doctor_title(std::string(name->as_string()));
  const std::string specialties = joined_names(p->if_contains("specialties"), {"name"}, 3);
  const std::string cities = joined_names(p->if_contains("locations"), {"address", "city"}, 2);
  std::string description = who;
  if (!specialties.empty()) description += ", " + specialties;
  if (!cities.empty()) description += " in " + cities;
  description += ". Verified on Kiorex: see fees, ratings and free times, and book a video or clinic consultation.";
  return PageHead{.title = clipped(who + (specialties.empty() ? "" : " — " + specialties), 90) + " · " + kSiteName,
                  .description = clipped(description, 300), .path = path, .og_type = "profile"};
}

PageHead search_head(const http::Request& req) {
  auto q = req.query_param("q");
  std::string text = q ? clipped(*q, 60) : std::string();
  PageHead h{.title = std::string("Find a doctor · ") + kSiteName,
             .description = "Search verified doctors by name, specialty, condition, language or city, compare fees "
                            "and ratings, and book a video or clinic consultation.",
             .path = "/doctors"};
  if (!text.empty()) {
    h.title = "Doctors for “" + text + "” · " + kSiteName;
    h.description = "Verified doctors on Kiorex matching “" + text + "”: compare fees and ratings, and book.";
  }
  return h;
}

PageHead landing_head() {
  return PageHead{.title = std::string(kSiteName) + " — consult a verified doctor online or in clinic",
                  .description = "Kiorex is an all-in-one medical platform: find a verified doctor, book a video or "
                                 "clinic consultation, and get a signed prescription. Lab tests, medicines and home "
                                 "nursing are coming soon.",
                  .path = "/"};
}

void replace_between(std::string& html, const std::string& open, const std::string& close, const std::string& with) {
  size_t a = html.find(open);
  if (a == std::string::npos) return;
  size_t b = html.find(close, a);
  if (b == std::string::npos) return;
  html.replace(a, b + close.size() - a, with);
}

std::string meta(const char* attr, const char* key, const std::string& value) {
  return std::string("<meta ") + attr + "=\"" + key + "\" content=\"" + http::html_escape(value) + "\" />\n    ";
}

}  // namespace

std::optional<PageHead> public_page_head(const http::Router& router, const http::Request& req) {
  const std::string& path = req.path;
  if (path == "/") return landing_head();
  if (path == "/doctors" || path == "/doctors/") return search_head(req);
  constexpr std::string_view prefix = "/doctors/";
  if (path.starts_with(prefix)) {
    // One segment of the raw URL, as the web app's router sees it (an escaped "/" stays inside the id).
    std::string_view raw = std::string_view(req.target).substr(0, req.target.find('?'));
    if (!raw.starts_with(prefix) || raw.substr(prefix.size()).find('/') != std::string_view::npos) return std::nullopt;
    std::string id = path.substr(prefix.size());
    return doctor_head(router, id, path);
  }
  return std::nullopt;
}

std::string with_page_head(std::string html, const PageHead& head, const std::string& public_url) {
  std::string base = public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string tags = "<title>" + http::html_escape(head.title) + "</title>\n    " +
                     meta("name", "description", head.description) + meta("property", "og:site_name", kSiteName) +
                     meta("property", "og:title", head.title) + meta("property", "og:description", head.description) +
                     meta("property", "og:url", base + head.path) + meta("property", "og:type", head.og_type);
  if (head.noindex) tags += meta("name", "robots", "noindex");
  else tags += "<link rel=\"canonical\" href=\"" + http::html_escape(base + head.path) + "\" />\n    ";
  // The built index.html's own description goes; its <title> becomes the block above.
  replace_between(html, "<meta name=\"description\"", ">", "");
  if (html.find("<title>") != std::string::npos) replace_between(html, "<title>", "</title>", tags);
  else if (size_t at = html.find("</head>"); at != std::string::npos) html.insert(at, tags);
  return html;
}

}  // namespace kiorex::app
