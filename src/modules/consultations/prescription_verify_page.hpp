#pragma once
// The human page at the prescription QR code's URL (GET /v1/prescriptions/{id}/verify?code=… with
// Accept: text/html): a pharmacist scanning the code with a phone reads "Genuine prescription by Dr … on …"
// or a clear warning, instead of JSON. Written by the server (no JavaScript, nothing to load): it shows the
// same facts as the JSON answer and no more.
#include <optional>
#include <string>

namespace kiorex::consultations {

struct GenuinePrescription {
  std::string id, doctor_name, registration_number, registration_council;
  std::string issued_text;  // "9 Mar 2026, 18:35 (Asia/Kolkata)"
};

// The whole HTML document; nullopt = not genuine (unknown id, wrong code, tampered or unsigned).
std::string prescription_verify_page(const std::optional<GenuinePrescription>& rx);

}  // namespace kiorex::consultations
