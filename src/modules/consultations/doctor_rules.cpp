#include "modules/consultations/doctor_rules.hpp"

#include <date/tz.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <ctime>

#include "core/db/database.hpp"
#include "modules/consultations/search_rating.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

using users::Fields;

namespace {

// Active ISO 4217 codes (2024 list, funds and precious metals left out).
const char* const kCurrencies[] = {
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
    "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
    "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
    "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL"};

struct LanguageName {
  const char* code;
  const char* name;
};
const LanguageName kLanguageNames[] = {{"en", "English"},
                                       {"hi", "Hindi"},
                                       {"bn", "Bengali"},
                                       {"mr", "Marathi"},
                                       {"te", "Telugu"},
                                       {"ta", "Tamil"},
                                       {"gu", "Gujarati"},
                                       {"ur", "Urdu"},
                                       {"kn", "Kannada"},
                                       {"ml", "Malayalam"},
                                       {"or", "Odia"},
                                       {"pa", "Punjabi"},
                                       {"as", "Assamese"},
                                       {"ne", "Nepali"},
                                       {"si", "Sinhala"},
                                       {"sd", "Sindhi"},
                                       {"kok", "Konkani"},
                                       {"es", "Spanish"},
                                       {"fr", "French"},
                                       {"de", "German"},
                                       {"it", "Italian"},
                                       {"pt", "Portuguese"},
                                       {"nl", "Dutch"},
                                       {"pl", "Polish"},
                                       {"ru", "Russian"},
                                       {"uk", "Ukrainian"},
                                       {"ro", "Romanian"},
                                       {"el", "Greek"},
                                       {"tr", "Turkish"},
                                       {"ar", "Arabic"},
                                       {"fa", "Persian"},
                                       {"he", "Hebrew"},
                                       {"zh", "Chinese"},
                                       {"yue", "Cantonese"},
                                       {"ja", "Japanese"},
                                       {"ko", "Korean"},
                                       {"vi", "Vietnamese"},
                                       {"th", "Thai"},
                                       {"tl", "Tagalog"},
                                       {"id", "Indonesian"},
                                       {"ms", "Malay"},
                                       {"sw", "Swahili"},
                                       {"am", "Amharic"},
                                       {"yo", "Yoruba"},
                                       {"ig", "Igbo"},
                                       {"ha", "Hausa"},
                                       {"so", "Somali"},
                                       {"cy", "Welsh"},
                                       {"ga", "Irish"},
                                       {"gd", "Scottish Gaelic"},
                                       {"sv", "Swedish"},
                                       {"da", "Danish"},
                                       {"no", "Norwegian"},
                                       {"fi", "Finnish"},
                                       {"hu", "Hungarian"},
                                       {"cs", "Czech"},
                                       {"sk", "Slovak"},
                                       {"bg", "Bulgarian"},
                                       {"sr", "Serbian"},
                                       {"hr", "Croatian"},
                                       {"sq", "Albanian"},
                                       {"hy", "Armenian"},
                                       {"ka", "Georgian"},
                                       {"km", "Khmer"},
                                       {"my", "Burmese"},
                                       {"ps", "Pashto"},
                                       {"asl", "American Sign Language"},
                                       {"bfi", "British Sign Language"},
                                       {"ins", "Indian Sign Language"}};

int current_year() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm.tm_year + 1900;
}

