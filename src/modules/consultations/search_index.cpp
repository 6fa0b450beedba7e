// Keeping a doctor's search entry current (reindex_doctor), and the per-process search state (Index): the
// vocabulary used to match and correct typed words, and the facet-count cache.
//
// SQLite: the doctor's words live in the FTS5 table doctor_fts (rowid = doctors.search_rowid); its vocabulary
// is read from the fts5vocab table doctor_fts_terms, and corrections are found by scanning it in memory.
// PostgreSQL: the words are doctor_details.search_vector (GIN); search_terms counts the doctors per word, and
// corrections come from its nearest words by trigram distance (pg_trgm's GiST index), checked by edit distance.
// Both index the same normalised words (search_query.cpp `words`), so the two behave alike.
#include "modules/consultations/search_index.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <future>
#include <mutex>
#include <set>
#include <unordered_map>

#include "core/module.hpp"
#include "modules/consultations/doctors.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

namespace {

constexpr size_t kCardConditions = 6;  // conditions shown in a search result (the profile has them all)

struct Texts {
  std::string name, specialties, conditions, places, languages;
  std::string all() const { return name + " " + specialties + " " + conditions + " " + places + " " + languages; }
};

Texts search_texts(db::Database& db, const Profile& p) {
  using search::normalized_text;
  Texts t;
  t.name = normalized_text(p.name);
  std::string spec;
  for (const auto& id : p.specialties) {
    spec += " " + id;
    if (const auto* s = specialty_by_id(db, id)) {
      spec += " " + s->name;
      for (const auto& a : s->aliases) spec += " " + a;
    }
  }
  t.specialties = normalized_text(spec);
  std::string cond;
  for (const auto& c : p.conditions) cond += " " + c;
  t.conditions = normalized_text(cond);
  std::string places;
  for (const auto& l : p.locations) places += " " + l.name + " " + l.city;
  t.places = normalized_text(places);
  std::string langs;
  for (const auto& l : p.languages) langs += " " + language_name(l);
  t.languages = normalized_text(langs);
  return t;
}

// The search result's members that change only with the profile (search.cpp adds rating, distance and next
// availability when it answers).
std::string card_json(db::Database& db, const Profile& p) {
  boost::json::object o;
  o["id"] = p.user_id;
  o["name"] = p.name;
  o["gender"] = p.gender.empty() ? boost::json::value(nullptr) : boost::json::value(p.gender);
  o["photo_ref"] = p.photo_ref ? boost::json::value(*p.photo_ref) : boost::json::value(nullptr);
  boost::json::array specialties, langs, conds, locs;
  for (const auto& id : p.specialties) {
    const auto* s = specialty_by_id(db, id);
    specialties.push_back(boost::json::object{{"id", id}, {"name", s ? s->name : id}});
  }
  for (const auto& l : p.languages) langs.emplace_back(l);
  for (size_t i = 0; i < p.conditions.size() && i < kCardConditions; i++) conds.emplace_back(p.conditions[i]);
  for (const auto& l : p.locations) locs.push_back(location_json(l, false));
  o["specialties"] = std::move(specialties);
  o["languages"] = std::move(langs);
  o["experience_years"] = p.experience_years ? boost::json::value(*p.experience_years) : boost::json::value(nullptr);
  o["conditions"] = std::move(conds);
  o["consultation_types"] = consultation_types_json(p);
  o["locations"] = std::move(locs);
  return users::to_json(o);
}

// "s:<specialty> … l:<primary language> … L:<full tag> …": what the facet counts read per matching doctor.
std::string facet_values(const Profile& p) {
  std::string out;
  for (const auto& s : p.specialties) out += (out.empty() ? "s:" : " s:") + s;
  std::vector<std::string> primaries;
  for (const auto& l : p.languages) {
    std::string primary = l.substr(0, l.find('-'));
    if (std::find(primaries.begin(), primaries.end(), primary) == primaries.end()) primaries.push_back(primary);
    if (primary != l) out += " L:" + l;
  }
  for (const auto& l : primaries) out += " l:" + l;
  return out;
}

std::set<std::string> word_set(const std::string& text) {
  auto w = search::words(text);
  return {w.begin(), w.end()};
}

// A PostgreSQL text[] literal of words (they hold letters and digits only, so nothing needs quoting).
std::string pg_array(const std::vector<std::string>& words) {
  std::string out = "{";
  for (const auto& w : words) out += (out.size() > 1 ? "," : "") + w;
  return out + "}";
}

}  // namespace

