#include "core/security/data_keys.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/db/database.hpp"
#include "core/log/log.hpp"
#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"
#include "core/security/master_key.hpp"

namespace kiorex::security {

namespace {

constexpr std::string_view kPrefix = "dk1.";
constexpr std::size_t kShards = 16;

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void cleanse(std::string& s) {
  if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
}

// A data key in place (no allocation), wiped when it goes.
struct Key32 {
  std::array<char, kAeadKeySize> bytes{};
  std::string_view view() const { return {bytes.data(), bytes.size()}; }
  void set(std::string_view key) {
    if (key.size() != bytes.size()) throw std::logic_error("data key of the wrong size");
    std::memcpy(bytes.data(), key.data(), bytes.size());
  }
  ~Key32() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

// A key copied out of the cache (or just unwrapped) and the data_keys.wrapped text it came from.
struct KeyCopy {
  Key32 key;
  std::string wrapped;
};

// "dk1." + standard base64 (with padding) to bytes. A table-driven decoder: open() runs it for every
// sealed value of every page read, and the general base64_decode (a validating pass, then
// EVP_DecodeBlock) cost as much as the decryption. Strict: length a multiple of 4, the standard
// alphabet, '=' only as the last one or two characters; anything else is nullopt, as before.
bool decode_sealed_into(std::string_view sealed, std::string& out) {
  if (!sealed.starts_with(kPrefix)) return false;
  std::string_view text = sealed.substr(kPrefix.size());
  // One table per position in a group of four: each holds the character's 6 bits already shifted into
  // place, and bit 31 for a character outside the alphabet, so a group is four loads and three ORs and
  // the whole text is checked once at the end (a bad text's output is thrown away).
  static constexpr auto kTables = [] {
    std::array<std::array<uint32_t, 256>, 4> t{};
    for (auto& row : t) row.fill(0x80000000u);
    constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (uint32_t i = 0; i < alphabet.size(); i++) {
      auto c = static_cast<unsigned char>(alphabet[i]);
      t[0][c] = i << 18;
      t[1][c] = i << 12;
      t[2][c] = i << 6;
      t[3][c] = i;
    }
    return t;
  }();
  if (text.size() % 4 != 0) return false;
  std::size_t pad = 0;
  if (!text.empty() && text.back() == '=') pad = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1;
  out.resize(text.size() / 4 * 3);
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size() - pad;  // significant characters
  uint32_t bad = 0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4, o += 3) {
    uint32_t v = kTables[0][p[i]] | kTables[1][p[i + 1]] | kTables[2][p[i + 2]] | kTables[3][p[i + 3]];
    bad |= v;
    o[0] = static_cast<unsigned char>(v >> 16);
    o[1] = static_cast<unsigned char>(v >> 8);
    o[2] = static_cast<unsigned char>(v);
  }
  if (pad) {  // the last group: 2 (pad 2) or 3 (pad 1) significant characters
    uint32_t v = kTables[0][p[i]] | kTables[1][p[i + 1]] | (pad == 1 ? kTables[2][p[i + 2]] : 0);
    bad |= v;
    o[0] = static_cast<unsigned char>(v >> 16);
    if (pad == 1) o[1] = static_cast<unsigned char>(v >> 8);
  }
  if (bad & 0x80000000u) return false;
  out.resize(out.size() - pad);
  return true;
}

// A bounded cache of unwrapped keys: kShards shards, each a CLOCK (second-chance) ring, so a hit
// takes only its shard's shared lock and sets an atomic "referenced" bit.
class KeyCache {
 public:
  KeyCache(std::size_t capacity, int ttl_seconds)
      : per_shard_(capacity == 0 ? 0 : (capacity + kShards - 1) / kShards),  // 0: no caching
        ttl_ms_(static_cast<int64_t>(ttl_seconds) * 1000) {}

