#include "modules/users/validation.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <ctime>

#include "core/security/encoding.hpp"
#include "modules/auth/identifiers.hpp"

namespace kiorex::users {

const std::vector<std::string> kSexes = {"female", "male", "intersex", "unknown"};
const std::vector<std::string> kBloodGroups = {"A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"};
const std::vector<std::string> kHistoryKinds = {"condition", "allergy",        "medication", "surgery",
                                                "immunization", "family_history", "lifestyle"};
const std::vector<std::string> kHistoryStatuses = {"active", "resolved", "inactive"};
const std::vector<std::string> kCodeSystems = {"ICD-10", "SNOMED-CT", "RxNorm", "other"};
const std::vector<std::string> kRelationships = {"child", "parent", "spouse", "sibling", "grandparent", "grandchild", "other"};
const std::vector<std::string> kConsentPurposes = {"data_sharing_providers", "marketing", "research"};
const std::vector<std::string> kProfilePhiFields = {"date_of_birth", "sex",       "preferred_language", "address",
                                                    "blood_group",   "height_cm", "weight_kg",          "photo_ref"};

// ---- text and dates ----

bool valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(std::string(s.substr(0, 4))), m = std::stoi(std::string(s.substr(5, 2))),
      d = std::stoi(std::string(s.substr(8, 2)));
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = days[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

std::string today_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

bool valid_language_tag(std::string_view s) {
  if (s.size() < 2 || s.size() > 35) return false;
  size_t i = 0, first = 0;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) i++;
  first = i;
  if (first < 2 || first > 8) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    size_t j = ++i;
    while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j]))) j++;
    if (j - i < 1 || j - i > 8) return false;
    i = j;
  }
  return true;
}

std::optional<std::string> normalized_email(std::string_view raw) { return auth::normalize_email(raw); }
std::optional<std::string> normalized_phone(std::string_view raw) { return auth::normalize_phone(raw); }

// ---- Fields ----

void Fields::fail(const std::string& f, std::string message) { errors_.push_back({prefix_ + f, std::move(message)}); }

std::optional<std::string> Fields::str(const char* f, bool required, size_t min_len, size_t max_len) {
  auto it = obj_.find(f);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) fail(f, "is required");
    return std::nullopt;
  }
  if (!it->value().is_string()) {
    fail(f, "must be a string");
    return std::nullopt;
  }
  std::string s(it->value().as_string());
  if (!valid_text(s)) {
    fail(f, "must be valid text without control characters");
    return std::nullopt;
  }
  size_t n = utf8_length(s);
  if (n > max_len) {
    fail(f, "must be at most " + std::to_string(max_len) + " characters");
    return std::nullopt;
  }
  if (n < min_len) {
    fail(f, min_len <= 1 ? "must not be empty" : "must be at least " + std::to_string(min_len) + " characters");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Fields::word(const char* f, bool required, const std::vector<std::string>& allowed) {
  auto it = obj_.find(f);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) fail(f, "is required");
    return std::nullopt;
  }
  if (it->value().is_string()) {
    std::string s(it->value().as_string());
    for (const auto& a : allowed)
      if (a == s) return s;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  fail(f, "must be one of: " + list);
  return std::nullopt;
}

std::optional<int64_t> Fields::integer(const char* f, bool required, int64_t min, int64_t max) {
  auto it = obj_.find(f);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) fail(f, "is required");
    return std::nullopt;
  }
  const auto& v = it->value();
  std::optional<int64_t> n;
  if (v.is_int64()) n = v.as_int64();
  else if (v.is_uint64() && v.as_uint64() <= static_cast<uint64_t>(INT64_MAX)) n = static_cast<int64_t>(v.as_uint64());
  else if (v.is_double() && std::isfinite(v.as_double()) && std::floor(v.as_double()) == v.as_double() &&
           std::fabs(v.as_double()) < 9e15)
    n = static_cast<int64_t>(v.as_double());
  if (!n || *n < min || *n > max) {
    fail(f, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<double> Fields::number(const char* f, bool required, double min, double max) {
  auto it = obj_.find(f);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) fail(f, "is required");
    return std::nullopt;
  }
  const auto& v = it->value();
  std::optional<double> n;
  if (v.is_double()) n = v.as_double();
  else if (v.is_int64()) n = static_cast<double>(v.as_int64());
  else if (v.is_uint64()) n = static_cast<double>(v.as_uint64());
  if (!n || !std::isfinite(*n) || *n < min || *n > max) {
    fail(f, "must be a number from " + to_json(boost::json::value(min)) + " to " + to_json(boost::json::value(max)));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> Fields::boolean(const char* f, bool required) {
  auto it = obj_.find(f);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) fail(f, "is required");
    return std::nullopt;
  }
  if (!it->value().is_bool()) {
    fail(f, "must be true or false");
    return std::nullopt;
  }
  return it->value().as_bool();
}

