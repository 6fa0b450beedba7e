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
  Compiled c{split_path(routes_.back()->path), {}, routes_.back().get()};
  for (const auto& seg : c.segments) c.is_param.push_back(seg.size() > 2 && seg.front() == '{' && seg.back() == '}');
  compiled_.push_back(std::move(c));
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  auto segs = split_path(path);
  for (const auto& c : compiled_) {
    if (c.segments.size() != segs.size()) continue;
    // Literal segments first, without building anything: most routes fail here.
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; i++)
      ok = c.is_param[i] ? !segs[i].empty() : c.segments[i] == segs[i];
    if (!ok) continue;
    if (c.spec->method == method || (method == "HEAD" && c.spec->method == "GET")) {
      m.route = c.spec;
      for (size_t i = 0; i < segs.size(); i++)
        if (c.is_param[i]) m.params[c.segments[i].substr(1, c.segments[i].size() - 2)] = std::move(segs[i]);
      return m;
    }
    m.path_matched = true;
    if (m.allowed_methods.find(c.spec->method) == std::string::npos)
      m.allowed_methods += (m.allowed_methods.empty() ? "" : ", ") + c.spec->method;
  }
  return m;
}

}  // namespace kiorex::http
