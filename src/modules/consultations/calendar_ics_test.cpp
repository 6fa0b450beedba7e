#include "modules/consultations/calendar_ics.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace kiorex::consultations;

TEST(CalendarIcs, EscapesTextSoNamesCannotBreakTheFile) {
  EXPECT_EQ(ics_text("Dr. Ray, Jr.; Clinic\\A\nline2\r\nline3\x01"), "Dr. Ray\\, Jr.\\; Clinic\\\\A\\nline2\\nline3");
}

TEST(CalendarIcs, FoldsAt75OctetsWithoutSplittingCharacters) {
  std::string value(100, 'a');
  value += "\xC3\xA9\xC3\xA9\xC3\xA9";  // "ééé"
  value += std::string(60, 'b');
  std::string folded = ics_fold("SUMMARY:" + value);
  std::istringstream in(folded);
  std::string unfolded, l;
  bool first = true;
  while (std::getline(in, l)) {
    ASSERT_FALSE(l.empty());
    ASSERT_EQ(l.back(), '\r');
    l.pop_back();
    EXPECT_LE(l.size(), 75u);
    // No line starts with a UTF-8 continuation byte (a split character).
    size_t at = first ? 0 : 1;
    if (l.size() > at) {
      EXPECT_NE(static_cast<unsigned char>(l[at]) & 0xC0, 0x80);
    }
    if (!first) {
      ASSERT_EQ(l[0], ' ');
      l.erase(0, 1);
    }
    unfolded += l;
    first = false;
  }
  EXPECT_EQ(unfolded, "SUMMARY:" + value);
}

TEST(CalendarIcs, WritesUtcTimesUidSequenceAndStatus) {
  CalendarEvent e{.uid = "bkg_1@kiorex", .sequence = 3, .stamp_ms = 1700000000000, .start_ms = 1773061200000,
                  .end_ms = 1773062100000, .summary = "Consultation", .description = "", .location = "", .cancelled = true};
  std::string f = calendar_file(e);
  EXPECT_NE(f.find("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), std::string::npos);
  EXPECT_NE(f.find("\r\nUID:bkg_1@kiorex\r\n"), std::string::npos);
  EXPECT_NE(f.find("\r\nSEQUENCE:3\r\n"), std::string::npos);
  EXPECT_NE(f.find("\r\nDTSTART:20260309T130000Z\r\n"), std::string::npos);
  EXPECT_NE(f.find("\r\nDTEND:20260309T131500Z\r\n"), std::string::npos);
  EXPECT_NE(f.find("\r\nSTATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_EQ(f.find("LOCATION"), std::string::npos);
  EXPECT_EQ(f.substr(f.size() - 15), "END:VCALENDAR\r\n");
}
