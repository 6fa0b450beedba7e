// The pure rules of doctor search: words, typo correction, the text query per dialect, parameters, cursor,
// distance.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>

#include "core/security/encoding.hpp"
#include "modules/consultations/search_query.hpp"
#include "modules/consultations/search_rating.hpp"

namespace kiorex::consultations::search {
namespace {

TEST(SearchWords, SplitLowercaseAndFoldAccents) {
  EXPECT_EQ(words("Dr. Asha RAO, skin-specialist (New Delhi)"),
            (std::vector<std::string>{"dr", "asha", "rao", "skin", "specialist", "new", "delhi"}));
  EXPECT_EQ(words("José Müller-Łukasz Ærø straße"),
            (std::vector<std::string>{"jose", "muller", "lukasz", "aero", "strasse"}));
  EXPECT_EQ(words("COVID-19 ×2"), (std::vector<std::string>{"covid", "19", "2"}));
  // Letters of other scripts stay words; punctuation outside ASCII separates.
  EXPECT_EQ(words("त्वचा — डॉक्टर"), (std::vector<std::string>{"त्वचा", "डॉक्टर"}));
  EXPECT_EQ(normalized_text("  Skin   Specialist "), "skin specialist");
  EXPECT_TRUE(words("  ,;  ").empty());
}

TEST(SearchWords, Stopwords) {
  EXPECT_TRUE(is_stopword("dr"));
  EXPECT_TRUE(is_stopword("near"));
  EXPECT_FALSE(is_stopword("derm"));
  EXPECT_FALSE(is_stopword("specialist"));
}

TEST(EditDistance, CountsTyposAndStopsEarly) {
  EXPECT_EQ(edit_distance("dermatolgist", "dermatologist", 2), 1);  // a missing letter
  EXPECT_EQ(edit_distance("cardoilogist", "cardiologist", 2), 1);   // two letters swapped
  EXPECT_EQ(edit_distance("acme", "acne", 1), 1);
  EXPECT_EQ(edit_distance("same", "same", 0), 0);
  EXPECT_EQ(edit_distance("kitten", "sitting", 2), 3);  // over the limit: limit + 1
  EXPECT_EQ(edit_distance("a", "abcdef", 2), 3);
  EXPECT_EQ(edit_distance("", "ab", 2), 2);
  EXPECT_EQ(allowed_typos(3), 0);
  EXPECT_EQ(allowed_typos(4), 1);
  EXPECT_EQ(allowed_typos(5), 1);
  EXPECT_EQ(allowed_typos(12), 2);
}

Vocabulary sample() {
  return Vocabulary({{"dermatologist", 120},
                     {"dermatology", 120},
                     {"dermatitis", 15},
                     {"cardiology", 80},
                     {"cardiologist", 80},
                     {"acne", 60},
                     {"delhi", 40},
                     {"asha", 3},
                     {"eczema", 30},
                     {"ache", 2}});
}

TEST(Vocabulary, PrefixesAndCorrections) {
  Vocabulary v = sample();
  EXPECT_TRUE(v.has_prefix("derm"));
  EXPECT_TRUE(v.has_prefix("dermatologist"));
  EXPECT_FALSE(v.has_prefix("dermatolgist"));
  EXPECT_TRUE(v.contains("acne"));
  EXPECT_FALSE(v.contains("acn"));
  EXPECT_EQ(v.corrections("dermatolgist", 3), std::vector<std::string>{"dermatologist"});
  EXPECT_EQ(v.corrections("cardoilogist", 3), std::vector<std::string>{"cardiologist"});
  // Two words at the same distance: both, more doctors first.
  EXPECT_EQ(v.corrections("acme", 3), (std::vector<std::string>{"acne", "ache"}));
  // A half-typed word with a typo matches words it begins like.
  auto half = v.corrections("dermotolo", 3);
  ASSERT_FALSE(half.empty());
  EXPECT_TRUE(half[0] == "dermatologist" || half[0] == "dermatology");
  // Short words are never corrected; far-off words find nothing.
  EXPECT_TRUE(v.corrections("xyz", 3).empty());
  EXPECT_TRUE(v.corrections("plumbing", 3).empty());
  // pick_corrections applies the same rules to candidates found elsewhere (pg_trgm).
  EXPECT_EQ(pick_corrections("dermatolgist", {{"dermatologist", 5}, {"hematologist", 9}, {"dermatology", 5}}, 3),
            std::vector<std::string>{"dermatologist"});
}

TEST(TextQuery, BothDialects) {
  std::vector<QueryWord> q = {{"derm", true, {}}, {"dilhi", false, {"delhi"}}, {"acme", false, {"acne", "ache"}}};
  EXPECT_EQ(fts5_match(q), std::optional<std::string>(R"("derm"* AND ("delhi") AND ("acne" OR "ache"))"));
  EXPECT_EQ(pg_tsquery(q), std::optional<std::string>("derm:* & (delhi) & (acne | ache)"));
  std::vector<QueryWord> none = {{"derm", true, {}}, {"zzzzzz", false, {}}};
  EXPECT_FALSE(fts5_match(none));
  EXPECT_FALSE(pg_tsquery(none));
}

std::map<std::string, std::string> Q(std::initializer_list<std::pair<const std::string, std::string>> l) { return l; }
const std::vector<std::string> kIds = {"dermatology", "cardiology", "pediatrics"};

TEST(SearchParams, DefaultsAndEveryFilter) {
  std::vector<http::FieldError> e;
  auto p = parse_params({}, kIds, e);
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(p.sort, Sort::rating_desc);
  EXPECT_EQ(p.limit, 20);
  p = parse_params(Q({{"q", "  Dr Skin specialist near me "},
                      {"specialty", "dermatology,cardiology"},
                      {"language", "EN-in,hi"},
                      {"gender", "female"},
                      {"type", "video"},
                      {"fee_min", "100"},
                      {"fee_max", "90000"},
                      {"currency", "INR"},
                      {"rating_min", "4.5"},
                      {"available_on", "2026-12-01"},
                      {"near", "28.61, 77.21"},
                      {"radius_km", "10"},
                      {"limit", "5"},
                      {"fields", "name,rating"}}),
                   kIds, e);
  EXPECT_TRUE(e.empty()) << e.front().field;
  EXPECT_EQ(p.sort, Sort::relevance) << "text makes relevance the default";
  EXPECT_EQ(p.query_words, (std::vector<std::string>{"skin", "specialist"}));
  EXPECT_EQ(p.specialties, (std::vector<std::string>{"dermatology", "cardiology"}));
  EXPECT_EQ(p.languages, (std::vector<std::string>{"en-IN", "hi"}));
  EXPECT_EQ(*p.fee_min, 100);
  EXPECT_DOUBLE_EQ(*p.rating_min, 4.5);
  EXPECT_DOUBLE_EQ(*p.lat, 28.61);
  EXPECT_DOUBLE_EQ(p.radius_km, 10);
  EXPECT_EQ(p.fields, (std::vector<std::string>{"id", "name", "rating"}));
}

TEST(SearchParams, TheMissionsRatingForm) {
  std::vector<http::FieldError> e;
  auto p = parse_params(Q({{"specialty", "cardiology"}, {"rating>4", ""}}), kIds, e);  // ?specialty=cardiology&rating>4
  EXPECT_TRUE(e.empty());
  EXPECT_DOUBLE_EQ(p.rating_min.value_or(-1), 4);
  p = parse_params(Q({{"rating>", "3.5"}}), kIds, e);  // ?rating>=3.5
  EXPECT_TRUE(e.empty());
  EXPECT_DOUBLE_EQ(p.rating_min.value_or(-1), 3.5);
  parse_params(Q({{"rating>9", ""}}), kIds, e);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "rating>9");
  e.clear();
  parse_params(Q({{"rating>4", ""}, {"rating_min", "3"}}), kIds, e);
  EXPECT_EQ(e.size(), 1u) << "one minimum only";
}

TEST(SearchParams, EveryBadParameterIsNamed) {
  std::vector<http::FieldError> e;
  parse_params(Q({{"specialty", "astrology"},
                  {"language", "e"},
                  {"gender", "x"},
                  {"type", "phone"},
                  {"fee_min", "-1"},
                  {"fee_max", "abc"},
                  {"rating_min", "6"},
                  {"available_on", "2026-02-30"},
                  {"near", "91,0"},
                  {"sort", "price"},
                  {"limit", "0"},
                  {"fields", "name,ssn"},
                  {"specialities", "x"}}),
               kIds, e);
  std::vector<std::string> fields;
  for (const auto& f : e) fields.push_back(f.field);
  for (const char* want : {"specialty", "language", "gender", "type", "fee_min", "fee_max", "rating_min",
                           "available_on", "near", "sort", "limit", "fields", "specialities"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), want), fields.end()) << want;
  e.clear();
  parse_params(Q({{"sort", "distance"}}), kIds, e);
  EXPECT_EQ(e.size(), 1u) << "distance needs near";
  e.clear();
  parse_params(Q({{"sort", "relevance"}}), kIds, e);
  EXPECT_EQ(e.size(), 1u) << "relevance needs q";
  e.clear();
  parse_params(Q({{"radius_km", "5"}}), kIds, e);
  EXPECT_EQ(e.size(), 1u) << "radius needs near";
  e.clear();
  parse_params(Q({{"fee_min", "500"}, {"fee_max", "100"}, {"currency", "INR"}}), kIds, e);
  EXPECT_EQ(e.size(), 1u);
}

