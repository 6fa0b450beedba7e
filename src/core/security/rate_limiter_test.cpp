#include "core/security/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace kiorex::security {
namespace {

TEST(RateLimiter, HitCountsUntilTheLimitAndRefusalsAreNotCounted) {
  RateLimiter l;
  for (int i = 0; i < 3; i++) EXPECT_TRUE(l.hit("k", 3, 3600).allowed) << i;
  auto refused = l.hit("k", 3, 3600);
  EXPECT_FALSE(refused.allowed);
  EXPECT_GE(refused.retry_after_seconds, 1);
  EXPECT_LE(refused.retry_after_seconds, 3600);
  EXPECT_TRUE(l.hit("other", 3, 3600).allowed) << "keys are independent";
  l.reset("k");
  EXPECT_TRUE(l.hit("k", 3, 3600).allowed);
}

TEST(RateLimiter, CheckDoesNotCountAndRecordCountsWithoutALimit) {
  RateLimiter l;
  for (int i = 0; i < 10; i++) EXPECT_TRUE(l.check("k", 2, 3600).allowed) << "check alone never fills the window";
  l.record("k", 3600);
  EXPECT_TRUE(l.check("k", 2, 3600).allowed);
  l.record("k", 3600);
  EXPECT_FALSE(l.check("k", 2, 3600).allowed);
  EXPECT_FALSE(l.hit("k", 2, 3600).allowed) << "hit and record share the count";
  l.record("k", 3600);  // recorded even past the limit (a failure that happened)
  EXPECT_FALSE(l.check("k", 3, 3600).allowed);
  EXPECT_TRUE(l.check("k", 4, 3600).allowed);
}

}  // namespace
}  // namespace kiorex::security
