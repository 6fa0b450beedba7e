// Free slots: the public slots route, free_slots() for the doctor profile, and doctor_availability_days +
// doctors.next_available_at for search, kept current by refresh_availability() in the transaction of every
// change and by the AvailabilityRefresher (start-up, daily, and for doctors whose next slot has passed).
#include <boost/json.hpp>
#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "core/http/problem.hpp"
#include "core/http/router.hpp"
#include "core/log/log.hpp"
#include "core/module.hpp"
#include "core/util/ids.hpp"
#include "modules/consultations/availability.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

using http::ApiError;
using http::Request;
using http::Response;

namespace {

constexpr int kMaxSlotDays = 31;
constexpr size_t kRefreshBatch = 25;  // doctors per transaction: ~10 ms of the SQLite writer at a time

struct Exception {
  std::string kind, local_date, type, location_id;
  std::optional<int64_t> start_minute, end_minute;
};

bool offers_location(const Doctor& doc, const std::string& location_id) {
  return std::any_of(doc.locations.begin(), doc.locations.end(),
                     [&](const DoctorLocation& l) { return l.id == location_id; });
}

// A schedule range is usable when the doctor still offers its type (a fee is set) and, for clinic, still has
// its location.
bool usable(const Doctor& doc, const std::string& type, const std::string& location_id) {
  if (!doc.fee_for(type)) return false;
  if (type == "clinic") return !location_id.empty() && offers_location(doc, location_id);
  return true;
}

// One slot as JSON, written directly: a month of slots is thousands of objects, and building a boost::json
// tree for each costs more than computing them. Every member but location_id is made here from numbers and
// the fixed type words; location_id is escaped like any string.
void append_slot_json(std::string& out, const slots::Slot& s) {
  out += "{\"start\":\"";
  out += slots::format_instant(s.start_ms);
  out += "\",\"end\":\"";
  out += slots::format_instant(s.end_ms);
  out += "\",\"local_date\":\"";
  out += s.local_date;
  out += "\",\"local_start\":\"";
  out += s.local_start;
  out += "\",\"local_end\":\"";
  out += s.local_end;
  out += "\",\"type\":";
  out += s.type == "clinic" ? "\"clinic\"" : "\"video\"";
  out += ",\"location_id\":";
  out += s.location_id.empty() ? std::string("null") : boost::json::serialize(boost::json::value(s.location_id));
  out += '}';
}

constexpr const char* kSlotSchema =
    R"J({"type":"object","required":["start","end","local_date","local_start","local_end","type","location_id"],"properties":{
"start":{"type":"string","format":"date-time"},"end":{"type":"string","format":"date-time"},
"local_date":{"type":"string","format":"date"},"local_start":{"type":"string","pattern":"^\\d{2}:\\d{2}$"},
"local_end":{"type":"string","pattern":"^\\d{2}:\\d{2}$"},"type":{"type":"string","enum":["video","clinic"]},
"location_id":{"type":["string","null"]}}})J";

}  // namespace

bool lock_doctor(db::Session& tx, const std::string& doctor_id) {
  auto rs = tx.exec(tx.dialect() == db::Dialect::postgres
                        ? "SELECT user_id FROM doctors WHERE user_id = $1 FOR UPDATE"
                        : "SELECT user_id FROM doctors WHERE user_id = $1",
                    {doctor_id});
  return !rs.empty();
}

