#pragma once
// Delivers outbox events to in-process consumers, at least once.
//
// How it works: a pass selects undelivered events whose available_at is due, claims each one with a
// conditional UPDATE (available_at moves to now + lease; only the dispatcher whose UPDATE matched the
// value it read goes on), so several processes can run dispatchers on one PostgreSQL database without
// delivering an event twice at the same time. For every subscribed consumer that has not yet consumed
// the event it runs the consumer; an event is marked delivered once every consumer has succeeded or
// been dead-lettered. A consumer that throws is retried with exponential backoff
// (base * 2^(failures-1), jittered by +-20 %, capped at 10 minutes) while the other consumers go on;
// after max_attempts failures it lands in dead_letters, from where an admin can replay it.
//
// Guarantees and limits:
//  - Consumer (database-only) effects are applied exactly once per (consumer, event id): they commit
//    together with the event_consumptions row. ExternalConsumer calls are at least once.
//  - No ordering between events; a retrying event does not hold back later ones.
//  - Every dispatcher that shares a database must subscribe the same consumers: a process that does not
//    know a consumer would mark an event delivered without it.
//  - A claim is a lease (kLeaseMs, renewed between consumers): if a process dies mid-event the event is
//    picked up again when the lease runs out; a single consumer call that runs longer than the lease may
//    see the event twice (deduped for database consumers).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/db/database.hpp"
#include "core/events/outbox.hpp"

namespace kiorex::metrics {
class Registry;
}

namespace kiorex::events {

struct DeadLetter {
  std::string id;  // "dlq_..."
  std::string event_id;
  std::string consumer;
  std::string type;
  std::string payload;
  std::string error;  // the consumer's last exception message
  int64_t attempts = 0;
  int64_t created_at = 0;                // epoch ms
  std::optional<int64_t> replayed_at;  // epoch ms
};

class Dispatcher {
 public:
  static constexpr int64_t kLeaseMs = 60 * 1000;
  static constexpr int64_t kMaxBackoffMs = 10 * 60 * 1000;
  static constexpr size_t kBatch = 100;

  // poll_ms: how long the background thread sleeps when nothing was due. max_attempts >= 1.
  Dispatcher(db::Database& db, metrics::Registry& metrics, int poll_ms, int max_attempts, int base_backoff_ms = 500);
  ~Dispatcher();  // stops the background thread (without a flush)
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // consumer: a stable name ("notifications.welcome_email"); it keys deduplication, retries and dead
  // letters, so never rename one that has processed events. event_type: an exact type or "*" for all.
  // One consumer name may subscribe to several types; call before start().
  void subscribe(std::string consumer, std::string event_type, Consumer fn);
  void subscribe_external(std::string consumer, std::string event_type, ExternalConsumer fn);
  // Events of this type keep their payload only until every consumer has succeeded: then it is replaced by
  // "{}" (the row stays as the record that the event happened). For payloads that must not outlive their
  // use, e.g. a message's sealed text (codes, names, addresses). An event with a dead-lettered consumer keeps
  // its payload so it can be replayed. Call before start().
  void forget_payload_once_delivered(std::string event_type);

  void start();  // background thread: run_once, then sleep poll_ms when nothing was due
  // Stops the background thread, then delivers what is due until nothing is left or the deadline passes.
  void stop(std::chrono::milliseconds flush_deadline);
  // Wakes the background thread for a pass now (e.g. right after a commit that published events).
  void wake();

  // One pass over everything due now: returns the number of events this dispatcher claimed and
  // worked on (delivered, retried or dead-lettered). Thread-safe; passes in one process do not overlap.
  size_t run_once();

  double oldest_undelivered_age_seconds();  // 0 when nothing is pending
  int64_t pending_count();                  // events not yet marked delivered

  // Newest first. limit is clamped to 1..1000.
  std::vector<DeadLetter> dead_letters(int limit, bool include_replayed);
  std::optional<DeadLetter> dead_letter(const std::string& id);
  // Puts the event back for that consumer (attempts reset, due now) and marks the dead letter replayed.
  // False when the id is unknown or it was already replayed.
  bool replay(const std::string& dead_letter_id);

 private:
  struct Subscription {
    std::string consumer;
    std::string event_type;
    Consumer fn;
    ExternalConsumer external;
  };
  struct DeliveryState {
    std::string status;  // "" (none), "pending", "dead"
    int64_t attempts = 0;
    int64_t next_attempt_at = 0;
  };
  enum class Outcome { delivered, retry, dead };
  struct Gauges;

  std::set<std::string> forget_payload_types_;

  bool process_event(const db::Row& row, int64_t pass_start);
  Outcome deliver(const Subscription& sub, const Event& ev, const DeliveryState& st, int64_t* next_attempt_at,
                  std::string* error);
  int64_t backoff_ms(int64_t failures);
  void loop();

  db::Database& db_;
  int poll_ms_;
  int max_attempts_;
  int base_backoff_ms_;
  std::vector<Subscription> subs_;
  std::mutex run_mutex_;  // one pass at a time; guards subs_ and rng_
  std::mt19937_64 rng_;

  std::atomic<uint64_t>& delivered_;
  std::atomic<uint64_t>& failed_;
  std::atomic<uint64_t>& dead_lettered_;
  std::shared_ptr<Gauges> gauges_;  // shared with the registry's samplers, which may outlive this object

  std::thread thread_;
  std::mutex wait_mutex_;
  std::condition_variable wait_cv_;
  bool stopping_ = false;
  bool woken_ = false;
};

}  // namespace kiorex::events
