#include "core/metrics/metrics.hpp"

#include <cstdio>

namespace kiorex::metrics {

void Registry::observe_request(const std::string& route, const std::string& method, int status, double seconds) {
  RouteStats* stats = nullptr;
  auto key = std::make_pair(route, method);
  {
    std::shared_lock lk(mutex_);
    auto it = routes_.find(key);
    if (it != routes_.end()) stats = it->second.get();
  }
  if (!stats) {
    std::unique_lock lk(mutex_);
    auto& slot = routes_[key];
    if (!slot) slot = std::make_unique<RouteStats>();
    stats = slot.get();
  }
  if (status >= 0 && status < 600) stats->by_status[static_cast<size_t>(status)]++;
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) b++;
  stats->buckets[b]++;
  stats->count++;
  stats->sum_micros += static_cast<uint64_t>(seconds * 1e6);
}

void Registry::add_gauge(std::string name, std::string help, std::function<double()> sample) {
  std::unique_lock lk(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(sample)});
}

std::atomic<uint64_t>& Registry::counter(const std::string& name, const std::string& help) {
  std::unique_lock lk(mutex_);
  auto& slot = counters_[name];
  if (!slot) {
    slot = std::make_unique<Counter>();
    slot->help = help;
  }
  return slot->value;
}

namespace {
std::string label_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}
std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
}  // namespace

std::string Registry::render() const {
  std::shared_lock lk(mutex_);
  std::string out;
  out += "# HELP kiorex_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE kiorex_http_requests_total counter\n";
  for (const auto& [key, s] : routes_)
    for (size_t st = 0; st < s->by_status.size(); st++)
      if (uint64_t n = s->by_status[st].load())
        out += "kiorex_http_requests_total{route=\"" + label_escape(key.first) + "\",method=\"" + key.second +
               "\",status=\"" + std::to_string(st) + "\"} " + std::to_string(n) + "\n";
  out += "# HELP kiorex_http_request_duration_seconds Time from a complete request to the written response.\n";
  out += "# TYPE kiorex_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : routes_) {
    std::string labels = "route=\"" + label_escape(key.first) + "\",method=\"" + key.second + "\"";
    uint64_t cumulative = 0;
    for (size_t b = 0; b < kBuckets.size(); b++) {
      cumulative += s->buckets[b].load();
      out += "kiorex_http_request_duration_seconds_bucket{" + labels + ",le=\"" + num(kBuckets[b]) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    cumulative += s->buckets[kBuckets.size()].load();
    out += "kiorex_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
    out += "kiorex_http_request_duration_seconds_sum{" + labels + "} " + num(s->sum_micros.load() / 1e6) + "\n";
    out += "kiorex_http_request_duration_seconds_count{" + labels + "} " + std::to_string(s->count.load()) + "\n";
  }
  for (const auto& [name, c] : counters_) {
    out += "# HELP " + name + " " + c->help + "\n# TYPE " + name + " counter\n";
    out += name + " " + std::to_string(c->value.load()) + "\n";
  }
  for (const auto& g : gauges_) {
    out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n";
    double v = 0;
    try {
      v = g.sample();
    } catch (...) {
    }
    out += g.name + " " + num(v) + "\n";
  }
  return out;
}

}  // namespace kiorex::metrics
