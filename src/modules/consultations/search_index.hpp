#pragma once
// The search side of a database, per process:
//   - the index's vocabulary (what a typed word is matched against or corrected to);
//   - a snapshot of every verified doctor's filter and sort columns (doctors is read whole, a few MB at 20,000
//     doctors), so the column filters, facets and sort keys of any search are evaluated in memory;
//   - a short-lived cache of search results keyed by the filter set: the matching doctors with their sort keys,
//     the total and the facet counts.
// All of them start over when this process changes a doctor (search_changed) and expire after a few seconds
// otherwise, so changes made by other processes, ratings and availability show within that time.
#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/db/database.hpp"
#include "modules/consultations/search_query.hpp"

namespace kiorex::consultations::search {

// Everything a filter set matches (each facet counting while ignoring its own filter).
struct Matches {
  bool has_text = false;
  std::vector<Candidate> rows;  // every matching doctor (rows.size() is the total)
  std::vector<std::pair<std::string, int64_t>> specialties, languages;  // facet counts, most doctors first
  int64_t other_currencies = 0;  // doctors left out because fees were compared in another currency

  // rows in the order of a sort (indexes into rows), at least the first `first` of them in place (0: all),
  // sorted on first use and kept with the entry. A first page needs only its top: sorting every match for it
  // would be most of a fresh search's work.
  std::shared_ptr<const std::vector<uint32_t>> order(Sort s, size_t first = 0) const;

 private:
  struct Orders {
    std::mutex m;
    std::array<std::shared_ptr<const std::vector<uint32_t>>, 6> by_sort;
    std::array<size_t, 6> sorted{};  // how many leading entries are in place (rows.size() = all)
  };
  std::shared_ptr<Orders> orders_ = std::make_shared<Orders>();
};

// One verified doctor as the snapshot holds it.
struct SnapshotRow {
  std::string id;
  int64_t fts_rowid = 0;  // SQLite: the doctor's row in doctor_fts
  std::string gender;
  std::optional<int64_t> video_fee, clinic_fee;
  int64_t min_fee = 0, max_fee = 0;
  int64_t rating_sum = 0, rating_count = 0;
  int64_t rating_tenths = 0;  // the shown average (search_rating.hpp)
  double rating_score = 0;    // the rank of "Highest rated"
  std::string currency;       // of both fees
  int64_t next = kNoSlot;
  std::vector<std::string> specialties, languages, tags;  // ids; primary languages ("en"); full tags ("en-GB")
};

struct Snapshot {
  std::vector<SnapshotRow> rows;
  std::unordered_map<std::string, uint32_t> by_id;
  std::unordered_map<int64_t, uint32_t> by_fts_rowid;
};

class Index {
 public:
  static constexpr std::chrono::seconds kVocabularyTtl{30};
  static constexpr std::chrono::seconds kMatchesTtl{10};
  static constexpr std::chrono::seconds kSnapshotTtl{10};
  // Cached candidates across entries; beyond it the oldest entries go first.
  static constexpr size_t kMaxCachedCandidates = 400000;

  explicit Index(db::Database& db);
  ~Index();
  // The query's words as they are looked up: prefixes of indexed words, or their corrections.
  std::vector<QueryWord> lookup(const std::vector<std::string>& words);
  // The cached matches for `key`, computing them (once, however many requests ask at the same time) when
  // missing or stale.
  std::shared_ptr<const Matches> matches(const std::string& key, const std::function<Matches()>& compute);
  // The doctors a text query matches with their relevance (snapshot rows), for `snapshot`, cached per text
  // query for as long as matches are: filter sets that share a text share its one full-text query.
  using Scores = std::unordered_map<uint32_t, double>;
  std::shared_ptr<const Scores> text_scores(const std::shared_ptr<const Snapshot>& snapshot, const std::string& text,
                                            const std::function<Scores()>& compute);
  // The current snapshot of verified doctors, loaded by `load`: once, however many requests ask, when this
  // process changed a doctor since (everyone waits for it); when it is only older than kSnapshotTtl, one request
  // reloads it while the others go on with the old one.
  std::shared_ptr<const Snapshot> snapshot(const std::function<Snapshot()>& load);
  void changed();

  struct Counters {
    uint64_t hits = 0, misses = 0, vocabulary_loads = 0, snapshot_loads = 0;
  };
  Counters counters() const;

 private:
  struct Impl;
  db::Database& db_;
  std::unique_ptr<Impl> impl_;
};

// The index of a database (one per database per process).
Index& index_for(db::Database& db);

}  // namespace kiorex::consultations::search
