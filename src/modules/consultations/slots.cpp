#include "modules/consultations/slots.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <stdexcept>

namespace kiorex::consultations::slots {

namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; i++) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

std::optional<date::year_month_day> ymd_of(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d))
    return std::nullopt;
  date::year_month_day ymd{date::year(y), date::month(static_cast<unsigned>(m)), date::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

date::local_days local_days_of(DayNumber day) { return date::local_days(date::days(day)); }

// Zero-padded decimal digits into `out` (hot: every slot shown formats a few of these; no printf).
void put(char* out, unsigned v, int width) {
  for (int i = width - 1; i >= 0; i--, v /= 10) out[i] = static_cast<char>('0' + v % 10);
}

std::string ymd_text(const date::year_month_day& ymd) {
  std::string s(10, '-');
  put(s.data(), static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
  put(s.data() + 5, static_cast<unsigned>(ymd.month()), 2);
  put(s.data() + 8, static_cast<unsigned>(ymd.day()), 2);
  return s;
}

}  // namespace

const date::time_zone* find_zone(std::string_view name) {
  // IANA names are ASCII letters, digits and "/_-+"; refuse anything else before asking the database.
  if (name.empty() || name.size() > 64) return nullptr;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
          c == '-' || c == '+'))
      return nullptr;
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return nullptr;
  }
}

bool valid_zone(std::string_view name) { return find_zone(name) != nullptr; }

std::optional<DayNumber> parse_date(std::string_view s) {
  auto ymd = ymd_of(s);
  if (!ymd) return std::nullopt;
  return date::local_days(*ymd).time_since_epoch().count();
}

std::string format_date(DayNumber day) { return ymd_text(date::year_month_day{local_days_of(day)}); }

int iso_weekday(DayNumber day) { return static_cast<int>(date::weekday(local_days_of(day)).iso_encoding()); }

std::optional<int> parse_hhmm(std::string_view s, bool allow_24) {
  int h, m;
  if (s.size() != 5 || s[2] != ':' || !digits(s, 0, 2, h) || !digits(s, 3, 2, m) || m > 59) return std::nullopt;
  if (h == 24 && m == 0 && allow_24) return kMinutesPerDay;
  if (h > 23) return std::nullopt;
  return h * 60 + m;
}

std::string format_hhmm(int minute) {
  std::string s(5, ':');
  put(s.data(), static_cast<unsigned>(minute / 60), 2);
  put(s.data() + 3, static_cast<unsigned>(minute % 60), 2);
  return s;
}

std::optional<int64_t> parse_instant(std::string_view s) {
  // YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|+HH:MM|-HH:MM)
  if (s.size() < 17 || (s[10] != 'T' && s[10] != 't')) return std::nullopt;
  auto ymd = ymd_of(s.substr(0, 10));
  int h, mi, sec = 0;
  if (!ymd || !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || h > 23 || mi > 59) return std::nullopt;
  size_t pos = 16;
  int64_t frac_ms = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, sec) || sec > 59) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      size_t start = ++pos;
      int64_t scale = 100;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        frac_ms += (s[pos] - '0') * scale;
        scale /= 10;
        pos++;
      }
      if (pos == start || pos - start > 9) return std::nullopt;
    }
  }
  int64_t offset_min = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
    pos++;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    int oh, om;
    if (!digits(s, pos + 1, 2, oh) || !digits(s, pos + 4, 2, om) || oh > 23 || om > 59) return std::nullopt;
    offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  int64_t days = date::sys_days(*ymd).time_since_epoch().count();
  return days * kMsPerDay + (h * 60 + mi - offset_min) * kMsPerMinute + sec * 1000 + frac_ms;
}

std::string format_instant(int64_t ms) {
  auto t = date::floor<std::chrono::seconds>(date::sys_time<milliseconds>(milliseconds(ms)));
  auto day = date::floor<date::days>(t);
  auto secs = static_cast<unsigned>((t - day).count());
  std::string s = ymd_text(date::year_month_day{day}) + "T00:00:00Z";
  put(s.data() + 11, secs / 3600, 2);
  put(s.data() + 14, secs / 60 % 60, 2);
  put(s.data() + 17, secs % 60, 2);
  return s;
}

DayNumber local_day_of(int64_t ms, const date::time_zone* zone) {
  auto local = zone->to_local(date::sys_time<milliseconds>(milliseconds(ms)));
  return date::floor<date::days>(local).time_since_epoch().count();
}

