#pragma once
// Where a clinic booking happens, as the patient needs it: the clinic's address on one line and a directions
// link to an ordinary maps page (OpenStreetMap: a pin at the clinic's coordinates, or an address search when
// the coordinates are unknown). Pure; shared by the booking JSON and its calendar file.
#include <optional>
#include <string>

namespace kiorex::consultations {

struct VisitPlace {
  std::string name, line1, line2, city, region, postal_code, country;
  std::optional<double> lat, lng;
};

// "name, line1, line2, postal_code city, region, country" without the empty parts.
std::string address_line(const VisitPlace& p, bool with_name);
std::string directions_url(const VisitPlace& p);

}  // namespace kiorex::consultations
