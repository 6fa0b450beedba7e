#pragma once
// How a doctor's ratings are shown, filtered and ranked, from the two integers the ratings part keeps
// (doctors.rating_count and rating_sum, ratings.cpp), so every place computes the same values exactly:
//   - shown: the average rounded half up to one decimal (4.0 for 3.95 .. 4.049…), held as integer tenths;
//     `rating_min` compares against this shown value, so "4 ★ and up" keeps every doctor shown as 4.0;
//   - ranked ("Highest rated"): a Bayesian average, the doctor's ratings plus kPriorWeight imaginary ratings
//     of kPriorMean. One 5-star rating scores (10 × 4 + 5) / 11 = 4.09 and 228 ratings averaging 4.9 score
//     4.86, so the long record ranks first. A doctor without ratings has no score (0 inside: ranked after
//     every rated doctor, rather than above a 3.9 from many ratings on the strength of the prior alone).
#include <cstdint>
#include <optional>

namespace kiorex::consultations::search {

inline constexpr double kRatingPriorMean = 4.0;   // m: what an unknown doctor is assumed to earn
inline constexpr int64_t kRatingPriorWeight = 10;  // C: how many ratings that assumption is worth

// The shown average in tenths (40 = 4.0), rounded half up; 0 without ratings.
int64_t shown_rating_tenths(int64_t rating_sum, int64_t rating_count);
// The smallest shown value (in tenths) that satisfies `rating_min` (4 -> 40, 4.25 -> 43).
int64_t min_rating_tenths(double rating_min);
// (C × m + sum) / (C + count): the rank of "Highest rated"; 0 without ratings.
double rating_score(int64_t rating_sum, int64_t rating_count);
// The sum of ratings behind a stored average (rating_avg = sum / count, so the product is an integer but
// for rounding).
int64_t rating_sum_of(double rating_avg, int64_t rating_count);

}  // namespace kiorex::consultations::search
