#pragma once
// The signed form of a prescription. The canonical text is JSON with every object's keys sorted (by bytes),
// no whitespace, strings as Boost.JSON writes them (UTF-8, only '"', '\\' and control characters escaped),
// and only strings, integers and null as leaves:
//   {"advice":…|null,"doctor":{"id":"usr_…","registration":{"council":"…","number":"…"}},"follow_up":…|null,
//    "id":"rx_…","issued_at":"2026-03-09T13:05:12.345Z",
//    "items":[{"dose":…,"duration":…,"form":…|null,"frequency":…,"instructions":…|null,"medicine":…,
//              "route":…|null,"strength":…|null}],"patient":{"id":"usr_…"}}
// The platform signs kSigningPurpose + canonical with its Ed25519 key (the JWT key ring's current key, published
// in the JWKS), so anyone holding the canonical text, the kid and the signature can check it offline; the
// purpose prefix keeps a prescription signature from passing as any other signed object. Pure: unit-tested.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kiorex::consultations {

inline constexpr std::string_view kPrescriptionSigningPurpose = "kiorex.prescription.v1\n";
// The members of an item, in the order the API shows them; medicine, dose, frequency, duration are required.
inline constexpr const char* kItemFields[] = {"medicine", "strength", "form", "dose", "frequency", "duration", "route", "instructions"};

struct SignedPrescription {
  std::string id, doctor_id, registration_number, registration_council, patient_id;
  std::string issued_at;  // ISO 8601 UTC as shown by the API
  boost::json::array items;  // objects holding every kItemFields member (a string, or null when not given)
  std::optional<std::string> advice, follow_up;
};

// Canonical JSON of any value (sorted keys, no whitespace). Throws std::invalid_argument for a double.
std::string canonical_json(const boost::json::value& v);

std::string canonical_form(const SignedPrescription& p);
// Reads a canonical form back; nullopt when the text is not one (wrong shape or not canonical).
std::optional<SignedPrescription> parse_canonical(std::string_view text);
// What is signed: the purpose followed by the canonical text.
std::string prescription_signing_input(std::string_view canonical);

}  // namespace kiorex::consultations
