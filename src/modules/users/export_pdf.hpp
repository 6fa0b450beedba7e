#pragma once
// The human-readable form of a person's data export (GET /v1/users/{id}/export?format=pdf): a title, one
// section per top-level member of the export document and one line per entry, in any script (pdf::PdfDocument).
// The known parts (account, profile, medical history, family, emergency contacts, consents, access log) come
// first, in that order, with their own wording; every other member follows in the document's order as a section
// titled from its key ("booking_reasons" -> "Booking reasons"), its entries rendered generically: the export PDF
// never leaves out a part that the JSON export carries.
#include <boost/json/object.hpp>
#include <string>

namespace kiorex::users {

// `doc` is the JSON export document; returns the PDF bytes. Throws std::runtime_error if the PDF fails.
std::string export_pdf(const boost::json::object& doc);

// "booking_reasons" -> "Booking reasons": the heading of a member without wording of its own.
std::string section_title(std::string_view key);

}  // namespace kiorex::users
