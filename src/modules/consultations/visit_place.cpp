#include "modules/consultations/visit_place.hpp"

#include <cmath>
#include <cstdio>

#include "core/net/http_client.hpp"

namespace kiorex::consultations {

std::string address_line(const VisitPlace& p, bool with_name) {
  std::string out;
  auto add = [&](const std::string& part) {
    if (part.empty()) return;
    if (!out.empty()) out += ", ";
    out += part;
  };
  if (with_name) add(p.name);
  add(p.line1);
  add(p.line2);
  std::string town = p.postal_code;
  if (!p.city.empty()) town += (town.empty() ? "" : " ") + p.city;
  add(town);
  add(p.region);
  add(p.country);
  return out;
}

std::string directions_url(const VisitPlace& p) {
  // (0, 0) is the profile's "not placed" default, not a clinic in the Gulf of Guinea.
  if (p.lat && p.lng && std::isfinite(*p.lat) && std::isfinite(*p.lng) && (*p.lat != 0 || *p.lng != 0)) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=17/%.6f/%.6f", *p.lat, *p.lng,
                  *p.lat, *p.lng);
    return buf;
  }
  return "https://www.openstreetmap.org/search?query=" + net::url_encode(address_line(p, false));
}

}  // namespace kiorex::consultations
