// Slot arithmetic across daylight-saving changes (America/New_York, Europe/London) and in a zone without
// them (Asia/Kolkata); leave, extra hours, parsing.
#include "modules/consultations/slots.hpp"

#include <gtest/gtest.h>

using namespace kiorex::consultations::slots;

namespace {

const date::time_zone* zone(const char* name) {
  auto z = find_zone(name);
  EXPECT_NE(z, nullptr) << name;
  return z;
}

DayNumber day(const char* s) {
  auto d = parse_date(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(0);
}

int64_t at(const char* iso) {
  auto t = parse_instant(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(0);
}

Range video(const char* from, const char* to) { return {parse_hhmm(from).value(), parse_hhmm(to, true).value(), "video", ""}; }

}  // namespace

TEST(Slots, ParsesDatesTimesAndInstants) {
  EXPECT_EQ(format_date(day("2026-03-09")), "2026-03-09");
  EXPECT_FALSE(parse_date("2026-02-30"));
  EXPECT_FALSE(parse_date("2026-2-3"));
  EXPECT_FALSE(parse_date("2026-03-09x"));
  EXPECT_EQ(iso_weekday(day("2026-03-09")), 1);  // a Monday
  EXPECT_EQ(iso_weekday(day("2026-03-08")), 7);
  EXPECT_EQ(parse_hhmm("09:30"), 570);
  EXPECT_EQ(parse_hhmm("24:00"), std::nullopt);
  EXPECT_EQ(parse_hhmm("24:00", true), 1440);
  EXPECT_EQ(parse_hhmm("24:01", true), std::nullopt);
  EXPECT_EQ(parse_hhmm("9:30"), std::nullopt);
  EXPECT_EQ(parse_hhmm("09:60"), std::nullopt);
  EXPECT_EQ(format_hhmm(570), "09:30");
  EXPECT_EQ(parse_instant("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_instant("2026-03-09T13:00:00Z"), 1773061200000);
  EXPECT_EQ(parse_instant("2026-03-09T13:00:00.250Z"), 1773061200250);
  EXPECT_EQ(parse_instant("2026-03-09T18:30:00+05:30"), 1773061200000);
  EXPECT_EQ(parse_instant("2026-03-09T08:00-05:00"), 1773061200000);
  EXPECT_FALSE(parse_instant("2026-03-09T13:00:00"));  // no zone: ambiguous, refused
  EXPECT_FALSE(parse_instant("2026-03-09 13:00:00Z"));
  EXPECT_FALSE(parse_instant("2026-02-30T13:00:00Z"));
  EXPECT_FALSE(parse_instant("2026-03-09T25:00:00Z"));
  EXPECT_FALSE(parse_instant("2026-03-09T13:00:00Zjunk"));
  EXPECT_EQ(format_instant(1773061200000), "2026-03-09T13:00:00Z");
  EXPECT_EQ(format_instant(1773061200999), "2026-03-09T13:00:00Z");
  EXPECT_EQ(format_instant(0), "1970-01-01T00:00:00Z");
  EXPECT_TRUE(valid_zone("America/New_York"));
  EXPECT_TRUE(valid_zone("UTC"));
  EXPECT_FALSE(valid_zone("Mars/Olympus"));
  EXPECT_FALSE(valid_zone("../../etc/passwd"));
  EXPECT_FALSE(valid_zone(""));
}

TEST(Slots, NewYorkSpringForwardSkipsTheGap) {
  auto ny = zone("America/New_York");
  // 2026-03-08 02:00 EST jumps to 03:00 EDT: 02:00 and 02:30 do not exist.
  auto v = day_slots(ny, day("2026-03-08"), {video("00:00", "04:00")}, 1, {}, 30);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[0].local_start, "00:00");
  EXPECT_EQ(v[0].start_ms, at("2026-03-08T05:00:00Z"));
  EXPECT_EQ(v[3].local_start, "01:30");
  EXPECT_EQ(v[3].start_ms, at("2026-03-08T06:30:00Z"));
  EXPECT_EQ(v[3].end_ms, at("2026-03-08T07:00:00Z"));
  EXPECT_EQ(v[3].local_end, "03:00");  // 30 real minutes after 01:30 EST
  EXPECT_EQ(v[4].local_start, "03:00");
  EXPECT_EQ(v[4].start_ms, at("2026-03-08T07:00:00Z"));
  EXPECT_EQ(v[5].start_ms, at("2026-03-08T07:30:00Z"));
  for (const auto& s : v) {
    EXPECT_NE(s.local_start, "02:00");
    EXPECT_NE(s.local_start, "02:30");
    EXPECT_EQ(s.end_ms - s.start_ms, 30 * kMsPerMinute);
    EXPECT_EQ(s.local_date, "2026-03-08");
  }
}

TEST(Slots, NewYorkFallBackUsesTheFirstOccurrence) {
  auto ny = zone("America/New_York");
  // 2026-11-01 02:00 EDT falls back to 01:00 EST: 01:00-02:00 happens twice; slots use the first (EDT).
  auto v = day_slots(ny, day("2026-11-01"), {video("00:00", "03:00")}, 1, {}, 30);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[2].local_start, "01:00");
  EXPECT_EQ(v[2].start_ms, at("2026-11-01T05:00:00Z"));  // 01:00 EDT
  EXPECT_EQ(v[3].local_start, "01:30");
  EXPECT_EQ(v[3].start_ms, at("2026-11-01T05:30:00Z"));
  EXPECT_EQ(v[3].local_end, "01:00");  // 06:00Z is 01:00 EST, the second 01:00
  EXPECT_EQ(v[4].local_start, "02:00");
  EXPECT_EQ(v[4].start_ms, at("2026-11-01T07:00:00Z"));  // EST
  for (size_t i = 1; i < v.size(); i++) EXPECT_LE(v[i - 1].end_ms, v[i].start_ms);
}

TEST(Slots, NewYorkTransitionWeekShiftsTheUtcTimes) {
  auto ny = zone("America/New_York");
  // 09:00 local every day from Monday 2026-03-02 to Sunday 2026-03-15: 14:00Z before the change, 13:00Z after.
  for (auto d = day("2026-03-02"); d <= day("2026-03-15"); d++) {
    auto v = day_slots(ny, d, {video("09:00", "09:15")}, 1, {}, 15);
    ASSERT_EQ(v.size(), 1u) << format_date(d);
    int64_t expected_hour = d < day("2026-03-08") ? 14 : 13;
    EXPECT_EQ((v[0].start_ms / 3600000) % 24, expected_hour) << format_date(d);
    EXPECT_EQ(local_datetime(v[0].start_ms, ny), format_date(d) + "T09:00");
  }
  // The contract's example: Monday 2026-03-09 09:00 in New York is 13:00Z.
  auto mon = day_slots(ny, day("2026-03-09"), {video("09:00", "13:00")}, 1, {}, 15);
  ASSERT_EQ(mon.size(), 16u);
  EXPECT_EQ(mon[0].start_ms, at("2026-03-09T13:00:00Z"));
  EXPECT_EQ(mon[0].local_end, "09:15");
  EXPECT_EQ(local_day_of(at("2026-03-09T03:59:00Z"), ny), day("2026-03-08"));
  EXPECT_EQ(local_day_of(at("2026-03-09T04:00:00Z"), ny), day("2026-03-09"));
}

TEST(Slots, LondonSpringAndAutumn) {
  auto london = zone("Europe/London");
  // 2026-03-29 01:00 GMT -> 02:00 BST: the 01:00 slot does not exist.
  auto spring = day_slots(london, day("2026-03-29"), {video("00:00", "03:00")}, 1, {}, 60);
  ASSERT_EQ(spring.size(), 2u);
  EXPECT_EQ(spring[0].start_ms, at("2026-03-29T00:00:00Z"));
  EXPECT_EQ(spring[0].local_end, "02:00");
  EXPECT_EQ(spring[1].local_start, "02:00");
  EXPECT_EQ(spring[1].start_ms, at("2026-03-29T01:00:00Z"));
  // 2026-10-25 02:00 BST -> 01:00 GMT: 01:00 is ambiguous, the first (BST) occurrence is used.
  auto autumn = day_slots(london, day("2026-10-25"), {video("00:00", "03:00")}, 1, {}, 60);
  ASSERT_EQ(autumn.size(), 3u);
  EXPECT_EQ(autumn[0].start_ms, at("2026-10-24T23:00:00Z"));
  EXPECT_EQ(autumn[1].local_start, "01:00");
  EXPECT_EQ(autumn[1].start_ms, at("2026-10-25T00:00:00Z"));
  EXPECT_EQ(autumn[2].local_start, "02:00");
  EXPECT_EQ(autumn[2].start_ms, at("2026-10-25T02:00:00Z"));
  // A normal week day either side.
  EXPECT_EQ(day_slots(london, day("2026-03-23"), {video("09:00", "10:00")}, 1, {}, 60)[0].start_ms, at("2026-03-23T09:00:00Z"));
  EXPECT_EQ(day_slots(london, day("2026-03-30"), {video("09:00", "10:00")}, 1, {}, 60)[0].start_ms, at("2026-03-30T08:00:00Z"));
}

TEST(Slots, KolkataHasNoTransitions) {
  auto kolkata = zone("Asia/Kolkata");
  for (const char* d : {"2026-03-08", "2026-03-29", "2026-10-25", "2026-11-01"}) {
    auto v = day_slots(kolkata, day(d), {video("09:00", "10:00")}, 1, {}, 15);
    ASSERT_EQ(v.size(), 4u);
    EXPECT_EQ(v[0].start_ms, at((std::string(d) + "T03:30:00Z").c_str()));
    EXPECT_EQ(v[3].local_end, "10:00");
  }
  // Midnight to midnight: 96 quarter hours; the day starts at 18:30Z the day before.
  auto whole = day_slots(kolkata, day("2026-03-08"), {video("00:00", "24:00")}, 1, {}, 15);
  ASSERT_EQ(whole.size(), 96u);
  EXPECT_EQ(whole.front().start_ms, at("2026-03-07T18:30:00Z"));
  EXPECT_EQ(whole.back().local_end, "00:00");
}

TEST(Slots, ATransitionAtMidnight) {
  // Santiago springs forward at 24:00 on 2026-09-05: 2026-09-06 starts at 01:00 (-03).
  auto santiago = zone("America/Santiago");
  auto sat = day_slots(santiago, day("2026-09-05"), {video("23:00", "24:00")}, 1, {}, 30);
  ASSERT_EQ(sat.size(), 2u);
  EXPECT_EQ(sat[0].start_ms, at("2026-09-06T03:00:00Z"));
  EXPECT_EQ(sat[1].local_end, "01:00");  // 30 real minutes after 23:30 (-04)
  auto sun = day_slots(santiago, day("2026-09-06"), {video("00:00", "02:00")}, 1, {}, 30);
  ASSERT_EQ(sun.size(), 2u);  // 00:00 and 00:30 do not exist
  EXPECT_EQ(sun[0].local_start, "01:00");
  EXPECT_EQ(sun[0].start_ms, at("2026-09-06T04:00:00Z"));
}

TEST(Slots, LeaveBreaksExtraHoursAndTypes) {
  auto kolkata = zone("Asia/Kolkata");
  Range clinic{parse_hhmm("14:00").value(), parse_hhmm("16:00").value(), "clinic", "loc_1"};
  // Weekly 09:00-12:00 video and 14:00-16:00 clinic (the gap is the break), 30-min slots.
  std::vector<Range> ranges = {video("09:00", "12:00"), clinic};
  EXPECT_EQ(day_slots(kolkata, day("2026-12-01"), ranges, 2, {}, 30).size(), 10u);
  // A range not a multiple of the slot length: the tail that does not fit gives no slot.
  EXPECT_EQ(day_slots(kolkata, day("2026-12-01"), {video("09:00", "09:50")}, 1, {}, 30).size(), 1u);
  // Leave 10:15-11:00 removes every slot it touches (10:00 and 10:30).
  auto partial = day_slots(kolkata, day("2026-12-01"), ranges, 2, {{615, 660}}, 30);
  EXPECT_EQ(partial.size(), 8u);
  for (const auto& s : partial) EXPECT_TRUE(s.local_start != "10:00" && s.local_start != "10:30");
  // Whole-day leave: nothing.
  EXPECT_TRUE(day_slots(kolkata, day("2026-12-01"), ranges, 2, {{0, 1440}}, 30).empty());
  // Extra hours overlapping the weekly ones: no overlapping slots, the weekly one wins at the same instant.
  std::vector<Range> with_extra = ranges;
  with_extra.push_back(video("11:00", "13:00"));
  with_extra.push_back({parse_hhmm("16:10").value(), parse_hhmm("17:10").value(), "clinic", "loc_2"});
  auto v = day_slots(kolkata, day("2026-12-01"), with_extra, 2, {}, 30);
  for (size_t i = 1; i < v.size(); i++) EXPECT_LE(v[i - 1].end_ms, v[i].start_ms);
  EXPECT_EQ(v.size(), 14u);  // 6 weekly video + 2 extra (12:00, 12:30) + 4 clinic + 2 extra clinic
  EXPECT_EQ(v.back().location_id, "loc_2");
  EXPECT_EQ(v.back().local_start, "16:40");
}

TEST(Slots, PastAndBusySlotsAreRemoved) {
  auto kolkata = zone("Asia/Kolkata");
  auto v = day_slots(kolkata, day("2026-12-01"), {video("09:00", "11:00")}, 1, {}, 15);  // 03:30Z .. 05:30Z
  ASSERT_EQ(v.size(), 8u);
  auto copy = v;
  // Not after 03:45Z: 03:30 and 03:45 go. A booking 04:30-04:45 and a longer one 05:00-05:20 (slot length changed).
  remove_unavailable(copy, at("2026-12-01T03:45:00Z"),
                     {{at("2026-12-01T05:00:00Z"), at("2026-12-01T05:20:00Z")}, {at("2026-12-01T04:30:00Z"), at("2026-12-01T04:45:00Z")}});
  std::vector<std::string> left;
  for (const auto& s : copy) left.push_back(s.local_start);
  EXPECT_EQ(left, (std::vector<std::string>{"09:30", "09:45", "10:15"}));
  EXPECT_TRUE(overlaps(0, 10, 9, 20));
  EXPECT_FALSE(overlaps(0, 10, 10, 20));
}
