#include "core/http/html.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace kiorex::http {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string doctor_title(std::string_view name) {
  const bool titled = name.size() > 3 && (name[0] == 'D' || name[0] == 'd') && (name[1] == 'r' || name[1] == 'R') &&
                      (name[2] == ' ' || name[2] == '.');
  return titled ? std::string(name) : "Dr " + std::string(name);
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// The q value of one media range's parameters ("q=0.8"); 1 when absent, 0 when malformed.
double quality(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() < 2 || std::tolower(static_cast<unsigned char>(p[0])) != 'q' || p[1] != '=') continue;
    std::string v(trim(p.substr(2)));
    if (v.empty() || v.size() > 5) return 0;
    char* end = nullptr;
    double q = std::strtod(v.c_str(), &end);
    if (end != v.c_str() + v.size() || !(q >= 0 && q <= 1)) return 0;
    return q;
  }
  return 1;
}

}  // namespace

bool prefers_html(std::string_view accept) {
  double html = -1, json = -1;  // -1: not named
  while (!accept.empty()) {
    size_t comma = accept.find(',');
    std::string_view range = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    size_t semi = range.find(';');
    std::string_view type = trim(range.substr(0, semi));
    double q = semi == std::string_view::npos ? 1 : quality(range.substr(semi + 1));
    if (iequals(type, "text/html") || iequals(type, "application/xhtml+xml")) html = std::max(html, q);
    else if (iequals(type, "application/json")) json = std::max(json, q);
  }
  return html > 0 && html > json;
}

}  // namespace kiorex::http