std::optional<std::string> Fields::date(const char* f, bool required) {
  auto it = obj_.find(f);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) fail(f, "is required");
    return std::nullopt;
  }
  if (!it->value().is_string() || !valid_date(std::string(it->value().as_string()))) {
    fail(f, "must be a date as YYYY-MM-DD");
    return std::nullopt;
  }
  return std::string(it->value().as_string());
}

const boost::json::object* Fields::object(const char* f, bool required) {
  auto it = obj_.find(f);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) fail(f, "is required");
    return nullptr;
  }
  if (!it->value().is_object()) {
    fail(f, "must be an object");
    return nullptr;
  }
  return &it->value().as_object();
}

void Fields::only(std::initializer_list<const char*> allowed) {
  for (const auto& kv : obj_) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || kv.key() == a;
    if (!ok) fail(std::string(kv.key()), "is not a known field");
  }
}

// ---- profile ----

namespace {
boost::json::value opt_value(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}
}  // namespace

ProfileUpdate validate_profile_update(const boost::json::object& body, std::vector<http::FieldError>& errors) {
  Fields f(body, errors);
  f.only({"name", "date_of_birth", "sex", "preferred_language", "address", "blood_group", "height_cm", "weight_kg",
          "photo_ref", "email", "phone"});
  ProfileUpdate u;
  if (f.present("name")) u.name = f.str("name", true, 1, 120);
  if (f.present("date_of_birth")) {
    auto d = f.date("date_of_birth", false);
    if (d && *d < "1900-01-01") f.fail("date_of_birth", "must be after 1900");
    else if (d && *d > today_utc()) f.fail("date_of_birth", "must not be in the future");
    else if (d || f.is_null("date_of_birth")) u.phi["date_of_birth"] = opt_value(d);
  }
  if (f.present("sex")) {
    auto s = f.word("sex", false, kSexes);
    if (s || f.is_null("sex")) u.phi["sex"] = opt_value(s);
  }
  if (f.present("preferred_language")) {
    if (f.is_null("preferred_language")) u.phi["preferred_language"] = nullptr;
    else if (auto l = f.str("preferred_language", false, 2, 35)) {
      if (valid_language_tag(*l)) u.phi["preferred_language"] = *l;
      else f.fail("preferred_language", "must be a BCP 47 language tag such as en, hi or pt-BR");
    }
  }
  if (f.present("address")) {
    if (f.is_null("address")) u.phi["address"] = nullptr;
    else if (const auto* a = f.object("address", false)) {
      Fields af(*a, errors, "address.");
      af.only({"line1", "line2", "city", "region", "postal_code", "country", "lat", "lng"});
      size_t before = errors.size();
      boost::json::object addr;
      addr["line1"] = opt_value(af.str("line1", false, 0, 200));
      addr["line2"] = opt_value(af.str("line2", false, 0, 200));
      addr["city"] = opt_value(af.str("city", false, 0, 100));
      addr["region"] = opt_value(af.str("region", false, 0, 100));
      addr["postal_code"] = opt_value(af.str("postal_code", false, 0, 20));
      auto country = af.str("country", false, 2, 2);
      if (country && !(std::isupper(static_cast<unsigned char>((*country)[0])) &&
                       std::isupper(static_cast<unsigned char>((*country)[1])))) {
        af.fail("country", "must be an ISO 3166-1 alpha-2 code such as IN");
        country.reset();
      }
      addr["country"] = opt_value(country);
      auto lat = af.number("lat", false, -90, 90);
      auto lng = af.number("lng", false, -180, 180);
      addr["lat"] = lat ? boost::json::value(*lat) : boost::json::value(nullptr);
      addr["lng"] = lng ? boost::json::value(*lng) : boost::json::value(nullptr);
      if (errors.size() == before) u.phi["address"] = std::move(addr);
    }
  }
  if (f.present("blood_group")) {
    auto b = f.word("blood_group", false, kBloodGroups);
    if (b || f.is_null("blood_group")) u.phi["blood_group"] = opt_value(b);
  }
  if (f.present("height_cm")) {
    auto h = f.number("height_cm", false, 30, 272);
    if (h) u.phi["height_cm"] = *h;
    else if (f.is_null("height_cm")) u.phi["height_cm"] = nullptr;
  }
  if (f.present("weight_kg")) {
    auto w = f.number("weight_kg", false, 1, 500);
    if (w) u.phi["weight_kg"] = *w;
    else if (f.is_null("weight_kg")) u.phi["weight_kg"] = nullptr;
  }
  if (f.present("photo_ref")) {
    auto p = f.str("photo_ref", false, 0, 200);
    if (p || f.is_null("photo_ref")) u.phi["photo_ref"] = opt_value(p);
  }
  if (f.present("email")) {
    if (auto e = f.str("email", true, 3, 254)) {
      if (auto n = normalized_email(*e)) u.email = *n;
      else f.fail("email", "is not a valid email address");
    }
  }
  if (f.present("phone")) {
    if (auto p = f.str("phone", true, 8, 32)) {
      if (auto n = normalized_phone(*p)) u.phone = *n;
      else f.fail("phone", "must be in international form, e.g. +919876543210");
    }
  }
  return u;
}

