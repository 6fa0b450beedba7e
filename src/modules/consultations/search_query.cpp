#include "modules/consultations/search_query.hpp"

#include <algorithm>
#include <bit>
#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/json/body.hpp"
#include "core/security/encoding.hpp"
#include "modules/consultations/doctor_rules.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations::search {

// ---- words ----

namespace {

// ASCII spellings of U+00C0 .. U+017F (Latin-1 Supplement and Latin Extended-A); "" for × and ÷.
const char* const kFold[] = {
    "a", "a", "a",  "a", "a", "a", "ae", "c",  "e", "e", "e",  "e",  "i", "i", "i",  "i",  "d", "n", "o",  "o",
    "o", "o", "o",  "",  "o", "u", "u",  "u",  "u", "y", "th", "ss", "a", "a", "a",  "a",  "a", "a", "ae", "c",
    "e", "e", "e",  "e", "i", "i", "i",  "i",  "d", "n", "o",  "o",  "o", "o", "o",  "",   "o", "u", "u",  "u",
    "u", "y", "th", "y", "a", "a", "a",  "a",  "a", "a", "c",  "c",  "c", "c", "c",  "c",  "c", "c", "d",  "d",
    "d", "d", "e",  "e", "e", "e", "e",  "e",  "e", "e", "e",  "e",  "g", "g", "g",  "g",  "g", "g", "g",  "g",
    "h", "h", "h",  "h", "i", "i", "i",  "i",  "i", "i", "i",  "i",  "i", "i", "ij", "ij", "j", "j", "k",  "k",
    "k", "l", "l",  "l", "l", "l", "l",  "l",  "l", "l", "l",  "n",  "n", "n", "n",  "n",  "n", "n", "n",  "n",
    "o", "o", "o",  "o", "o", "o", "oe", "oe", "r", "r", "r",  "r",  "r", "r", "s",  "s",  "s", "s", "s",  "s",
    "s", "s", "t",  "t", "t", "t", "t",  "t",  "u", "u", "u",  "u",  "u", "u", "u",  "u",  "u", "u", "u",  "u",
    "w", "w", "y",  "y", "y", "z", "z",  "z",  "z", "z", "z",  "s"};

// Length of the UTF-8 sequence starting with byte c (1 for a stray continuation byte).
size_t utf8_seq(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

// Punctuation and spaces outside ASCII that separate words (general punctuation, NBSP, CJK/fullwidth marks).
bool unicode_separator(uint32_t cp) {
  return cp == 0xA0 || (cp >= 0xA1 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xFEFF;
}

}  // namespace

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c))
        cur.push_back(static_cast<char>(std::tolower(c)));
      else
        flush();
      i++;
      continue;
    }
    size_t n = std::min(utf8_seq(c), text.size() - i);
    uint32_t cp = 0;
    if (n == 2)
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
    else if (n == 3)
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
    if (cp >= 0xC0 && cp < 0x180) {
      const char* f = kFold[cp - 0xC0];
      if (*f)
        cur += f;
      else
        flush();
    } else if (unicode_separator(cp) || n == 1) {
      flush();
    } else {
      cur.append(text.substr(i, n));  // a letter of another script, kept as it is
    }
    i += n;
  }
  flush();
  return out;
}

