// The pure rules of doctor profiles: applying a PUT body, completeness for submission, re-verification,
// languages, currencies, time zones, and the profile's JSON.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "modules/consultations/doctor_rules.hpp"

namespace kiorex::consultations {
namespace {

const std::vector<std::string> kIds = {"dermatology", "cardiology", "pediatrics", "general-medicine"};

boost::json::object complete() {
  return boost::json::parse(R"J({"gender":"female","bio":"Skin doctor.","specialties":["dermatology"],
    "qualifications":[{"degree":"MBBS","institution":"AIIMS Delhi","year":2008}],
    "registration":{"number":"DMC/12345","council":"Delhi Medical Council"},"experience_years":14,
    "languages":["en","HI"],"conditions":["acne","eczema","Acne"],
    "consultation_types":{"video":{"fee":{"amount":50000,"currency":"INR"}},"clinic":{"fee":{"amount":80000,"currency":"INR"}}},
    "locations":[{"name":"Rao Skin Clinic","address":{"line1":"1 Janpath","city":"New Delhi","region":"DL","postal_code":"110001","country":"IN"},"lat":28.61,"lng":77.21}],
    "time_zone":"Asia/Kolkata","slot_minutes":15,"follow_up_days":7})J")
      .as_object();
}

std::vector<std::string> fields(const std::vector<http::FieldError>& e) {
  std::vector<std::string> out;
  for (const auto& f : e) out.push_back(f.field);
  return out;
}

TEST(DoctorProfile, ACompleteBodyApplies) {
  std::vector<http::FieldError> e;
  Profile p = apply_profile_put(complete(), Profile{}, kIds, e);
  ASSERT_TRUE(e.empty()) << e.front().field << ": " << e.front().message;
  EXPECT_EQ(p.gender, "female");
  EXPECT_EQ(p.languages, (std::vector<std::string>{"en", "hi"}));
  EXPECT_EQ(p.conditions, (std::vector<std::string>{"acne", "eczema"})) << "duplicates ignoring case are dropped";
  EXPECT_EQ(*p.video_fee, 50000);
  EXPECT_EQ(*p.clinic_fee, 80000);
  EXPECT_EQ(p.currency, "INR");
  ASSERT_EQ(p.locations.size(), 1u);
  EXPECT_TRUE(p.locations[0].id.empty()) << "a new location gets its id when stored";
  EXPECT_TRUE(missing_for_submission(p).empty());
}

TEST(DoctorProfile, AbsentMembersKeepTheirValueNullClearsBio) {
  std::vector<http::FieldError> e;
  Profile current = apply_profile_put(complete(), Profile{}, kIds, e);
  current.locations[0].id = "loc_1";
  Profile p =
      apply_profile_put(boost::json::parse(R"J({"bio":null,"experience_years":15})J").as_object(), current, kIds, e);
  ASSERT_TRUE(e.empty());
  EXPECT_FALSE(p.bio);
  EXPECT_EQ(*p.experience_years, 15);
  EXPECT_EQ(p.specialties, current.specialties);
  EXPECT_EQ(p.locations.size(), 1u);
}

TEST(DoctorProfile, EveryBadFieldIsListed) {
  std::vector<http::FieldError> e;
  auto body = boost::json::parse(R"J({"gender":"robot","specialties":["astrology"],"qualifications":[{"degree":"M"}],
    "registration":{"number":"12","council":"DM"},"experience_years":71,"languages":["english!"],
    "conditions":["x"],"consultation_types":{"video":{"fee":{"amount":-1,"currency":"XXX"}}},
    "locations":[{"id":"loc_unknown","name":"C","address":{"line1":"","city":"Delhi","country":"India"},"lat":91,"lng":0}],
    "time_zone":"Mars/Olympus","slot_minutes":25,"follow_up_days":31,"nickname":"x"})J")
                  .as_object();
  apply_profile_put(body, Profile{}, kIds, e);
  auto f = fields(e);
  for (const char* want :
       {"gender", "specialties[0]", "qualifications[0].degree", "registration.number", "registration.council",
        "experience_years", "languages[0]", "conditions[0]", "consultation_types.video.fee.amount",
        "consultation_types.video.fee.currency", "locations[0].id", "locations[0].name", "locations[0].address.line1",
        "locations[0].address.country", "locations[0].lat", "time_zone", "slot_minutes", "follow_up_days", "nickname"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
}

TEST(DoctorProfile, CrossFieldRules) {
  std::vector<http::FieldError> e;
  // Two currencies.
  auto body = complete();
  body["consultation_types"].as_object()["clinic"].as_object()["fee"].as_object()["currency"] = "USD";
  apply_profile_put(body, Profile{}, kIds, e);
  EXPECT_EQ(fields(e), std::vector<std::string>{"consultation_types.clinic.fee.currency"});
  // A clinic without a location.
  e.clear();
  body = complete();
  body["locations"] = boost::json::array{};
  apply_profile_put(body, Profile{}, kIds, e);
  EXPECT_EQ(fields(e), std::vector<std::string>{"locations"});
  // No consultation type at all.
  e.clear();
  body = complete();
  body["consultation_types"] = boost::json::object{};
  apply_profile_put(body, Profile{}, kIds, e);
  EXPECT_EQ(fields(e), std::vector<std::string>{"consultation_types"});
  // Six specialties, eleven languages, six locations.
  e.clear();
  body = complete();
  body["specialties"] =
      boost::json::array{"dermatology", "cardiology", "pediatrics", "general-medicine", "dermatology", "cardiology"};
  boost::json::array langs;
  for (const char* l : {"en", "hi", "mr", "ta", "te", "kn", "ml", "bn", "gu", "pa", "ur"}) langs.push_back(l);
  body["languages"] = langs;
  boost::json::array locs;
  for (int i = 0; i < 6; i++) locs.push_back(complete()["locations"].as_array()[0]);
  body["locations"] = locs;
  apply_profile_put(body, Profile{}, kIds, e);
  auto f = fields(e);
  for (const char* want : {"specialties", "languages", "locations"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
}

TEST(DoctorProfile, LocationsAreUpdatedAddedAndRemovedById) {
  std::vector<http::FieldError> e;
  Profile current = apply_profile_put(complete(), Profile{}, kIds, e);
  current.locations[0].id = "loc_a";
  Location second = current.locations[0];
  second.id = "loc_b";
  current.locations.push_back(second);
  auto body = boost::json::parse(R"J({"locations":[
    {"id":"loc_b","name":"Renamed","address":{"line1":"2 Road","city":"Pune","country":"IN"},"lat":18.5,"lng":73.8},
    {"name":"New one","address":{"line1":"3 Road","city":"Pune","country":"IN"},"lat":18.6,"lng":73.9}]})J")
                  .as_object();
  Profile p = apply_profile_put(body, current, kIds, e);
  ASSERT_TRUE(e.empty());
  ASSERT_EQ(p.locations.size(), 2u);
  EXPECT_EQ(p.locations[0].id, "loc_b");
  EXPECT_EQ(p.locations[0].name, "Renamed");
  EXPECT_EQ(p.locations[1].id, "");
  // The same id twice is refused.
  body = boost::json::parse(R"J({"locations":[
    {"id":"loc_a","name":"One","address":{"line1":"2 Road","city":"Pune","country":"IN"},"lat":18.5,"lng":73.8},
    {"id":"loc_a","name":"Two","address":{"line1":"3 Road","city":"Pune","country":"IN"},"lat":18.6,"lng":73.9}]})J")
             .as_object();
  apply_profile_put(body, current, kIds, e);
  EXPECT_EQ(fields(e), std::vector<std::string>{"locations[1].id"});
}

