// The booking state machine's table: which moves exist, which statuses hold a slot, status names.
#include "modules/consultations/booking_state.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace kiorex::consultations;

namespace {
const BookingStatus kAll[] = {BookingStatus::pending_payment, BookingStatus::confirmed, BookingStatus::in_progress,
                              BookingStatus::completed,       BookingStatus::cancelled, BookingStatus::no_show};
}

TEST(BookingState, NamesRoundTrip) {
  for (auto s : kAll) EXPECT_EQ(booking_status_from(to_string(s)), s);
  EXPECT_EQ(to_string(BookingStatus::no_show), "no_show");
  EXPECT_EQ(booking_status_from("Confirmed"), std::nullopt);
  EXPECT_EQ(booking_status_from(""), std::nullopt);
}

TEST(BookingState, OnlyTheDocumentedMovesExist) {
  using S = BookingStatus;
  std::set<std::pair<S, S>> expected = {
      {S::pending_payment, S::confirmed}, {S::pending_payment, S::cancelled}, {S::confirmed, S::in_progress},
      {S::confirmed, S::cancelled},       {S::confirmed, S::no_show},         {S::in_progress, S::completed}};
  for (auto from : kAll)
    for (auto to : kAll)
      EXPECT_EQ(allowed_move(from, to), expected.count({from, to}) == 1) << to_string(from) << " -> " << to_string(to);
  // Final states stay final.
  for (auto to : kAll) {
    EXPECT_FALSE(allowed_move(S::completed, to));
    EXPECT_FALSE(allowed_move(S::cancelled, to));
    EXPECT_FALSE(allowed_move(S::no_show, to));
  }
}

TEST(BookingState, SlotHoldingStatusesMatchTheUniqueIndex) {
  EXPECT_TRUE(holds_slot(BookingStatus::pending_payment));
  EXPECT_TRUE(holds_slot(BookingStatus::confirmed));
  EXPECT_TRUE(holds_slot(BookingStatus::in_progress));
  EXPECT_TRUE(holds_slot(BookingStatus::completed));
  EXPECT_FALSE(holds_slot(BookingStatus::cancelled));
  EXPECT_FALSE(holds_slot(BookingStatus::no_show));
  EXPECT_EQ(initial_status(0), BookingStatus::confirmed);
}
