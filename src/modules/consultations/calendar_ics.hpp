#pragma once
// One booking as an iCalendar (RFC 5545) file for "Add to calendar". Pure: no database, no HTTP; unit-tested
// in calendar_ics_test.cpp. Times are written in UTC ("…Z"): a booking is stored as UTC instants, every
// calendar client shows a UTC time in its viewer's own zone (a video patient may live in another zone than the
// doctor), and no VTIMEZONE has to be generated from the tz database. The UID is stable per booking and
// SEQUENCE grows with every change (the booking's version), so importing the file again updates the event
// instead of adding a second one; a cancelled booking is written with STATUS:CANCELLED.
#include <cstdint>
#include <string>
#include <string_view>

namespace kiorex::consultations {

struct CalendarEvent {
  std::string uid;          // stable per booking, e.g. "bkg_…@kiorex"
  int64_t sequence = 0;     // grows with each change of the booking
  int64_t stamp_ms = 0;     // when this version of the event was made (DTSTAMP, UTC)
  int64_t start_ms = 0, end_ms = 0;
  std::string summary, description, location;  // plain text; escaped when written
  bool cancelled = false;
};

// The whole file, CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character).
std::string calendar_file(const CalendarEvent& e);

// TEXT value escaping of RFC 5545 §3.3.11: backslash, semicolon, comma and newline escaped; other control
// characters dropped.
std::string ics_text(std::string_view s);
// One content line folded at 75 octets (continuations begin with a space), CRLF-terminated.
std::string ics_fold(std::string_view line);
// YYYYMMDDTHHMMSSZ.
std::string ics_utc(int64_t ms);

}  // namespace kiorex::consultations