std::string trimmed(std::string s) {
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// An array member: nullptr when absent, or when it is not an array (an error, null included).
const boost::json::array* array_of(Fields& f, const char* name) {
  const auto& obj = f.obj();
  auto it = obj.find(name);
  if (it == obj.end()) return nullptr;
  if (!it->value().is_array()) {
    f.fail(name, "must be an array");
    return nullptr;
  }
  return &it->value().as_array();
}

// A list of short strings (each min..max characters), de-duplicated ignoring case.
std::optional<std::vector<std::string>> string_list(Fields& f, const char* name, size_t min_items, size_t max_items,
                                                    size_t min_len, size_t max_len) {
  const auto* arr = array_of(f, name);
  if (!arr) return std::nullopt;
  if (arr->size() < min_items || arr->size() > max_items) {
    f.fail(name, "must have " + std::to_string(min_items) + " to " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (size_t i = 0; i < arr->size(); i++) {
    const std::string at = std::string(name) + "[" + std::to_string(i) + "]";
    const auto& v = (*arr)[i];
    if (!v.is_string()) {
      f.fail(at, "must be a string");
      ok = false;
      continue;
    }
    std::string s = trimmed(std::string(v.as_string()));
    size_t n = users::utf8_length(s);
    if (!users::valid_text(s) || s.find('\n') != std::string::npos || s.find('\t') != std::string::npos) {
      f.fail(at, "must be one line of text without control characters");
      ok = false;
    } else if (n < min_len || n > max_len) {
      f.fail(at, "must be " + std::to_string(min_len) + " to " + std::to_string(max_len) + " characters");
      ok = false;
    } else if (std::none_of(out.begin(), out.end(), [&](const std::string& o) { return lower(o) == lower(s); })) {
      out.push_back(std::move(s));
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

std::string normalize_language(std::string_view tag) {
  std::string out;
  size_t part = 0, start = 0;
  while (start <= tag.size()) {
    size_t dash = tag.find('-', start);
    std::string sub(tag.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    sub = lower(sub);
    if (part > 0 && sub.size() == 2 && std::isalpha(static_cast<unsigned char>(sub[0])))
      for (auto& c : sub) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    else if (part > 0 && sub.size() == 4 && std::isalpha(static_cast<unsigned char>(sub[0])))
      sub[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sub[0])));
    out += (part ? "-" : "") + sub;
    part++;
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return out;
}

bool valid_currency(std::string_view code) {
  return std::any_of(std::begin(kCurrencies), std::end(kCurrencies), [&](const char* c) { return code == c; });
}

bool valid_time_zone(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

std::string language_name(std::string_view code) {
  std::string primary = lower(std::string(code.substr(0, code.find('-'))));
  for (const auto& l : kLanguageNames)
    if (primary == l.code) return l.name;
  return "";
}

Profile apply_profile_put(const boost::json::object& body, const Profile& current,
                          const std::vector<std::string>& specialty_ids, std::vector<http::FieldError>& errors) {
  Profile p = current;
  Fields f(body, errors);
  f.only({"gender", "bio", "photo_ref", "specialties", "qualifications", "registration", "experience_years",
          "languages", "conditions", "consultation_types", "locations", "time_zone", "slot_minutes", "follow_up_days"});

  if (f.present("gender")) {
    if (auto g = f.word("gender", true, kGenders)) p.gender = *g;
  }
  if (f.present("bio")) {
    if (f.is_null("bio"))
      p.bio.reset();
    else if (auto b = f.str("bio", false, 0, 4000))
      p.bio = b->empty() ? std::nullopt : std::optional<std::string>(*b);
  }
  if (f.present("photo_ref")) {
    if (f.is_null("photo_ref"))
      p.photo_ref.reset();
    else if (auto r = f.str("photo_ref", false, 1, 200))
      p.photo_ref = *r;
  }
  if (f.present("specialties")) {
    if (auto list = string_list(f, "specialties", 1, 5, 1, 60)) {
      bool ok = true;
      for (size_t i = 0; i < list->size(); i++)
        if (std::find(specialty_ids.begin(), specialty_ids.end(), (*list)[i]) == specialty_ids.end()) {
          f.fail("specialties[" + std::to_string(i) + "]",
                 "is not a specialty id (see GET /v1/consultations/specialties)");
          ok = false;
        }
      if (ok) p.specialties = *list;
    }
  }
  if (f.present("qualifications")) {
    if (const auto* arr = array_of(f, "qualifications")) {
      if (arr->size() > 10)
        f.fail("qualifications", "must have at most 10 items");
      else {
        std::vector<Qualification> list;
        bool ok = true;
        for (size_t i = 0; i < arr->size(); i++) {
          const std::string prefix = "qualifications[" + std::to_string(i) + "].";
          if (!(*arr)[i].is_object()) {
            f.fail(prefix.substr(0, prefix.size() - 1), "must be an object");
            ok = false;
            continue;
          }
          size_t before = errors.size();
          Fields qf((*arr)[i].as_object(), errors, prefix);
          qf.only({"degree", "institution", "year"});
          Qualification q;
          if (auto d = qf.str("degree", true, 2, 80)) q.degree = trimmed(*d);
          if (auto in = qf.str("institution", false, 0, 120)) q.institution = trimmed(*in);
          q.year = qf.integer("year", false, 1940, current_year());
          if (errors.size() != before) ok = false;
          list.push_back(std::move(q));
        }
        if (ok) p.qualifications = std::move(list);
      }
    }
  }
  if (f.present("registration")) {
    if (const auto* r = f.object("registration", true)) {
      size_t before = errors.size();
      Fields rf(*r, errors, "registration.");
      rf.only({"number", "council"});
      auto number = rf.str("number", true, 3, 40);
      auto council = rf.str("council", true, 3, 120);
      if (number && number->find('\n') != std::string::npos) rf.fail("number", "must be one line");
      if (errors.size() == before && number && council) {
        p.registration_number = trimmed(*number);
        p.registration_council = trimmed(*council);
      }
    }
  }
  if (f.present("experience_years")) {
    if (auto e = f.integer("experience_years", true, 0, 70)) p.experience_years = *e;
  }
  if (f.present("languages")) {
    if (auto list = string_list(f, "languages", 1, 10, 2, 35)) {
      std::vector<std::string> langs;
      bool ok = true;
      for (size_t i = 0; i < list->size(); i++) {
        if (!users::valid_language_tag((*list)[i])) {
          f.fail("languages[" + std::to_string(i) + "]", "must be a BCP 47 language code such as en, hi or pt-BR");
          ok = false;
          continue;
        }
        std::string n = normalize_language((*list)[i]);
        if (std::find(langs.begin(), langs.end(), n) == langs.end()) langs.push_back(n);
      }
      if (ok) p.languages = std::move(langs);
    }
  }
  if (f.present("conditions")) {
    if (auto list = string_list(f, "conditions", 0, 50, 2, 80)) p.conditions = std::move(*list);
  }
  if (f.present("consultation_types")) {
    if (const auto* types = f.object("consultation_types", true)) {
      size_t before = errors.size();
      Fields tf(*types, errors, "consultation_types.");
      tf.only({"video", "clinic"});
      std::optional<int64_t> fees[2];
      std::string currencies[2];
      const char* names[2] = {"video", "clinic"};
      for (int t = 0; t < 2; t++) {
        const auto* type = tf.object(names[t], false);
        if (!type) continue;
        Fields typef(*type, errors, std::string("consultation_types.") + names[t] + ".");
        typef.only({"fee"});
        const auto* fee = typef.object("fee", true);
        if (!fee) continue;
        Fields feef(*fee, errors, std::string("consultation_types.") + names[t] + ".fee.");
        feef.only({"amount", "currency"});
        fees[t] = feef.integer("amount", true, 0, 10000000);
        if (auto c = feef.str("currency", true, 3, 3)) {
          if (valid_currency(*c))
            currencies[t] = *c;
          else
            feef.fail("currency", "must be an ISO 4217 currency code such as INR, USD or GBP");
        }
      }
      if (errors.size() == before) {
        if (!fees[0] && !fees[1])
          f.fail("consultation_types", "must offer at least one consultation type (video, clinic)");
        else if (fees[0] && fees[1] && currencies[0] != currencies[1])
          tf.fail("clinic.fee.currency", "must be the same currency as the video fee");
        else {
          p.video_fee = fees[0];
          p.clinic_fee = fees[1];
          p.currency = fees[0] ? currencies[0] : currencies[1];
        }
      }
    }
  }
  if (f.present("locations")) {
    if (const auto* arr = array_of(f, "locations")) {
      if (arr->size() > kMaxLocations)
        f.fail("locations", "must have at most 5 items");
      else {
        std::vector<Location> list;
        bool ok = true;
        for (size_t i = 0; i < arr->size(); i++) {
          const std::string prefix = "locations[" + std::to_string(i) + "].";
          if (!(*arr)[i].is_object()) {
            f.fail(prefix.substr(0, prefix.size() - 1), "must be an object");
            ok = false;
            continue;
          }
          size_t before = errors.size();
          Fields lf((*arr)[i].as_object(), errors, prefix);
          lf.only({"id", "name", "address", "lat", "lng"});
          Location l;
          if (auto id = lf.str("id", false, 1, 64)) {
            bool known = std::any_of(current.locations.begin(), current.locations.end(),
                                     [&](const Location& c) { return c.id == *id; });
            bool twice = std::any_of(list.begin(), list.end(), [&](const Location& c) { return c.id == *id; });
            if (!known)
              lf.fail("id", "is not one of your locations (leave it out for a new location)");
            else if (twice)
              lf.fail("id", "appears twice");
            else
              l.id = *id;
          }
          if (auto n = lf.str("name", true, 2, 120)) l.name = trimmed(*n);
          if (const auto* a = lf.object("address", true)) {
            Fields af(*a, errors, prefix + "address.");
            af.only({"line1", "line2", "city", "region", "postal_code", "country"});
            if (auto v = af.str("line1", true, 1, 200)) l.line1 = trimmed(*v);
            if (auto v = af.str("line2", false, 0, 200)) l.line2 = trimmed(*v);
            if (auto v = af.str("city", true, 1, 100)) l.city = trimmed(*v);
            if (auto v = af.str("region", false, 0, 100)) l.region = trimmed(*v);
            if (auto v = af.str("postal_code", false, 0, 20)) l.postal_code = trimmed(*v);
            if (auto v = af.str("country", true, 2, 2)) {
              if (std::all_of(v->begin(), v->end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
                l.country = *v;
              else
                af.fail("country", "must be an ISO 3166-1 alpha-2 code such as IN, US or GB");
            }
          }
          if (auto lat = lf.number("lat", true, -90, 90)) l.lat = *lat;
          if (auto lng = lf.number("lng", true, -180, 180)) l.lng = *lng;
          if (errors.size() != before) ok = false;
          list.push_back(std::move(l));
        }
        if (ok) p.locations = std::move(list);
      }
    }
  }
  if (f.present("time_zone")) {
    if (auto tz = f.str("time_zone", true, 1, 64)) {
      if (valid_time_zone(*tz))
        p.time_zone = *tz;
      else
        f.fail("time_zone", "must be an IANA time zone such as Asia/Kolkata or America/New_York");
    }
  }
  if (f.present("slot_minutes")) {
    if (auto s = f.integer("slot_minutes", true, 10, 60)) {
      if (std::find(kSlotMinutes.begin(), kSlotMinutes.end(), *s) != kSlotMinutes.end())
        p.slot_minutes = *s;
      else
        f.fail("slot_minutes", "must be one of 10, 15, 20, 30, 45, 60");
    }
  }
  if (f.present("follow_up_days")) {
    if (auto d = f.integer("follow_up_days", true, 0, 30)) p.follow_up_days = *d;
  }
  // Across fields, on the result: clinic consultations happen somewhere.
  if (p.clinic_fee && p.locations.empty()) f.fail("locations", "clinic consultations need at least one location");
  return p;
}

std::vector<http::FieldError> missing_for_submission(const Profile& p) {
  std::vector<http::FieldError> e;
  const std::string why = "is required before the profile can be submitted for verification";
  if (p.gender.empty()) e.push_back({"gender", why});
  if (p.specialties.empty()) e.push_back({"specialties", why});
  if (p.qualifications.empty()) e.push_back({"qualifications", why});
  if (p.registration_number.empty()) e.push_back({"registration", why});
  if (!p.experience_years) e.push_back({"experience_years", why});
  if (p.languages.empty()) e.push_back({"languages", why});
  if (!p.video_fee && !p.clinic_fee) e.push_back({"consultation_types", why});
  if (p.clinic_fee && p.locations.empty())
    e.push_back({"locations", "clinic consultations need at least one location"});
  if (p.time_zone.empty()) e.push_back({"time_zone", why});
  return e;
}

bool needs_reverification(const Profile& before, const Profile& after) {
  return before.registration_number != after.registration_number ||
         before.registration_council != after.registration_council || before.specialties != after.specialties;
}

boost::json::value rating_json(int64_t count, double average) {
  // The same values as a search result's (search_rating.hpp): shown average, raw average, count, score.
  const int64_t sum = search::rating_sum_of(average, count);
  boost::json::object r;
  r["average"] = count > 0 ? boost::json::value(static_cast<double>(search::shown_rating_tenths(sum, count)) / 10)
                           : boost::json::value(nullptr);
  r["raw_average"] = count > 0 ? boost::json::value(std::round(average * 10000) / 10000) : boost::json::value(nullptr);
  r["count"] = count;
  r["score"] = count > 0 ? boost::json::value(std::round(search::rating_score(sum, count) * 10000) / 10000)
                         : boost::json::value(nullptr);
  return r;
}

boost::json::object consultation_types_json(const Profile& p) {
  boost::json::object types;
  if (p.video_fee)
    types["video"] =
        boost::json::object{{"fee", boost::json::object{{"amount", *p.video_fee}, {"currency", p.currency}}}};
  if (p.clinic_fee)
    types["clinic"] =
        boost::json::object{{"fee", boost::json::object{{"amount", *p.clinic_fee}, {"currency", p.currency}}}};
  return types;
}

boost::json::array qualifications_json(const Profile& p) {
  boost::json::array a;
  for (const auto& q : p.qualifications) {
    boost::json::object o{{"degree", q.degree}};
    o["institution"] = q.institution.empty() ? boost::json::value(nullptr) : boost::json::value(q.institution);
    o["year"] = q.year ? boost::json::value(*q.year) : boost::json::value(nullptr);
    a.push_back(std::move(o));
  }
  return a;
}

boost::json::object location_json(const Location& l, bool with_address) {
  boost::json::object o{{"id", l.id}, {"name", l.name}};
  if (with_address) {
    auto opt = [](const std::string& s) { return s.empty() ? boost::json::value(nullptr) : boost::json::value(s); };
    o["address"] = boost::json::object{{"line1", l.line1},
                                       {"line2", opt(l.line2)},
                                       {"city", l.city},
                                       {"region", opt(l.region)},
                                       {"postal_code", opt(l.postal_code)},
                                       {"country", l.country}};
  } else {
    o["city"] = l.city;
  }
  o["lat"] = l.lat;
  o["lng"] = l.lng;
  return o;
}

boost::json::object profile_json(const Profile& p) {
  auto opt = [](const std::optional<std::string>& s) {
    return s ? boost::json::value(*s) : boost::json::value(nullptr);
  };
  auto opt_ms = [](const std::optional<int64_t>& ms) {
    return ms ? boost::json::value(db::iso8601_from_ms(*ms)) : boost::json::value(nullptr);
  };
  boost::json::object o;
  o["user_id"] = p.user_id;
  o["name"] = p.name;
  o["gender"] = p.gender.empty() ? boost::json::value(nullptr) : boost::json::value(p.gender);
  o["bio"] = opt(p.bio);
  o["photo_ref"] = opt(p.photo_ref);
  boost::json::array specialties;
  for (const auto& s : p.specialties) specialties.emplace_back(s);
  o["specialties"] = std::move(specialties);
  o["qualifications"] = qualifications_json(p);
  o["registration"] = p.registration_number.empty()
                          ? boost::json::value(nullptr)
                          : boost::json::value(boost::json::object{{"number", p.registration_number},
                                                                   {"council", p.registration_council}});
  o["experience_years"] = p.experience_years ? boost::json::value(*p.experience_years) : boost::json::value(nullptr);
  boost::json::array langs, conds, locs;
  for (const auto& l : p.languages) langs.emplace_back(l);
  for (const auto& c : p.conditions) conds.emplace_back(c);
  for (const auto& l : p.locations) locs.push_back(location_json(l, true));
  o["languages"] = std::move(langs);
  o["conditions"] = std::move(conds);
  o["consultation_types"] = consultation_types_json(p);
  o["locations"] = std::move(locs);
  o["time_zone"] = p.time_zone.empty() ? boost::json::value(nullptr) : boost::json::value(p.time_zone);
  o["slot_minutes"] = p.slot_minutes;
  o["follow_up_days"] = p.follow_up_days;
  o["status"] = p.status;
  o["rejection_reason"] = opt(p.rejection_reason);
  o["submitted_at"] = opt_ms(p.submitted_at);
  o["verified_at"] = opt_ms(p.verified_at);
  o["rating"] = rating_json(p.rating_count, p.rating_avg);
  o["version"] = p.version;
  o["updated_at"] = db::iso8601_from_ms(p.updated_at);
  return o;
}

}  // namespace kiorex::consultations
