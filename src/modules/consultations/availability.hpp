#pragma once
// What schedule.cpp, availability.cpp, bookings.cpp and booking_state.cpp share about time and slots: the
// doctor lock, the slots a schedule offers, the busy intervals of bookings, checking one slot for a booking,
// and the background refresher of doctor_availability_days (start-up and daily).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/db/database.hpp"
#include "modules/consultations/parts.hpp"
#include "modules/consultations/slots.hpp"

namespace kiorex::consultations {

// A slot starting at or before now + 5 minutes is past: never offered, never bookable.
inline constexpr int64_t kBookingLeadMs = 5 * slots::kMsPerMinute;
// doctor_availability_days covers this many local days from the doctor's today.
inline constexpr int kAvailabilityDays = 28;
// The statuses that hold a slot (the partial unique index bookings_one_per_slot), as SQL.
inline constexpr const char* kSlotHoldingSql = "('pending_payment', 'confirmed', 'in_progress', 'completed')";

// Reads through a transaction when there is one, else from the primary.
class Reader {
 public:
  explicit Reader(db::Database& db) : db_(&db) {}
  explicit Reader(db::Session& tx) : tx_(&tx) {}
  db::ResultSet operator()(std::string_view sql, const std::vector<db::Value>& params = {}) const {
    return tx_ ? tx_->exec(sql, params) : db_->query(db::ReadFrom::primary, sql, params);
  }

 private:
  db::Database* db_ = nullptr;
  db::Session* tx_ = nullptr;
};

// Serialises, for the rest of `tx`, everything that changes one doctor's slots (bookings, reschedules,
// schedule and exception changes, availability refreshes): PostgreSQL locks the doctors row FOR UPDATE;
// SQLite's single writer already runs write transactions one at a time. False when there is no such doctor.
bool lock_doctor(db::Session& tx, const std::string& doctor_id);

// The slots the doctor's schedule offers on local days [first, last] (weekly hours + extra hours - leave),
// only of consultation types the doctor offers and at locations the doctor still has; booked and past slots
// are still included.
std::vector<slots::Slot> schedule_slots(const Reader& q, const Doctor& doctor, const date::time_zone* zone,
                                        slots::DayNumber first, slots::DayNumber last);

// [start, end) of the doctor's slot-holding bookings that overlap [from_ms, to_ms), except `except_id`.
std::vector<std::pair<int64_t, int64_t>> busy_intervals(const Reader& q, const std::string& doctor_id, int64_t from_ms,
                                                        int64_t to_ms, const std::string& except_id = "");

// Free slots on local days [first, last], optionally of one type ("" = any), earliest first.
std::vector<slots::Slot> free_slots_on(const Reader& q, const Doctor& doctor, const date::time_zone* zone,
                                       slots::DayNumber first, slots::DayNumber last, const std::string& type,
                                       int64_t now_ms);

// refresh_availability (parts.hpp) for a doctor already read and locked (lock_doctor) in `tx`.
void refresh_availability_of(Deps& d, db::Session& tx, const Doctor& doctor);
// The cheap refresh after bookings change (a slot taken or freed at each of `slot_starts`): recomputes only
// those slots' local days and, when it may have moved, next_available_at. Same result as the full refresh for
// data that was current before; the full one runs at start-up and daily anyway. Doctor locked in `tx`.
void refresh_booked_days(Deps& d, db::Session& tx, const Doctor& doctor, const std::vector<int64_t>& slot_starts);
// The same when only the doctor's id is at hand: locks and reads the doctor in `tx`.
void refresh_booked_days(Deps& d, db::Session& tx, const std::string& doctor_id, const std::vector<int64_t>& slot_starts);

// Whether a booking may take the slot starting at `start_ms` (type, and location when not empty).
enum class SlotCheck { free, not_offered, taken };
struct SlotLookup {
  SlotCheck result = SlotCheck::not_offered;
  slots::Slot slot;
};
SlotLookup check_slot(const Reader& q, const Doctor& doctor, int64_t start_ms, const std::string& type,
                      const std::string& location_id, const std::string& except_booking_id, int64_t now_ms);

// Keeps doctor_availability_days current for every doctor: once at start-up, then every 24 h, and every
// 10 minutes for doctors whose next_available_at has passed. Runs on its own thread, a batch of doctors per
// transaction, so the server answers meanwhile.
class AvailabilityRefresher {
 public:
  explicit AvailabilityRefresher(Deps& d) : d_(d) {}
  ~AvailabilityRefresher() { stop(); }
  AvailabilityRefresher(const AvailabilityRefresher&) = delete;
  AvailabilityRefresher& operator=(const AvailabilityRefresher&) = delete;

  void start();
  void stop();
  // Refreshes all doctors (or only those whose next_available_at is before `stale_before_ms`, when not 0);
  // returns how many. Stops early when stop() is called.
  size_t refresh(int64_t stale_before_ms = 0);

 private:
  void loop();
  Deps& d_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::atomic<bool> stopping_{false};
};

}  // namespace kiorex::consultations
