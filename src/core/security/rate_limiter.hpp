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
  RateDecision hit(const std::string& key, int limit, int window_seconds);
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
  std::array<Shard, 32> shards_;
};

}  // namespace kiorex::security
