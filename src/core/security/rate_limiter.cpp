#include "core/security/rate_limiter.hpp"

#include <chrono>
#include <functional>

namespace kiorex::security {

namespace {
int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

RateLimiter::Shard& RateLimiter::shard_for(const std::string& key) {
  return shards_[std::hash<std::string>{}(key) % shards_.size()];
}

RateLimiter::Entry& RateLimiter::current_entry(Shard& s, const std::string& key, int64_t now, int window_seconds) {
  if (now - s.last_sweep > 120 && s.entries.size() > 10000) {
    for (auto it = s.entries.begin(); it != s.entries.end();)
      it = (now - it->second.window_start > 2 * 3600) ? s.entries.erase(it) : std::next(it);
    s.last_sweep = now;
  }
  Entry& e = s.entries[key];
  int64_t start = now - now % window_seconds;
  if (e.window_start != start) {
    e.previous = (start - e.window_start == window_seconds) ? e.current : 0;
    e.current = 0;
    e.window_start = start;
  }
  return e;
}

RateDecision RateLimiter::decide(const Entry& e, int64_t now, int limit, int window_seconds) {
  double elapsed = static_cast<double>(now - e.window_start) / window_seconds;
  double estimate = e.previous * (1.0 - elapsed) + e.current;
  if (estimate + 1 > limit) {
    int retry = static_cast<int>(window_seconds - (now - e.window_start));
    return {false, retry < 1 ? 1 : retry};
  }
  return {true, 0};
}

RateDecision RateLimiter::hit(const std::string& key, int limit, int window_seconds) {
  Shard& s = shard_for(key);
  int64_t now = now_seconds();
  std::lock_guard lk(s.m);
  Entry& e = current_entry(s, key, now, window_seconds);
  RateDecision d = decide(e, now, limit, window_seconds);
  if (d.allowed) e.current++;
  return d;
}

RateDecision RateLimiter::check(const std::string& key, int limit, int window_seconds) {
  Shard& s = shard_for(key);
  int64_t now = now_seconds();
  std::lock_guard lk(s.m);
  return decide(current_entry(s, key, now, window_seconds), now, limit, window_seconds);
}

void RateLimiter::record(const std::string& key, int window_seconds) {
  Shard& s = shard_for(key);
  int64_t now = now_seconds();
  std::lock_guard lk(s.m);
  current_entry(s, key, now, window_seconds).current++;
}

void RateLimiter::reset(const std::string& key) {
  Shard& s = shard_for(key);
  std::lock_guard lk(s.m);
  s.entries.erase(key);
}

}  // namespace kiorex::security
