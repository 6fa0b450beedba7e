#include "core/events/dispatcher.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "core/log/log.hpp"
#include "core/metrics/metrics.hpp"
#include "core/util/ids.hpp"

namespace kiorex::events {

namespace {

// Error texts go into TEXT columns (PostgreSQL rejects NUL and invalid UTF-8) and into logs: keep
// valid UTF-8 only, at most max_bytes, never cutting a character in half.
std::string clean_text(std::string_view in, size_t max_bytes) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(in[i]); };
  std::string out;
  out.reserve(std::min(in.size(), max_bytes));
  size_t i = 0;
  while (i < in.size()) {
    const unsigned char c = byte(i);
    size_t len = c == 0 ? 0 : c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    bool ok = len > 0 && i + len <= in.size();
    for (size_t k = 1; ok && k < len; k++) ok = (byte(i + k) & 0xC0) == 0x80;
    if (ok && len >= 3) {  // no overlong forms, no surrogates, nothing above U+10FFFF
      const unsigned char c1 = byte(i + 1);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90))
        ok = false;
    }
    std::string_view piece = ok ? in.substr(i, len) : std::string_view("?");
    if (out.size() + piece.size() > max_bytes) break;
    out.append(piece);
    i += ok ? len : 1;
  }
  return out;
}

constexpr const char* kSelectDue =
    "SELECT id, type, aggregate_id, payload, created_at, available_at FROM outbox_events "
    "WHERE delivered_at IS NULL AND available_at <= $1 ORDER BY available_at, id LIMIT 100";
// The claim: only the dispatcher whose UPDATE still sees the available_at it read goes on.
constexpr const char* kMoveAvailable =
    "UPDATE outbox_events SET available_at = $1 WHERE id = $2 AND delivered_at IS NULL AND available_at = $3";
constexpr const char* kUpsertDelivery =
    "INSERT INTO event_deliveries (consumer, event_id, status, attempts, next_attempt_at, last_error, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (consumer, event_id) DO UPDATE SET status = excluded.status, "
    "attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error, "
    "updated_at = excluded.updated_at";
constexpr const char* kInsertConsumption =
    "INSERT INTO event_consumptions (consumer, event_id, processed_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (consumer, event_id) DO NOTHING";
constexpr const char* kDeleteDelivery = "DELETE FROM event_deliveries WHERE consumer = $1 AND event_id = $2";
constexpr const char* kDeadLetterColumns =
    "SELECT id, event_id, consumer, type, payload, error, attempts, created_at, replayed_at FROM dead_letters ";

DeadLetter dead_letter_from(const db::Row& r) {
  DeadLetter d;
  d.id = r.str(0);
  d.event_id = r.str(1);
  d.consumer = r.str(2);
  d.type = r.str(3);
  d.payload = r.str(4);
  d.error = r.str(5);
  d.attempts = r.i64(6);
  d.created_at = r.i64(7);
  d.replayed_at = r.opt_i64(8);
  return d;
}

// (pending count, oldest created_at) of undelivered events.
std::pair<int64_t, int64_t> undelivered(db::Database& db) {
  auto rs = db.query(db::ReadFrom::primary,
                     "SELECT COUNT(*), MIN(created_at) FROM outbox_events WHERE delivered_at IS NULL");
  if (rs.empty()) return {0, 0};
  return {rs.one().i64(0), rs.one().i64(1)};
}

double age_seconds(const std::pair<int64_t, int64_t>& u) {
  if (u.first == 0) return 0.0;
  return static_cast<double>(std::max<int64_t>(0, db::now_ms() - u.second)) / 1000.0;
}

}  // namespace

// The registry samples gauges at scrape time and may outlive the dispatcher: the samplers hold this
// object and find the database gone after the dispatcher's destructor.
struct Dispatcher::Gauges {
  std::mutex m;
  db::Database* db = nullptr;
  std::pair<int64_t, int64_t> sample() {
    std::lock_guard lk(m);
    if (!db) return {0, 0};
    return undelivered(*db);
  }
};

