// iCalendar text for one booking (see calendar_ics.hpp for the choices: UTC times, stable UID, SEQUENCE).
#include "modules/consultations/calendar_ics.hpp"

#include <ctime>

namespace kiorex::consultations {

std::string ics_text(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        if (i + 1 < s.size() && s[i + 1] == '\n') break;  // CRLF: the LF writes the newline
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) break;  // not allowed in TEXT
        out += c;
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  constexpr size_t kMax = 75;  // octets per physical line, without the CRLF
  std::string out;
  size_t used = 0;  // octets on the current physical line
  size_t i = 0;
  while (i < line.size()) {
    // The whole UTF-8 character starting at i (lead byte + continuation bytes) stays on one line.
    size_t n = 1;
    while (i + n < line.size() && (static_cast<unsigned char>(line[i + n]) & 0xC0) == 0x80) ++n;
    if (used + n > kMax) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line.substr(i, n));
    used += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string ics_utc(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[20];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string calendar_file(const CalendarEvent& e) {
  std::string out;
  auto line = [&](std::string_view name, std::string_view value) { out += ics_fold(std::string(name) + ":" + std::string(value)); };
  line("BEGIN", "VCALENDAR");
  line("VERSION", "2.0");
  line("PRODID", "-//Kiorex//Consultations//EN");
  line("CALSCALE", "GREGORIAN");
  // PUBLISH, also for a cancelled booking: METHOD:CANCEL (RFC 5546) needs an ORGANIZER address, which would
  // disclose the doctor's e-mail; STATUS:CANCELLED with a higher SEQUENCE cancels the imported event.
  line("METHOD", "PUBLISH");
  line("BEGIN", "VEVENT");
  line("UID", ics_text(e.uid));
  line("SEQUENCE", std::to_string(e.sequence));
  line("DTSTAMP", ics_utc(e.stamp_ms));
  line("DTSTART", ics_utc(e.start_ms));
  line("DTEND", ics_utc(e.end_ms));
  line("SUMMARY", ics_text(e.summary));
  if (!e.description.empty()) line("DESCRIPTION", ics_text(e.description));
  if (!e.location.empty()) line("LOCATION", ics_text(e.location));
  line("STATUS", e.cancelled ? "CANCELLED" : "CONFIRMED");
  line("TRANSP", "OPAQUE");
  line("END", "VEVENT");
  line("END", "VCALENDAR");
  return out;
}

}  // namespace kiorex::consultations