TEST(SearchParams, FilterKeyIgnoresPagingAndOrder) {
  std::vector<http::FieldError> e;
  auto a = parse_params(Q({{"q", "Skin doctor"}, {"specialty", "dermatology,cardiology"}, {"limit", "5"}}), kIds, e);
  auto b = parse_params(Q({{"q", "skin"}, {"specialty", "cardiology,dermatology"}, {"sort", "fee:asc"}}), kIds, e);
  auto c = parse_params(Q({{"q", "skin"}, {"specialty", "cardiology"}}), kIds, e);
  EXPECT_EQ(filter_key(a), filter_key(b));
  EXPECT_NE(filter_key(a), filter_key(c));
}

TEST(SearchCursor, RoundTripsAndRejectsForgeries) {
  Cursor c{"relevance",
           fingerprint("q=derm"),
           {db::Value(-3.0000000000000004e-06), db::Value(4.6), db::Value(int64_t{31})},
           "usr_01hzx3k8q2d5e7f9g1h3j5k7m9"};
  auto text = encode_cursor(c);
  auto back = decode_cursor(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->sort, c.sort);
  EXPECT_EQ(back->fingerprint, c.fingerprint);
  EXPECT_EQ(back->id, c.id);
  ASSERT_EQ(back->keys.size(), 3u);
  EXPECT_EQ(std::get<double>(back->keys[0]), -3.0000000000000004e-06) << "doubles survive exactly";
  EXPECT_EQ(std::get<double>(back->keys[1]), 4.6);
  EXPECT_EQ(std::get<int64_t>(back->keys[2]), 31);
  EXPECT_FALSE(decode_cursor(""));
  EXPECT_FALSE(decode_cursor("not base64 !"));
  EXPECT_FALSE(decode_cursor("eyJhIjoxfQ"));  // {"a":1}
  // An id with SQL in it is refused (ids are only letters, digits and _).
  Cursor bad = c;
  bad.id = "x' OR 1=1 --";
  EXPECT_FALSE(decode_cursor(encode_cursor(bad)));
  EXPECT_NE(fingerprint("a"), fingerprint("b"));
  EXPECT_EQ(fingerprint("q=derm"), fingerprint("q=derm"));
}