std::string normalized_text(std::string_view text) {
  std::string out;
  for (auto& w : words(text)) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

bool is_stopword(std::string_view w) {
  static const std::vector<std::string_view> kStop = {
      "a",  "an",  "and", "at",   "by",  "doctor", "doctors",  "dr",   "for",  "in",     "me",     "my",   "near", "of",
      "or", "the", "to",  "with", "who", "speaks", "speaking", "good", "best", "nearby", "around", "from", "on"};
  return std::find(kStop.begin(), kStop.end(), w) != kStop.end();
}

int edit_distance(std::string_view a, std::string_view b, int max) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > max) return max + 1;
  if (n == 0 || m == 0) return std::max(n, m) <= max ? std::max(n, m) : max + 1;
  // Three rows of the optimal-string-alignment table; a row whose smallest value exceeds max ends the walk.
  std::vector<int> prev2(static_cast<size_t>(m + 1)), prev(static_cast<size_t>(m + 1)), cur(static_cast<size_t>(m + 1));
  for (int j = 0; j <= m; j++) prev[static_cast<size_t>(j)] = j;
  for (int i = 1; i <= n; i++) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; j++) {
      const auto J = static_cast<size_t>(j);
      int cost = a[static_cast<size_t>(i - 1)] == b[J - 1] ? 0 : 1;
      int v = std::min({prev[J] + 1, cur[J - 1] + 1, prev[J - 1] + cost});
      if (i > 1 && j > 1 && a[static_cast<size_t>(i - 1)] == b[J - 2] && a[static_cast<size_t>(i - 2)] == b[J - 1])
        v = std::min(v, prev2[J - 2] + 1);
      cur[J] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max) return max + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[static_cast<size_t>(m)] <= max ? prev[static_cast<size_t>(m)] : max + 1;
}

int allowed_typos(size_t length) { return length <= 3 ? 0 : length <= 5 ? 1 : 2; }

namespace {

struct Guess {
  int distance;
  bool whole;
  int64_t count;
  const std::string* term;
};

// How close `term` is to the typed word `w`: as a whole word, or (for words of 5+ characters, which are
// often half typed) the closest of term's prefixes around |w| long. nullopt when neither is within reach.
std::optional<Guess> closeness(std::string_view w, const std::string& term, int64_t count) {
  const int allowed = allowed_typos(w.size());
  if (allowed == 0) return std::nullopt;
  int whole = edit_distance(w, term, allowed);
  if (whole <= allowed) return Guess{whole, true, count, &term};
  if (w.size() < 5 || term.size() <= w.size()) return std::nullopt;
  int best = allowed + 1;
  for (int k = -allowed; k <= allowed; k++) {
    long len = static_cast<long>(w.size()) + k;
    if (len < 3 || len >= static_cast<long>(term.size())) continue;
    best = std::min(best, edit_distance(w, std::string_view(term).substr(0, static_cast<size_t>(len)), allowed));
  }
  if (best <= allowed) return Guess{best, false, count, &term};
  return std::nullopt;
}

std::vector<std::string> best_of(std::vector<Guess>& found, size_t limit) {
  std::sort(found.begin(), found.end(), [](const Guess& x, const Guess& y) {
    if (x.distance != y.distance) return x.distance < y.distance;
    if (x.whole != y.whole) return x.whole;
    if (x.count != y.count) return x.count > y.count;
    return *x.term < *y.term;
  });
  std::vector<std::string> out;
  for (const auto& c : found) {
    if (out.size() >= limit) break;
    // Only the best distance: a 2-typo guess beside a 1-typo one is noise.
    if (c.distance != found.front().distance) break;
    out.push_back(*c.term);
  }
  return out;
}

}  // namespace

Vocabulary::Vocabulary(std::vector<std::pair<std::string, int64_t>> terms) : terms_(std::move(terms)) {
  std::sort(terms_.begin(), terms_.end());
}

bool Vocabulary::has_prefix(std::string_view w) const {
  auto it =
      std::lower_bound(terms_.begin(), terms_.end(), w, [](const auto& t, std::string_view v) { return t.first < v; });
  return it != terms_.end() && std::string_view(it->first).starts_with(w);
}

bool Vocabulary::contains(std::string_view w) const {
  auto it =
      std::lower_bound(terms_.begin(), terms_.end(), w, [](const auto& t, std::string_view v) { return t.first < v; });
  return it != terms_.end() && it->first == w;
}

std::vector<std::string> Vocabulary::corrections(std::string_view w, size_t limit) const {
  std::vector<Guess> found;
  for (const auto& [term, count] : terms_)
    if (auto c = closeness(w, term, count)) found.push_back(*c);
  return best_of(found, limit);
}

std::vector<std::string> pick_corrections(std::string_view w,
                                          const std::vector<std::pair<std::string, int64_t>>& candidates,
                                          size_t limit) {
  std::vector<Guess> found;
  for (const auto& [term, count] : candidates)
    if (auto c = closeness(w, term, count)) found.push_back(*c);
  return best_of(found, limit);
}

