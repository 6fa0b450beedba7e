// Public doctor search (GET /v1/consultations/doctors) and the public profile (GET …/doctors/{id}).
//
// A search's matches come from two places:
//   - the database answers what needs an index: free text through SQLite FTS5 (doctor_fts, bm25) or PostgreSQL
//     full text (doctor_details.search_vector, ts_rank), every word a prefix ("derm") or, when no indexed word
//     starts with it, its closest corrections ("dermatolgist" -> dermatologist; search_index.cpp); `near` from
//     doctor_locations (a bounding box on its (lat, lng) index, then the great-circle distance of each location
//     in it); available_on from doctor_availability_days;
//   - the other filters (gender, type, fees, rating, specialty, language) are applied in memory to a snapshot of
//     every verified doctor's columns (search_index.hpp; refreshed after a change in this process, and every
//     few seconds), in one pass that also counts both facets, each ignoring its own filter.
// The matches (ids and sort keys) are cached per filter set for a few seconds, so the next page, another sort or
// the same search by someone else costs an in-memory sort (kept per sort) and one read of the page's doctors by
// id. Pages are keyset cursors on the sort's keys (exactly as compared: search_query.hpp Cursor) and the id, so a
// cursor stays valid however the data moves.
// The page's doctors are read live (a doctor no longer verified drops out; ratings and next availability are
// current); only the order may be up to the caches' age old.
//
// A result's static members are stored per doctor (doctor_details.card, kept by search_index.cpp); rating,
// distance and next availability are added here, so a page is written without parsing JSON (unless ?fields=
// asks for a subset).
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "core/http/router.hpp"
#include "core/metrics/metrics.hpp"
#include "core/module.hpp"
#include "modules/consultations/doctors.hpp"
#include "modules/consultations/search_index.hpp"
#include "modules/consultations/search_query.hpp"
#include "modules/consultations/search_rating.hpp"
#include "modules/users/common.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

using http::ApiError;
using http::Request;
using http::Response;