std::vector<slots::Slot> schedule_slots(const Reader& q, const Doctor& doctor, const date::time_zone* zone,
                                        slots::DayNumber first, slots::DayNumber last) {
  std::vector<slots::Slot> out;
  if (!zone || last < first) return out;
  std::vector<slots::Range> weekly[8];
  for (const auto& r : q("SELECT weekday, start_minute, end_minute, type, location_id FROM doctor_weekly_hours "
                         "WHERE doctor_id = $1 ORDER BY weekday, start_minute",
                         {doctor.user_id})
                           .rows) {
    int64_t wd = r.i64(0);
    if (wd < 1 || wd > 7 || !usable(doctor, r.str(3), r.str(4))) continue;
    weekly[wd].push_back({static_cast<int>(r.i64(1)), static_cast<int>(r.i64(2)), r.str(3), r.str(4)});
  }
  std::map<std::string, std::vector<Exception>> by_date;
  for (const auto& r : q("SELECT kind, local_date, start_minute, end_minute, type, location_id FROM doctor_exceptions "
                         "WHERE doctor_id = $1 AND local_date >= $2 AND local_date <= $3",
                         {doctor.user_id, slots::format_date(first), slots::format_date(last)})
                           .rows)
    by_date[r.str(1)].push_back({r.str(0), r.str(1), r.str(4), r.str(5), r.opt_i64(2), r.opt_i64(3)});

  for (auto day = first; day <= last; day++) {
    std::vector<slots::Range> ranges = weekly[slots::iso_weekday(day)];
    const size_t weekly_count = ranges.size();
    std::vector<slots::Block> leave;
    if (auto it = by_date.find(slots::format_date(day)); it != by_date.end()) {
      for (const auto& e : it->second) {
        if (e.kind == "leave") {
          if (e.start_minute && e.end_minute) leave.push_back({static_cast<int>(*e.start_minute), static_cast<int>(*e.end_minute)});
          else leave.push_back({0, slots::kMinutesPerDay});
        } else if (e.start_minute && e.end_minute && usable(doctor, e.type, e.location_id)) {
          ranges.push_back({static_cast<int>(*e.start_minute), static_cast<int>(*e.end_minute), e.type, e.location_id});
        }
      }
    }
    if (ranges.empty()) continue;
    auto day_out = slots::day_slots(zone, day, ranges, weekly_count, leave, doctor.slot_minutes);
    for (auto& s : day_out) out.push_back(std::move(s));
  }
  // Days are generated in order and each day's slots are sorted; a slot of one day never starts before one
  // of the day before except across a large zone-rule change, so keep the whole list sorted to be sure.
  auto earlier = [](const slots::Slot& a, const slots::Slot& b) { return a.start_ms < b.start_ms; };
  if (!std::is_sorted(out.begin(), out.end(), earlier)) std::stable_sort(out.begin(), out.end(), earlier);
  return out;
}

std::vector<std::pair<int64_t, int64_t>> busy_intervals(const Reader& q, const std::string& doctor_id, int64_t from_ms,
                                                        int64_t to_ms, const std::string& except_id) {
  // slot_start > from - 1 day bounds the index range (no slot is longer than an hour), so a doctor's years of
  // past bookings are not read.
  static const std::string sql = std::string("SELECT slot_start, slot_end FROM bookings WHERE doctor_id = $1 AND status IN ") +
                                 kSlotHoldingSql + " AND slot_start < $3 AND slot_start > $5 AND slot_end > $2 AND id <> $4";
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const auto& r : q(sql, {doctor_id, from_ms, to_ms, except_id, from_ms - slots::kMsPerDay}).rows)
    out.emplace_back(r.i64(0), r.i64(1));
  return out;
}

std::vector<slots::Slot> free_slots_on(const Reader& q, const Doctor& doctor, const date::time_zone* zone,
                                       slots::DayNumber first, slots::DayNumber last, const std::string& type,
                                       int64_t now_ms) {
  auto out = schedule_slots(q, doctor, zone, first, last);
  if (!type.empty()) std::erase_if(out, [&](const slots::Slot& s) { return s.type != type; });
  if (out.empty()) return out;
  auto busy = busy_intervals(q, doctor.user_id, out.front().start_ms, out.back().end_ms);
  slots::remove_unavailable(out, now_ms + kBookingLeadMs, busy);
  return out;
}

SlotLookup check_slot(const Reader& q, const Doctor& doctor, int64_t start_ms, const std::string& type,
                      const std::string& location_id, const std::string& except_booking_id, int64_t now_ms) {
  SlotLookup out;
  auto zone = slots::find_zone(doctor.time_zone);
  if (!zone || start_ms <= now_ms + kBookingLeadMs) return out;
  auto day = slots::local_day_of(start_ms, zone);
  for (auto& s : schedule_slots(q, doctor, zone, day - 1, day + 1)) {
    if (s.start_ms != start_ms || s.type != type) continue;
    if (!location_id.empty() && s.location_id != location_id) continue;
    out.slot = std::move(s);
    bool taken = !busy_intervals(q, doctor.user_id, out.slot.start_ms, out.slot.end_ms, except_booking_id).empty();
    out.result = taken ? SlotCheck::taken : SlotCheck::free;
    return out;
  }
  return out;
}