std::optional<std::string> fts5_match(const std::vector<QueryWord>& q) {
  // Explicit ANDs: FTS5 takes a bare space as AND between phrases only, not after a parenthesised group.
  std::string out;
  for (const auto& w : q) {
    if (!out.empty()) out += " AND ";
    if (w.prefix) {
      out += "\"" + w.word + "\"*";
      continue;
    }
    if (w.corrections.empty()) return std::nullopt;
    out += "(";
    for (size_t i = 0; i < w.corrections.size(); i++) out += (i ? " OR \"" : "\"") + w.corrections[i] + "\"";
    out += ")";
  }
  return out;
}

std::optional<std::string> pg_tsquery(const std::vector<QueryWord>& q) {
  std::string out;
  for (const auto& w : q) {
    if (!out.empty()) out += " & ";
    if (w.prefix) {
      out += w.word + ":*";
      continue;
    }
    if (w.corrections.empty()) return std::nullopt;
    out += "(";
    for (size_t i = 0; i < w.corrections.size(); i++) out += (i ? " | " : "") + w.corrections[i];
    out += ")";
  }
  return out;
}

// ---- parameters ----

std::string to_string(Sort s) {
  switch (s) {
    case Sort::relevance:
      return "relevance";
    case Sort::rating_desc:
      return "rating:desc";
    case Sort::fee_asc:
      return "fee:asc";
    case Sort::fee_desc:
      return "fee:desc";
    case Sort::distance:
      return "distance";
    case Sort::next_available:
      return "next_available";
  }
  return "rating:desc";
}

const std::vector<std::string>& result_fields() {
  static const std::vector<std::string> f = {"id",
                                             "name",
                                             "gender",
                                             "photo_ref",
                                             "specialties",
                                             "languages",
                                             "experience_years",
                                             "conditions",
                                             "consultation_types",
                                             "locations",
                                             "rating",
                                             "distance_km",
                                             "next_available_at"};
  return f;
}

