// The stored form of history content: a list page copies the members of a new text straight into the
// response and parses an older free-form one; both must give the same bytes.
#include "modules/users/history_content.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kiorex::users {
namespace {

const char* const kContents[] = {
    R"({})",
    R"({"title":"Asthma"})",
    R"({"details":{"severity":"severe","reaction":"hives"},"status":"resolved","title":"Penicillin","notes":"","code":null})",
    R"({"title":"Quote \" backslash \\ newline \n tab \t","notes":"नमस्ते — emoji 😀 and \u0001 control","code":{"system":"ICD-10","value":"J45"},"onset_date":"2001-02-03","end_date":null})",
    R"({"title":"x","status":null,"details":null,"v":2,"extra":"ignored"})",
};

TEST(UsersHistoryContent, NewTextsCarryTheMembersTheSlowPathWouldWrite) {
  for (const char* text : kContents) {
    auto content = boost::json::parse(text).as_object();
    std::string expected;
    write_history_members(expected, content);  // what an older free-form text gives when parsed

    std::string stored = history_content_text(content);
    auto members = history_members_of(stored);
    ASSERT_TRUE(members) << stored;
    EXPECT_EQ(*members, expected) << text;
    // The stored text is JSON; parsed again (as the single-entry read and the export do) it writes the same.
    auto reparsed = boost::json::parse(stored).as_object();
    std::string again;
    write_history_members(again, reparsed);
    EXPECT_EQ(again, expected) << text;
    EXPECT_EQ(history_content_text(reparsed), stored) << "stable when an update re-seals it";
  }
}

TEST(UsersHistoryContent, DefaultsForMissingMembersInTheApiOrder) {
  std::string out;
  write_history_members(out, boost::json::object{});
  EXPECT_EQ(out, R"("title":"","notes":"","code":null,"onset_date":null,"end_date":null,"status":"active","details":{})");
}

TEST(UsersHistoryContent, OlderFreeFormTextsAreNotTakenForNewOnes) {
  EXPECT_FALSE(history_members_of(R"({"title":"Asthma","notes":""})"));
  EXPECT_FALSE(history_members_of(R"({"v":1,"title":"Asthma"})"));
  EXPECT_FALSE(history_members_of(""));
  EXPECT_FALSE(history_members_of(R"({"v":2,)"));
}

}  // namespace
}  // namespace kiorex::users