  // `with_wrapped`: also copy the wrapped text (seal compares it with the row; open does not need it).
  bool lookup(const std::string& owner, KeyCopy& out, bool with_wrapped) const {
    const Shard& s = shard(owner);
    std::shared_lock lock(s.mu);
    auto it = s.map.find(owner);
    if (it == s.map.end() || steady_ms() - it->second->loaded_ms >= ttl_ms_) return false;
    it->second->referenced.store(true, std::memory_order_relaxed);
    out.key = it->second->key;
    if (with_wrapped) out.wrapped = it->second->wrapped;
    return true;
  }

  void insert(const std::string& owner, const Key32& key, const std::string& wrapped) {
    if (per_shard_ == 0 || recently_shredded(owner)) return;
    Shard& s = shard(owner);
    std::unique_lock lock(s.mu);
    auto it = s.map.find(owner);
    if (it != s.map.end()) {
      it->second->key = key;
      it->second->wrapped = wrapped;
      it->second->loaded_ms = steady_ms();
      it->second->referenced.store(true, std::memory_order_relaxed);
      return;
    }
    std::size_t slot;
    if (!s.free_slots.empty()) {
      slot = s.free_slots.back();
      s.free_slots.pop_back();
    } else if (s.ring.size() < per_shard_) {
      slot = s.ring.size();
      s.ring.emplace_back();
    } else {
      slot = evict_one(s);
    }
    auto e = std::make_unique<Entry>();
    e->key = key;
    e->wrapped = wrapped;
    e->loaded_ms = steady_ms();
    e->slot = slot;
    s.ring[slot] = owner;
    s.map.emplace(owner, std::move(e));
  }

  void evict(const std::string& owner) {
    Shard& s = shard(owner);
    std::unique_lock lock(s.mu);
    auto it = s.map.find(owner);
    if (it == s.map.end()) return;
    s.ring[it->second->slot].clear();
    s.free_slots.push_back(it->second->slot);
    s.map.erase(it);
  }

  // After a shred: evict, and for one TTL refuse to cache the owner again, so a read that fetched the
  // key just before the shred committed cannot put it back.
  void tombstone(const std::string& owner) {
    {
      std::lock_guard lock(tomb_mu_);
      int64_t now = steady_ms();
      std::erase_if(tombs_, [&](const auto& kv) { return now - kv.second > ttl_ms_; });
      tombs_[owner] = now;
      tomb_count_.store(tombs_.size());
    }
    evict(owner);
  }

  std::size_t size() const {
    std::size_t n = 0;
    for (const auto& s : shards_) {
      std::shared_lock lock(s.mu);
      n += s.map.size();
    }
    return n;
  }

 private:
  struct Entry {
    Key32 key;
    std::string wrapped;
    int64_t loaded_ms = 0;
    std::size_t slot = 0;
    mutable std::atomic<bool> referenced{true};
  };
  struct Shard {
    mutable std::shared_mutex mu;
    std::unordered_map<std::string, std::unique_ptr<Entry>> map;
    std::vector<std::string> ring;  // owner per slot ("" = free)
    std::vector<std::size_t> free_slots;
    std::size_t hand = 0;
  };

  // The ring is full (no free slot): sweep, giving referenced entries a second chance.
  static std::size_t evict_one(Shard& s) {
    for (;;) {
      std::size_t slot = s.hand;
      s.hand = (s.hand + 1) % s.ring.size();
      auto it = s.map.find(s.ring[slot]);
      if (it == s.map.end()) return slot;
      if (it->second->referenced.exchange(false, std::memory_order_relaxed)) continue;
      s.map.erase(it);  // the entry's Key32 wipes itself
      return slot;
    }
  }

  bool recently_shredded(const std::string& owner) {
    if (tomb_count_.load() == 0) return false;
    std::lock_guard lock(tomb_mu_);
    auto it = tombs_.find(owner);
    if (it == tombs_.end()) return false;
    if (steady_ms() - it->second >= ttl_ms_) {
      tombs_.erase(it);
      tomb_count_.store(tombs_.size());
      return false;
    }
    return true;
  }

