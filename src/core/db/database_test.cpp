// db::iso8601_from_ms: the fast path (1970..9999) writes the same text as gmtime_r + strftime.
#include "core/db/database.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <random>

namespace kiorex::db {
namespace {

std::string reference(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[40];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms % 1000));
  return out;
}

TEST(Iso8601FromMs, KnownValues) {
  EXPECT_EQ(iso8601_from_ms(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(iso8601_from_ms(951782400000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(iso8601_from_ms(1795608000123), "2026-11-25T12:00:00.123Z");
  EXPECT_EQ(iso8601_from_ms(4107542399999), "2100-02-28T23:59:59.999Z");
  EXPECT_EQ(iso8601_from_ms(4107542400000), "2100-03-01T00:00:00.000Z");
  EXPECT_EQ(iso8601_from_ms(253402300799999), "9999-12-31T23:59:59.999Z");
}

TEST(Iso8601FromMs, SameAsGmtimeAcrossTheRange) {
  std::mt19937_64 rng(20261125);
  std::uniform_int_distribution<int64_t> any(0, 253402300799999);
  for (int i = 0; i < 200000; i++) {
    int64_t ms = any(rng);
    ASSERT_EQ(iso8601_from_ms(ms), reference(ms)) << ms;
  }
  // Every day boundary (and the millisecond before it) from 1970 to 2200.
  for (int64_t day = 0; day < 84000; day++) {
    ASSERT_EQ(iso8601_from_ms(day * 86400000), reference(day * 86400000)) << day;
    if (day) ASSERT_EQ(iso8601_from_ms(day * 86400000 - 1), reference(day * 86400000 - 1)) << day;
  }
  // Outside the fast path: the general one.
  EXPECT_EQ(iso8601_from_ms(253402300800000), reference(253402300800000));
}

TEST(Iso8601FromMs, AppendedTheSameAfterWhatIsThere) {
  for (int64_t ms : {int64_t{0}, int64_t{1764072000123}, int64_t{253402300799999}, int64_t{253402300800000}}) {
    std::string text = "at ";
    append_iso8601_from_ms(text, ms);
    EXPECT_EQ(text, "at " + reference(ms)) << ms;
  }
}

}  // namespace
}  // namespace kiorex::db

