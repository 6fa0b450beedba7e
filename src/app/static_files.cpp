// Serves the built web app (web/dist): files by path, hashed assets cached for a year, and
// index.html for client-side routes such as /signin. The public pages' index.html carries their own title,
// description and Open Graph tags (page_heads.hpp), and an unknown doctor's profile is a 404 with noindex.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/app.hpp"
#include "app/page_heads.hpp"
#include "core/http/problem.hpp"

namespace kiorex::app {

namespace fs = std::filesystem;

namespace {
std::string content_type_for(const fs::path& p) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},              {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"}};
  auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path default_web_dir() {
  for (fs::path p : {fs::path("web/dist"), fs::path("../web/dist")})
    if (fs::exists(p / "index.html")) return fs::canonical(p);
  if (const char* src = std::getenv("KIOREX_SOURCE_DIR")) return fs::path(src) / "web/dist";
  return fs::path("web/dist");
}
}  // namespace

void register_static_files(App& app) {
  fs::path root = app.cfg.web_dir.empty() ? default_web_dir() : fs::path(app.cfg.web_dir);
  const http::Router& router = app.router;
  const std::string public_url = app.cfg.public_url;
  app.router.set_fallback([root, &router, public_url](http::Request& req) {
    if (req.path.find("..") != std::string::npos || req.path.find('\0') != std::string::npos)
      throw http::ApiError::not_found();
    fs::path rel = fs::path(req.path).relative_path();
    fs::path file = root / rel;
    bool is_asset = req.path.starts_with("/assets/") || req.path.starts_with("/docs/");
    std::error_code ec;
    if (rel.empty() || !fs::is_regular_file(file, ec)) {
      // A path with an extension that is not there is a missing file, not a page of the app.
      if (rel.has_extension() || is_asset) throw http::ApiError::not_found("No such file.");
      file = root / "index.html";
    }
    auto body = read_file(file);
    if (!body)
      return http::Response::text(503, "The web app is not built. Run `make web` (or `make run`).\n");
    int status = 200;
    if (file.filename() == "index.html") {
      if (auto head = public_page_head(router, req)) {
        status = head->status;
        *body = with_page_head(std::move(*body), *head, public_url);
      }
    }
    auto resp = http::Response::text(status, std::move(*body), content_type_for(file));
    resp.headers.set("cache-control", req.path.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    return resp;
  });
}

}  // namespace kiorex::app