void reindex_doctor(Deps& d, db::Session& tx, const Profile& p) {
  db::Database& db = d.ctx.db;
  const bool listed = p.status == "verified";
  const Texts t = search_texts(db, p);
  const std::string card = card_json(db, p);
  const std::string facets = facet_values(p);
  const std::string text = t.all();
  if (tx.dialect() == db::Dialect::sqlite) {
    if (listed)
      tx.exec(
          "UPDATE doctors SET search_rowid = (SELECT COALESCE(MAX(search_rowid), 0) + 1 FROM doctors) "
          "WHERE user_id = $1 AND search_rowid IS NULL",
          {p.user_id});
    auto rs = tx.exec("SELECT search_rowid FROM doctors WHERE user_id = $1", {p.user_id});
    if (!rs.empty() && !rs.one().is_null(0)) {
      const int64_t rowid = rs.one().i64(0);
      tx.exec("DELETE FROM doctor_fts WHERE rowid = $1", {rowid});
      if (listed)
        tx.exec(
            "INSERT INTO doctor_fts (rowid, name, specialties, conditions, places, languages) VALUES ($1, $2, $3, $4, "
            "$5, $6)",
            {rowid, t.name, t.specialties, t.conditions, t.places, t.languages});
    }
    tx.exec("UPDATE doctors SET search_facets = $2 WHERE user_id = $1", {p.user_id, facets});
    tx.exec("UPDATE doctor_details SET card = $2, search_text = $3 WHERE user_id = $1",
            {p.user_id, card, listed ? db::Value(text) : db::Value(nullptr)});
    return;
  }
  // PostgreSQL: the vector, and the per-word doctor counts (words this doctor no longer has go down by one,
  // new ones up by one; taken in word order so concurrent reindexes lock the rows in the same order).
  auto old = tx.exec("SELECT search_text FROM doctor_details WHERE user_id = $1", {p.user_id});
  const std::set<std::string> before = old.empty() ? std::set<std::string>{} : word_set(old.one().str(0));
  const std::set<std::string> after = listed ? word_set(text) : std::set<std::string>{};
  std::vector<std::string> gone, added;
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(gone));
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(added));
  tx.exec("UPDATE doctors SET search_facets = $2 WHERE user_id = $1", {p.user_id, facets});
  if (listed)
    tx.exec(
        "UPDATE doctor_details SET card = $2, search_text = $3, search_vector = "
        "setweight(to_tsvector('simple', $4), 'A') || setweight(to_tsvector('simple', $5), 'B') || "
        "setweight(to_tsvector('simple', $6), 'C') || setweight(to_tsvector('simple', $7), 'D') WHERE user_id = $1",
        {p.user_id, card, text, t.specialties, t.name, t.conditions, t.places + " " + t.languages});
  else
    tx.exec("UPDATE doctor_details SET card = $2, search_text = NULL, search_vector = NULL WHERE user_id = $1",
            {p.user_id, card});
  if (!gone.empty())
    tx.exec("UPDATE search_terms SET doc_count = doc_count - 1 WHERE term = ANY($1::text[])", {pg_array(gone)});
  if (!added.empty())
    tx.exec(
        "INSERT INTO search_terms (term, doc_count) SELECT w, 1 FROM unnest($1::text[]) AS w ORDER BY w "
        "ON CONFLICT (term) DO UPDATE SET doc_count = search_terms.doc_count + 1",
        {pg_array(added)});
}

void search_changed(db::Database& db) { search::index_for(db).changed(); }

}  // namespace kiorex::consultations

namespace kiorex::consultations::search {

namespace {
using Clock = std::chrono::steady_clock;
constexpr size_t kMaxCorrections = 3;
constexpr size_t kMaxCachedWords = 20000;
}  // namespace

std::shared_ptr<const std::vector<uint32_t>> Matches::order(Sort s, size_t first) const {
  const size_t n = rows.size();
  const size_t want = first == 0 || first * 4 >= n ? n : first;  // small sets are sorted whole
  const auto k = static_cast<size_t>(s);
  std::lock_guard lk(orders_->m);
  if (orders_->by_sort[k] && orders_->sorted[k] >= want) return orders_->by_sort[k];
  auto v = std::make_shared<std::vector<uint32_t>>(n);
  for (uint32_t i = 0; i < n; i++) (*v)[i] = i;
  auto less = [&](uint32_t a, uint32_t b) { return compare(rows[a], rows[b], s, has_text) < 0; };
  if (want == n)
    std::sort(v->begin(), v->end(), less);
  else
    std::partial_sort(v->begin(), v->begin() + static_cast<long>(want), v->end(), less);
  orders_->by_sort[k] = v;
  orders_->sorted[k] = want;
  return v;
}

struct Index::Impl {
  std::mutex m;
  uint64_t generation = 0;
  std::shared_ptr<const Vocabulary> vocabulary;
  uint64_t vocabulary_generation = 0;
  Clock::time_point vocabulary_at{};
  std::unordered_map<std::string, std::vector<std::string>> corrections;  // for the current vocabulary