namespace {

using search::Candidate;
using search::Params;
using search::Sort;

// Every verified doctor's filter and sort columns (the snapshot; search_index.hpp).
search::Snapshot load_snapshot(db::Database& db) {
  const bool sqlite = db.dialect() == db::Dialect::sqlite;
  auto rs =
      db.query(db::ReadFrom::replica_ok,
               std::string("SELECT user_id, ") + (sqlite ? "search_rowid" : "0") +
                   ", gender, video_fee, clinic_fee, min_fee, max_fee, rating_sum, rating_count, next_available_at, "
                   "search_facets, currency FROM doctors WHERE status = 'verified'");
  search::Snapshot snap;
  snap.rows.reserve(rs.rows.size());
  for (const auto& r : rs.rows) {
    search::SnapshotRow d;
    d.id = r.str(0);
    d.fts_rowid = r.i64(1);
    d.gender = r.str(2);
    d.video_fee = r.opt_i64(3);
    d.clinic_fee = r.opt_i64(4);
    d.min_fee = r.i64(5);
    d.max_fee = r.i64(6);
    d.rating_sum = r.i64(7);
    d.rating_count = r.i64(8);
    d.rating_tenths = search::shown_rating_tenths(d.rating_sum, d.rating_count);
    d.rating_score = search::rating_score(d.rating_sum, d.rating_count);
    d.currency = r.is_null(11) ? "" : r.str(11);
    d.next = r.is_null(9) ? search::kNoSlot : r.i64(9);
    // "s:<specialty> … l:<primary language> … L:<full tag> …" (search_index.cpp facet_values)
    std::string_view rest =
        std::get_if<std::string>(&r.cols[10]) ? std::string_view(std::get<std::string>(r.cols[10])) : "";
    while (!rest.empty()) {
      size_t sp = rest.find(' ');
      std::string_view v = rest.substr(0, sp);
      if (v.size() > 2 && v[1] == ':') {
        if (v[0] == 's')
          d.specialties.emplace_back(v.substr(2));
        else if (v[0] == 'l')
          d.languages.emplace_back(v.substr(2));
        else if (v[0] == 'L')
          d.tags.emplace_back(v.substr(2));
      }
      if (sp == std::string_view::npos) break;
      rest.remove_prefix(sp + 1);
    }
    snap.by_id.emplace(d.id, static_cast<uint32_t>(snap.rows.size()));
    if (d.fts_rowid) snap.by_fts_rowid.emplace(d.fts_rowid, static_cast<uint32_t>(snap.rows.size()));
    snap.rows.push_back(std::move(d));
  }
  return snap;
}

// What the database answers before the snapshot's rows are filtered: for each doctor a text matched (its
// relevance), a `near` point reaches (its distance) or that is free on available_on (nullopt: no such filter).
struct Driving {
  std::shared_ptr<const search::Index::Scores> score;
  std::optional<std::unordered_map<uint32_t, double>> dist;
  std::optional<std::vector<char>> available;  // by snapshot row
};

// The doctors a text query matches, with their relevance (lower is better in both dialects).
search::Index::Scores text_scores(db::Database& db, const search::Snapshot& snap, const std::string& text) {
  search::Index::Scores out;
  if (db.dialect() == db::Dialect::sqlite) {
    // bm25 weights: name, specialties, conditions, places, languages.
    for (const auto& r :
         db.query(db::ReadFrom::replica_ok,
                  "SELECT rowid, bm25(doctor_fts, 4.0, 10.0, 3.0, 1.0, 1.0) FROM doctor_fts WHERE doctor_fts MATCH $1",
                  {text})
             .rows)
      if (auto it = snap.by_fts_rowid.find(r.i64(0)); it != snap.by_fts_rowid.end()) out[it->second] = r.f64(1);
  } else {
    // ts_rank negated: lower is better, as on SQLite.
    for (const auto& r : db.query(db::ReadFrom::replica_ok,
                                  "SELECT t.user_id, -ts_rank(t.search_vector, q)::float8 FROM doctor_details t, "
                                  "to_tsquery('simple', $1) q WHERE t.search_vector @@ q",
                                  {text})
                             .rows)
      if (auto it = snap.by_id.find(r.str(0)); it != snap.by_id.end()) out[it->second] = r.f64(1);
  }
  return out;
}

Driving driving_sets(db::Database& db, search::Index& index, const std::shared_ptr<const search::Snapshot>& snapshot,
                     const Params& p, const std::optional<std::string>& text) {
  const bool sqlite = db.dialect() == db::Dialect::sqlite;
  const search::Snapshot& snap = *snapshot;
  Driving out;
  if (text) out.score = index.text_scores(snapshot, *text, [&] { return text_scores(db, snap, *text); });
  if (p.near()) {
    // The bounding box (index on doctor_locations(lat, lng)) first, then the great-circle distance of each
    // location in it; a doctor's distance is that of the nearest location.
    out.dist.emplace();
    const auto box = search::bounding_box(*p.lat, *p.lng, p.radius_km);
    std::vector<db::Value> params = {*p.lat, *p.lng, std::cos(*p.lat * 3.14159265358979323846 / 180.0), box.min_lat,
                                     box.max_lat};
    std::string sql =
        "SELECT l.doctor_id, MIN(12742.0176 * asin(" + std::string(sqlite ? "min" : "least") +
        "(1.0, sqrt(power(sin(radians(l.lat - $1) / 2), 2) + $3 * cos(radians(l.lat)) * "
        "power(sin(radians(l.lng - $2) / 2), 2))))) FROM doctor_locations l WHERE l.lat BETWEEN $4 AND $5";
    if (!box.all_lng) {
      params.push_back(box.min_lng);
      params.push_back(box.max_lng);
      sql += box.lng_wraps ? " AND (l.lng >= $6 OR l.lng <= $7)" : " AND l.lng BETWEEN $6 AND $7";
    }
    sql += " GROUP BY l.doctor_id";
    for (const auto& r : db.query(db::ReadFrom::replica_ok, sql, params).rows) {
      if (r.f64(1) > p.radius_km) continue;
      if (auto it = snap.by_id.find(r.str(0)); it != snap.by_id.end()) (*out.dist)[it->second] = r.f64(1);
    }
  }
  if (!p.available_on.empty()) {
    out.available.emplace(snap.rows.size(), 0);
    for (const auto& r :
         db.query(db::ReadFrom::replica_ok,
                  "SELECT doctor_id FROM doctor_availability_days WHERE local_date = $1 AND free_slots > 0",
                  {p.available_on})
             .rows)
      if (auto it = snap.by_id.find(r.str(0)); it != snap.by_id.end()) (*out.available)[it->second] = 1;
  }
  return out;
}

// The filter set's matches from the snapshot: the column filters, the driving sets, and the specialty and
// language filters, with each facet counting while ignoring its own filter.
search::Matches collect(const search::Snapshot& snap, const Driving& drive, const Params& p, bool has_text) {
  std::unordered_map<std::string, int64_t> specialties, languages;
  search::Matches m;
  m.has_text = has_text;
  const std::optional<int64_t> min_tenths =
      p.rating_min ? std::optional<int64_t>(search::min_rating_tenths(*p.rating_min)) : std::nullopt;
  auto consider = [&](uint32_t i) {
    const auto& d = snap.rows[i];
    if (!p.gender.empty() && d.gender != p.gender) return;
    // Fees compare only within one currency: a doctor charging in another is left out (and counted).
    if (p.compares_fees() && d.currency != p.currency) {
      m.other_currencies++;
      return;
    }
    const std::optional<int64_t>& typed = p.type == "video" ? d.video_fee : d.clinic_fee;
    if (!p.type.empty() && !typed) return;
    if (p.fee_min || p.fee_max) {
      auto in_range = [&](const std::optional<int64_t>& fee) {
        return fee && (!p.fee_min || *fee >= *p.fee_min) && (!p.fee_max || *fee <= *p.fee_max);
      };
      if (!p.type.empty() ? !in_range(typed) : !(in_range(d.video_fee) || in_range(d.clinic_fee))) return;
    }
    // Compared with the shown average: "4 ★ and up" keeps a doctor shown as 4.0 (an average of 3.95).
    if (min_tenths && (d.rating_count == 0 ? *min_tenths > 0 : d.rating_tenths < *min_tenths)) return;
    if (drive.available && !(*drive.available)[i]) return;
    double dist = 0, score = 0;
    if (drive.dist) {
      auto it = drive.dist->find(i);
      if (it == drive.dist->end()) return;
      dist = it->second;
    }
    if (drive.score) {
      auto it = drive.score->find(i);
      if (it == drive.score->end()) return;
      score = it->second;
    }
    const bool spec_ok =
        p.specialties.empty() || std::any_of(d.specialties.begin(), d.specialties.end(), [&](const std::string& v) {
          return std::find(p.specialties.begin(), p.specialties.end(), v) != p.specialties.end();
        });
    // "en" matches every English speaker; "en-GB" only that tag.
    const bool lang_ok =
        p.languages.empty() || std::any_of(p.languages.begin(), p.languages.end(), [&](const std::string& want) {
          const auto& pool = want.find('-') == std::string::npos ? d.languages : d.tags;
          return std::find(pool.begin(), pool.end(), want) != pool.end();
        });
    if (lang_ok)
      for (const auto& v : d.specialties) specialties[v]++;
    if (spec_ok)
      for (const auto& v : d.languages) languages[v]++;
    if (!spec_ok || !lang_ok) return;
    Candidate c;
    c.id = d.id;
    c.score = score;
    c.rating_score = d.rating_score;
    c.rating_count = d.rating_count;
    c.fee_low = p.type.empty() ? d.min_fee : typed.value_or(0);
    c.fee_high = p.type.empty() ? d.max_fee : typed.value_or(0);
    c.next = d.next;
    c.dist = dist;
    m.rows.push_back(std::move(c));
  };
  // Walk the smallest set the database gave, or every verified doctor.
  const std::unordered_map<uint32_t, double>* from = nullptr;
  if (drive.score) from = drive.score.get();
  if (drive.dist && (!from || drive.dist->size() < from->size())) from = &*drive.dist;
  if (from)
    for (const auto& [i, v] : *from) consider(i);
  else
    for (uint32_t i = 0; i < snap.rows.size(); i++) consider(i);
  auto sorted = [](const std::unordered_map<std::string, int64_t>& counts) {
    std::vector<std::pair<std::string, int64_t>> v(counts.begin(), counts.end());
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return v;
  };
  m.specialties = sorted(specialties);
  m.languages = sorted(languages);
  return m;
}

std::string number(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string json_string(const std::string& s) { return boost::json::serialize(boost::json::value(s)); }

// The live members of a result, appended to its stored card.
std::string live_members(int64_t rating_count, int64_t rating_sum, std::optional<double> distance,
                         const std::optional<int64_t>& next_available) {
  // average: as shown and as rating_min compares it (one decimal); raw_average unrounded; score: the rank of
  // "Highest rated" (search_rating.hpp).
  const bool rated = rating_count > 0;
  std::string out = ",\"rating\":{\"average\":";
  out += rated ? number(static_cast<double>(search::shown_rating_tenths(rating_sum, rating_count)) / 10, 1) : "null";
  out += ",\"raw_average\":" +
         (rated ? number(static_cast<double>(rating_sum) / static_cast<double>(rating_count), 4) : std::string("null"));
  out += ",\"count\":" + std::to_string(rating_count);
  out += ",\"score\":" + (rated ? number(search::rating_score(rating_sum, rating_count), 4) : std::string("null")) + "}";
  out += ",\"distance_km\":" + (distance ? number(*distance, 1) : std::string("null"));
  out += ",\"next_available_at\":" +
         (next_available ? json_string(db::iso8601_from_ms(*next_available)) : std::string("null"));
  return out;
}

std::string facets_json(db::Database& db, const search::Matches& m) {
  std::string out = "{\"specialty\":[";
  bool first = true;
  for (const auto& [id, count] : m.specialties) {
    const auto* sp = specialty_by_id(db, id);
    if (!sp) continue;
    out += std::string(first ? "" : ",") + "{\"id\":" + json_string(id) + ",\"name\":" + json_string(sp->name) +
           ",\"count\":" + std::to_string(count) + "}";
    first = false;
  }
  out += "],\"language\":[";
  first = true;
  for (const auto& [id, count] : m.languages) {
    out += std::string(first ? "" : ",") + "{\"id\":" + json_string(id) + ",\"count\":" + std::to_string(count) + "}";
    first = false;
  }
  return out + "]}";
}

// Which currency fees were compared in, and how many doctors charging in others were left out (null when
// the search compares no fees).
std::string fees_in(const Params& p, const search::Matches& m) {
  if (!p.compares_fees()) return "null";
  return "{\"currency\":" + json_string(p.currency) +
         ",\"doctors_in_other_currencies\":" + std::to_string(m.other_currencies) + "}";
}

// An item keeping only the asked members (`id` always).
std::string project(const std::string& item, const std::vector<std::string>& fields) {
  auto v = boost::json::parse(item);
  boost::json::object out;
  for (const auto& f : fields)
    if (const auto* m = v.as_object().if_contains(f)) out[f] = *m;
  return users::to_json(out);
}

const char* const kResultSchema =
    R"J({"type":"object","required":["items","facets","total","fees_in","next_cursor"],"properties":{
"items":{"type":"array","items":{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"name":{"type":"string"},
"gender":{"type":["string","null"]},"photo_ref":{"type":["string","null"]},
"specialties":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"}}}},
"languages":{"type":"array","items":{"type":"string"}},"experience_years":{"type":["integer","null"]},
"conditions":{"type":"array","items":{"type":"string"}},"consultation_types":{"type":"object"},
"locations":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"},"city":{"type":"string"},
"lat":{"type":"number"},"lng":{"type":"number"}}}},
"rating":{"type":"object","properties":{"average":{"type":["number","null"]},"raw_average":{"type":["number","null"]},"count":{"type":"integer"},"score":{"type":["number","null"]}}},
"distance_km":{"type":["number","null"]},"next_available_at":{"type":["string","null"],"format":"date-time"}}}},
"fees_in":{"type":["object","null"],"properties":{"currency":{"type":"string"},"doctors_in_other_currencies":{"type":"integer"}}},
"facets":{"type":"object","properties":{"specialty":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"},"count":{"type":"integer"}}}},
"language":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"count":{"type":"integer"}}}}}},
"total":{"type":"integer"},"next_cursor":{"type":["string","null"]}}})J";

