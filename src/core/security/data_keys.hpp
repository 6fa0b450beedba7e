#pragma once
// Envelope encryption of personal health information: every person has their own data key
// (AES-256-GCM), stored only wrapped by the master key. Destroying the wrapped key makes all of that
// person's PHI unreadable at once (crypto-shredding, used for GDPR erasure). Master-key rotation
// re-wraps data keys; ciphertexts never need rewriting.
//
// Storage: table data_keys (core migration 002): owner_id, wrapped ("v<master version>." + base64,
// wrapped under the context "data_keys:<owner_id>"), master_version, created_at, shredded_at.
// Ciphertext: "dk1." + base64(nonce(12) || ciphertext || tag(16)), the caller's context as AAD:
// plaintext length * 4/3 + ~60 characters.
//
// Cost: unwrapped keys are cached in memory (a bounded, sharded CLOCK cache, default 50,000 owners,
// entries re-read after 5 minutes). open() on a cache hit takes one shard's shared lock and does one
// AES-GCM decryption (microseconds, no database); on a miss it adds one primary-key SELECT on the
// primary and one 32-byte unwrap. seal() always reads the owner's row inside the caller's transaction
// (that read is what makes a shredded key refuse, and what sees a key created earlier in the same
// transaction); the unwrap is skipped when the cache already holds that row's key.
//
// Thread safety: every member may be called concurrently.
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kiorex::db {
class Database;
class Session;
}  // namespace kiorex::db

namespace kiorex::security {

class SecretBox;    // the master key ring (core/security/master_key.hpp)
class AeadOpenKey;  // core/security/crypto.hpp

// seal() for an owner whose key was shredded (an erased person): nothing can be written for them again.
class DataKeyShredded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class DataKeys {
 public:
  struct Options {
    std::size_t cache_capacity = 50000;  // owners whose unwrapped key is kept in memory (0: none)
    int cache_ttl_seconds = 300;         // a cached key is re-read after this long (a shred elsewhere shows)
  };

  DataKeys(db::Database& db, const SecretBox& master);
  DataKeys(db::Database& db, const SecretBox& master, Options options);
  ~DataKeys();
  DataKeys(const DataKeys&) = delete;
  DataKeys& operator=(const DataKeys&) = delete;

  // Encrypts for `owner_id`, creating their data key in `tx` on first use. `context` binds the
  // ciphertext to its place (e.g. "medical_history:<entry id>") so it cannot be moved elsewhere.
  // Returns printable text (safe for TEXT columns). Throws if the owner's key was shredded.
  std::string seal(db::Session& tx, const std::string& owner_id, std::string_view plaintext, std::string_view context);
  // nullopt when the key was shredded or the ciphertext/context do not match.
  // Reads the key (on a cache miss) with db.query(ReadFrom::primary): it sees committed keys only.
  std::optional<std::string> open(const std::string& owner_id, std::string_view sealed, std::string_view context);
  // The same into `plain` (false: it does not open), with `scratch` for the decoded text: for a page of
  // many texts, whose two buffers are then allocated once.
  bool open_into(const std::string& owner_id, std::string_view sealed, std::string_view context, std::string& plain,
                 std::string& scratch);
  // open_into for many texts of one owner (a page of their records): the key is looked up once (one
  // shard lock and clock read per page, not per text) and prepared once for AES-GCM. A text that does not
  // open with it goes the whole way of open_into (a stale key is re-read). Use it on one thread, within
  // the lifetime of this DataKeys.
  class PageOpener {
   public:
    bool open_into(std::string_view sealed, std::string_view context, std::string& plain, std::string& scratch);
    ~PageOpener();
    PageOpener(PageOpener&&) noexcept;
    PageOpener(const PageOpener&) = delete;
    PageOpener& operator=(const PageOpener&) = delete;

   private:
    friend class DataKeys;
    PageOpener(DataKeys& keys, std::string owner_id);
    DataKeys& keys_;
    std::string owner_;
    std::unique_ptr<AeadOpenKey> key_;  // the cached key, prepared for AES-GCM (null until found)
    bool looked_up_ = false;
    std::size_t opened_ = 0;  // texts opened with key_: counted as cache hits when the page is done
  };
  PageOpener page_opener(std::string owner_id) { return PageOpener(*this, std::move(owner_id)); }
  // The same, reading the key (on a cache miss) through `tx`: use it to decrypt inside the transaction
  // that may have created the owner's key.
  std::optional<std::string> open(db::Session& tx, const std::string& owner_id, std::string_view sealed,
                                  std::string_view context);
  // Inside a transaction that does not need the owner's other rows afterwards. Also marks an owner
  // who never had a key, so none is ever created for them.
  void shred(db::Session& tx, const std::string& owner_id);
  bool shredded(const std::string& owner_id);
  // Re-wraps every data key under the current master key; returns how many were re-wrapped.
  std::size_t rewrap_all();

  struct RewrapResult {
    std::size_t rewrapped = 0;
    std::size_t failed = 0;  // could not be unwrapped (a master key version missing): left as they are
  };
  // rewrap_all in detail: `batch` rows per transaction (each its own transaction; never call it inside one).
  RewrapResult rewrap(std::size_t batch = 500);

  struct CacheStats {
    std::size_t entries = 0;
    std::size_t hits = 0;
    std::size_t misses = 0;
  };
  CacheStats cache_stats() const;
  // Drops the owner's cached key (e.g. after a shred done by another process).
  void forget(const std::string& owner_id);

  // The context the owner's data key is wrapped under.
  static std::string wrap_context(const std::string& owner_id) { return "data_keys:" + owner_id; }

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace kiorex::security