std::string local_datetime(int64_t ms, const date::time_zone* zone) {
  auto local = date::floor<minutes>(zone->to_local(date::sys_time<milliseconds>(milliseconds(ms))));
  auto day = date::floor<date::days>(local);
  return format_date(day.time_since_epoch().count()) + "T" + format_hhmm(static_cast<int>((local - day).count()));
}

std::vector<Slot> day_slots(const date::time_zone* zone, DayNumber day, const std::vector<Range>& ranges,
                            size_t weekly_count, const std::vector<Block>& leave, int slot_minutes) {
  struct Candidate {
    Slot slot;
    bool extra;
  };
  std::vector<Candidate> out;
  if (slot_minutes <= 0) return {};
  const auto midnight = local_days_of(day);
  const std::string local_date = format_date(day);
  // Most days have one UTC offset from midnight to midnight: then every slot is plain arithmetic. Only a
  // transition day asks the zone about each slot's local time.
  std::optional<std::chrono::seconds> day_offset;
  {
    auto a = zone->get_info(date::local_seconds(midnight));
    auto b = zone->get_info(date::local_seconds(midnight) + minutes(kMinutesPerDay - 1));
    if (a.result == date::local_info::unique && b.result == date::local_info::unique && a.first.begin == b.first.begin &&
        a.first.offset == b.first.offset && b.first.end > date::sys_seconds((midnight + date::days(1)).time_since_epoch()) - b.first.offset)
      day_offset = a.first.offset;
  }
  for (size_t i = 0; i < ranges.size(); i++) {
    const Range& r = ranges[i];
    for (int t = r.start_minute; t + slot_minutes <= r.end_minute; t += slot_minutes) {
      bool on_leave = std::any_of(leave.begin(), leave.end(), [&](const Block& b) {
        return t < b.end_minute && b.start_minute < t + slot_minutes;
      });
      if (on_leave) continue;
      date::local_time<minutes> lt = midnight + minutes(t);
      date::sys_seconds start;
      int local_end_minute;
      if (day_offset) {
        start = date::sys_seconds{(lt - *day_offset).time_since_epoch()};
        local_end_minute = (t + slot_minutes) % kMinutesPerDay;
      } else {
        auto info = zone->get_info(lt);
        if (info.result == date::local_info::nonexistent) continue;  // the spring-forward gap
        // Unique or ambiguous: `first` is the only / the earlier offset (the first occurrence).
        start = date::sys_seconds{(lt - info.first.offset).time_since_epoch()};
        auto local_end = date::floor<minutes>(zone->to_local(start + minutes(slot_minutes)));
        local_end_minute = static_cast<int>((local_end - date::floor<date::days>(local_end)).count());
      }
      date::sys_seconds end = start + minutes(slot_minutes);
      Slot s;
      s.start_ms = std::chrono::duration_cast<milliseconds>(start.time_since_epoch()).count();
      s.end_ms = std::chrono::duration_cast<milliseconds>(end.time_since_epoch()).count();
      s.local_date = local_date;
      s.local_start = format_hhmm(t);
      s.local_end = format_hhmm(local_end_minute);
      s.type = r.type;
      s.location_id = r.location_id;
      out.push_back({std::move(s), i >= weekly_count});
    }
  }
  auto before = [](const Candidate& a, const Candidate& b) {
    if (a.slot.start_ms != b.slot.start_ms) return a.slot.start_ms < b.slot.start_ms;
    return !a.extra && b.extra;
  };
  if (!std::is_sorted(out.begin(), out.end(), before)) std::stable_sort(out.begin(), out.end(), before);
  std::vector<Slot> kept;
  kept.reserve(out.size());
  for (auto& c : out) {
    if (!kept.empty() && c.slot.start_ms < kept.back().end_ms) continue;  // overlaps the one before
    kept.push_back(std::move(c.slot));
  }
  return kept;
}

void remove_unavailable(std::vector<Slot>& slots, int64_t not_before_ms,
                        const std::vector<std::pair<int64_t, int64_t>>& busy) {
  // Busy intervals by start; a slot can only overlap those starting within the longest one before it.
  auto sorted = busy;
  std::sort(sorted.begin(), sorted.end());
  int64_t longest = 0;
  for (const auto& b : sorted) longest = std::max(longest, b.second - b.first);
  std::erase_if(slots, [&](const Slot& s) {
    if (s.start_ms <= not_before_ms) return true;
    auto it = std::lower_bound(sorted.begin(), sorted.end(), std::pair<int64_t, int64_t>{s.start_ms - longest, INT64_MIN});
    for (; it != sorted.end() && it->first < s.end_ms; ++it)
      if (overlaps(s.start_ms, s.end_ms, it->first, it->second)) return true;
    return false;
  });
}

}  // namespace kiorex::consultations::slots
