#include "modules/users/demo_data.hpp"

#include <boost/json.hpp>
#include <stdexcept>

#include "core/module.hpp"
#include "core/security/data_keys.hpp"
#include "core/util/ids.hpp"
#include "modules/users/common.hpp"

namespace kiorex::users {

namespace {

struct DemoEntry {
  const char* recorder;  // "patient" | "doctor"
  const char* json;
};

const DemoEntry kPatientHistory[] = {
    {"patient", R"J({"kind":"allergy","title":"Penicillin","notes":"Itchy rash within hours of the first dose.",
      "code":{"system":"SNOMED-CT","value":"91936005"},"onset_date":"2015-06-01","details":{"reaction":"rash","severity":"moderate"}})J"},
    {"doctor", R"J({"kind":"condition","title":"Hypothyroidism","notes":"TSH 7.8 mIU/L at diagnosis; stable on treatment.",
      "code":{"system":"ICD-10","value":"E03.9"},"onset_date":"2018-03-10"})J"},
    {"doctor", R"J({"kind":"medication","title":"Levothyroxine 50 mcg","notes":"Take on an empty stomach.",
      "code":{"system":"RxNorm","value":"10582"},"onset_date":"2018-03-12","details":{"dose":"50 mcg","frequency":"once daily before breakfast","route":"oral"}})J"},
    {"patient", R"J({"kind":"surgery","title":"Appendectomy","notes":"Laparoscopic, no complications.",
      "code":{"system":"SNOMED-CT","value":"80146002"},"onset_date":"2009-08-21","end_date":"2009-08-23","status":"resolved"})J"},
    {"patient", R"J({"kind":"immunization","title":"COVID-19 vaccine (Covishield)","onset_date":"2021-08-14","status":"resolved",
      "details":{"dose_number":2,"lot":"4121Z025"}})J"},
    {"patient", R"J({"kind":"family_history","title":"Type 2 diabetes","notes":"Diagnosed at 52.",
      "code":{"system":"ICD-10","value":"E11"},"details":{"relative":"father"}})J"},
    {"patient", R"J({"kind":"lifestyle","title":"Yoga","details":{"habit":"yoga","frequency":"3 times a week"}})J"},
    {"doctor", R"J({"kind":"condition","title":"Iron deficiency anaemia","notes":"Hb 9.8 g/dL; treated with oral iron for six months.",
      "code":{"system":"ICD-10","value":"D50.9"},"onset_date":"2016-01-15","end_date":"2016-09-30","status":"resolved"})J"},
};

const char* kChildHistory[] = {
    R"J({"kind":"immunization","title":"MMR vaccine","onset_date":"2020-02-10","status":"resolved","details":{"dose_number":1,"lot":"MMR-20-117"}})J",
    R"J({"kind":"allergy","title":"Peanuts","notes":"Hives after peanut butter at age 3.","details":{"reaction":"hives","severity":"mild"}})J",
};

boost::json::object parse(const char* text) { return boost::json::parse(text).as_object(); }

void add_history(Deps& d, db::Session& tx, const std::string& owner, const std::string& recorder_id,
                 const std::string& recorder_role, const char* json, int64_t at) {
  std::vector<http::FieldError> errors;
  std::string kind;
  auto content = validate_history(parse(json), {}, kind, false, errors);
  if (!errors.empty()) throw std::logic_error("demo history entry is invalid: " + errors.front().field);
  insert_history_entry(d, tx, util::new_id("mhe"), owner, kind, content, recorder_id, recorder_role, at);
}

}  // namespace