// ---- medical history ----

namespace {

// Kind-specific members of `details` (condition and surgery take free-form text members).
void validate_details(const boost::json::object& details, const std::string& kind, std::vector<http::FieldError>& errors) {
  Fields d(details, errors, "details.");
  if (kind == "allergy") {
    d.only({"reaction", "severity"});
    d.str("reaction", false, 0, 200);
    d.word("severity", false, {"mild", "moderate", "severe"});
  } else if (kind == "medication") {
    d.only({"dose", "frequency", "route"});
    d.str("dose", false, 0, 100);
    d.str("frequency", false, 0, 100);
    d.str("route", false, 0, 100);
  } else if (kind == "immunization") {
    d.only({"dose_number", "lot"});
    d.integer("dose_number", false, 1, 100);
    d.str("lot", false, 0, 60);
  } else if (kind == "family_history") {
    d.only({"relative"});
    d.str("relative", false, 0, 60);
  } else if (kind == "lifestyle") {
    d.only({"habit", "frequency"});
    d.str("habit", false, 0, 200);
    d.str("frequency", false, 0, 100);
  } else {
    for (const auto& kv : details) {
      const auto& v = kv.value();
      if (!(v.is_string() || v.is_number() || v.is_bool() || v.is_null()))
        d.fail(std::string(kv.key()), "must be text, a number or true/false");
      else if (v.is_string() && !valid_text(std::string(v.as_string())))
        d.fail(std::string(kv.key()), "must be valid text without control characters");
    }
  }
}

}  // namespace