const char* const kPublicProfileSchema = R"J({"type":"object","required":["id","name","verified"],"properties":{
"id":{"type":"string"},"name":{"type":"string"},"gender":{"type":["string","null"]},"photo_ref":{"type":["string","null"]},
"bio":{"type":["string","null"]},"specialties":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"}}}},
"qualifications":{"type":"array","items":{"type":"object","properties":{"degree":{"type":"string"},"institution":{"type":["string","null"]},"year":{"type":["integer","null"]}}}},"registration":{"type":"object","properties":{"number":{"type":"string"},"council":{"type":"string"}}},
"experience_years":{"type":["integer","null"]},"languages":{"type":"array","items":{"type":"string"}},
"conditions":{"type":"array","items":{"type":"string"}},"consultation_types":{"type":"object"},"locations":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"},"address":{"type":"object"},"lat":{"type":"number"},"lng":{"type":"number"}}}},
"time_zone":{"type":"string"},"slot_minutes":{"type":"integer"},"follow_up_days":{"type":"integer"},
"verified":{"type":"boolean"},"verified_at":{"type":["string","null"],"format":"date-time"},
"rating":{"type":"object","properties":{"average":{"type":["number","null"]},"raw_average":{"type":["number","null"]},"count":{"type":"integer"},"score":{"type":["number","null"]}}},
"comments":{"type":"array","items":{"type":"object","properties":{"stars":{"type":"integer"},"comment":{"type":"string"},
"first_name":{"type":"string"},"created_at":{"type":"string","format":"date-time"}}}},
"next_slots":{"type":"array","items":{"type":"object","properties":{"start":{"type":"string"},"end":{"type":"string"},
"local_date":{"type":"string"},"local_start":{"type":"string"},"local_end":{"type":"string"},"type":{"type":"string"},
"location_id":{"type":["string","null"]}}}},"next_available_at":{"type":["string","null"],"format":"date-time"}}})J";

