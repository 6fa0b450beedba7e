#pragma once
// The pure rules of doctor search (no database, no HTTP): how text becomes index words, how a typed word is
// matched (prefix as you type, or corrected when no indexed word starts with it), the query parameters of
// GET /v1/consultations/doctors, and the opaque cursor. Unit-tested in search_test.cpp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.hpp"
#include "core/http/problem.hpp"

namespace kiorex::consultations::search {

// ---- words ----

// The words of a text as the index stores them and queries look them up: split at everything that is not a
// letter or digit, ASCII lowercased, common Latin accents folded ("José" -> "jose"), other scripts kept as
// they are. Both dialects index these words (joined by spaces), so SQLite and PostgreSQL agree on them.
std::vector<std::string> words(std::string_view text);
std::string normalized_text(std::string_view text);  // words joined by single spaces

// Words that say nothing about which doctor is meant ("dr", "doctor", "near", "me", "in", ...).
bool is_stopword(std::string_view word);

// Optimal string alignment distance (insertions, deletions, substitutions and adjacent transpositions, in
// bytes), or max + 1 as soon as it is certain to exceed max.
int edit_distance(std::string_view a, std::string_view b, int max);
// How many typos a word of this length may carry: none up to 3 characters, 1 up to 5, then 2.
int allowed_typos(size_t length);

// The indexed words with how many doctors use each, sorted by word: answers "does any word start with w"
// and finds the closest words to one that matches nothing.
class Vocabulary {
 public:
  Vocabulary() = default;
  explicit Vocabulary(std::vector<std::pair<std::string, int64_t>> terms);  // any order
  bool has_prefix(std::string_view w) const;
  bool contains(std::string_view w) const;
  size_t size() const { return terms_.size(); }
  // Words within allowed_typos(w) of w, or whose first |w| characters are (a word being typed with a typo),
  // best first: fewer typos, then whole-word matches, then more doctors; at most `limit`.
  std::vector<std::string> corrections(std::string_view w, size_t limit) const;

 private:
  std::vector<std::pair<std::string, int64_t>> terms_;
};

// Picks corrections for w among candidate words (e.g. found by pg_trgm), with the same rules and order as
// Vocabulary::corrections.
std::vector<std::string> pick_corrections(std::string_view w,
                                          const std::vector<std::pair<std::string, int64_t>>& candidates, size_t limit);

// One word of the query as it is looked up: as a prefix when some indexed word starts with it, else as one
// of its corrections (whole words); a word with neither matches nothing.
struct QueryWord {
  std::string word;
  bool prefix = true;
  std::vector<std::string> corrections;  // used when !prefix
};

// The text query for each dialect, every word required (AND). nullopt when a word can match nothing.
std::optional<std::string> fts5_match(const std::vector<QueryWord>& q);
std::optional<std::string> pg_tsquery(const std::vector<QueryWord>& q);

// ---- parameters ----

enum class Sort { relevance, rating_desc, fee_asc, fee_desc, distance, next_available };
std::string to_string(Sort s);

struct Params {
  std::string q;                         // as given, trimmed ("" = no text)
  std::vector<std::string> query_words;  // its words without stopwords
  std::vector<std::string> specialties;  // any of (ids); empty = no filter
  std::vector<std::string> languages;    // any of (lowercased primary subtag form as stored)
  std::string gender, type;
  std::optional<int64_t> fee_min, fee_max;
  std::optional<double> rating_min;
  std::string available_on;  // YYYY-MM-DD
  std::optional<double> lat, lng;
  double radius_km = 25;
  Sort sort = Sort::rating_desc;
  int limit = 20;
  std::string cursor;               // raw, decoded against the query's fingerprint
  std::string currency;             // ISO 4217: fees are compared in it (fee filters and sorts need it)
  std::vector<std::string> fields;  // empty = all
  bool has_text() const { return !q.empty(); }
  bool near() const { return lat.has_value(); }
  // Whether the search compares fees (a fee filter or a fee sort): then only doctors charging in `currency`
  // take part, since fees in different currencies do not compare.
  bool compares_fees() const { return fee_min || fee_max || sort == Sort::fee_asc || sort == Sort::fee_desc; }
};

// Reads the query string, collecting every bad parameter (422 field list). `specialty_ids` is the seeded
// list (unknown ids are errors). Also accepts the mission's `rating>4` form (key "rating>4" with no value, or
// key "rating>" with value "4": `?rating>=4` in a URL), meaning rating_min=4.
Params parse_params(const std::map<std::string, std::string>& query, const std::vector<std::string>& specialty_ids,
                    std::vector<http::FieldError>& errors);

// Top-level members of a search result that `fields=` may keep.
const std::vector<std::string>& result_fields();

// The filters as one canonical text (q words, then every filter; not sort/limit/cursor/fields): the key of
// the result cache (search_index.hpp), and what a cursor is bound to.
std::string filter_key(const Params& p);

// ---- ordering ----

// A matching doctor as the result cache holds it: what every sort orders by.
struct Candidate {
  std::string id;
  double score = 0;         // relevance, lower is better (0 without text)
  double rating_score = 0;  // the Bayesian average "Highest rated" ranks by (search_rating.hpp)
  int64_t rating_count = 0;
  int64_t fee_low = 0, fee_high = 0;  // the chosen type's fee, else the lower / higher of the doctor's fees
  int64_t next = 0;                   // next free slot (epoch ms), kNoSlot when none
  double dist = 0;                    // km from `near` (0 without it)
};
inline constexpr int64_t kNoSlot = 9000000000000000;

// The sorts' orders, each ending with the id so every order is total:
//   relevance (with text): score, then rating_score (high first); without text like rating:desc
//   rating:desc: rating_score, then number of ratings (high first); fee:asc fee_low; fee:desc fee_high (high
//   first); distance: dist; next_available: next, then rating_score (high first)
// compare() < 0 when a comes first.
int compare(const Candidate& a, const Candidate& b, Sort s, bool has_text);
// The keys a cursor stores for a candidate (before the id), and a candidate made back from a cursor's keys
// (nullopt when they do not fit the sort: a forged or foreign cursor).
std::vector<db::Value> cursor_keys(const Candidate& c, Sort s, bool has_text);
std::optional<Candidate> candidate_at(const std::vector<db::Value>& keys, const std::string& id, Sort s, bool has_text);

// ---- cursor ----

// Where a page ended: the sort it belongs to, a fingerprint of the filters, the last item's sort keys and id.
// The keys travel exactly as the sort compared them: an integer as a JSON integer, a double as the 16 hex
// digits of its IEEE 754 bits (a decimal text would come back a bit off, and the next page would then
// start before or after the last item shown: a doctor repeated or skipped at the boundary). A check value
// over the whole cursor refuses one edited by hand (it grants nothing: any position is a search anyone may
// make, so this is a checksum, not a signature).
struct Cursor {
  std::string sort;
  uint64_t fingerprint = 0;
  std::vector<db::Value> keys;  // int64 or double
  std::string id;
};
std::string encode_cursor(const Cursor& c);
std::optional<Cursor> decode_cursor(std::string_view text);
uint64_t fingerprint(std::string_view text);  // FNV-1a 64: the same in every process

// ---- distance ----

double haversine_km(double lat1, double lng1, double lat2, double lng2);
// The box around (lat, lng) that holds every point within radius_km (lng_wraps: the box crosses ±180°).
struct Box {
  double min_lat, max_lat, min_lng, max_lng;
  bool all_lng = false;  // near a pole: every longitude
  bool lng_wraps = false;
};
Box bounding_box(double lat, double lng, double radius_km);

}  // namespace kiorex::consultations::search