std::vector<FreeSlot> free_slots(Deps& d, const std::string& doctor_id, int64_t from_ms, int64_t to_ms,
                                 const std::string& type, size_t limit) {
  std::vector<FreeSlot> out;
  auto doctor = find_doctor(d.ctx.db, doctor_id);
  if (!doctor || to_ms <= from_ms || limit == 0) return out;
  auto zone = slots::find_zone(doctor->time_zone);
  if (!zone) return out;
  const int64_t now = db::now_ms();
  auto first = slots::local_day_of(std::max(from_ms, now), zone);
  auto last = std::min(slots::local_day_of(to_ms - 1, zone), first + 62);  // a bounded amount of work
  for (auto& s : free_slots_on(Reader(d.ctx.db), *doctor, zone, first, last, type, now)) {
    if (s.start_ms < from_ms || s.start_ms >= to_ms) continue;
    out.push_back({s.start_ms, s.end_ms, s.local_date, s.local_start, s.local_end, s.type, s.location_id});
    if (out.size() >= limit) break;
  }
  return out;
}

namespace {
void store_next_available(db::Session& tx, const std::string& doctor_id, const std::optional<int64_t>& next) {
  db::Value v = next ? db::Value(*next) : db::Value(nullptr);
  // IS DISTINCT FROM in both dialects (SQLite: IS NOT), so an unchanged value writes nothing.
  tx.exec(tx.dialect() == db::Dialect::postgres
              ? "UPDATE doctors SET next_available_at = $2 WHERE user_id = $1 AND next_available_at IS DISTINCT FROM $2::BIGINT"
              : "UPDATE doctors SET next_available_at = $2 WHERE user_id = $1 AND next_available_at IS NOT $2",
          {doctor_id, v});
}
}  // namespace

void refresh_availability(Deps& d, db::Session& tx, const std::string& doctor_id) {
  if (!lock_doctor(tx, doctor_id)) return;
  auto doctor = find_doctor(tx, doctor_id);
  if (doctor) refresh_availability_of(d, tx, *doctor);
}

void refresh_availability_of(Deps&, db::Session& tx, const Doctor& doc) {
  const Doctor* doctor = &doc;
  const std::string& doctor_id = doc.user_id;
  const int64_t now = db::now_ms();
  std::map<std::string, int64_t> counts;
  std::optional<int64_t> next;
  if (auto zone = slots::find_zone(doctor->time_zone)) {
    auto today = slots::local_day_of(now, zone);
    auto free = free_slots_on(Reader(tx), *doctor, zone, today, today + kAvailabilityDays - 1, "", now);
    for (const auto& s : free) counts[s.local_date]++;
    if (!free.empty()) next = free.front().start_ms;
  }
  // Write only what changed: a booking usually changes one day's count.
  std::map<std::string, int64_t> stored;
  for (const auto& r : tx.exec("SELECT local_date, free_slots FROM doctor_availability_days WHERE doctor_id = $1", {doctor_id}).rows)
    stored[r.str(0)] = r.i64(1);
  std::vector<db::Value> gone{doctor_id}, added{doctor_id};
  std::string gone_sql, added_sql;
  for (const auto& [date, n] : stored) {
    auto it = counts.find(date);
    if (it == counts.end()) {
      gone.push_back(date);
      gone_sql += (gone_sql.empty() ? "$" : ", $") + std::to_string(gone.size());
    } else if (it->second != n) {
      tx.exec("UPDATE doctor_availability_days SET free_slots = $3 WHERE doctor_id = $1 AND local_date = $2",
              {doctor_id, date, it->second});
    }
  }
  for (const auto& [date, n] : counts) {
    if (stored.count(date)) continue;
    added.push_back(date);
    added.push_back(n);
    added_sql += std::string(added_sql.empty() ? "" : ", ") + "($1, $" + std::to_string(added.size() - 1) + ", $" +
                 std::to_string(added.size()) + ")";
  }
  if (!gone_sql.empty())
    tx.exec("DELETE FROM doctor_availability_days WHERE doctor_id = $1 AND local_date IN (" + gone_sql + ")", gone);
  if (!added_sql.empty())
    tx.exec("INSERT INTO doctor_availability_days (doctor_id, local_date, free_slots) VALUES " + added_sql, added);
  store_next_available(tx, doctor_id, next);
}