TEST(DoctorProfile, SubmissionNeedsEverything) {
  auto missing = fields(missing_for_submission(Profile{}));
  EXPECT_EQ(missing, (std::vector<std::string>{"gender", "specialties", "qualifications", "registration",
                                               "experience_years", "languages", "consultation_types", "time_zone"}));
}

TEST(DoctorProfile, RegistrationOrSpecialtiesNeedAnotherLook) {
  std::vector<http::FieldError> e;
  Profile a = apply_profile_put(complete(), Profile{}, kIds, e);
  Profile b = a;
  b.bio = "new words";
  b.video_fee = 1;
  EXPECT_FALSE(needs_reverification(a, b));
  b.specialties.push_back("cardiology");
  EXPECT_TRUE(needs_reverification(a, b));
  b = a;
  b.registration_number = "DMC/99999";
  EXPECT_TRUE(needs_reverification(a, b));
}

TEST(DoctorProfile, SmallRules) {
  EXPECT_EQ(normalize_language("EN-in"), "en-IN");
  EXPECT_EQ(normalize_language("zh-hant-tw"), "zh-Hant-TW");
  EXPECT_EQ(normalize_language("hi"), "hi");
  EXPECT_TRUE(valid_currency("INR"));
  EXPECT_TRUE(valid_currency("GBP"));
  EXPECT_FALSE(valid_currency("XXX"));
  EXPECT_FALSE(valid_currency("inr"));
  EXPECT_TRUE(valid_time_zone("Asia/Kolkata"));
  EXPECT_TRUE(valid_time_zone("America/New_York"));
  EXPECT_FALSE(valid_time_zone("Mars/Olympus"));
  EXPECT_FALSE(valid_time_zone(""));
  EXPECT_EQ(language_name("hi"), "Hindi");
  EXPECT_EQ(language_name("en-GB"), "English");
  EXPECT_EQ(language_name("qq"), "");
}

TEST(DoctorProfile, Json) {
  std::vector<http::FieldError> e;
  Profile p = apply_profile_put(complete(), Profile{}, kIds, e);
  p.user_id = "usr_x";
  p.name = "Dr Asha Rao";
  p.version = 3;
  p.rating_count = 31;
  p.rating_avg = 4.5806;
  auto o = profile_json(p);
  EXPECT_EQ(o.at("status").as_string(), "draft");
  EXPECT_EQ(o.at("rating").at("average").as_double(), 4.6);
  EXPECT_EQ(o.at("rating").at("count").as_int64(), 31);
  EXPECT_EQ(o.at("consultation_types").at("video").at("fee").at("currency").as_string(), "INR");
  EXPECT_EQ(o.at("registration").at("council").as_string(), "Delhi Medical Council");
  EXPECT_TRUE(o.at("locations").as_array()[0].at("address").at("line2").is_null());
  EXPECT_TRUE(rating_json(0, 0).as_object().at("average").is_null());
}

}  // namespace
}  // namespace kiorex::consultations
