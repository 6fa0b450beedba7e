#pragma once
// The printable prescription (pdf::PdfDocument): the doctor's name and registration, the patient, the date, a
// table of the items, advice and follow-up, and a QR code (libqrencode) of the absolute verification URL, so a
// pharmacist can check it with a phone. Texts in any script (Hindi, Arabic, ...) print as written. Pure:
// unit-tested (prescription_pdf_test.cpp).
#include <boost/json/array.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kiorex::consultations {

struct PrescriptionPdf {
  std::string prescription_id, doctor_name, registration_number, registration_council, patient_name;
  std::string issued;       // as printed, e.g. "9 Mar 2026, 18:35 (Asia/Kolkata)"
  boost::json::array items;  // objects with the members of kItemFields (string or null)
  std::optional<std::string> advice, follow_up;
  std::string verify_url;  // absolute; also printed under the QR code
  std::string signed_by;   // e.g. "Ed25519 key 20260301T101500Z-1a2b3c4d"
};

// The PDF bytes. Throws std::runtime_error if the PDF fails, std::invalid_argument if the URL cannot be a QR code.
std::string prescription_pdf(const PrescriptionPdf& p);

// The QR code of `text` as rows of modules (true = dark), without the quiet zone.
std::vector<std::vector<bool>> qr_modules(const std::string& text);

}  // namespace kiorex::consultations