TEST(SearchCursor, EveryDoubleComesBackExactly) {
  // Averages, Bayesian scores, distances and bm25 scores are doubles with long expansions; a cursor that
  // brought one back a bit off put the next page's start before the last item shown (a repeat).
  std::vector<double> values = {4.0 / 3, 44.0 / 9, 4.859 / 7, 1e-300, -0.0, 0.1 + 0.2, 12742.0176 * 0.123456789};
  for (int n = 1; n < 400; n++) values.push_back((40.0 + 4.87 * n) / (10 + n));
  for (double v : values) {
    Cursor c{"rating:desc", 7, {db::Value(v), db::Value(int64_t{3})}, "usr_x"};
    auto back = decode_cursor(encode_cursor(c));
    ASSERT_TRUE(back);
    EXPECT_EQ(std::bit_cast<uint64_t>(std::get<double>(back->keys[0])), std::bit_cast<uint64_t>(v)) << v;
  }
}

TEST(SearchCursor, AnEditedCursorIsRefused) {
  Cursor c{"rating:desc", fingerprint("k"), {db::Value(4.25), db::Value(int64_t{12})}, "usr_abc"};
  const std::string text = encode_cursor(c);
  auto raw = *security::base64url_decode(text);
  // Change the count (12 -> 13), the id or the fingerprint without fixing the check value: refused.
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{{"12", "13"}, {"usr_abc", "usr_abd"}}) {
    std::string edited = raw;
    edited.replace(edited.find(from), from.size(), to);
    EXPECT_FALSE(decode_cursor(security::base64url_encode(edited))) << edited;
  }
  // A double written as a number (the old form) is refused too: keys come back only as they went out.
  EXPECT_FALSE(candidate_at({db::Value(int64_t{4}), db::Value(int64_t{12})}, "usr_abc", Sort::rating_desc, false));
  EXPECT_TRUE(decode_cursor(text));
}