namespace {

std::vector<std::string> comma_list(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::optional<int64_t> parse_int(const std::string& s) {
  int64_t v = 0;
  if (s.empty() || s.size() > 18) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_number(const std::string& s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+')) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

Params parse_params(const std::map<std::string, std::string>& query, const std::vector<std::string>& specialty_ids,
                    std::vector<http::FieldError>& errors) {
  Params p;
  auto fail = [&](const std::string& field, std::string message) { errors.push_back({field, std::move(message)}); };
  static const std::vector<std::string> known = {"q",         "specialty", "language",   "gender",       "type",
                                                 "fee_min",   "fee_max",   "rating_min", "available_on", "near",
                                                 "radius_km", "sort",      "limit",      "cursor",       "fields",
                                                 "currency"};
  std::optional<std::string> rating_text;
  std::string rating_field;
  for (const auto& [k, v] : query) {
    if (std::find(known.begin(), known.end(), k) != known.end()) continue;
    if (k.starts_with("rating>")) {
      // `rating>=4` arrives as key "rating>" = "4"; a bare `rating>4` as key "rating>4" without a value.
      std::string value = k.size() > 7 ? k.substr(7) : v;
      if (k.size() > 7 && !v.empty()) value.clear();
      if (rating_text) fail(k, "give the minimum rating once");
      rating_text = value;
      rating_field = k;
      continue;
    }
    fail(k.size() > 40 ? k.substr(0, 40) : k, "is not a search parameter");
  }
  auto get = [&](const char* k) -> std::optional<std::string> {
    auto it = query.find(k);
    if (it == query.end()) return std::nullopt;
    return it->second;
  };

  if (auto q = get("q")) {
    std::string t = *q;
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.erase(t.begin());
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
    if (!json::valid_text(t))
      fail("q", "must be valid text");
    else if (json::utf8_length(t) > 200)
      fail("q", "must be at most 200 characters");
    else {
      p.q = t;
      for (auto& w : words(t))
        if (!is_stopword(w) && w.size() <= 60 &&
            std::find(p.query_words.begin(), p.query_words.end(), w) == p.query_words.end())
          p.query_words.push_back(std::move(w));
      if (p.query_words.size() > 8) p.query_words.resize(8);
    }
  }
  if (auto s = get("specialty")) {
    auto list = comma_list(*s);
    if (list.empty() || list.size() > 10) fail("specialty", "must name 1 to 10 specialty ids, comma separated");
    for (const auto& id : list) {
      if (std::find(specialty_ids.begin(), specialty_ids.end(), id) == specialty_ids.end()) {
        fail("specialty", "is not a specialty id (see GET /v1/consultations/specialties): " + id.substr(0, 60));
        continue;
      }
      if (std::find(p.specialties.begin(), p.specialties.end(), id) == p.specialties.end()) p.specialties.push_back(id);
    }
  }
  if (auto s = get("language")) {
    auto list = comma_list(*s);
    if (list.empty() || list.size() > 10) fail("language", "must name 1 to 10 language codes, comma separated");
    for (const auto& l : list) {
      if (!users::valid_language_tag(l)) {
        fail("language", "must be BCP 47 language codes such as en, hi or pt-BR");
        continue;
      }
      std::string n = normalize_language(l);
      if (std::find(p.languages.begin(), p.languages.end(), n) == p.languages.end()) p.languages.push_back(n);
    }
  }
  if (auto g = get("gender")) {
    if (*g == "female" || *g == "male" || *g == "other" || *g == "undisclosed")
      p.gender = *g;
    else
      fail("gender", "must be one of: female, male, other, undisclosed");
  }
  if (auto t = get("type")) {
    if (*t == "video" || *t == "clinic")
      p.type = *t;
    else
      fail("type", "must be video or clinic");
  }
  for (const char* k : {"fee_min", "fee_max"}) {
    if (auto v = get(k)) {
      auto n = parse_int(*v);
      if (!n || *n < 0 || *n > 10000000)
        fail(k, "must be an integer from 0 to 10000000 (minor units)");
      else
        (std::string(k) == "fee_min" ? p.fee_min : p.fee_max) = n;
    }
  }
  if (p.fee_min && p.fee_max && *p.fee_min > *p.fee_max) fail("fee_max", "must not be below fee_min");
  if (auto r = get("rating_min")) {
    if (rating_text) fail("rating_min", "give the minimum rating once (rating_min or rating>)");
    rating_text = *r;
    rating_field = "rating_min";
  }
  if (rating_text) {
    auto n = parse_number(*rating_text);
    if (!n || *n < 0 || *n > 5)
      fail(rating_field, "must be a number from 0 to 5");
    else
      p.rating_min = n;
  }
  if (auto d = get("available_on")) {
    if (users::valid_date(*d))
      p.available_on = *d;
    else
      fail("available_on", "must be a date YYYY-MM-DD");
  }
  if (auto n = get("near")) {
    auto parts = comma_list(*n);
    std::optional<double> lat, lng;
    if (parts.size() == 2) {
      lat = parse_number(parts[0]);
      lng = parse_number(parts[1]);
    }
    if (!lat || !lng || *lat < -90 || *lat > 90 || *lng < -180 || *lng > 180)
      fail("near", "must be latitude,longitude in degrees (e.g. 28.61,77.21)");
    else {
      p.lat = lat;
      p.lng = lng;
    }
  }
  if (auto r = get("radius_km")) {
    auto n = parse_number(*r);
    if (!n || *n <= 0 || *n > 500)
      fail("radius_km", "must be a number above 0 and at most 500");
    else if (!get("near"))
      fail("radius_km", "needs near");
    else
      p.radius_km = *n;
  }
  p.sort = p.has_text() ? Sort::relevance : Sort::rating_desc;
  if (auto s = get("sort")) {
    static const std::vector<std::pair<std::string, Sort>> sorts = {
        {"relevance", Sort::relevance}, {"rating:desc", Sort::rating_desc}, {"fee:asc", Sort::fee_asc},
        {"fee:desc", Sort::fee_desc},   {"distance", Sort::distance},       {"next_available", Sort::next_available}};
    auto it = std::find_if(sorts.begin(), sorts.end(), [&](const auto& e) { return e.first == *s; });
    if (it == sorts.end())
      fail("sort", "must be one of: relevance, rating:desc, fee:asc, fee:desc, distance, next_available");
    else if (it->second == Sort::distance && !get("near"))
      fail("sort", "distance needs near");
    else if (it->second == Sort::relevance && !get("q"))
      fail("sort", "relevance needs q");
    else
      p.sort = it->second;
  }
  if (auto c = get("currency")) {
    if (valid_currency(*c))
      p.currency = *c;
    else
      fail("currency", "must be an ISO 4217 currency code such as INR, USD or GBP");
  }
  // Fees compare only within one currency: a fee filter or sort says which one (the web app sends the
  // patient's, from their profile country or their choice).
  if (p.currency.empty() && !get("currency") && p.compares_fees())
    fail("currency", "is needed to compare fees (fee_min, fee_max, sort=fee:…): fees in different currencies do not "
                     "compare, so give the currency they are in, e.g. currency=INR");
  if (auto l = get("limit")) {
    auto n = parse_int(*l);
    if (!n || *n < 1 || *n > 100)
      fail("limit", "must be an integer from 1 to 100");
    else
      p.limit = static_cast<int>(*n);
  }
  if (auto c = get("cursor")) {
    if (c->empty() || c->size() > 512)
      fail("cursor", "is not a cursor this API returned");
    else
      p.cursor = *c;
  }
  if (auto f = get("fields")) {
    auto list = comma_list(*f);
    if (list.empty()) fail("fields", "must name fields, comma separated");
    for (const auto& name : list) {
      const auto& all = result_fields();
      if (std::find(all.begin(), all.end(), name) == all.end())
        fail("fields", "has an unknown field: " + name.substr(0, 60));
      else if (std::find(p.fields.begin(), p.fields.end(), name) == p.fields.end())
        p.fields.push_back(name);
    }
    if (!p.fields.empty() && std::find(p.fields.begin(), p.fields.end(), "id") == p.fields.end())
      p.fields.insert(p.fields.begin(), "id");
  }
  return p;
}

std::string filter_key(const Params& p) {
  auto joined = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
    return out;
  };
  std::string k = "q=" + joined(p.query_words) + "|s=" + joined(p.specialties) + "|l=" + joined(p.languages) +
                  "|g=" + p.gender + "|t=" + p.type;
  k += "|fmin=" + (p.fee_min ? std::to_string(*p.fee_min) : "") +
       "|fmax=" + (p.fee_max ? std::to_string(*p.fee_max) : "");
  k += "|r=" + (p.rating_min ? number_text(*p.rating_min) : "") + "|d=" + p.available_on;
  k += "|c=" + (p.compares_fees() ? p.currency : std::string());
  if (p.near()) k += "|near=" + number_text(*p.lat) + "," + number_text(*p.lng) + "," + number_text(p.radius_km);
  return k;
}

// ---- ordering ----

namespace {
template <typename T>
int cmp(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}
bool text_relevance(Sort s, bool has_text) { return s == Sort::relevance && has_text; }
}  // namespace

int compare(const Candidate& a, const Candidate& b, Sort s, bool has_text) {
  int c = 0;
  switch (s) {
    case Sort::relevance:
      if (has_text) {
        if ((c = cmp(a.score, b.score))) return c;
        if ((c = cmp(b.rating_score, a.rating_score))) return c;
        break;
      }
      [[fallthrough]];
    case Sort::rating_desc:
      if ((c = cmp(b.rating_score, a.rating_score))) return c;
      if ((c = cmp(b.rating_count, a.rating_count))) return c;
      break;
    case Sort::fee_asc:
      if ((c = cmp(a.fee_low, b.fee_low))) return c;
      break;
    case Sort::fee_desc:
      if ((c = cmp(b.fee_high, a.fee_high))) return c;
      break;
    case Sort::distance:
      if ((c = cmp(a.dist, b.dist))) return c;
      break;
    case Sort::next_available:
      if ((c = cmp(a.next, b.next))) return c;
      if ((c = cmp(b.rating_score, a.rating_score))) return c;
      break;
  }
  return a.id.compare(b.id) < 0 ? -1 : (a.id == b.id ? 0 : 1);
}

std::vector<db::Value> cursor_keys(const Candidate& c, Sort s, bool has_text) {
  if (text_relevance(s, has_text)) return {c.score, c.rating_score};
  switch (s) {
    case Sort::relevance:
    case Sort::rating_desc:
      return {c.rating_score, c.rating_count};
    case Sort::fee_asc:
      return {c.fee_low};
    case Sort::fee_desc:
      return {c.fee_high};
    case Sort::distance:
      return {c.dist};
    case Sort::next_available:
      return {c.next, c.rating_score};
  }
  return {};
}

std::optional<Candidate> candidate_at(const std::vector<db::Value>& keys, const std::string& id, Sort s,
                                      bool has_text) {
  auto dbl = [&](size_t i) -> std::optional<double> {
    if (i >= keys.size()) return std::nullopt;
    if (auto d = std::get_if<double>(&keys[i])) return *d;  // a double key is a double, never an integer
    return std::nullopt;
  };
  auto num = [&](size_t i) -> std::optional<int64_t> {
    if (i >= keys.size()) return std::nullopt;
    if (auto n = std::get_if<int64_t>(&keys[i])) return *n;
    return std::nullopt;
  };
  Candidate c;
  c.id = id;
  const size_t want = cursor_keys(c, s, has_text).size();
  if (keys.size() != want) return std::nullopt;
  if (text_relevance(s, has_text)) {
    auto a = dbl(0), b = dbl(1);
    if (!a || !b) return std::nullopt;
    c.score = *a;
    c.rating_score = *b;
    return c;
  }
  switch (s) {
    case Sort::relevance:
    case Sort::rating_desc: {
      auto a = dbl(0);
      auto b = num(1);
      if (!a || !b) return std::nullopt;
      c.rating_score = *a;
      c.rating_count = *b;
      return c;
    }
    case Sort::fee_asc:
    case Sort::fee_desc: {
      auto a = num(0);
      if (!a) return std::nullopt;
      c.fee_low = c.fee_high = *a;
      return c;
    }
    case Sort::distance: {
      auto a = dbl(0);
      if (!a) return std::nullopt;
      c.dist = *a;
      return c;
    }
    case Sort::next_available: {
      auto a = num(0);
      auto b = dbl(1);
      if (!a || !b) return std::nullopt;
      c.next = *a;
      c.rating_score = *b;
      return c;
    }
  }
  return std::nullopt;
}

// ---- cursor ----

uint64_t fingerprint(std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

namespace {

std::string hex64(uint64_t v) {
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(v));
  return out;
}

// A double as the 16 hex digits of its bits, and back (nullopt for anything else or a non-finite value).
std::string double_key(double v) { return hex64(std::bit_cast<uint64_t>(v)); }
// 16 hex digits back to their number (nullopt for anything else).
std::optional<uint64_t> of_hex64(std::string_view hex) {
  uint64_t n = 0;
  if (hex.size() != 16) return std::nullopt;
  auto [p, e] = std::from_chars(hex.data(), hex.data() + hex.size(), n, 16);
  if (e != std::errc() || p != hex.data() + hex.size()) return std::nullopt;
  return n;
}
std::optional<double> double_of_key(std::string_view hex) {
  auto bits = of_hex64(hex);
  if (!bits) return std::nullopt;
  const double v = std::bit_cast<double>(*bits);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

// The check value of a cursor's members (each length-prefixed, so no two cursors share a text).
std::string cursor_check(const std::string& sort, const std::string& fp, const boost::json::array& keys,
                         const std::string& id) {
  std::string text = "kiorex.search.cursor.v2";
  for (const std::string& part : {sort, fp, std::string(boost::json::serialize(keys)), id})
    text += "|" + std::to_string(part.size()) + ":" + part;
  return hex64(fingerprint(text));
}

}  // namespace

std::string encode_cursor(const Cursor& c) {
  boost::json::array keys;
  for (const auto& k : c.keys) {
    if (auto i = std::get_if<int64_t>(&k))
      keys.emplace_back(*i);
    else if (auto d = std::get_if<double>(&k))
      keys.emplace_back(double_key(*d));
    else
      keys.emplace_back(nullptr);
  }
  const std::string fp = hex64(c.fingerprint);
  const std::string check = cursor_check(c.sort, fp, keys, c.id);
  boost::json::object o{{"s", c.sort}, {"f", fp}, {"k", std::move(keys)}, {"i", c.id}, {"c", check}};
  return security::base64url_encode(boost::json::serialize(o));
}

std::optional<Cursor> decode_cursor(std::string_view text) {
  if (text.empty() || text.size() > 512) return std::nullopt;
  auto raw = security::base64url_decode(text);
  if (!raw) return std::nullopt;
  boost::system::error_code ec;
  auto v = boost::json::parse(*raw, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  const auto* s = o.if_contains("s");
  const auto* f = o.if_contains("f");
  const auto* k = o.if_contains("k");
  const auto* i = o.if_contains("i");
  const auto* check = o.if_contains("c");
  if (!s || !s->is_string() || !f || !f->is_string() || !k || !k->is_array() || !i || !i->is_string() || !check ||
      !check->is_string())
    return std::nullopt;
  if (o.size() != 5 || k->as_array().size() > 4) return std::nullopt;
  Cursor c;
  c.sort = std::string(s->as_string());
  std::string fp(f->as_string());
  c.id = std::string(i->as_string());
  if (std::string(check->as_string()) != cursor_check(c.sort, fp, k->as_array(), c.id)) return std::nullopt;
  auto fingerprint_value = of_hex64(fp);
  if (!fingerprint_value) return std::nullopt;
  c.fingerprint = *fingerprint_value;
  for (const auto& key : k->as_array()) {
    if (key.is_int64()) {
      c.keys.emplace_back(key.as_int64());
    } else if (key.is_uint64() && key.as_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
      c.keys.emplace_back(static_cast<int64_t>(key.as_uint64()));
    } else if (key.is_string()) {
      auto d = double_of_key(key.as_string());
      if (!d) return std::nullopt;
      c.keys.emplace_back(*d);
    } else {
      return std::nullopt;
    }
  }
  if (c.id.empty() || c.id.size() > 64) return std::nullopt;
  for (char ch : c.id)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') return std::nullopt;
  return c;
}

// ---- distance ----

namespace {
constexpr double kEarthRadiusKm = 6371.0088;  // mean radius (IUGG)
constexpr double kPi = 3.14159265358979323846;
double rad(double deg) { return deg * kPi / 180.0; }
}  // namespace

double haversine_km(double lat1, double lng1, double lat2, double lng2) {
  double dlat = rad(lat2 - lat1), dlng = rad(lng2 - lng1);
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(rad(lat1)) * std::cos(rad(lat2)) * std::sin(dlng / 2) * std::sin(dlng / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

Box bounding_box(double lat, double lng, double radius_km) {
  // A degree of latitude is the same length everywhere; a degree of longitude shrinks with cos(latitude),
  // so the box is widest at the box's edge nearer the pole. A little margin covers rounding.
  const double dlat = radius_km / (kEarthRadiusKm * kPi / 180.0) * 1.001;
  Box b{lat - dlat, lat + dlat, -180, 180};
  if (b.max_lat >= 90 || b.min_lat <= -90) {
    b.all_lng = true;
    b.min_lat = std::max(b.min_lat, -90.0);
    b.max_lat = std::min(b.max_lat, 90.0);
    return b;
  }
  const double widest = std::max(std::fabs(b.min_lat), std::fabs(b.max_lat));
  const double dlng = dlat / std::cos(rad(widest));
  if (dlng >= 180) {
    b.all_lng = true;
    return b;
  }
  b.min_lng = lng - dlng;
  b.max_lng = lng + dlng;
  if (b.min_lng < -180) {
    b.min_lng += 360;
    b.lng_wraps = true;
  } else if (b.max_lng > 180) {
    b.max_lng -= 360;
    b.lng_wraps = true;
  }
  return b;
}

}  // namespace kiorex::consultations::search
