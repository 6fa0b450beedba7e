#pragma once
// Prometheus text exposition for /metrics: request counts by route, method and status, latency
// histograms, and gauges sampled at scrape time (database pool, outbox lag).
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

namespace kiorex::metrics {

class Registry {
 public:
  void observe_request(const std::string& route, const std::string& method, int status, double seconds);
  void add_gauge(std::string name, std::string help, std::function<double()> sample);
  std::atomic<uint64_t>& counter(const std::string& name, const std::string& help);
  std::string render() const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct RouteStats {
    std::array<std::atomic<uint64_t>, 600> by_status{};
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_micros{0};
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> sample;
  };
  struct Counter {
    std::string help;
    std::atomic<uint64_t> value{0};
  };
  mutable std::shared_mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<RouteStats>> routes_;
  std::vector<Gauge> gauges_;
  std::map<std::string, std::unique_ptr<Counter>> counters_;
};

}  // namespace kiorex::metrics