boost::json::object validate_history(const boost::json::object& body, const boost::json::object& base,
                                     std::string& kind, bool is_update, std::vector<http::FieldError>& errors) {
  Fields f(body, errors);
  f.only({"kind", "title", "notes", "code", "onset_date", "end_date", "status", "details"});
  boost::json::object out = base;
  if (!is_update || f.present("kind")) {
    if (auto k = f.word("kind", true, kHistoryKinds)) kind = *k;
    else kind.clear();
  }
  if (!is_update || f.present("title"))
    if (auto t = f.str("title", true, 1, 200)) out["title"] = *t;
  if (f.present("notes")) {
    if (f.is_null("notes")) out["notes"] = "";
    else if (auto n = f.str("notes", false, 0, 4000)) out["notes"] = *n;
  } else if (!out.contains("notes")) {
    out["notes"] = "";
  }
  if (f.present("code")) {
    if (f.is_null("code")) out["code"] = nullptr;
    else if (const auto* c = f.object("code", false)) {
      Fields cf(*c, errors, "code.");
      cf.only({"system", "value"});
      auto sys = cf.word("system", true, kCodeSystems);
      auto val = cf.str("value", true, 1, 40);
      if (sys && val) out["code"] = boost::json::object{{"system", *sys}, {"value", *val}};
    }
  } else if (!out.contains("code")) {
    out["code"] = nullptr;
  }
  for (const char* dk : {"onset_date", "end_date"}) {
    if (f.present(dk)) {
      if (f.is_null(dk)) out[dk] = nullptr;
      else if (auto d = f.date(dk, false)) out[dk] = *d;
    } else if (!out.contains(dk)) {
      out[dk] = nullptr;
    }
  }
  if (out["onset_date"].is_string() && out["end_date"].is_string() &&
      out["end_date"].as_string() < out["onset_date"].as_string())
    f.fail("end_date", "must not be before onset_date");
  if (f.present("status")) {
    if (f.is_null("status")) out["status"] = "active";
    else if (auto s = f.word("status", false, kHistoryStatuses)) out["status"] = *s;
  } else if (!out.contains("status")) {
    out["status"] = "active";
  }
  if (f.present("details")) {
    if (f.is_null("details")) out["details"] = boost::json::object{};
    else if (const auto* d = f.object("details", false)) {
      if (to_json(*d).size() > 4096) f.fail("details", "must be at most 4 KB");
      else out["details"] = *d;
    }
  } else if (!out.contains("details")) {
    out["details"] = boost::json::object{};
  }
  // The details must fit the (possibly changed) kind.
  if (!kind.empty() && out["details"].is_object()) validate_details(out["details"].as_object(), kind, errors);
  return out;
}

// ---- emergency contacts ----

boost::json::object validate_emergency_contact(const boost::json::object& body, const boost::json::object& base,
                                               bool is_update, std::vector<http::FieldError>& errors) {
  Fields f(body, errors);
  f.only({"name", "relationship", "phone", "email", "notes", "priority"});
  boost::json::object out = base;
  if (!is_update || f.present("name"))
    if (auto n = f.str("name", true, 1, 120)) out["name"] = *n;
  if (f.present("relationship")) {
    if (f.is_null("relationship")) out["relationship"] = nullptr;
    else if (auto r = f.str("relationship", false, 1, 60)) out["relationship"] = *r;
  } else if (!out.contains("relationship")) {
    out["relationship"] = nullptr;
  }
  if (!is_update || f.present("phone")) {
    if (auto p = f.str("phone", true, 1, 32)) {
      if (auto n = normalized_phone(*p)) out["phone"] = *n;
      else f.fail("phone", "must be in international form, e.g. +919812345678");
    }
  }
  if (f.present("email")) {
    if (f.is_null("email")) out["email"] = nullptr;
    else if (auto e = f.str("email", false, 0, 254)) {
      if (e->empty()) out["email"] = nullptr;
      else if (auto n = normalized_email(*e)) out["email"] = *n;
      else f.fail("email", "is not a valid email address");
    }
  } else if (!out.contains("email")) {
    out["email"] = nullptr;
  }
  if (f.present("notes")) {
    if (f.is_null("notes")) out["notes"] = "";
    else if (auto n = f.str("notes", false, 0, 1000)) out["notes"] = *n;
  } else if (!out.contains("notes")) {
    out["notes"] = "";
  }
  if (f.present("priority")) {
    if (f.is_null("priority")) out["priority"] = 1;
    else if (auto p = f.integer("priority", false, 1, 10)) out["priority"] = *p;
  } else if (!out.contains("priority")) {
    out["priority"] = 1;
  }
  return out;
}

// ---- pagination ----

std::string encode_cursor(const Cursor& c) { return security::base64url_encode(std::to_string(c.at) + "." + c.id); }

std::optional<Cursor> decode_cursor(std::string_view text) {
  if (text.empty() || text.size() > 200) return std::nullopt;
  auto raw = security::base64url_decode(text);
  if (!raw) return std::nullopt;
  size_t dot = raw->find('.');
  if (dot == std::string::npos || dot == 0 || dot > 18) return std::nullopt;
  Cursor c;
  for (size_t i = 0; i < dot; i++)
    if ((*raw)[i] < '0' || (*raw)[i] > '9') return std::nullopt;
  c.at = std::stoll(raw->substr(0, dot));
  c.id = raw->substr(dot + 1);
  if (c.id.empty() || c.id.size() > 64) return std::nullopt;
  for (char ch : c.id)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') return std::nullopt;
  return c;
}

