#pragma once
// The human-readable form of a person's data export (GET /v1/users/{id}/export?format=pdf): a title,
// one section per part and one line per entry, in a built-in PDF font (characters outside Latin-1
// print as '?'; the JSON export carries the exact text).
#include <boost/json/object.hpp>
#include <string>

namespace kiorex::users {

// `doc` is the JSON export document; returns the PDF bytes. Throws std::runtime_error if libharu fails.
std::string export_pdf(const boost::json::object& doc);

}  // namespace kiorex::users