  Shard& shard(const std::string& owner) { return shards_[std::hash<std::string>{}(owner) % kShards]; }
  const Shard& shard(const std::string& owner) const { return shards_[std::hash<std::string>{}(owner) % kShards]; }

  std::size_t per_shard_;
  int64_t ttl_ms_;
  Shard shards_[kShards];
  std::mutex tomb_mu_;
  std::unordered_map<std::string, int64_t> tombs_;
  std::atomic<std::size_t> tomb_count_{0};
};

constexpr std::string_view kSelectKey = "SELECT wrapped FROM data_keys WHERE owner_id = $1";

}  // namespace

struct DataKeys::Impl {
  db::Database& db;
  const SecretBox& master;
  KeyCache cache;
  std::atomic<std::size_t> hits{0}, misses{0};

  Impl(db::Database& d, const SecretBox& m, const Options& o)
      : db(d), master(m), cache(o.cache_capacity, o.cache_ttl_seconds) {}

  // The key a data_keys.wrapped text holds, into `out`; false when the master ring cannot unwrap it.
  bool unwrap(const std::string& owner, const std::string& wrapped, Key32& out) const {
    auto key = master.unwrap_key(wrapped, wrap_context(owner));
    if (!key) return false;
    out.set(*key);
    cleanse(*key);
    return true;
  }
  void unwrap_or_throw(const std::string& owner, const std::string& wrapped, Key32& out) const {
    if (unwrap(owner, wrapped, out)) return;
    auto v = SecretBox::version_of(wrapped);
    throw std::runtime_error("data key of " + owner + " cannot be unwrapped (master key version " +
                             (v ? std::to_string(*v) : std::string("?")) + " missing or wrong)");
  }