void refresh_booked_days(Deps& d, db::Session& tx, const std::string& doctor_id, const std::vector<int64_t>& slot_starts) {
  if (!lock_doctor(tx, doctor_id)) return;
  if (auto doctor = find_doctor(tx, doctor_id)) refresh_booked_days(d, tx, *doctor, slot_starts);
}

void refresh_booked_days(Deps&, db::Session& tx, const Doctor& doc, const std::vector<int64_t>& slot_starts) {
  auto zone = slots::find_zone(doc.time_zone);
  if (!zone) return;
  const int64_t now = db::now_ms();
  const auto today = slots::local_day_of(now, zone);
  const auto last = today + kAvailabilityDays - 1;
  Reader q(tx);
  std::map<slots::DayNumber, std::vector<slots::Slot>> computed;
  auto day_free = [&](slots::DayNumber day) -> const std::vector<slots::Slot>& {
    auto it = computed.find(day);
    if (it == computed.end()) it = computed.emplace(day, free_slots_on(q, doc, zone, day, day, "", now)).first;
    return it->second;
  };
  std::optional<int64_t> first_changed;
  std::set<slots::DayNumber> days;
  for (int64_t start : slot_starts) {
    auto day = slots::local_day_of(start, zone);
    if (day < today || day > last || !days.insert(day).second) continue;
    const auto& free = day_free(day);
    const std::string date = slots::format_date(day);
    if (free.empty()) {
      tx.exec("DELETE FROM doctor_availability_days WHERE doctor_id = $1 AND local_date = $2", {doc.user_id, date});
    } else {
      tx.exec("INSERT INTO doctor_availability_days (doctor_id, local_date, free_slots) VALUES ($1, $2, $3) "
              "ON CONFLICT (doctor_id, local_date) DO UPDATE SET free_slots = excluded.free_slots",
              {doc.user_id, date, static_cast<int64_t>(free.size())});
      if (!first_changed || free.front().start_ms < *first_changed) first_changed = free.front().start_ms;
    }
  }
  if (days.empty()) return;
  // The stored next slot stays right unless it has passed or lies on a recomputed day; then look again from today.
  auto cur = tx.exec("SELECT next_available_at FROM doctors WHERE user_id = $1", {doc.user_id});
  std::optional<int64_t> stored = cur.empty() ? std::nullopt : cur.one().opt_i64(0);
  std::optional<int64_t> next;
  if (!stored || (*stored > now + kBookingLeadMs && !days.count(slots::local_day_of(*stored, zone)))) {
    next = stored;
    if (first_changed && (!next || *first_changed < *next)) next = first_changed;
  } else {
    for (auto day = today; day <= last && !next; day++) {
      const auto& free = day_free(day);
      if (!free.empty()) next = free.front().start_ms;
    }
  }
  store_next_available(tx, doc.user_id, next);
}

// ---- the refresher ----

