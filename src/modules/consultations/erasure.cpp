// The consultations module's share of a patient's GDPR erasure (DELETE /v1/users/{id}, users/rights.cpp),
// run in the erasure transaction before the person's data key is shredded:
//   - upcoming bookings are cancelled (the doctors' slots are freed, booking.cancelled is published);
//   - rating comments, which are public plain text, are removed (the stars stay in the doctors' averages);
//   - notes, chat, booking reasons and prescriptions were sealed with the person's data key: shredding the key
//     makes them unreadable everywhere, including the sealed prescription PDFs in the file store.
#include "core/db/database.hpp"
#include "modules/consultations/parts.hpp"

namespace kiorex::consultations {

std::string erase_patient_data(Deps& d, db::Session& tx, const std::string& user_id) {
  const int64_t now = db::now_ms();
  auto upcoming = tx.exec(
      "SELECT id FROM bookings WHERE patient_id = $1 AND status IN ('pending_payment', 'confirmed') AND slot_start > $2",
      {user_id, now});
  for (const auto& row : upcoming.rows)
    if (auto b = find_booking(tx, row.str(0)))
      move_booking(d, tx, *b, BookingStatus::cancelled, Transition{.actor_id = "", .actor_role = "system", .reason = "", .at = now});
  tx.exec("UPDATE ratings SET comment = NULL WHERE patient_id = $1 AND comment IS NOT NULL", {user_id});
  auto held = tx.exec("SELECT COUNT(*) FROM bookings WHERE patient_id = $1", {user_id});
  if (held.rows.empty() || held.rows[0].i64(0) == 0) return "";
  return "consultation records: The times, doctors and fees of your consultations are kept for the doctors' "
         "records and accounting, and upcoming ones were cancelled; their reasons, notes, chat and prescriptions "
         "were encrypted with your key and can no longer be read by anyone.";
}

}  // namespace kiorex::consultations