Response search_doctors(Deps& d, const Request& req) {
  db::Database& db = d.ctx.db;
  std::vector<http::FieldError> errors;
  Params p = search::parse_params(req.query, specialty_ids(db), errors);
  std::optional<search::Cursor> cursor;
  const std::string key = search::filter_key(p);
  if (!p.cursor.empty()) {
    cursor = search::decode_cursor(p.cursor);
    if (!cursor)
      errors.push_back({"cursor", "is not a cursor this API returned"});
    else if (cursor->sort != search::to_string(p.sort) || cursor->fingerprint != search::fingerprint(key))
      errors.push_back({"cursor", "belongs to another search (its filters or sort differ)"});
  }
  if (!errors.empty()) throw ApiError::validation(errors, "The search has invalid parameters.");

  auto& index = search::index_for(db);
  std::optional<std::string> text;
  bool impossible = false;  // a word matches nothing: no results, no queries
  if (!p.query_words.empty()) {
    auto words = index.lookup(p.query_words);
    text = db.dialect() == db::Dialect::sqlite ? search::fts5_match(words) : search::pg_tsquery(words);
    impossible = !text;
  }
  const bool has_text = text.has_value();
  std::optional<Candidate> after;
  if (cursor) {
    after = search::candidate_at(cursor->keys, cursor->id, p.sort, has_text);
    if (!after)
      throw ApiError::validation({{"cursor", "is not a cursor this API returned"}},
                                 "The search has invalid parameters.");
  }

  std::shared_ptr<const search::Matches> matches;
  if (impossible) {
    matches = std::make_shared<const search::Matches>();
  } else {
    // The corrected text is part of the key: a word corrected differently (new vocabulary) is another search.
    matches = index.matches(key + "|text=" + text.value_or(""), [&] {
      auto snap = index.snapshot([&] { return load_snapshot(db); });
      return collect(*snap, driving_sets(db, index, snap, p, text), p, has_text);
    });
  }

  // The page: the sorted matches after the cursor.
  // A first page needs only the top of the order (and one more, to know whether there is a next page).
  const auto order_ptr = matches->order(p.sort, after ? 0 : static_cast<size_t>(p.limit) + 1);
  const auto& order = *order_ptr;
  size_t start = 0;
  if (after)
    start = static_cast<size_t>(
        std::partition_point(
            order.begin(), order.end(),
            [&](uint32_t i) { return search::compare(matches->rows[i], *after, p.sort, has_text) <= 0; }) -
        order.begin());
  const size_t end = std::min(order.size(), start + static_cast<size_t>(p.limit));
  std::string items = "[";
  if (start < end) {
    std::string in;
    std::vector<db::Value> ids;
    for (size_t i = start; i < end; i++) {
      ids.emplace_back(matches->rows[order[i]].id);
      in += (i > start ? ", $" : "$") + std::to_string(ids.size());
    }
    // Read live: a doctor no longer verified drops out, ratings and availability are current. (The status is
    // checked here, not in SQL: a status condition would tempt SQLite into walking a status-led index.)
    auto rs =
        db.query(db::ReadFrom::replica_ok,
                 "SELECT d.user_id, t.card, d.rating_count, d.rating_sum, d.next_available_at, d.status FROM doctors d "
                 "JOIN doctor_details t ON t.user_id = d.user_id WHERE d.user_id IN (" +
                     in + ")",
                 ids);
    std::unordered_map<std::string, const db::Row*> by_id;
    for (const auto& r : rs.rows)
      if (r.str(5) == "verified") by_id.emplace(r.str(0), &r);
    bool first = true;
    for (size_t i = start; i < end; i++) {
      const Candidate& c = matches->rows[order[i]];
      auto it = by_id.find(c.id);
      if (it == by_id.end()) continue;
      const db::Row& r = *it->second;
      std::string card = r.str(1);
      if (card.size() < 2) continue;
      card.pop_back();  // its closing brace
      card += live_members(r.i64(2), r.i64(3), p.near() ? std::optional<double>(c.dist) : std::nullopt, r.opt_i64(4));
      card += "}";
      if (!p.fields.empty()) card = project(card, p.fields);
      items += (first ? "" : ",") + card;
      first = false;
    }
  }
  items += "]";
  std::string next_cursor = "null";
  if (end < order.size() && end > start) {
    const Candidate& last = matches->rows[order[end - 1]];
    search::Cursor c;
    c.sort = search::to_string(p.sort);
    c.fingerprint = search::fingerprint(key);
    c.keys = search::cursor_keys(last, p.sort, has_text);
    c.id = last.id;
    next_cursor = json_string(search::encode_cursor(c));
  }
  std::string body = "{\"items\":" + items + ",\"facets\":" + facets_json(db, *matches) +
                     ",\"total\":" + std::to_string(matches->rows.size()) + ",\"fees_in\":" + fees_in(p, *matches) +
                     ",\"next_cursor\":" + next_cursor + "}";
  return Response::json(200, std::move(body));
}