  struct Entry {
    uint64_t generation;
    Clock::time_point at;
    std::shared_future<std::shared_ptr<const Matches>> value;
    size_t size = 0;  // candidates, once computed
  };
  std::unordered_map<std::string, Entry> entries;
  size_t cached = 0;  // candidates held by computed entries

  struct TextEntry {
    const Snapshot* snapshot;
    uint64_t generation;
    Clock::time_point at;
    std::shared_ptr<const Scores> scores;
  };
  std::unordered_map<std::string, TextEntry> texts;

  // The snapshot in use, and a load in progress (shared by the requests that have no usable snapshot).
  std::shared_ptr<const Snapshot> snapshot;
  uint64_t snapshot_generation = 0;
  Clock::time_point snapshot_at{};
  bool refreshing = false;
  std::shared_future<std::shared_ptr<const Snapshot>> loading;
  uint64_t loading_generation = 0;
  Counters counters;

  // Drops the oldest entries until the budget holds `incoming` more candidates.
  void make_room(size_t incoming) {
    while (cached + incoming > kMaxCachedCandidates && !entries.empty()) {
      auto oldest = entries.begin();
      for (auto it = entries.begin(); it != entries.end(); ++it)
        if (it->second.at < oldest->second.at) oldest = it;
      cached -= std::min(cached, oldest->second.size);
      entries.erase(oldest);
    }
  }
};

Index::Index(db::Database& db) : db_(db), impl_(std::make_unique<Impl>()) {}
Index::~Index() = default;

void Index::changed() {
  std::lock_guard lk(impl_->m);
  impl_->generation++;
  impl_->entries.clear();
  impl_->cached = 0;
  impl_->texts.clear();
}

Index::Counters Index::counters() const {
  std::lock_guard lk(impl_->m);
  return impl_->counters;
}

std::vector<QueryWord> Index::lookup(const std::vector<std::string>& query_words) {
  std::vector<QueryWord> out;
  if (query_words.empty()) return out;
  std::shared_ptr<const Vocabulary> vocab;
  uint64_t generation = 0;
  {
    std::lock_guard lk(impl_->m);
    generation = impl_->generation;
    if (impl_->vocabulary && impl_->vocabulary_generation == generation &&
        Clock::now() - impl_->vocabulary_at < kVocabularyTtl)
      vocab = impl_->vocabulary;
  }
  if (!vocab) {
    std::vector<std::pair<std::string, int64_t>> terms;
    const char* sql = db_.dialect() == db::Dialect::sqlite
                          ? "SELECT term, doc FROM doctor_fts_terms"
                          : "SELECT term, doc_count FROM search_terms WHERE doc_count > 0";
    for (const auto& r : db_.query(db::ReadFrom::replica_ok, sql).rows) terms.emplace_back(r.str(0), r.i64(1));
    vocab = std::make_shared<const Vocabulary>(std::move(terms));
    std::lock_guard lk(impl_->m);
    impl_->counters.vocabulary_loads++;
    if (impl_->generation == generation) {
      impl_->vocabulary = vocab;
      impl_->vocabulary_generation = generation;
      impl_->vocabulary_at = Clock::now();
      impl_->corrections.clear();
    }
  }
  for (const auto& w : query_words) {
    QueryWord q{w, true, {}};
    if (!vocab->has_prefix(w)) {
      q.prefix = false;
      bool cached = false;
      {
        std::lock_guard lk(impl_->m);
        if (impl_->vocabulary == vocab) {
          auto it = impl_->corrections.find(w);
          if (it != impl_->corrections.end()) {
            q.corrections = it->second;
            cached = true;
          }
        }
      }
      if (!cached) {
        if (allowed_typos(w.size()) > 0) {
          if (db_.dialect() == db::Dialect::sqlite) {
            q.corrections = vocab->corrections(w, kMaxCorrections);
          } else {
            std::vector<std::pair<std::string, int64_t>> candidates;
            for (const auto& r : db_.query(db::ReadFrom::replica_ok,
                                           "SELECT term, doc_count FROM search_terms WHERE doc_count > 0 "
                                           "ORDER BY term <-> $1 LIMIT 40",
                                           {w})
                                     .rows)
              candidates.emplace_back(r.str(0), r.i64(1));
            q.corrections = pick_corrections(w, candidates, kMaxCorrections);
          }
        }
        std::lock_guard lk(impl_->m);
        if (impl_->vocabulary == vocab) {
          if (impl_->corrections.size() > kMaxCachedWords) impl_->corrections.clear();
          impl_->corrections[w] = q.corrections;
        }
      }
    }
    out.push_back(std::move(q));
  }
  return out;
}

std::shared_ptr<const Matches> Index::matches(const std::string& key, const std::function<Matches()>& compute) {
  std::promise<std::shared_ptr<const Matches>> promise;
  uint64_t generation = 0;
  {
    std::unique_lock lk(impl_->m);
    auto it = impl_->entries.find(key);
    if (it != impl_->entries.end() && it->second.generation == impl_->generation &&
        Clock::now() - it->second.at < kMatchesTtl) {
      impl_->counters.hits++;
      auto f = it->second.value;
      lk.unlock();
      return f.get();  // waits when another request is computing it
    }
    impl_->counters.misses++;
    if (it != impl_->entries.end()) {
      impl_->cached -= std::min(impl_->cached, it->second.size);
      impl_->entries.erase(it);
    }
    generation = impl_->generation;
    impl_->entries.emplace(key, Impl::Entry{generation, Clock::now(), promise.get_future().share(), 0});
  }
  std::shared_ptr<const Matches> value;
  try {
    value = std::make_shared<const Matches>(compute());
  } catch (...) {
    promise.set_exception(std::current_exception());
    std::lock_guard lk(impl_->m);
    auto it = impl_->entries.find(key);
    if (it != impl_->entries.end() && it->second.generation == generation && it->second.size == 0)
      impl_->entries.erase(it);
    throw;
  }
  promise.set_value(value);
  std::lock_guard lk(impl_->m);
  auto it = impl_->entries.find(key);
  if (it != impl_->entries.end() && it->second.generation == generation) {
    const size_t n = value->rows.size();
    if (n > kMaxCachedCandidates) {
      impl_->entries.erase(it);  // too big to keep: served once
    } else {
      it->second.size = n;
      impl_->make_room(n);
      if (impl_->entries.count(key)) impl_->cached += n;
    }
  }
  return value;
}

std::shared_ptr<const Index::Scores> Index::text_scores(const std::shared_ptr<const Snapshot>& snapshot,
                                                        const std::string& text,
                                                        const std::function<Scores()>& compute) {
  uint64_t generation = 0;
  {
    std::lock_guard lk(impl_->m);
    generation = impl_->generation;
    auto it = impl_->texts.find(text);
    if (it != impl_->texts.end() && it->second.snapshot == snapshot.get() && it->second.generation == generation &&
        Clock::now() - it->second.at < kMatchesTtl)
      return it->second.scores;
  }
  auto scores = std::make_shared<const Scores>(compute());
  std::lock_guard lk(impl_->m);
  if (impl_->generation == generation) {
    if (impl_->texts.size() >= kMaxCachedWords) impl_->texts.clear();
    impl_->texts[text] = Impl::TextEntry{snapshot.get(), generation, Clock::now(), scores};
  }
  return scores;
}

std::shared_ptr<const Snapshot> Index::snapshot(const std::function<Snapshot()>& load) {
  // After this process changed a doctor (a new generation) everyone waits for the new snapshot; when it is only
  // old, one request reloads it while the others keep using the old one for that long.
  std::promise<std::shared_ptr<const Snapshot>> promise;
  uint64_t generation = 0;
  bool refresh = false;
  {
    std::unique_lock lk(impl_->m);
    generation = impl_->generation;
    if (impl_->snapshot && impl_->snapshot_generation == generation) {
      if (Clock::now() - impl_->snapshot_at < kSnapshotTtl || impl_->refreshing) return impl_->snapshot;
      impl_->refreshing = refresh = true;
    } else if (impl_->loading.valid() && impl_->loading_generation == generation) {
      auto f = impl_->loading;
      lk.unlock();
      return f.get();
    } else {
      impl_->loading = promise.get_future().share();
      impl_->loading_generation = generation;
    }
    impl_->counters.snapshot_loads++;
  }
  std::shared_ptr<const Snapshot> value;
  try {
    value = std::make_shared<const Snapshot>(load());
  } catch (...) {
    std::lock_guard lk(impl_->m);
    if (refresh) {
      impl_->refreshing = false;
    } else {
      promise.set_exception(std::current_exception());
      impl_->loading = {};  // the next request tries again
    }
    throw;
  }
  std::lock_guard lk(impl_->m);
  if (!refresh) {
    promise.set_value(value);
    impl_->loading = {};
  } else {
    impl_->refreshing = false;
  }
  if (impl_->generation == generation) {
    impl_->snapshot = value;
    impl_->snapshot_generation = generation;
    impl_->snapshot_at = Clock::now();
  }
  return value;
}

Index& index_for(db::Database& db) {
  static std::mutex m;
  static std::unordered_map<const db::Database*, std::unique_ptr<Index>> all;
  std::lock_guard lk(m);
  auto& slot = all[&db];
  if (!slot) slot = std::make_unique<Index>(db);
  return *slot;
}

}  // namespace kiorex::consultations::search
