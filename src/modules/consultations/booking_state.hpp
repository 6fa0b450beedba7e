#pragma once
// The booking state machine: the one place that moves a booking (move_booking in parts.hpp, and the
// reschedule below) and writes its events. bookings.cpp decides who may ask for a move; this file decides
// whether the move exists and makes it with a compare-and-set on the row's version.
//
//   pending_payment -> confirmed | cancelled           (once payments exist: a booking with a fee starts here)
//   confirmed       -> in_progress | cancelled | no_show
//   in_progress     -> completed
//   completed, cancelled, no_show: final
// pending_payment, confirmed, in_progress and completed hold the slot (bookings_one_per_slot).
#include <cstdint>
#include <string>

#include "modules/consultations/parts.hpp"

namespace kiorex::consultations {

bool holds_slot(BookingStatus s);
bool allowed_move(BookingStatus from, BookingStatus to);
// The status a new booking starts in. Today every booking is confirmed at once; the payments issue makes a
// booking with a fee start in pending_payment (its slot is held the same way).
BookingStatus initial_status(int64_t fee);

// The event of a new booking (booking.created), in the creating transaction.
void booking_created(db::Session& tx, const Booking& b);

// Moves a booking to another slot of the same doctor (same id, same status): compare-and-set on the version,
// rescheduled_from = the old start, event booking.rescheduled, availability refreshed (the old slot is free
// again in the same transaction). The caller checked that the new slot is offered and free; a concurrent
// booking of it still fails on the unique index (db::UniqueViolation). 409 when the booking changed meanwhile
// or its status cannot be rescheduled.
void reschedule_booking(Deps& d, db::Session& tx, const Booking& b, int64_t new_start, int64_t new_end,
                        const std::string& new_location_id, const Transition& t);

}  // namespace kiorex::consultations
