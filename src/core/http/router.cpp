#include "core/http/router.hpp"

#include <stdexcept>

namespace kiorex::http {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') i++;
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

void Router::add(RouteSpec spec) {
  if (spec.permission.empty()) throw std::logic_error("route " + spec.path + " names no permission");
  for (const auto& c : compiled_)
    if (c.spec->method == spec.method && c.spec->path == spec.path)
      throw std::logic_error("route registered twice: " + spec.method + " " + spec.path);
  routes_.push_back(std::make_unique<RouteSpec>(std::move(spec)));
  compiled_.push_back({split_path(routes_.back()->path), routes_.back().get()});
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  auto segs = split_path(path);
  for (const auto& c : compiled_) {
    if (c.segments.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; i++) {
      const auto& pat = c.segments[i];
      if (pat.size() > 2 && pat.front() == '{' && pat.back() == '}') {
        if (segs[i].empty()) ok = false;
        else params[pat.substr(1, pat.size() - 2)] = segs[i];
      } else if (pat != segs[i]) {
        ok = false;
      }
    }
    if (!ok) continue;
    if (c.spec->method == method || (method == "HEAD" && c.spec->method == "GET")) {
      m.route = c.spec;
      m.params = std::move(params);
      return m;
    }
    m.path_matched = true;
    if (m.allowed_methods.find(c.spec->method) == std::string::npos)
      m.allowed_methods += (m.allowed_methods.empty() ? "" : ", ") + c.spec->method;
  }
  return m;
}

}  // namespace kiorex::http
