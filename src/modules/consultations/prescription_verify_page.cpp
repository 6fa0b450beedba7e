#include "modules/consultations/prescription_verify_page.hpp"

#include "core/http/html.hpp"

namespace kiorex::consultations {

namespace {

using http::html_escape;

// Inline styles only (the page must stand alone: the CSP allows inline styles, no scripts are needed).
constexpr const char* kStyle =
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f4f7f7;color:#10201f}"
    "main{max-width:34rem;margin:0 auto;padding:1.25rem}"
    ".card{background:#fff;border-radius:12px;padding:1.25rem 1.25rem 1rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}"
    ".brand{font-weight:700;color:#0f766e;margin:0 0 1rem}"
    ".verdict{display:flex;gap:.75rem;align-items:flex-start;border-radius:10px;padding:1rem;margin:0 0 1rem}"
    ".verdict h1{font-size:1.3rem;line-height:1.3;margin:0}"
    ".mark{font-size:1.6rem;line-height:1;font-weight:700}"
    ".ok{background:#e6f6f1;border:2px solid #0f766e}.ok .mark{color:#0f766e}"
    ".bad{background:#fdecec;border:2px solid #b42318}.bad .mark{color:#b42318}"
    "dl{margin:0}dt{font-size:.85rem;color:#4a5b5a;margin-top:.6rem}dd{margin:0;font-weight:600;overflow-wrap:anywhere}"
    "p.note{font-size:.9rem;color:#4a5b5a}";

std::string document(const std::string& title, const std::string& body) {
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
         "<meta name=\"robots\" content=\"noindex, nofollow\" />\n<title>" +
         html_escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n<div class=\"card\">\n" +
         "<p class=\"brand\">Kiorex prescription check</p>\n" + body + "</div>\n</main>\n</body>\n</html>\n";
}

std::string row(const char* label, const std::string& value) {
  return std::string("<dt>") + label + "</dt><dd>" + html_escape(value) + "</dd>\n";
}

std::string genuine(const GenuinePrescription& rx) {
  const std::string headline = "Genuine prescription by " + http::doctor_title(rx.doctor_name) + " on " + rx.issued_text;
  std::string body = "<div class=\"verdict ok\" role=\"status\"><span class=\"mark\" aria-hidden=\"true\">✓</span>"
                     "<h1>" + html_escape(headline) + "</h1></div>\n<dl>\n" +
                     row("Doctor", http::doctor_title(rx.doctor_name)) +
                     row("Registration", rx.registration_number +
                                             (rx.registration_council.empty() ? "" : " (" + rx.registration_council + ")")) +
                     row("Issued", rx.issued_text) + row("Prescription ID", rx.id) + "</dl>\n";
  body += "<p class=\"note\">Kiorex signed this prescription when the doctor issued it, and it has not been changed "
          "since. Check that the prescription ID and the doctor printed on the paper are the ones above.</p>\n";
  return document("Genuine prescription · Kiorex", body);
}

std::string not_genuine() {
  std::string body =
      "<div class=\"verdict bad\" role=\"alert\"><span class=\"mark\" aria-hidden=\"true\">!</span>"
      "<h1>Warning: this prescription could not be verified</h1></div>\n"
      "<p>Kiorex has no genuine prescription for this code. The paper may be forged or altered, or the QR code "
      "may be damaged or copied wrongly.</p>\n"
      "<p><strong>Do not dispense on the strength of this code.</strong> Contact the prescribing doctor to "
      "confirm the prescription.</p>\n";
  return document("Prescription not verified · Kiorex", body);
}

}  // namespace

std::string prescription_verify_page(const std::optional<GenuinePrescription>& rx) {
  return rx ? genuine(*rx) : not_genuine();
}

}  // namespace kiorex::consultations
