#pragma once
// What of a stored text goes onto a printed page. Users' texts are UTF-8 of any script; the page shows
// them as written, except what would make the page lie or break the layout.
#include <string>
#include <string_view>

namespace kiorex::pdf {

// `utf8` made safe to set (PdfDocument applies it to every text): invalid UTF-8 becomes U+FFFD; tabs and
// other control characters (C0, DEL, C1) become spaces, "\r\n" and "\r" become "\n" (a line break, kept);
// the bidirectional embeddings and overrides (U+202A..U+202E) are dropped, so no text can force the rest
// of its line into reverse (for example the dose after a medicine's name). The implicit marks (U+200E,
// U+200F, U+061C) and the isolates (U+2066..U+2069, see isolated) stay.
std::string printable(std::string_view utf8);

// One value (a name, a phone number) for a composed line such as "1. " + name + ", " + phone: printable,
// without any bidirectional control of its own, inside a first-strong isolate (U+2068 ... U+2069), so its
// direction neither takes in nor turns its neighbours: "1. <Arabic name>, +91 98765 43210" keeps the
// number after the name (without the isolate the Unicode bidi rules would make it part of the Arabic run:
// "1. 43210 98765 91+ ,<name>"). "" stays "" (callers test values for emptiness).
std::string isolated(std::string_view value);

}  // namespace kiorex::pdf
