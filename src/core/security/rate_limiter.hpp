#pragma once
// In-process rate limiting (the embedded default's stand-in for Redis): a sliding window
// approximated from the current and previous fixed windows, per key, in sharded maps.
#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kiorex::security {

struct RateDecision {
  bool allowed = true;
  int retry_after_seconds = 0;
};

class RateLimiter {
 public:
  // Counts one event for `key` and says whether it was within `limit` per window (a refused event is not counted).
  RateDecision hit(const std::string& key, int limit, int window_seconds);
  // Whether one more event would be within the limit, without counting it (e.g. failed sign-ins of an account
  // are counted with record() only once the password turned out wrong, but every attempt is checked).
  RateDecision check(const std::string& key, int limit, int window_seconds);
  // Counts one event for `key` without a limit (its check comes with check()).
  void record(const std::string& key, int window_seconds);
  // Forget a key (e.g. failed-login counter after a successful sign-in).
  void reset(const std::string& key);

 private:
  struct Entry {
    int64_t window_start = 0;  // seconds
    int current = 0;
    int previous = 0;
  };
  struct Shard {
    std::mutex m;
    std::unordered_map<std::string, Entry> entries;
    int64_t last_sweep = 0;
  };
  Shard& shard_for(const std::string& key);
  // The entry of `key` with its windows moved to now (sweeping old entries now and then); s.m must be held.
  Entry& current_entry(Shard& s, const std::string& key, int64_t now, int window_seconds);
  static RateDecision decide(const Entry& e, int64_t now, int limit, int window_seconds);
  std::array<Shard, 32> shards_;
};

}  // namespace kiorex::security
