#include "modules/consultations/search_rating.hpp"

#include <cmath>

namespace kiorex::consultations::search {

int64_t shown_rating_tenths(int64_t rating_sum, int64_t rating_count) {
  if (rating_count <= 0 || rating_sum <= 0) return 0;
  // round(10 × sum / count) half up, in integers: (20 × sum + count) / (2 × count).
  return (20 * rating_sum + rating_count) / (2 * rating_count);
}

int64_t min_rating_tenths(double rating_min) {
  // The tolerance keeps 4.3 (4.29999… as a double) at 43.
  return static_cast<int64_t>(std::ceil(rating_min * 10 - 1e-9));
}

double rating_score(int64_t rating_sum, int64_t rating_count) {
  if (rating_count <= 0) return 0;  // unrated: after every rated doctor
  return (static_cast<double>(kRatingPriorWeight) * kRatingPriorMean + static_cast<double>(rating_sum)) /
         static_cast<double>(kRatingPriorWeight + rating_count);
}

int64_t rating_sum_of(double rating_avg, int64_t rating_count) {
  if (rating_count <= 0) return 0;
  return std::llround(rating_avg * static_cast<double>(rating_count));
}

}  // namespace kiorex::consultations::search
