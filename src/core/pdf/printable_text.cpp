#include "core/pdf/printable_text.hpp"

#include <glib.h>

#include <algorithm>
#include <memory>

namespace kiorex::pdf {

namespace {

bool is_embedding_or_override(gunichar c) { return c >= 0x202A && c <= 0x202E; }
bool is_isolate(gunichar c) { return c >= 0x2066 && c <= 0x2069; }

bool is_control(gunichar c) { return c < 0x20 || (c >= 0x7F && c < 0xA0); }

// printable(), and isolates dropped too when `drop_isolates`.
std::string clean(std::string_view utf8, bool drop_isolates) {
  // NUL is a control character like the others (a space); replaced first, so the C strings below hold it all.
  std::string input(utf8);
  std::replace(input.begin(), input.end(), '\0', ' ');
  std::unique_ptr<gchar, decltype(&g_free)> valid(g_utf8_make_valid(input.data(), static_cast<gssize>(input.size())),
                                                   &g_free);
  std::string out;
  out.reserve(input.size());
  for (const gchar* p = valid.get(); *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == '\r') {
      out += '\n';
      if (p[1] == '\n') p++;
    } else if (c == '\n') {
      out += '\n';
    } else if (is_control(c)) {
      out += ' ';
    } else if (!is_embedding_or_override(c) && !(drop_isolates && is_isolate(c))) {
      out.append(p, static_cast<size_t>(g_utf8_next_char(p) - p));
    }
  }
  return out;
}

}  // namespace

std::string printable(std::string_view utf8) { return clean(utf8, false); }

std::string isolated(std::string_view value) {
  if (value.empty()) return "";
  return "\u2068" + clean(value, true) + "\u2069";
}

}  // namespace kiorex::pdf