TEST(SearchRating, ShownFilteredAndRankedAlike) {
  EXPECT_EQ(shown_rating_tenths(79, 20), 40) << "3.95 is shown as 4.0";
  EXPECT_EQ(shown_rating_tenths(809, 203), 40) << "3.985…";
  EXPECT_EQ(shown_rating_tenths(81, 20), 41) << "4.05 rounds half up";
  EXPECT_EQ(shown_rating_tenths(0, 0), 0);
  EXPECT_EQ(min_rating_tenths(4), 40);
  EXPECT_EQ(min_rating_tenths(4.3), 43);
  EXPECT_EQ(min_rating_tenths(4.25), 43);
  EXPECT_EQ(min_rating_tenths(0), 0);
  EXPECT_GE(shown_rating_tenths(79, 20), min_rating_tenths(4)) << "rating_min=4 keeps a doctor shown as 4.0";
  // One 5 ranks below 228 ratings averaging 4.9.
  EXPECT_LT(rating_score(5, 1), rating_score(1117, 228));
  EXPECT_DOUBLE_EQ(rating_score(0, 0), 0) << "unrated: after every rated doctor";
  EXPECT_DOUBLE_EQ(rating_score(10, 10), (10 * kRatingPriorMean + 10) / 20);
  EXPECT_GT(rating_score(1, 1), rating_score(0, 0));
  EXPECT_EQ(rating_sum_of(1117.0 / 228, 228), 1117);
}

TEST(SearchParams, FeesCompareWithinOneCurrency) {
  std::vector<http::FieldError> e;
  parse_params(Q({{"fee_max", "40000"}}), kIds, e);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "currency");
  e.clear();
  parse_params(Q({{"sort", "fee:asc"}}), kIds, e);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "currency");
  e.clear();
  parse_params(Q({{"currency", "inr"}}), kIds, e);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "currency");
  e.clear();
  auto p = parse_params(Q({{"fee_max", "40000"}, {"currency", "INR"}}), kIds, e);
  EXPECT_TRUE(e.empty());
  EXPECT_TRUE(p.compares_fees());
  auto gbp = parse_params(Q({{"fee_max", "40000"}, {"currency", "GBP"}}), kIds, e);
  EXPECT_NE(filter_key(p), filter_key(gbp));
  // Without a fee comparison the currency filters nothing (and splits no cache).
  auto a = parse_params(Q({{"currency", "INR"}}), kIds, e);
  auto b = parse_params(Q({}), kIds, e);
  EXPECT_TRUE(e.empty());
  EXPECT_FALSE(a.compares_fees());
  EXPECT_EQ(filter_key(a), filter_key(b));
}