boost::json::array slots_json(const std::vector<FreeSlot>& slots) {
  boost::json::array out;
  for (const auto& s : slots)
    out.push_back(boost::json::object{
        {"start", db::iso8601_from_ms(s.start_ms)},
        {"end", db::iso8601_from_ms(s.end_ms)},
        {"local_date", s.local_date},
        {"local_start", s.local_start},
        {"local_end", s.local_end},
        {"type", s.type},
        {"location_id", s.location_id.empty() ? boost::json::value(nullptr) : boost::json::value(s.location_id)}});
  return out;
}

Response public_profile(Deps& d, const Request& req) {
  const std::string& id = req.param("id");
  auto p = load_profile(d.ctx.db, id);
  if (!p || p->status != "verified") throw ApiError::not_found("No verified doctor with this id.");
  boost::json::object o;
  o["id"] = p->user_id;
  o["name"] = p->name;
  o["gender"] = p->gender.empty() ? boost::json::value(nullptr) : boost::json::value(p->gender);
  o["photo_ref"] = p->photo_ref ? boost::json::value(*p->photo_ref) : boost::json::value(nullptr);
  o["bio"] = p->bio ? boost::json::value(*p->bio) : boost::json::value(nullptr);
  boost::json::array specialties, langs, conds, locs;
  for (const auto& s : p->specialties) {
    const auto* sp = specialty_by_id(d.ctx.db, s);
    specialties.push_back(boost::json::object{{"id", s}, {"name", sp ? sp->name : s}});
  }
  for (const auto& l : p->languages) langs.emplace_back(l);
  for (const auto& c : p->conditions) conds.emplace_back(c);
  for (const auto& l : p->locations) locs.push_back(location_json(l, true));
  o["specialties"] = std::move(specialties);
  o["qualifications"] = qualifications_json(*p);
  o["registration"] = boost::json::object{{"number", p->registration_number}, {"council", p->registration_council}};
  o["experience_years"] = p->experience_years ? boost::json::value(*p->experience_years) : boost::json::value(nullptr);
  o["languages"] = std::move(langs);
  o["conditions"] = std::move(conds);
  o["consultation_types"] = consultation_types_json(*p);
  o["locations"] = std::move(locs);
  o["time_zone"] = p->time_zone;
  o["slot_minutes"] = p->slot_minutes;
  o["follow_up_days"] = p->follow_up_days;
  o["verified"] = true;
  o["verified_at"] =
      p->verified_at ? boost::json::value(db::iso8601_from_ms(*p->verified_at)) : boost::json::value(nullptr);
  o["rating"] = rating_json(p->rating_count, p->rating_avg);
  // The latest comments (ratings.cpp keeps them; comments are public): first names only.
  boost::json::array comments;
  for (const auto& r :
       d.ctx.db
           .query(db::ReadFrom::replica_ok,
                  "SELECT r.stars, r.comment, r.created_at, u.name FROM ratings r JOIN users u ON u.id = r.patient_id "
                  "WHERE r.doctor_id = $1 AND r.comment IS NOT NULL AND r.comment <> '' "
                  "ORDER BY r.created_at DESC, r.booking_id LIMIT 5",
                  {p->user_id})
           .rows) {
    std::string name = r.str(3);
    comments.push_back(boost::json::object{{"stars", r.i64(0)},
                                           {"comment", r.str(1)},
                                           {"first_name", name.substr(0, name.find(' '))},
                                           {"created_at", db::iso8601_from_ms(r.i64(2))}});
  }
  o["comments"] = std::move(comments);
  const int64_t now = db::now_ms();
  o["next_slots"] = slots_json(free_slots(d, p->user_id, now, now + 14LL * 24 * 3600 * 1000, "", 6));
  o["next_available_at"] = p->next_available_at ? boost::json::value(db::iso8601_from_ms(*p->next_available_at))
                                                : boost::json::value(nullptr);
  return users::json_response(200, o);
}

}  // namespace

