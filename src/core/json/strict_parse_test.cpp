#include "core/json/strict_parse.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace kiorex::json {
namespace {

using Outcome = StrictParse::Outcome;

TEST(StrictParse, BuildsTheSameValueAsBoostJson) {
  auto r = parse_strict(R"({"a":[1,-2,3.5,true,null,"s"],"b":{"c":{"d":18446744073709551615}},"e":"\u00e9"})");
  ASSERT_EQ(r.outcome, Outcome::ok);
  EXPECT_EQ(boost::json::serialize(r.value),
            R"({"a":[1,-2,3.5E0,true,null,"s"],"b":{"c":{"d":18446744073709551615}},"e":"é"})");
}

TEST(StrictParse, RefusesAKeyTwiceAtAnyDepth) {
  for (const char* text : {R"({"a":1,"a":2})", R"({"x":{"a":1,"b":2,"a":3}})", R"([{"ok":1},{"k":1,"k":1}])",
                           R"({"a":1,"\u0061":2})"}) {
    auto r = parse_strict(text);
    EXPECT_EQ(r.outcome, Outcome::duplicate_key) << text;
  }
  EXPECT_EQ(parse_strict(R"({"q":{"k":1,"k":2}})").duplicate_key, "k");
  EXPECT_EQ(parse_strict(R"({"x":{"a":1},"y":{"a":1},"a":1})").outcome, Outcome::ok);
}

TEST(StrictParse, RefusesMalformedTextTrailingDataAndDepth) {
  for (const char* text : {"", "{", R"({"a":1,})", "{} {}", "// c\n{}", "[1] x", "\"\xff\""})
    EXPECT_EQ(parse_strict(text).outcome, Outcome::malformed) << text;
  std::string deep(40, '[');
  deep += std::string(40, ']');
  EXPECT_EQ(parse_strict(deep).outcome, Outcome::malformed);
  EXPECT_EQ(parse_strict(deep, 64).outcome, Outcome::ok);
}

}  // namespace
}  // namespace kiorex::json