TEST(SearchOrder, EverySortIsTotalAndCursorsFindTheirPlace) {
  Candidate a{"usr_a", -2.0, 4.5, 10, 30000, 80000, 1000, 3.2};
  Candidate b{"usr_b", -1.0, 4.8, 31, 50000, 50000, kNoSlot, 0.4};
  Candidate c{"usr_c", -2.0, 4.5, 12, 30000, 90000, 1000, 3.2};
  auto order = [](std::vector<Candidate> v, Sort s, bool text) {
    std::sort(v.begin(), v.end(), [&](const Candidate& x, const Candidate& y) { return compare(x, y, s, text) < 0; });
    std::string ids;
    for (const auto& x : v) ids += x.id.substr(4);
    return ids;
  };
  EXPECT_EQ(order({a, b, c}, Sort::relevance, true), "acb") << "score, then rating, then id";
  EXPECT_EQ(order({a, b, c}, Sort::relevance, false), "bca") << "without text: rating, then count";
  EXPECT_EQ(order({a, b, c}, Sort::rating_desc, true), "bca");
  EXPECT_EQ(order({a, b, c}, Sort::fee_asc, false), "acb");
  EXPECT_EQ(order({a, b, c}, Sort::fee_desc, false), "cab");
  EXPECT_EQ(order({a, b, c}, Sort::distance, false), "bac");
  EXPECT_EQ(order({a, b, c}, Sort::next_available, false), "acb") << "no free slot last";
  EXPECT_EQ(compare(a, a, Sort::fee_asc, false), 0);
  // A cursor made from a candidate sits exactly on it.
  for (Sort s :
       {Sort::relevance, Sort::rating_desc, Sort::fee_asc, Sort::fee_desc, Sort::distance, Sort::next_available}) {
    for (bool text : {true, false}) {
      Cursor cur{to_string(s), 1, cursor_keys(c, s, text), c.id};
      auto back = decode_cursor(encode_cursor(cur));
      ASSERT_TRUE(back);
      auto at = candidate_at(back->keys, back->id, s, text);
      ASSERT_TRUE(at) << to_string(s);
      EXPECT_EQ(compare(*at, c, s, text), 0) << to_string(s);
    }
  }
  // Keys that do not fit the sort are refused.
  EXPECT_FALSE(candidate_at({db::Value(1.5)}, "usr_a", Sort::rating_desc, false));
  EXPECT_FALSE(candidate_at({db::Value(std::string("x"))}, "usr_a", Sort::fee_asc, false));
  EXPECT_FALSE(candidate_at({db::Value(1.5)}, "usr_a", Sort::fee_asc, false)) << "a fee is an integer";
  EXPECT_FALSE(candidate_at({db::Value(int64_t{1000}), db::Value(int64_t{4})}, "usr_a", Sort::next_available, false))
      << "a score is a double";
}

TEST(Distance, HaversineAndBox) {
  // New Delhi to Mumbai: about 1,150 km.
  EXPECT_NEAR(haversine_km(28.6139, 77.2090, 19.0760, 72.8777), 1148, 5);
  EXPECT_NEAR(haversine_km(51.5074, -0.1278, 51.5074, -0.1278), 0, 1e-9);
  auto b = bounding_box(28.61, 77.21, 25);
  EXPECT_LT(b.min_lat, 28.61 - 0.22);
  EXPECT_GT(b.max_lat, 28.61 + 0.22);
  EXPECT_FALSE(b.all_lng);
  // Every point 25 km away lies inside the box.
  for (int bearing = 0; bearing < 360; bearing += 15) {
    double rad = bearing * M_PI / 180, d = 25.0 / 6371.0088, lat1 = 28.61 * M_PI / 180, lng1 = 77.21 * M_PI / 180;
    double lat2 = std::asin(std::sin(lat1) * std::cos(d) + std::cos(lat1) * std::sin(d) * std::cos(rad));
    double lng2 =
        lng1 + std::atan2(std::sin(rad) * std::sin(d) * std::cos(lat1), std::cos(d) - std::sin(lat1) * std::sin(lat2));
    double la = lat2 * 180 / M_PI, ln = lng2 * 180 / M_PI;
    EXPECT_TRUE(la >= b.min_lat && la <= b.max_lat && ln >= b.min_lng && ln <= b.max_lng) << bearing;
  }
  auto wrap = bounding_box(0, 179.9, 50);
  EXPECT_TRUE(wrap.lng_wraps);
  EXPECT_TRUE(bounding_box(89.9, 0, 50).all_lng);
}

}  // namespace
}  // namespace kiorex::consultations::search