Dispatcher::Dispatcher(db::Database& db, metrics::Registry& metrics, int poll_ms, int max_attempts, int base_backoff_ms)
    : db_(db),
      poll_ms_(std::max(1, poll_ms)),
      max_attempts_(std::max(1, max_attempts)),
      base_backoff_ms_(std::max(0, base_backoff_ms)),
      rng_(std::random_device{}()),
      delivered_(metrics.counter("kiorex_events_delivered_total", "Events applied by a consumer (one per consumer and event).")),
      failed_(metrics.counter("kiorex_events_failed_total", "Consumer attempts that failed (each is retried or dead-lettered).")),
      dead_lettered_(metrics.counter("kiorex_events_dead_lettered_total",
                                     "Consumer deliveries moved to dead_letters after the last attempt.")),
      gauges_(std::make_shared<Gauges>()) {
  gauges_->db = &db;
  auto g = gauges_;
  metrics.add_gauge("kiorex_outbox_lag_seconds", "Age in seconds of the oldest undelivered outbox event.",
                    [g] { return age_seconds(g->sample()); });
  metrics.add_gauge("kiorex_outbox_pending", "Outbox events not yet delivered to every consumer.",
                    [g] { return static_cast<double>(g->sample().first); });
}

Dispatcher::~Dispatcher() {
  {
    std::lock_guard lk(wait_mutex_);
    stopping_ = true;
  }
  wait_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lk(gauges_->m);
  gauges_->db = nullptr;
}

void Dispatcher::subscribe(std::string consumer, std::string event_type, Consumer fn) {
  if (consumer.empty() || event_type.empty() || !fn) throw std::invalid_argument("subscribe: empty consumer, type or function");
  std::lock_guard lk(run_mutex_);
  for (const auto& s : subs_)
    if (s.consumer == consumer && s.event_type == event_type)
      throw std::logic_error("consumer " + consumer + " already subscribed to " + event_type);
  subs_.push_back({std::move(consumer), std::move(event_type), std::move(fn), nullptr});
}

void Dispatcher::subscribe_external(std::string consumer, std::string event_type, ExternalConsumer fn) {
  if (consumer.empty() || event_type.empty() || !fn) throw std::invalid_argument("subscribe: empty consumer, type or function");
  std::lock_guard lk(run_mutex_);
  for (const auto& s : subs_)
    if (s.consumer == consumer && s.event_type == event_type)
      throw std::logic_error("consumer " + consumer + " already subscribed to " + event_type);
  subs_.push_back({std::move(consumer), std::move(event_type), nullptr, std::move(fn)});
}

void Dispatcher::forget_payload_once_delivered(std::string event_type) {
  std::lock_guard lk(run_mutex_);
  forget_payload_types_.insert(std::move(event_type));
}