void register_search_routes(http::Router& r, Deps& d) {
  auto& db = d.ctx.db;
  d.ctx.metrics.add_gauge("kiorex_search_cache_hits",
                          "Doctor searches answered from the cached matches of their filter set",
                          [&db] { return static_cast<double>(search::index_for(db).counters().hits); });
  d.ctx.metrics.add_gauge("kiorex_search_cache_misses",
                          "Doctor searches whose matches, total and facets were read from the database",
                          [&db] { return static_cast<double>(search::index_for(db).counters().misses); });
  r.add({.method = "GET",
         .path = "/v1/consultations/doctors",
         .tag = "consultations",
         .summary = "Search verified doctors: free text (typo tolerant, prefix as you type) with filters, sort, facet "
                    "counts (each ignoring its own filter), total and cursor pages.",
         .permission = "public",
         .response_schema = kResultSchema,
         .query_params =
             {{"q", "free text over name, specialties and aliases, conditions, clinics, cities, languages"},
              {"specialty", "specialty id(s), comma separated (any of)"},
              {"language", "BCP 47 code(s), comma separated (any of); en matches en-GB too"},
              {"gender", "female | male | other | undisclosed"},
              {"type", "video | clinic"},
              {"fee_min", "minor units of `currency`, on the chosen type, else on any"},
              {"fee_max", "minor units of `currency`, on the chosen type, else on any"},
              {"currency",
               "ISO 4217; needed by fee_min, fee_max and fee sorts, which then keep only doctors charging in it"},
              {"rating_min",
               "0-5, compared with the average as shown (one decimal); also rating>=4 / rating>4, the mission's form"},
              {"available_on", "YYYY-MM-DD in the doctor's time zone: at least one free slot"},
              {"near", "lat,lng"},
              {"radius_km", "with near: default 25, at most 500"},
              {"sort",
               "relevance (default with q) | rating:desc (default; by Bayesian score) | fee:asc | fee:desc | distance | "
               "next_available"},
              {"limit", "1-100, default 20"},
              {"cursor", "next_cursor of the previous page (same filters and sort)"},
              {"fields", "comma separated top-level fields to keep (id always kept)"}},
         .handler = [&d](Request& req) { return search_doctors(d, req); }});

  r.add({.method = "GET",
         .path = "/v1/consultations/doctors/{id}",
         .tag = "consultations",
         .summary = "A verified doctor's public profile: rating summary, the latest rating comments and the next free "
                    "slots (404 for anyone not verified).",
         .permission = "public",
         .response_schema = kPublicProfileSchema,
         .handler = [&d](Request& req) { return public_profile(d, req); }});
}

}  // namespace kiorex::consultations