PageRequest parse_page(const std::optional<std::string>& limit, const std::optional<std::string>& cursor,
                       std::vector<http::FieldError>& errors) {
  PageRequest p;
  if (limit) {
    int64_t n = 0;
    auto [ptr, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
    if (limit->empty() || ec != std::errc() || ptr != limit->data() + limit->size() || n < 1 || n > 100)
      errors.push_back({"limit", "must be an integer from 1 to 100"});
    else
      p.limit = n;
  }
  if (cursor && !cursor->empty()) {
    p.after = decode_cursor(*cursor);
    if (!p.after) errors.push_back({"cursor", "is not a cursor this API returned"});
  }
  return p;
}

// ---- ETag ----

std::string etag_of(int64_t version) { return "\"" + std::to_string(version) + "\""; }

std::optional<int64_t> parse_if_match(std::string_view h) {
  while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
  while (!h.empty() && h.back() == ' ') h.remove_suffix(1);
  if (h.starts_with("W/")) h.remove_prefix(2);
  if (h.size() >= 2 && h.front() == '"' && h.back() == '"') h = h.substr(1, h.size() - 2);
  if (h.empty() || h.size() > 18) return std::nullopt;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(h.data(), h.data() + h.size(), v);
  if (ec != std::errc() || ptr != h.data() + h.size() || v < 1) return std::nullopt;
  return v;
}

// ---- JSON text ----

namespace {
// True if one of the 8 bytes in `w` must be escaped in a JSON string: below 0x20, '"' or '\\'. Exact
// (SWAR: (x - 0x01..) & ~x & 0x80.. has a high bit set iff some byte of x is zero, and likewise below a
// bound up to 0x80); bytes of 0x80 and up (UTF-8) never match.
bool has_byte_to_escape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
  return (((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash)) & kHigh;
}

// A JSON string literal appended to `out`, escaped exactly like boost::json::serialize: '"' and '\\',
// \b \t \n \f \r, other control characters as \u00xx (lowercase hex); everything else (UTF-8 included)
// copied as is. Plain bytes are checked eight at a time and appended in runs (a history page writes ~80
// ids and names).
void write_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;
  while (p != end) {
    if (end - p >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      if (!has_byte_to_escape(w)) {
        p += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++p;
      continue;
    }
    out.append(run, p);
    run = ++p;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
        out.append(u, 6);
      }
    }
  }
  out.append(run, end);
  out += '"';
}

void write_object(std::string& out, const boost::json::object& o);

void write_json(std::string& out, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: out += "null"; break;
    case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case boost::json::kind::int64: {
      char buf[24];
      auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v.get_int64());
      out.append(buf, ptr);
      break;
    }
    case boost::json::kind::uint64: {
      char buf[24];
      auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v.get_uint64());
      out.append(buf, ptr);
      break;
    }
    case boost::json::kind::double_: {
      double d = v.get_double();
      if (!std::isfinite(d)) {
        out += "null";
        break;
      }
      char buf[64];
      auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, d);
      out.append(buf, ptr);
      break;
    }
    case boost::json::kind::string: write_string(out, v.get_string()); break;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write_json(out, e);
      }
      out += ']';
      break;
    }
    case boost::json::kind::object: write_object(out, v.get_object()); break;
  }
}

void write_object(std::string& out, const boost::json::object& o) {
  out += '{';
  bool first = true;
  for (const auto& kv : o) {
    if (!first) out += ',';
    first = false;
    write_string(out, kv.key());
    out += ':';
    write_json(out, kv.value());
  }
  out += '}';
}
}  // namespace

std::string to_json(const boost::json::value& v) {
  std::string out;
  out.reserve(256);
  write_json(out, v);
  return out;
}

std::string to_json(const boost::json::object& o) {
  std::string out;
  out.reserve(256);
  write_object(out, o);
  return out;
}

void append_json(std::string& out, const boost::json::value& v) { write_json(out, v); }
void append_json_string(std::string& out, std::string_view s) { write_string(out, s); }

}  // namespace kiorex::users
