#include "modules/consultations/booking_state.hpp"

#include <boost/json.hpp>

#include "core/db/database.hpp"
#include "core/events/outbox.hpp"
#include "core/http/problem.hpp"
#include "core/security/data_keys.hpp"
#include "modules/consultations/availability.hpp"
#include "modules/consultations/slots.hpp"

namespace kiorex::consultations {

using http::ApiError;

namespace {

struct Move {
  BookingStatus from, to;
  const char* event;
};
// Every move there is, with the event it writes.
constexpr Move kMoves[] = {
    {BookingStatus::pending_payment, BookingStatus::confirmed, "booking.confirmed"},
    {BookingStatus::pending_payment, BookingStatus::cancelled, "booking.cancelled"},
    {BookingStatus::confirmed, BookingStatus::in_progress, "consultation.started"},
    {BookingStatus::confirmed, BookingStatus::cancelled, "booking.cancelled"},
    {BookingStatus::confirmed, BookingStatus::no_show, "booking.no_show"},
    {BookingStatus::in_progress, BookingStatus::completed, "consultation.ended"},
};

const Move* find_move(BookingStatus from, BookingStatus to) {
  for (const auto& m : kMoves)
    if (m.from == from && m.to == to) return &m;
  return nullptr;
}

// Events carry ids, statuses and times only; consumers look anything else up with their own checks.
boost::json::object payload_of(const Booking& b) {
  return {{"booking_id", b.id},
          {"doctor_id", b.doctor_id},
          {"patient_id", b.patient_id},
          {"slot_start", slots::format_instant(b.slot_start)},
          {"slot_end", slots::format_instant(b.slot_end)}};
}

ApiError changed_meanwhile() {
  return ApiError(409, "conflict", "Conflict", "The booking was changed at the same time; read it again.");
}

}  // namespace

std::string to_string(BookingStatus s) {
  switch (s) {
    case BookingStatus::pending_payment: return "pending_payment";
    case BookingStatus::confirmed: return "confirmed";
    case BookingStatus::in_progress: return "in_progress";
    case BookingStatus::completed: return "completed";
    case BookingStatus::cancelled: return "cancelled";
    case BookingStatus::no_show: return "no_show";
  }
  return "confirmed";
}

std::optional<BookingStatus> booking_status_from(const std::string& s) {
  for (auto st : {BookingStatus::pending_payment, BookingStatus::confirmed, BookingStatus::in_progress,
                  BookingStatus::completed, BookingStatus::cancelled, BookingStatus::no_show})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

bool holds_slot(BookingStatus s) { return s != BookingStatus::cancelled && s != BookingStatus::no_show; }

bool allowed_move(BookingStatus from, BookingStatus to) { return find_move(from, to) != nullptr; }

BookingStatus initial_status(int64_t) { return BookingStatus::confirmed; }

void booking_created(db::Session& tx, const Booking& b) {
  auto p = payload_of(b);
  p["status"] = to_string(b.status);
  p["booked_by"] = b.booked_by;
  if (!b.follow_up_of.empty()) p["follow_up_of"] = b.follow_up_of;
  p["at"] = db::iso8601_from_ms(b.created_at);
  events::publish(tx, "booking.created", b.id, p);
}

void move_booking(Deps& d, db::Session& tx, const Booking& b, BookingStatus to, const Transition& t) {
  const Move* m = find_move(b.status, to);
  if (!m)
    throw ApiError(409, "invalid-transition", "Not possible in this state",
                   "A " + to_string(b.status) + " booking cannot become " + to_string(to) + ".");
  std::string sql = "UPDATE bookings SET status = $4, version = version + 1, updated_at = $5";
  std::vector<db::Value> params{b.id, b.version, to_string(b.status), to_string(to), t.at};
  auto payload = payload_of(b);
  switch (to) {
    case BookingStatus::in_progress:
      sql += ", started_at = $5";
      payload["started_at"] = db::iso8601_from_ms(t.at);
      break;
    case BookingStatus::completed: {
      int64_t seconds = std::max<int64_t>(0, t.at - b.started_at.value_or(t.at)) / 1000;
      sql += ", ended_at = $5, duration_seconds = $6";
      params.push_back(seconds);
      payload["ended_at"] = db::iso8601_from_ms(t.at);
      payload["duration_seconds"] = seconds;
      break;
    }
    case BookingStatus::cancelled:
      // The reason may say something about the patient's health: sealed with their data key.
      sql += ", cancelled_by = $6, cancel_reason = $7, cancelled_at = $5";
      params.push_back(t.actor_id.empty() ? std::string("system") : t.actor_id);
      params.push_back(t.reason.empty() ? db::Value(nullptr)
                                        : db::Value(d.keys.seal(tx, b.patient_id, t.reason, "bookings:" + b.id + ":cancel_reason")));
      payload["cancelled_by"] = t.actor_id.empty() ? std::string("system") : t.actor_id;
      break;
    default:
      break;
  }
  sql += " WHERE id = $1 AND version = $2 AND status = $3";
  if (tx.exec(sql, params).affected != 1) throw changed_meanwhile();
  payload["from"] = to_string(b.status);
  payload["status"] = to_string(to);
  payload["at"] = db::iso8601_from_ms(t.at);
  if (!t.actor_id.empty()) payload["actor_id"] = t.actor_id;
  events::publish(tx, m->event, b.id, payload);
  // A slot freed before it ended can be offered again.
  if (!holds_slot(to) && b.slot_end > t.at) refresh_booked_days(d, tx, b.doctor_id, {b.slot_start});
}

void reschedule_booking(Deps& d, db::Session& tx, const Booking& b, int64_t new_start, int64_t new_end,
                        const std::string& new_location_id, const Transition& t) {
  if (b.status != BookingStatus::confirmed && b.status != BookingStatus::pending_payment)
    throw ApiError(409, "invalid-transition", "Not possible in this state",
                   "A " + to_string(b.status) + " booking cannot be rescheduled.");
  auto upd = tx.exec(
      "UPDATE bookings SET slot_start = $4, slot_end = $5, location_id = $6, rescheduled_from = slot_start, "
      "version = version + 1, updated_at = $7 WHERE id = $1 AND version = $2 AND status = $3",
      {b.id, b.version, to_string(b.status), new_start, new_end,
       new_location_id.empty() ? db::Value(nullptr) : db::Value(new_location_id), t.at});
  if (upd.affected != 1) throw changed_meanwhile();
  auto payload = payload_of(b);
  payload["previous_start"] = slots::format_instant(b.slot_start);
  payload["slot_start"] = slots::format_instant(new_start);
  payload["slot_end"] = slots::format_instant(new_end);
  payload["at"] = db::iso8601_from_ms(t.at);
  if (!t.actor_id.empty()) payload["actor_id"] = t.actor_id;
  events::publish(tx, "booking.rescheduled", b.id, payload);
  refresh_booked_days(d, tx, b.doctor_id, {b.slot_start, new_start});
}

}  // namespace kiorex::consultations
