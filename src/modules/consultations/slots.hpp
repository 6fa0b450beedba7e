#pragma once
// Slot arithmetic in IANA time zones: pure functions, no database, no HTTP (unit-tested in slots_test.cpp).
//
// A doctor works local wall-clock ranges ("09:00"-"13:00" on ISO weekday 1) in their zone. On each local date
// the ranges of that weekday plus that date's `extra` hours are cut into slots of slot_minutes from each range's
// start; every slot's local start is converted to UTC with the zone's rules of that date:
//   - a local time that does not exist (the spring-forward gap) gives no slot;
//   - a local time that exists twice (the autumn overlap) uses its first occurrence.
// A slot lasts slot_minutes of real time, so its local end is the local time of that instant (a slot starting
// 01:45 EDT on the autumn day ends at 01:00 EST). `leave` blocks (whole day or a wall-clock part of it) remove
// the slots they overlap. Slots never overlap one another: when an extra range overlaps the weekly ones, the
// earlier-starting slot wins (weekly before extra at the same instant).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace kiorex::consultations::slots {

inline constexpr int kMinutesPerDay = 24 * 60;
inline constexpr int64_t kMsPerMinute = 60 * 1000;
inline constexpr int64_t kMsPerDay = 24 * 60 * kMsPerMinute;

// A working range on one local date or weekday: [start_minute, end_minute) after local midnight.
struct Range {
  int start_minute = 0, end_minute = 0;  // end may be 1440 ("24:00")
  std::string type;                      // "video" | "clinic"
  std::string location_id;               // "" for video
};

// A leave block on one local date; a whole-day leave is [0, 1440).
struct Block {
  int start_minute = 0, end_minute = kMinutesPerDay;
};

struct Slot {
  int64_t start_ms = 0, end_ms = 0;  // UTC instants
  std::string local_date;            // YYYY-MM-DD (the date whose schedule made it)
  std::string local_start, local_end;  // HH:MM
  std::string type, location_id;
};

// Days are counted as days since 1970-01-01 of the proleptic Gregorian calendar (date::local_days's count).
using DayNumber = int64_t;

// nullptr when the name is not an IANA zone known to the system's tzdata.
const date::time_zone* find_zone(std::string_view name);
bool valid_zone(std::string_view name);

// "YYYY-MM-DD" (a real calendar date) <-> day number.
std::optional<DayNumber> parse_date(std::string_view s);
std::string format_date(DayNumber day);
// ISO weekday of a day number: 1 = Monday ... 7 = Sunday.
int iso_weekday(DayNumber day);

// "HH:MM" (00:00-23:59; "24:00" too when allow_24) <-> minutes after midnight.
std::optional<int> parse_hhmm(std::string_view s, bool allow_24 = false);
std::string format_hhmm(int minute);

// An instant in ISO 8601: "2026-03-09T13:00:00Z", fractional seconds and a "+05:30"-style offset accepted.
std::optional<int64_t> parse_instant(std::string_view s);

// "2026-03-09T13:00:00Z" (whole seconds, as the contract writes slot times).
std::string format_instant(int64_t ms);

// The local date (day number) and minute of day of a UTC instant in `zone`.
DayNumber local_day_of(int64_t ms, const date::time_zone* zone);
// "YYYY-MM-DDTHH:MM" local wall-clock time of an instant.
std::string local_datetime(int64_t ms, const date::time_zone* zone);

// The slots one local date offers: `ranges` (the weekday's and the date's extra ranges; the first
// `weekly_count` of them are weekly) minus `leave`, earliest first. Nothing is removed for being past or booked.
std::vector<Slot> day_slots(const date::time_zone* zone, DayNumber day, const std::vector<Range>& ranges,
                            size_t weekly_count, const std::vector<Block>& leave, int slot_minutes);

// Intervals [start, end) in UTC ms: true when they overlap.
inline bool overlaps(int64_t a_start, int64_t a_end, int64_t b_start, int64_t b_end) {
  return a_start < b_end && b_start < a_end;
}

// Removes from `slots` (sorted by start) those that start at or before `not_before_ms` or overlap any of
// `busy` (sorted or not: [start, end) pairs).
void remove_unavailable(std::vector<Slot>& slots, int64_t not_before_ms,
                        const std::vector<std::pair<int64_t, int64_t>>& busy);

}  // namespace kiorex::consultations::slots
