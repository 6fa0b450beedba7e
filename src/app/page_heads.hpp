#pragma once
// The <head> of the web app's public pages, written by the server: link previews (chat apps, search
// engines) come from crawlers that do not run JavaScript, so the title, description and Open Graph tags of
// `/`, the doctor search (`/doctors`) and a doctor's profile (`/doctors/{id}`) must be in the HTML itself.
// Only what the public API shows already goes in (a verified doctor's public profile), HTML-escaped.
#include <optional>
#include <string>

#include "core/http/types.hpp"

namespace kiorex::http {
class Router;
}

namespace kiorex::app {

struct PageHead {
  int status = 200;          // 404 for a doctor who is unknown or not verified
  std::string title;         // plain text (escaped when written)
  std::string description;   // plain text
  std::string path;          // the page's canonical path, for og:url
  std::string og_type = "website";
  bool noindex = false;
};

// The head of a public page, or nullopt for any other path of the web app (index.html is served as built).
// A doctor's profile is read through the public profile route itself, so nothing beyond it can leak.
std::optional<PageHead> public_page_head(const http::Router& router, const http::Request& req);

// index.html with its <title> and description replaced by `head`'s tags; og:url is public_url + path.
std::string with_page_head(std::string index_html, const PageHead& head, const std::string& public_url);

}  // namespace kiorex::app