void AvailabilityRefresher::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void AvailabilityRefresher::stop() {
  {
    std::lock_guard lk(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

size_t AvailabilityRefresher::refresh(int64_t stale_before_ms) {
  auto started = std::chrono::steady_clock::now();
  std::vector<std::string> ids;
  auto rs = stale_before_ms == 0
                ? d_.ctx.db.query(db::ReadFrom::primary, "SELECT user_id FROM doctors ORDER BY user_id")
                : d_.ctx.db.query(db::ReadFrom::primary,
                                  "SELECT user_id FROM doctors WHERE next_available_at < $1 ORDER BY user_id",
                                  {stale_before_ms});
  for (const auto& r : rs.rows) ids.push_back(r.str(0));
  size_t done = 0;
  for (size_t i = 0; i < ids.size() && !stopping_; i += kRefreshBatch) {
    size_t end = std::min(ids.size(), i + kRefreshBatch);
    try {
      d_.ctx.db.transaction([&](db::Session& tx) {
        for (size_t j = i; j < end; j++) refresh_availability(d_, tx, ids[j]);
      });
      done += end - i;
    } catch (const std::exception& e) {
      log::error("consultations.availability_refresh_failed", {{"error", e.what()}});
    }
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (stale_before_ms == 0 || done > 0)
    log::info("consultations.availability_refreshed", {{"doctors", done}, {"ms", ms}, {"full", stale_before_ms == 0}});
  return done;
}

void AvailabilityRefresher::loop() {
  using namespace std::chrono;
  auto wait = [this](auto d) {
    std::unique_lock lk(mutex_);
    return !cv_.wait_for(lk, d, [this] { return stopping_.load(); });
  };
  auto last_full = steady_clock::now();
  try {
    refresh();
  } catch (const std::exception& e) {
    log::error("consultations.availability_refresh_failed", {{"error", e.what()}});
  }
  while (wait(minutes(10))) {
    try {
      if (steady_clock::now() - last_full >= hours(24)) {
        last_full = steady_clock::now();
        refresh();
      } else {
        refresh(db::now_ms() + kBookingLeadMs);
      }
    } catch (const std::exception& e) {
      log::error("consultations.availability_refresh_failed", {{"error", e.what()}});
    }
  }
}

// ---- routes ----

void register_availability_routes(http::Router& r, Deps& d) {
  r.add({.method = "GET", .path = "/v1/consultations/doctors/{id}/slots", .tag = "consultations",
         .summary = "Free slots of a verified doctor between two local dates (at most 31 days).",
         .permission = "public",
         .response_schema = std::string(R"J({"type":"object","required":["time_zone","items"],"properties":{"time_zone":{"type":"string"},"items":{"type":"array","items":)J") +
                            kSlotSchema + "}}}",
         .query_params = {{"from", "First local date (YYYY-MM-DD, the doctor's time zone; default today)"},
                          {"to", "Last local date, inclusive (default from + 6 days; at most 31 days in all)"},
                          {"type", "video or clinic (default both)"}},
         .handler = [&d](Request& req) {
           const std::string& id = req.param("id");
           if (!util::is_id(id, "usr")) throw ApiError::not_found("No such doctor.");
           std::vector<http::FieldError> errors;
           auto from_text = req.query_param("from"), to_text = req.query_param("to"), type = req.query_param("type");
           std::optional<slots::DayNumber> from, to;
           if (from_text && !(from = slots::parse_date(*from_text))) errors.push_back({"from", "must be a date YYYY-MM-DD"});
           if (to_text && !(to = slots::parse_date(*to_text))) errors.push_back({"to", "must be a date YYYY-MM-DD"});
           if (type && *type != "video" && *type != "clinic") errors.push_back({"type", "must be video or clinic"});
           if (from && to && *to < *from) errors.push_back({"to", "must not be before from"});
           if (from && to && *to - *from + 1 > kMaxSlotDays) errors.push_back({"to", "at most 31 days can be listed at once"});
           if (!errors.empty()) throw ApiError::validation(errors, "The query has invalid parameters.");
           auto doctor = find_doctor(d.ctx.db, id);
           if (!doctor || !doctor->verified()) throw ApiError::not_found("No such doctor.");
           auto zone = slots::find_zone(doctor->time_zone);
           const int64_t now = db::now_ms();
           std::string out = "{\"time_zone\":" + boost::json::serialize(boost::json::value(doctor->time_zone)) + ",\"items\":[";
           if (zone) {
             auto today = slots::local_day_of(now, zone);
             auto first = from.value_or(to ? std::max(today, *to - 6) : today);
             auto last = to.value_or(first + 6);
             if (last - first + 1 > kMaxSlotDays)
               throw ApiError::validation({{"to", "at most 31 days can be listed at once"}}, "The query has invalid parameters.");
             auto items = free_slots_on(Reader(d.ctx.db), *doctor, zone, first, last, type.value_or(""), now);
             out.reserve(out.size() + items.size() * 190);
             for (size_t i = 0; i < items.size(); i++) {
               if (i) out += ',';
               append_slot_json(out, items[i]);
             }
           }
           out += "]}";
           return Response::json(200, std::move(out));
         }});
}

}  // namespace kiorex::consultations
