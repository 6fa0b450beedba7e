#pragma once
// What the consultation's own parts (visit, signaling, notes, prescriptions, ratings) share: the booking
// the path names with the caller's part in it, the patient's data key for PHI, audit records, JSON.
// Bookings and doctors are reached only through parts.hpp (find_booking, party_of, move_booking, find_doctor).
// (A namespace of its own: other parts keep helpers with the same names.)
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/db/database.hpp"
#include "core/http/types.hpp"
#include "modules/consultations/parts.hpp"

namespace kiorex::consultations::visit {

// Notes and the prescription may still be written this long after the consultation ended.
inline constexpr int64_t kAfterCareWindowMs = 24LL * 3600 * 1000;

struct Visit {
  Booking booking;
  Party party = Party::none;
  bool doctor() const { return party == Party::doctor; }
  bool patient_side() const { return party == Party::patient || party == Party::guardian; }
};

// The booking `booking_id` and the caller's part in it. 404 (the same for "no such booking" and "not
// yours", so nothing leaks) when it does not exist or the caller has no part in it.
Visit visit_for(Deps& d, const http::Request& req, const std::string& booking_id);
// The same for a booking read inside a transaction (status checks that must hold when writing).
Visit visit_for(Deps& d, db::Session& tx, const http::Request& req, const std::string& booking_id);

// "patient" (the patient or their guardian) or "doctor".
const char* side_name(Party p);
// The basis recorded in audit records: "patient", "guardian" or "doctor".
const char* basis_name(Party p);

// In progress, or completed less than kAfterCareWindowMs ago (notes, prescription).
bool open_for_writing(const Booking& b, int64_t now_ms);

// Sealing with the PATIENT's data key, bound to `context` ("<table>:<row id>").
std::string seal_for(Deps& d, db::Session& tx, const std::string& patient_id, std::string_view plaintext,
                     const std::string& context);
// 410 `erased` when the patient's data key was shredded (GDPR erasure); std::runtime_error when it cannot be
// opened otherwise (never expected).
std::string open_for(Deps& d, const std::string& patient_id, std::string_view sealed, const std::string& context);

// An audit record of a read or write of a patient's PHI by the caller: in `tx` when given, else
// group-committed, with the response to `req` held until it is (AuditLog::append_before_response).
void audit_phi(Deps& d, db::Session* tx, const http::Request& req, const std::string& patient_id,
               const std::string& action, const std::string& resource, Party party);

// The account name of a user ("" when unknown).
std::string user_name(db::Database& db, const std::string& user_id);
std::string user_name(db::Session& tx, const std::string& user_id);

http::Response json_response(int status, const boost::json::value& v);
std::string iso(int64_t ms);
boost::json::value opt_iso(const std::optional<int64_t>& ms);

}  // namespace kiorex::consultations::visit
