#include "modules/users/bulk_seed.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/db/database.hpp"
#include "core/module.hpp"
#include "core/security/password.hpp"
#include "core/util/ids.hpp"
#include "modules/auth/user_store.hpp"
#include "modules/users/common.hpp"

namespace kiorex::users {

namespace {

constexpr const char* kEmailPrefix = "bench.patient.";
constexpr const char* kEmailDomain = "@kiorex.test";

// Entry contents a patient's history cycles through (starting at a different one per patient), so
// the rows differ in kind and size like real ones. Validated once with the API's own rules.
const char* const kTemplates[] = {
    R"J({"kind":"allergy","title":"Penicillin","notes":"Itchy rash within hours of the first dose.",
      "code":{"system":"SNOMED-CT","value":"91936005"},"onset_date":"2015-06-01","details":{"reaction":"rash","severity":"moderate"}})J",
    R"J({"kind":"condition","title":"Hypothyroidism","notes":"TSH 7.8 mIU/L at diagnosis; stable on treatment.",
      "code":{"system":"ICD-10","value":"E03.9"},"onset_date":"2018-03-10"})J",
    R"J({"kind":"medication","title":"Levothyroxine 50 mcg","notes":"Take on an empty stomach.",
      "code":{"system":"RxNorm","value":"10582"},"onset_date":"2018-03-12","details":{"dose":"50 mcg","frequency":"once daily before breakfast","route":"oral"}})J",
    R"J({"kind":"surgery","title":"Appendectomy","notes":"Laparoscopic, no complications.",
      "code":{"system":"SNOMED-CT","value":"80146002"},"onset_date":"2009-08-21","end_date":"2009-08-23","status":"resolved"})J",
    R"J({"kind":"immunization","title":"Influenza vaccine","onset_date":"2023-10-14","status":"resolved","details":{"dose_number":1,"lot":"FLU-23-4411"}})J",
    R"J({"kind":"family_history","title":"Type 2 diabetes","notes":"Diagnosed at 52.","code":{"system":"ICD-10","value":"E11"},"details":{"relative":"father"}})J",
    R"J({"kind":"lifestyle","title":"Running","details":{"habit":"running","frequency":"3 times a week"}})J",
    R"J({"kind":"condition","title":"Essential hypertension","notes":"Home readings around 145/92; lifestyle advice first.",
      "code":{"system":"ICD-10","value":"I10"},"onset_date":"2021-05-04"})J",
    R"J({"kind":"medication","title":"Amlodipine 5 mg","code":{"system":"RxNorm","value":"17767"},"onset_date":"2021-07-01",
      "details":{"dose":"5 mg","frequency":"once daily","route":"oral"}})J",
    R"J({"kind":"allergy","title":"Dust mites","notes":"Sneezing and itchy eyes, worse in the monsoon.","details":{"reaction":"rhinitis","severity":"mild"}})J",
    R"J({"kind":"condition","title":"Iron deficiency anaemia","notes":"Hb 9.8 g/dL; treated with oral iron for six months.",
      "code":{"system":"ICD-10","value":"D50.9"},"onset_date":"2016-01-15","end_date":"2016-09-30","status":"resolved"})J",
    R"J({"kind":"immunization","title":"Tetanus booster","onset_date":"2020-01-20","status":"resolved","details":{"dose_number":3,"lot":"TT-19-082"}})J",
};

struct Template {
  std::string kind;
  boost::json::object content;
};

std::vector<Template> validated_templates() {
  std::vector<Template> out;
  for (const char* text : kTemplates) {
    std::vector<http::FieldError> errors;
    Template t;
    t.content = validate_history(boost::json::parse(text).as_object(), {}, t.kind, false, errors);
    if (!errors.empty()) throw std::logic_error("bench history template is invalid: " + errors.front().field);
    out.push_back(std::move(t));
  }
  return out;
}

