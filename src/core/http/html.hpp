#pragma once
// Small helpers for the few pages the server writes as HTML itself (link-preview heads of the web app,
// the prescription check a pharmacist opens from the QR code).
#include <string>
#include <string_view>

namespace kiorex::http {

// Text made safe for HTML element content and double- or single-quoted attribute values.
std::string html_escape(std::string_view text);

// A doctor's name as pages show it: "Dr " + name, unless the name already starts with "Dr " or "Dr.".
std::string doctor_title(std::string_view name);

// Content negotiation between a human page and JSON: true when the Accept header asks for text/html with
// a higher preference than application/json (a phone's browser), false for API clients (application/json,
// */*, no header at all). Only these two types are weighed; q=0 means "not acceptable".
bool prefers_html(std::string_view accept);

}  // namespace kiorex::http