  // `fetch` reads the owner's row: {} when there is none, NULL when shredded. The plaintext goes to `plain`
  // (false: it does not open); `blob` is scratch space for the decoded text. Both keep their capacity.
  bool open_into(const std::string& owner, std::string_view sealed, std::string_view context,
                 const std::function<db::ResultSet()>& fetch, std::string& plain, std::string& blob) {
    plain.clear();
    if (!decode_sealed_into(sealed, blob)) return false;
    KeyCopy cached;
    bool hit = cache.lookup(owner, cached, false);
    if (hit) {
      hits.fetch_add(1, std::memory_order_relaxed);
      if (aead_decrypt_into(cached.key.view(), blob, context, plain)) return true;
      // The text or its context is wrong, or the cached key is stale (a key created in a transaction
      // that rolled back, another process's shred): settle it with the database.
    } else {
      misses.fetch_add(1, std::memory_order_relaxed);
    }
    auto rs = fetch();
    if (rs.empty() || rs.rows[0].is_null(0)) {
      cache.evict(owner);
      return false;
    }
    KeyCopy fresh;
    fresh.wrapped = rs.rows[0].str(0);
    if (!unwrap(owner, fresh.wrapped, fresh.key)) {
      log::error("data_keys.unwrap_failed", {{"owner_id", owner}});
      return false;
    }
    // The same key as the cached one: the text or its context is wrong, not the key.
    if (hit && constant_time_equal(fresh.key.view(), cached.key.view())) return false;
    cache.insert(owner, fresh.key, fresh.wrapped);
    return aead_decrypt_into(fresh.key.view(), blob, context, plain);
  }
  std::optional<std::string> open(const std::string& owner, std::string_view sealed, std::string_view context,
                                  const std::function<db::ResultSet()>& fetch) {
    std::string plain, blob;
    if (!open_into(owner, sealed, context, fetch, plain, blob)) return std::nullopt;
    return plain;
  }
};

DataKeys::DataKeys(db::Database& db, const SecretBox& master) : DataKeys(db, master, Options{}) {}

DataKeys::DataKeys(db::Database& db, const SecretBox& master, Options options)
    : impl_(new Impl(db, master, options)) {}

DataKeys::~DataKeys() { delete impl_; }

std::string DataKeys::seal(db::Session& tx, const std::string& owner_id, std::string_view plaintext,
                           std::string_view context) {
  if (owner_id.empty()) throw std::invalid_argument("DataKeys::seal: empty owner id");
  KeyCopy k;
  auto rs = tx.exec(kSelectKey, {owner_id});
  if (rs.empty()) {
    // First PHI of this person: create their key in the caller's transaction. A concurrent first seal
    // loses the insert (ON CONFLICT DO NOTHING; PostgreSQL waits for the other transaction) and
    // re-reads the winner's key.
    std::string fresh = random_bytes(kAeadKeySize);
    k.key.set(fresh);
    cleanse(fresh);
    std::string wrapped = impl_->master.wrap_key(k.key.view(), wrap_context(owner_id));
    tx.exec("INSERT INTO data_keys (owner_id, wrapped, master_version, created_at) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (owner_id) DO NOTHING",
            {owner_id, wrapped, static_cast<int64_t>(*SecretBox::version_of(wrapped)), db::now_ms()});
    rs = tx.exec(kSelectKey, {owner_id});
    if (rs.empty()) throw db::TransientError("data key of " + owner_id + " vanished while it was created");
    if (rs.rows[0].is_null(0)) throw DataKeyShredded("the data key of " + owner_id + " was destroyed");
    if (rs.rows[0].str(0) == wrapped) {
      // Ours, and not committed yet: keep it out of the cache (the transaction may still roll back).
      impl_->cache.evict(owner_id);
    } else {
      k.wrapped = rs.rows[0].str(0);
      impl_->unwrap_or_throw(owner_id, k.wrapped, k.key);
    }
  } else if (rs.rows[0].is_null(0)) {
    throw DataKeyShredded("the data key of " + owner_id + " was destroyed");
  } else {
    std::string wrapped = rs.rows[0].str(0);
    if (!impl_->cache.lookup(owner_id, k, true) || k.wrapped != wrapped) {
      impl_->unwrap_or_throw(owner_id, wrapped, k.key);
      k.wrapped = std::move(wrapped);
      impl_->cache.insert(owner_id, k.key, k.wrapped);
    }
  }
  std::string out(kPrefix);
  out += base64_encode(aead_encrypt(k.key.view(), plaintext, context));
  return out;
}

std::optional<std::string> DataKeys::open(const std::string& owner_id, std::string_view sealed,
                                          std::string_view context) {
  std::string plain, scratch;
  if (!open_into(owner_id, sealed, context, plain, scratch)) return std::nullopt;
  return plain;
}

bool DataKeys::open_into(const std::string& owner_id, std::string_view sealed, std::string_view context,
                         std::string& plain, std::string& scratch) {
  return impl_->open_into(owner_id, sealed, context,
                          [&] { return impl_->db.query(db::ReadFrom::primary, kSelectKey, {owner_id}); }, plain, scratch);
}

DataKeys::PageOpener::PageOpener(DataKeys& keys, std::string owner_id) : keys_(keys), owner_(std::move(owner_id)) {}
DataKeys::PageOpener::~PageOpener() {
  if (opened_) keys_.impl_->hits.fetch_add(opened_, std::memory_order_relaxed);  // once per page, not per text
}
DataKeys::PageOpener::PageOpener(PageOpener&& other) noexcept
    : keys_(other.keys_),
      owner_(std::move(other.owner_)),
      key_(std::move(other.key_)),
      looked_up_(other.looked_up_),
      opened_(std::exchange(other.opened_, 0)) {}  // counted once, by whichever is left holding them

bool DataKeys::PageOpener::open_into(std::string_view sealed, std::string_view context, std::string& plain,
                                     std::string& scratch) {
  if (!looked_up_) {
    // The first text: the cached key, if any, is prepared for the page. No key cached: this text goes the
    // whole way (which caches the key), and the next one looks again.
    KeyCopy cached;
    if (keys_.impl_->cache.lookup(owner_, cached, false)) {
      looked_up_ = true;
      key_ = std::make_unique<AeadOpenKey>(cached.key.view());
    }
  }
  if (key_) {
    plain.clear();
    if (decode_sealed_into(sealed, scratch) && key_->decrypt_into(scratch, context, plain)) {
      opened_++;
      return true;
    }
  }
  if (!keys_.open_into(owner_, sealed, context, plain, scratch)) return false;
  // It opened the whole way: the prepared key (if any) was stale and the cache now holds the fresh one.
  key_.reset();
  looked_up_ = false;
  return true;
}

std::optional<std::string> DataKeys::open(db::Session& tx, const std::string& owner_id, std::string_view sealed,
                                          std::string_view context) {
  return impl_->open(owner_id, sealed, context, [&] { return tx.exec(kSelectKey, {owner_id}); });
}

void DataKeys::shred(db::Session& tx, const std::string& owner_id) {
  int64_t now = db::now_ms();
  tx.exec("INSERT INTO data_keys (owner_id, wrapped, master_version, created_at, shredded_at) "
          "VALUES ($1, NULL, $2, $3, $3) ON CONFLICT (owner_id) DO UPDATE SET wrapped = NULL, "
          "shredded_at = COALESCE(data_keys.shredded_at, excluded.shredded_at)",
          {owner_id, static_cast<int64_t>(impl_->master.current_version()), now});
  impl_->cache.tombstone(owner_id);
}

bool DataKeys::shredded(const std::string& owner_id) {
  auto rs = impl_->db.query(db::ReadFrom::primary, "SELECT shredded_at FROM data_keys WHERE owner_id = $1", {owner_id});
  return !rs.empty() && !rs.rows[0].is_null(0);
}

std::size_t DataKeys::rewrap_all() { return rewrap().rewrapped; }

DataKeys::RewrapResult DataKeys::rewrap(std::size_t batch) {
  batch = std::max<std::size_t>(1, batch);
  RewrapResult total;
  std::string after;  // keyset pagination: owners sort as text, "" is before every id
  for (;;) {
    const int target = impl_->master.current_version();
    std::size_t seen = 0, rewrapped = 0, failed = 0;
    std::string last;
    impl_->db.transaction([&](db::Session& tx) {
      seen = rewrapped = failed = 0;
      last.clear();
      auto rs = tx.exec(
          "SELECT owner_id, wrapped FROM data_keys WHERE owner_id > $1 AND wrapped IS NOT NULL "
          "AND master_version <> $2 ORDER BY owner_id LIMIT $3",
          {after, static_cast<int64_t>(target), static_cast<int64_t>(batch)});
      for (const auto& row : rs.rows) {
        seen++;
        last = row.str(0);
        const std::string old_wrapped = row.str(1);
        auto key = impl_->master.unwrap_key(old_wrapped, wrap_context(last));
        if (!key) {
          failed++;
          log::error("data_keys.rewrap_failed", {{"owner_id", last}});
          continue;
        }
        std::string wrapped = impl_->master.wrap_key(*key, wrap_context(last));
        cleanse(*key);
        // Compare-and-set: a key shredded (or re-wrapped) meanwhile is left alone.
        auto r = tx.exec("UPDATE data_keys SET wrapped = $1, master_version = $2 WHERE owner_id = $3 AND wrapped = $4",
                         {wrapped, static_cast<int64_t>(*SecretBox::version_of(wrapped)), last, old_wrapped});
        if (r.affected > 0) rewrapped++;
      }
    });
    total.rewrapped += rewrapped;
    total.failed += failed;
    if (seen < batch) break;
    after = last;
  }
  if (total.rewrapped || total.failed)
    log::info("data_keys.rewrapped", {{"rewrapped", total.rewrapped}, {"failed", total.failed},
                                      {"master_version", impl_->master.current_version()}});
  return total;
}

DataKeys::CacheStats DataKeys::cache_stats() const {
  return {impl_->cache.size(), impl_->hits.load(), impl_->misses.load()};
}

void DataKeys::forget(const std::string& owner_id) { impl_->cache.evict(owner_id); }

}  // namespace kiorex::security
