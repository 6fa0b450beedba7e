#include "core/util/ids.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace kiorex::util {
namespace {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST(Ids, HasPrefixAnd26CrockfordCharacters) {
  const std::string id = new_id("usr");
  ASSERT_EQ(id.size(), 4u + 26u);
  EXPECT_EQ(id.substr(0, 4), "usr_");
  for (char c : id.substr(4)) EXPECT_NE(std::string("0123456789abcdefghjkmnpqrstvwxyz").find(c), std::string::npos) << c;
  EXPECT_LE(id[4], '7');  // 128 bits in 26 characters: the first carries only 3 bits
  EXPECT_TRUE(is_id(id, "usr"));
  EXPECT_FALSE(is_id(id, "ses"));
  EXPECT_FALSE(is_id(id, "us"));
}

TEST(Ids, IsIdRejectsMalformed) {
  const std::string id = new_id("evt");
  EXPECT_FALSE(is_id(id + "0", "evt"));
  EXPECT_FALSE(is_id(id.substr(0, id.size() - 1), "evt"));
  std::string upper = id;
  std::transform(upper.begin() + 4, upper.end(), upper.begin() + 4, [](char c) { return static_cast<char>(std::toupper(c)); });
  if (upper != id) {
    EXPECT_FALSE(is_id(upper, "evt"));
  }
  std::string bad = id;
  bad.back() = 'u';  // not in the Crockford alphabet (no i, l, o, u)
  EXPECT_FALSE(is_id(bad, "evt"));
  bad = id;
  bad[4] = '8';  // would overflow 128 bits
  EXPECT_FALSE(is_id(bad, "evt"));
  EXPECT_FALSE(is_id("evt-" + id.substr(4), "evt"));
  EXPECT_FALSE(is_id("", "evt"));
}

TEST(Ids, EncodesTheCreationTime) {
  const int64_t before = now_ms();
  const std::string id = new_id("bkg");
  const int64_t after = now_ms();
  auto t = id_time_ms(id);
  ASSERT_TRUE(t.has_value());
  EXPECT_GE(*t, before);
  EXPECT_LE(*t, after + 1);  // +1: several ids in one millisecond may borrow the next one
  EXPECT_FALSE(id_time_ms("nonsense").has_value());
}

TEST(Ids, ConsecutiveIdsAreStrictlyIncreasing) {
  std::string prev = new_id("x");
  for (int i = 0; i < 20000; i++) {
    std::string next = new_id("x");
    ASSERT_LT(prev, next) << "at " << i;
    prev = std::move(next);
  }
}

TEST(Ids, LaterMillisecondSortsLater) {
  const std::string a = new_id("evt");
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  const std::string b = new_id("evt");
  EXPECT_LT(a, b);
  EXPECT_LT(*id_time_ms(a), *id_time_ms(b));
}

TEST(Ids, UniqueAcrossThreads) {
  constexpr int kThreads = 4, kEach = 5000;
  std::vector<std::vector<std::string>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; i++) made[static_cast<size_t>(t)].push_back(new_id("ses"));
    });
  for (auto& th : threads) th.join();
  std::set<std::string> all;
  for (const auto& v : made) {
    EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));  // each thread sees increasing ids
    all.insert(v.begin(), v.end());
  }
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
}

TEST(Ids, RandomPartDiffersBetweenMilliseconds) {
  // Ids from different milliseconds do not share their random part (the counter restarts fresh).
  const std::string a = new_id("k");
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const std::string b = new_id("k");
  EXPECT_NE(a.substr(12), b.substr(12));
}

}  // namespace
}  // namespace kiorex::util