bool seed_demo_patient(Deps& d, const std::string& patient_id, const std::string& doctor_id) {
  auto existing = d.ctx.db.query(db::ReadFrom::primary, "SELECT COUNT(*) FROM medical_history WHERE owner_id = $1", {patient_id});
  if (existing.one().i64(0) > 0) return false;

  std::vector<http::FieldError> errors;
  ProfileUpdate profile = validate_profile_update(parse(R"J({"date_of_birth":"1990-04-12","sex":"female",
      "preferred_language":"hi","address":{"line1":"Flat 402, Sunrise Residency","line2":"Baner Road","city":"Pune",
      "region":"MH","postal_code":"411045","country":"IN","lat":18.559,"lng":73.7868},"blood_group":"B+",
      "height_cm":162,"weight_kg":58.5})J"),
                                                  errors);
  auto contact = validate_emergency_contact(parse(R"J({"name":"Rahul Sharma","relationship":"spouse",
      "phone":"+919812345678","email":"rahul.sharma@example.org","notes":"Works nearby; reachable all day.","priority":1})J"),
                                            {}, false, errors);
  if (!errors.empty()) throw std::logic_error("demo profile is invalid: " + errors.front().field);

  d.ctx.db.transaction([&](db::Session& tx) {
    int64_t now = db::now_ms();
    tx.exec("DELETE FROM user_profiles WHERE user_id = $1", {patient_id});
    create_profile(d, tx, patient_id, profile.phi);
    tx.exec("UPDATE users SET phone = $2, phone_verified = 1, updated_at = $3 WHERE id = $1 AND phone IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM users WHERE phone = $2)",
            {patient_id, std::string("+919800012345"), now});

    // Oldest first, a minute apart, so the list reads newest first like real use.
    int64_t at = now - 60000 * static_cast<int64_t>(std::size(kPatientHistory) + 1);
    for (const auto& e : kPatientHistory) {
      bool by_doctor = std::string(e.recorder) == "doctor" && !doctor_id.empty();
      add_history(d, tx, patient_id, by_doctor ? doctor_id : patient_id, by_doctor ? "doctor" : "patient", e.json, at);
      at += 60000;
    }

    std::string contact_id = util::new_id("emc");
    boost::json::object sealed = contact;
    sealed.erase("priority");
    tx.exec("INSERT INTO emergency_contacts (id, owner_id, data_sealed, priority, created_at, updated_at, version) "
            "VALUES ($1, $2, $3, 1, $4, $4, 1)",
            {contact_id, patient_id, seal_json(d, tx, patient_id, sealed, "emergency_contacts:" + contact_id), now});

    std::string child_id = util::new_id("usr");
    tx.exec("INSERT INTO users (id, email, phone, name, role, status, password_hash, email_verified, phone_verified, "
            "mfa_enabled, created_at, updated_at) VALUES ($1, NULL, NULL, 'Aarav Sharma', 'patient', 'dependent', NULL, "
            "0, 0, 0, $2, $2)",
            {child_id, now});
    create_profile(d, tx, child_id, boost::json::object{{"date_of_birth", "2019-02-03"}, {"sex", "male"}, {"blood_group", "O+"}});
    tx.exec("INSERT INTO family_links (id, guardian_id, member_id, relationship, kind, status, created_at, decided_at) "
            "VALUES ($1, $2, $3, 'child', 'dependent', 'active', $4, $4)",
            {util::new_id("fam"), patient_id, child_id, now});
    int64_t child_at = now - 120000;
    for (const char* e : kChildHistory) {
      add_history(d, tx, child_id, patient_id, "patient", e, child_at);
      child_at += 60000;
    }

    struct Consent {
      const char* purpose;
      bool granted;
    };
    for (const auto& c : {Consent{"data_sharing_providers", true}, Consent{"marketing", false}, Consent{"research", true}})
      tx.exec("INSERT INTO consents (id, user_id, purpose, granted, text_version, actor_id, request_id, created_at) "
              "VALUES ($1, $2, $3, $4, '2026-01', $2, 'demo-data', $5)",
              {util::new_id("cns"), patient_id, std::string(c.purpose), static_cast<int64_t>(c.granted), now});
  });
  return true;
}

}  // namespace kiorex::users