// A plausible, varied profile for bench patient i, through the API's validation.
boost::json::object bench_profile(int i) {
  static const char* const kSexes[] = {"female", "male"};
  static const char* const kGroups[] = {"A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"};
  static const char* const kCities[][3] = {{"Pune", "MH", "411045"}, {"Bengaluru", "KA", "560001"},
                                           {"Chennai", "TN", "600001"}, {"Jaipur", "RJ", "302001"}};
  const unsigned n = static_cast<unsigned>(i);
  char dob[16];
  std::snprintf(dob, sizeof dob, "%04u-%02u-%02u", 1950 + n % 55, 1 + n % 12, 1 + n % 28);
  const auto& city = kCities[n % 4];
  boost::json::object body{
      {"date_of_birth", dob},
      {"sex", kSexes[n % 2]},
      {"preferred_language", n % 3 == 0 ? "hi" : "en"},
      {"address", boost::json::object{{"line1", "House " + std::to_string(i)}, {"city", city[0]}, {"region", city[1]},
                                      {"postal_code", city[2]}, {"country", "IN"}}},
      {"blood_group", kGroups[n % 8]},
      {"height_cm", 150 + n % 40},
      {"weight_kg", 50.5 + n % 45}};
  std::vector<http::FieldError> errors;
  ProfileUpdate u = validate_profile_update(body, errors);
  if (!errors.empty()) throw std::logic_error("bench profile is invalid: " + errors.front().field);
  return std::move(u.phi);
}

}  // namespace

std::string bench_patient_email(int i) { return kEmailPrefix + std::to_string(i) + kEmailDomain; }

BulkSeedProgress seed_bench_patients(Deps& d, const BulkSeedOptions& o,
                                     const std::function<void(const BulkSeedProgress&)>& progress) {
  const auto started = std::chrono::steady_clock::now();
  BulkSeedProgress p;
  p.total = std::max(0, o.patients);
  if (p.total == 0) return p;
  const std::vector<Template> templates = validated_templates();
  const int batch = std::max(1, o.batch);

  // Which bench patients already exist (idempotence): one query, not one per patient.
  std::unordered_set<std::string> existing;
  for (const auto& row : d.ctx.db
                             .query(db::ReadFrom::primary, "SELECT email FROM users WHERE email LIKE $1",
                                    {std::string(kEmailPrefix) + "%" + kEmailDomain})
                             .rows)
    existing.insert(row.str(0));

  // Argon2id INTERACTIVE costs ~65 ms and 64 MiB per hash: 10,000 hashes would take ~11 minutes. The
  // shared bench password is hashed ONCE and the same encoded hash string (salt included) is stored
  // for every bench account; sign-in verifies it like any other Argon2id hash. Fine for throwaway
  // bench data only: real accounts must each get their own salt.
  const std::string shared_hash = d.ctx.passwords.hash(kBenchPatientPassword);
  auth::UserStore accounts(d.ctx.db);

  for (int first = 1; first <= p.total; first += batch) {
    const int last = std::min(p.total, first + batch - 1);
    int created = 0, skipped = 0;
    int64_t entries = 0;
    d.ctx.db.transaction([&](db::Session& tx) {  // may rerun on a transient error: counts start over
      created = skipped = 0;
      entries = 0;
      const int64_t now = db::now_ms();
      for (int i = first; i <= last; i++) {
        const std::string email = bench_patient_email(i);
        if (existing.contains(email)) {
          skipped++;
          continue;
        }
        auth::User u;  // as AuthService::create_verified_account makes it, with the shared hash
        u.id = util::new_id("usr");
        u.email = email;
        u.name = "Bench Patient " + std::to_string(i);
        u.role = "patient";
        u.status = "active";
        u.password_hash = shared_hash;
        u.email_verified = true;
        u.created_at = now;
        accounts.insert(tx, u);
        create_profile(d, tx, u.id, bench_profile(i));  // creates the patient's data key too
        // Oldest first, a minute apart, so the list reads newest first like real use.
        int64_t at = now - 60000 * static_cast<int64_t>(o.entries_per_patient + 1);
        for (int k = 0; k < o.entries_per_patient; k++, at += 60000) {
          const Template& t = templates[(static_cast<std::size_t>(i) + static_cast<std::size_t>(k)) % templates.size()];
          const bool by_doctor = !o.recorder_doctor_id.empty() && (t.kind == "condition" || t.kind == "medication");
          insert_history_entry(d, tx, util::new_id("mhe"), u.id, t.kind, t.content,
                               by_doctor ? o.recorder_doctor_id : u.id, by_doctor ? "doctor" : "patient", at);
          entries++;
        }
        created++;
      }
    });
    p.done = last;
    p.created += created;
    p.skipped += skipped;
    p.entries += entries;
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (progress) progress(p);
  }
  return p;
}

}  // namespace kiorex::users