void Dispatcher::start() {
  std::lock_guard lk(wait_mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Dispatcher::wake() {
  {
    std::lock_guard lk(wait_mutex_);
    woken_ = true;
  }
  wait_cv_.notify_all();
}

void Dispatcher::stop(std::chrono::milliseconds flush_deadline) {
  {
    std::lock_guard lk(wait_mutex_);
    stopping_ = true;
  }
  wait_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  const auto end = std::chrono::steady_clock::now() + flush_deadline;
  size_t flushed = 0;
  while (std::chrono::steady_clock::now() < end) {
    size_t n = 0;
    try {
      n = run_once();
    } catch (const std::exception& e) {
      log::warn("events.flush_failed", {{"error", clean_text(e.what(), 300)}});
      break;
    }
    flushed += n;
    if (n == 0) break;
  }
  int64_t pending = -1;
  try {
    pending = pending_count();
  } catch (const std::exception&) {
  }
  log::info("events.dispatcher_stopped", {{"flushed", flushed}, {"pending", pending}});
}

void Dispatcher::loop() {
  for (;;) {
    {
      std::lock_guard lk(wait_mutex_);
      if (stopping_) return;
    }
    size_t n = 0;
    try {
      n = run_once();
    } catch (const std::exception& e) {
      log::warn("events.pass_failed", {{"error", clean_text(e.what(), 300)}});
    } catch (...) {
      log::warn("events.pass_failed", {{"error", "unknown exception"}});
    }
    std::unique_lock lk(wait_mutex_);
    if (stopping_) return;
    if (n > 0) continue;  // there may be more: go again before sleeping
    wait_cv_.wait_for(lk, std::chrono::milliseconds(poll_ms_), [&] { return stopping_ || woken_; });
    woken_ = false;
  }
}

size_t Dispatcher::run_once() {
  static_assert(kBatch == 100, "kSelectDue says LIMIT 100");
  std::lock_guard lk(run_mutex_);
  // Only events due at the start of the pass: a retry scheduled during the pass waits for the next one.
  const int64_t pass_start = db::now_ms();
  size_t worked = 0;
  for (;;) {
    auto rs = db_.query(db::ReadFrom::primary, kSelectDue, {pass_start});
    size_t claimed = 0;
    for (const auto& row : rs.rows)
      if (process_event(row, pass_start)) claimed++;
    worked += claimed;
    if (rs.rows.size() < kBatch || claimed == 0) break;
  }
  return worked;
}

bool Dispatcher::process_event(const db::Row& row, int64_t pass_start) {
  Event ev{row.str(0), row.str(1), row.str(2), row.str(3), row.i64(4)};
  const int64_t seen_available = row.i64(5);

  std::vector<const Subscription*> matching;
  std::set<std::string> names;
  for (const auto& s : subs_)
    if ((s.event_type == "*" || s.event_type == ev.type) && names.insert(s.consumer).second) matching.push_back(&s);

  if (matching.empty()) {
    return db_.execute(
                  "UPDATE outbox_events SET delivered_at = $1 WHERE id = $2 AND delivered_at IS NULL AND available_at = $3",
                  {db::now_ms(), ev.id, seen_available})
               .affected == 1;
  }

  int64_t lease = db::now_ms() + kLeaseMs;
  if (db_.execute(kMoveAvailable, {lease, ev.id, seen_available}).affected != 1) return false;  // someone else has it

  std::map<std::string, DeliveryState> states;
  for (const auto& r : db_.query(db::ReadFrom::primary,
                                 "SELECT consumer, status, attempts, next_attempt_at FROM event_deliveries WHERE event_id = $1",
                                 {ev.id})
                           .rows)
    states[r.str(0)] = DeliveryState{r.str(1), r.i64(2), r.i64(3)};
  // Retries and replays: skip consumers that already succeeded (their consumption row exists). On a first
  // pass there is nothing to skip, and a redelivery after a crash is still deduplicated per consumer.
  std::set<std::string> consumed;
  if (!states.empty())
    for (const auto& r :
         db_.query(db::ReadFrom::primary, "SELECT consumer FROM event_consumptions WHERE event_id = $1", {ev.id}).rows)
      consumed.insert(r.str(0));

  bool finished = true;
  bool some_dead = false;
  int64_t next_due = std::numeric_limits<int64_t>::max();
  int64_t failures = 0;
  std::string last_error;
  for (const Subscription* sub : matching) {
    if (consumed.count(sub->consumer)) continue;
    auto it = states.find(sub->consumer);
    const DeliveryState st = it == states.end() ? DeliveryState{} : it->second;
    if (st.status == "dead") {
      some_dead = true;
      continue;
    }
    if (st.status == "pending" && st.next_attempt_at > db::now_ms()) {
      finished = false;
      next_due = std::min(next_due, st.next_attempt_at);
      continue;
    }
    const int64_t t = db::now_ms();
    if (t > lease - kLeaseMs / 2) {  // renew the claim before a consumer that may take a while
      const int64_t renewed = t + kLeaseMs;
      if (db_.execute(kMoveAvailable, {renewed, ev.id, lease}).affected != 1) return true;  // lost it (replayed?)
      lease = renewed;
    }
    int64_t next_at = 0;
    std::string err;
    Outcome o = deliver(*sub, ev, st, &next_at, &err);
    if (o == Outcome::retry) {
      finished = false;
      next_due = std::min(next_due, next_at);
    }
    if (o != Outcome::delivered) {
      failures++;
      last_error = std::move(err);
    }
  }

  const int64_t now = db::now_ms();
  if (finished) {
    if (failures == 0 && !some_dead && forget_payload_types_.count(ev.type))
      db_.execute(
          "UPDATE outbox_events SET delivered_at = $1, payload = '{}' WHERE id = $2 AND delivered_at IS NULL AND available_at = $3",
          {now, ev.id, lease});
    else if (failures == 0)
      db_.execute("UPDATE outbox_events SET delivered_at = $1 WHERE id = $2 AND delivered_at IS NULL AND available_at = $3",
                  {now, ev.id, lease});
    else
      db_.execute(
          "UPDATE outbox_events SET delivered_at = $1, attempts = attempts + $2, last_error = $3 "
          "WHERE id = $4 AND delivered_at IS NULL AND available_at = $5",
          {now, failures, last_error, ev.id, lease});
  } else {
    const int64_t next = std::max(next_due, pass_start + 1);
    if (failures == 0)
      db_.execute(kMoveAvailable, {next, ev.id, lease});
    else
      db_.execute(
          "UPDATE outbox_events SET available_at = $1, attempts = attempts + $2, last_error = $3 "
          "WHERE id = $4 AND delivered_at IS NULL AND available_at = $5",
          {next, failures, last_error, ev.id, lease});
  }
  return true;
}

Dispatcher::Outcome Dispatcher::deliver(const Subscription& sub, const Event& ev, const DeliveryState& st,
                                        int64_t* next_attempt_at, std::string* error) {
  const bool had_row = !st.status.empty();
  std::string err;
  try {
    if (sub.fn) {
      bool applied = false;
      db_.transaction([&](db::Session& tx) {
        applied = false;
        if (tx.exec(kInsertConsumption, {sub.consumer, ev.id, db::now_ms()}).affected == 1) {
          sub.fn(ev, tx);
          applied = true;
        }
        if (had_row) tx.exec(kDeleteDelivery, {sub.consumer, ev.id});
      });
      if (applied) delivered_++;
    } else {
      const bool done = !db_.query(db::ReadFrom::primary,
                                   "SELECT 1 FROM event_consumptions WHERE consumer = $1 AND event_id = $2",
                                   {sub.consumer, ev.id})
                             .empty();
      if (!done) sub.external(ev);
      db_.transaction([&](db::Session& tx) {
        tx.exec(kInsertConsumption, {sub.consumer, ev.id, db::now_ms()});
        if (had_row) tx.exec(kDeleteDelivery, {sub.consumer, ev.id});
      });
      if (!done) delivered_++;
    }
    return Outcome::delivered;
  } catch (const std::exception& e) {
    err = e.what();
  } catch (...) {
    err = "unknown exception";
  }
  err = clean_text(err.empty() ? "exception without a message" : err, 2000);
  *error = err;
  failed_++;
  const int64_t attempts = st.attempts + 1;
  const int64_t now = db::now_ms();
  if (attempts >= max_attempts_) {
    const std::string dl_id = util::new_id("dlq");
    db_.transaction([&](db::Session& tx) {
      tx.exec(kUpsertDelivery, {sub.consumer, ev.id, std::string("dead"), attempts, now, err, now});
      tx.exec(
          "INSERT INTO dead_letters (id, event_id, consumer, type, payload, error, attempts, created_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          {dl_id, ev.id, sub.consumer, ev.type, ev.payload, err, attempts, now});
    });
    dead_lettered_++;
    log::warn("events.dead_lettered", {{"event_id", ev.id},
                                       {"type", ev.type},
                                       {"consumer", sub.consumer},
                                       {"attempts", attempts},
                                       {"dead_letter_id", dl_id},
                                       {"error", clean_text(err, 300)}});
    return Outcome::dead;
  }
  const int64_t delay = backoff_ms(attempts);
  const int64_t next = now + delay;
  db_.execute(kUpsertDelivery, {sub.consumer, ev.id, std::string("pending"), attempts, next, err, now});
  log::warn("events.consumer_failed", {{"event_id", ev.id},
                                       {"type", ev.type},
                                       {"consumer", sub.consumer},
                                       {"attempts", attempts},
                                       {"retry_in_ms", delay},
                                       {"error", clean_text(err, 300)}});
  *next_attempt_at = next;
  return Outcome::retry;
}

int64_t Dispatcher::backoff_ms(int64_t failures) {
  const int64_t exponent = std::clamp<int64_t>(failures - 1, 0, 30);
  double d = static_cast<double>(base_backoff_ms_) * static_cast<double>(int64_t{1} << exponent);
  d = std::min(d, static_cast<double>(kMaxBackoffMs));
  std::uniform_real_distribution<double> jitter(0.8, 1.2);
  d *= jitter(rng_);
  return std::min(static_cast<int64_t>(d), kMaxBackoffMs);
}

double Dispatcher::oldest_undelivered_age_seconds() { return age_seconds(undelivered(db_)); }

int64_t Dispatcher::pending_count() { return undelivered(db_).first; }

std::vector<DeadLetter> Dispatcher::dead_letters(int limit, bool include_replayed) {
  const int64_t n = std::clamp(limit, 1, 1000);
  static const std::string all = std::string(kDeadLetterColumns) + "ORDER BY created_at DESC, id DESC LIMIT $1";
  static const std::string open =
      std::string(kDeadLetterColumns) + "WHERE replayed_at IS NULL ORDER BY created_at DESC, id DESC LIMIT $1";
  std::vector<DeadLetter> out;
  for (const auto& r : db_.query(db::ReadFrom::primary, include_replayed ? all : open, {n}).rows)
    out.push_back(dead_letter_from(r));
  return out;
}

std::optional<DeadLetter> Dispatcher::dead_letter(const std::string& id) {
  static const std::string sql = std::string(kDeadLetterColumns) + "WHERE id = $1";
  auto rs = db_.query(db::ReadFrom::primary, sql, {id});
  if (rs.empty()) return std::nullopt;
  return dead_letter_from(rs.one());
}

bool Dispatcher::replay(const std::string& dead_letter_id) {
  bool ok = false;
  std::string event_id, consumer;
  db_.transaction([&](db::Session& tx) {
    ok = false;
    auto rs = tx.exec("SELECT event_id, consumer FROM dead_letters WHERE id = $1 AND replayed_at IS NULL", {dead_letter_id});
    if (rs.empty()) return;
    event_id = rs.one().str(0);
    consumer = rs.one().str(1);
    const int64_t now = db::now_ms();
    if (tx.exec("UPDATE dead_letters SET replayed_at = $1 WHERE id = $2 AND replayed_at IS NULL", {now, dead_letter_id})
            .affected != 1)
      return;
    tx.exec(kUpsertDelivery, {consumer, event_id, std::string("pending"), int64_t{0}, now, nullptr, now});
    tx.exec("UPDATE outbox_events SET delivered_at = NULL, available_at = $1 WHERE id = $2", {now, event_id});
    ok = true;
  });
  if (ok) {
    log::info("events.replayed", {{"dead_letter_id", dead_letter_id}, {"event_id", event_id}, {"consumer", consumer}});
    wake();
  }
  return ok;
}

}  // namespace kiorex::events
