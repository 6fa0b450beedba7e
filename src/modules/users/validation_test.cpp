#include "modules/users/validation.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>


namespace kiorex::users {
namespace {

boost::json::object obj(const char* text) { return boost::json::parse(text).as_object(); }

std::vector<std::string> fields_of(const std::vector<http::FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(UsersDates, RealCalendarDatesOnly) {
  EXPECT_TRUE(valid_date("1990-04-12"));
  EXPECT_TRUE(valid_date("2024-02-29"));
  EXPECT_TRUE(valid_date("2000-02-29"));
  EXPECT_FALSE(valid_date("1900-02-29"));
  EXPECT_FALSE(valid_date("2023-02-29"));
  EXPECT_FALSE(valid_date("2023-04-31"));
  EXPECT_FALSE(valid_date("2023-13-01"));
  EXPECT_FALSE(valid_date("2023-1-01"));
  EXPECT_FALSE(valid_date("20230101"));
  EXPECT_FALSE(valid_date("2023-01-01T00:00:00Z"));
  EXPECT_FALSE(valid_date(""));
  EXPECT_EQ(today_utc().size(), 10u);
  EXPECT_TRUE(valid_date(today_utc()));
}

TEST(UsersLanguage, Bcp47Shape) {
  for (const char* ok : {"hi", "en", "pt-BR", "zh-Hant-TW", "sr-Latn", "es-419"}) EXPECT_TRUE(valid_language_tag(ok)) << ok;
  for (const char* bad : {"h", "english language", "en_", "-en", "en--US", "toolonglang", "en-abcdefghi"})
    EXPECT_FALSE(valid_language_tag(bad)) << bad;
}

TEST(UsersProfile, AcceptsTheContractExample) {
  std::vector<http::FieldError> errors;
  auto u = validate_profile_update(obj(R"({"name":"Priya Sharma","date_of_birth":"1990-04-12","sex":"female",
      "preferred_language":"hi","address":{"line1":"a","line2":"b","city":"Pune","region":"MH","postal_code":"411001",
      "country":"IN","lat":18.52,"lng":73.85},"blood_group":"B+","height_cm":162,"weight_kg":58.5,"photo_ref":null,
      "email":" P@X.org ","phone":"+91 98765-43210"})"),
                                   errors);
  // The email has spaces: invalid (identifiers are not trimmed silently).
  ASSERT_EQ(fields_of(errors), std::vector<std::string>{"email"});
  errors.clear();
  u = validate_profile_update(obj(R"({"email":"P@X.org","phone":"+91 98765-43210","weight_kg":58.5,"photo_ref":null})"), errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(*u.email, "p@x.org");
  EXPECT_EQ(*u.phone, "+919876543210");
  EXPECT_EQ(u.phi.at("weight_kg").as_double(), 58.5);
  EXPECT_TRUE(u.phi.at("photo_ref").is_null());  // null clears
  EXPECT_FALSE(u.phi.contains("sex"));           // absent stays as it is
}

TEST(UsersProfile, ReportsEveryBadFieldAtOnce) {
  std::vector<http::FieldError> errors;
  validate_profile_update(obj(R"({"name":"","date_of_birth":"1899-12-31","sex":"f","preferred_language":"x",
      "address":{"lat":91,"lng":-181,"country":"india","zip":"1"},"blood_group":"C+","height_cm":29,"weight_kg":"60",
      "photo_ref":5,"email":"nope","phone":"12345","version":3})"),
                          errors);
  auto f = fields_of(errors);
  for (const char* want : {"name", "date_of_birth", "sex", "preferred_language", "address.lat", "address.lng",
                           "address.country", "address.zip", "blood_group", "height_cm", "weight_kg", "photo_ref", "email",
                           "phone", "version"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
}

TEST(UsersProfile, DateOfBirthNotInTheFuture) {
  std::vector<http::FieldError> errors;
  validate_profile_update(obj(R"({"date_of_birth":"2999-01-01"})"), errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "must not be in the future");
}

TEST(UsersHistory, NewEntryNeedsKindAndTitleAndGetsDefaults) {
  std::vector<http::FieldError> errors;
  std::string kind;
  validate_history(obj("{}"), {}, kind, false, errors);
  EXPECT_EQ(fields_of(errors), (std::vector<std::string>{"kind", "title"}));
  errors.clear();
  auto c = validate_history(obj(R"({"kind":"allergy","title":"Penicillin","notes":"rash within hours",
      "code":{"system":"SNOMED-CT","value":"91936005"},"onset_date":"2015-06-01",
      "details":{"reaction":"rash","severity":"moderate"}})"),
                            {}, kind, false, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(kind, "allergy");
  EXPECT_EQ(c.at("status").as_string(), "active");
  EXPECT_TRUE(c.at("end_date").is_null());
  EXPECT_EQ(c.at("details").as_object().at("severity").as_string(), "moderate");
}

TEST(UsersHistory, KindSpecificDetailsAndLimits) {
  std::vector<http::FieldError> errors;
  std::string kind;
  validate_history(obj(R"({"kind":"allergy","title":"x","details":{"severity":"deadly","dose":"1"},
      "code":{"system":"LOINC","value":""},"status":"gone","onset_date":"2020-02-30","unknown":1})"),
                   {}, kind, false, errors);
  auto f = fields_of(errors);
  for (const char* want : {"details.severity", "details.dose", "code.system", "code.value", "status", "onset_date", "unknown"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
  errors.clear();
  validate_history(obj(R"({"kind":"immunization","title":"MMR","details":{"dose_number":"two"}})"), {}, kind, false, errors);
  EXPECT_EQ(fields_of(errors), std::vector<std::string>{"details.dose_number"});
  errors.clear();
  std::string big(5000, 'a');
  validate_history(obj((R"({"kind":"condition","title":"x","details":{"text":")" + big + "\"}}").c_str()), {}, kind, false,
                   errors);
  EXPECT_EQ(fields_of(errors), std::vector<std::string>{"details"});
  errors.clear();
  validate_history(obj(R"({"kind":"condition","title":"x","onset_date":"2020-05-01","end_date":"2020-04-01"})"), {}, kind,
                   false, errors);
  EXPECT_EQ(fields_of(errors), std::vector<std::string>{"end_date"});
}

TEST(UsersHistory, UpdateMergesOverTheStoredContent) {
  std::vector<http::FieldError> errors;
  std::string kind;
  auto base = validate_history(obj(R"({"kind":"medication","title":"Levothyroxine","details":{"dose":"50 mcg"}})"), {}, kind,
                               false, errors);
  ASSERT_TRUE(errors.empty());
  auto c = validate_history(obj(R"({"status":"inactive","notes":null})"), base, kind, true, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(kind, "medication");
  EXPECT_EQ(c.at("title").as_string(), "Levothyroxine");
  EXPECT_EQ(c.at("status").as_string(), "inactive");
  EXPECT_EQ(c.at("notes").as_string(), "");
  // Changing the kind re-checks the stored details against the new kind.
  validate_history(obj(R"({"kind":"allergy"})"), base, kind, true, errors);
  EXPECT_EQ(fields_of(errors), std::vector<std::string>{"details.dose"});
  errors.clear();
  kind = "medication";
  validate_history(obj(R"({"title":""})"), base, kind, true, errors);
  EXPECT_EQ(fields_of(errors), std::vector<std::string>{"title"});
}

TEST(UsersEmergencyContacts, RequiredNormalisedAndBounded) {
  std::vector<http::FieldError> errors;
  auto c = validate_emergency_contact(obj(R"({"name":"Rahul Sharma","relationship":"spouse","phone":"+91 98123 45678"})"),
                                      {}, false, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(c.at("phone").as_string(), "+919812345678");
  EXPECT_EQ(c.at("priority").as_int64(), 1);
  EXPECT_TRUE(c.at("email").is_null());
  validate_emergency_contact(obj(R"({"phone":"98123","email":"x","priority":11,"nickname":"R"})"), {}, false, errors);
  auto f = fields_of(errors);
  EXPECT_EQ(f, (std::vector<std::string>{"nickname", "name", "phone", "email", "priority"}));
  errors.clear();
  auto u = validate_emergency_contact(obj(R"({"priority":2})"), c, true, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(u.at("name").as_string(), "Rahul Sharma");
  EXPECT_EQ(u.at("priority").as_int64(), 2);
}

TEST(UsersCursor, RoundTripsAndRejectsForgeries) {
  Cursor c{1764059524336, "mhe_01m88yfa3gcms1se2b51a2sgka"};
  auto text = encode_cursor(c);
  EXPECT_EQ(text.find_first_of("+/="), std::string::npos);  // base64url, no padding
  auto back = decode_cursor(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->at, c.at);
  EXPECT_EQ(back->id, c.id);
  EXPECT_FALSE(decode_cursor(""));
  EXPECT_FALSE(decode_cursor("!!!"));
  EXPECT_FALSE(decode_cursor("bm9kb3Q"));                  // "nodot"
  EXPECT_FALSE(decode_cursor("eDEyLm1oZV8x"));             // "x12.mhe_1": time not a number
  EXPECT_FALSE(decode_cursor("MTIuJyBPUiAxPTEgLS0"));      // "12.' OR 1=1 --"
}

TEST(UsersCursor, PageLimits) {
  std::vector<http::FieldError> errors;
  auto p = parse_page(std::nullopt, std::nullopt, errors);
  EXPECT_EQ(p.limit, 50);
  EXPECT_FALSE(p.after);
  p = parse_page(std::string("100"), std::string(""), errors);
  EXPECT_EQ(p.limit, 100);
  EXPECT_TRUE(errors.empty());
  for (const char* bad : {"0", "101", "-1", "ten", "5x", ""}) {
    errors.clear();
    parse_page(std::string(bad), std::nullopt, errors);
    EXPECT_EQ(fields_of(errors), std::vector<std::string>{"limit"}) << bad;
  }
  errors.clear();
  parse_page(std::nullopt, std::string("garbage"), errors);
  EXPECT_EQ(fields_of(errors), std::vector<std::string>{"cursor"});
}

TEST(UsersETag, QuotedVersions) {
  EXPECT_EQ(etag_of(3), "\"3\"");
  EXPECT_EQ(parse_if_match("\"3\""), 3);
  EXPECT_EQ(parse_if_match("W/\"12\""), 12);
  EXPECT_EQ(parse_if_match(" 7 "), 7);
  EXPECT_FALSE(parse_if_match("*"));
  EXPECT_FALSE(parse_if_match("\"abc\""));
  EXPECT_FALSE(parse_if_match("\"0\""));
  EXPECT_FALSE(parse_if_match("\"-1\""));
  EXPECT_FALSE(parse_if_match("\"3\", \"4\""));
  EXPECT_FALSE(parse_if_match(""));
}

TEST(UsersJson, NumbersArePlainDecimals) {
  boost::json::object o{{"w", 58.5}, {"h", 162.0}, {"lat", 18.52}, {"n", 3}, {"s", "a\"b"}, {"z", nullptr}};
  EXPECT_EQ(to_json(o), R"({"w":58.5,"h":162,"lat":18.52,"n":3,"s":"a\"b","z":null})");
  auto back = boost::json::parse(to_json(o)).as_object();
  EXPECT_EQ(back.at("w").as_double(), 58.5);
  EXPECT_EQ(back.at("lat").as_double(), 18.52);
}

TEST(UsersJson, StringsEscapeLikeBoostJson) {
  // Every byte value, in keys and in strings, nested: the same text as boost::json::serialize.
  std::string all;
  for (int c = 0; c < 256; c++) all += static_cast<char>(c);
  boost::json::object o{{all, all}, {"a\"b\\c", boost::json::array{"x\ny", "\x01\x1f\x7f", "Zoë प्रिया", ""}}, {"", 1}};
  EXPECT_EQ(to_json(o), boost::json::serialize(o));
  EXPECT_EQ(to_json(boost::json::value(std::string_view("\b\f\n\r\t\x00\x1f", 7))), R"("\b\f\n\r\t\u0000\u001f")");
  EXPECT_EQ(to_json(boost::json::value(int64_t{-9223372036854775807LL - 1})), "-9223372036854775808");
  EXPECT_EQ(to_json(boost::json::value(uint64_t{18446744073709551615ULL})), "18446744073709551615");
}

TEST(UsersJson, EveryEscapeAtEveryPlaceOfAnEightByteCheck) {
  // Plain bytes are checked eight at a time: a byte to escape at each offset of a word, around the
  // bounds (0x1f/0x20, '"'/'#', '\\'/']', 0x7f/0x80 and UTF-8), in strings of every length up to 20.
  const std::string specials[] = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\x01"};
  const std::string plains[] = {" ", "#", "]", "!", "\x7f", "\xc3\xab", "\xe0\xa4\xaa"};
  for (std::size_t len = 0; len <= 20; len++) {
    for (const auto& filler : plains) {
      std::string base;
      while (base.size() < len) base += filler;
      base.resize(len);
      std::string out;
      append_json_string(out, base);
      EXPECT_EQ(out, boost::json::serialize(boost::json::value(base))) << "len " << len;
      for (std::size_t at = 0; at < len; at++) {
        for (const auto& special : specials) {
          std::string s = base;
          s.replace(at, 1, special);
          out.clear();
          append_json_string(out, s);
          EXPECT_EQ(out, boost::json::serialize(boost::json::value(s))) << "len " << len << " at " << at;
        }
      }
    }
  }
}

}  // namespace
}  // namespace kiorex::users
