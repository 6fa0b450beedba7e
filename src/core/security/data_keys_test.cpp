// Per-person data keys (envelope encryption, crypto-shredding, re-wrapping), on SQLite (always) and
// PostgreSQL (when KIOREX_TEST_PG_URL is set).
#include "core/security/data_keys.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>

#include "core/db/database.hpp"
#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"
#include "core/security/master_key.hpp"
#include "core/testing/test_database.hpp"

namespace kiorex::security {
namespace {

// prefix + number, built by appending (GCC 12 warns falsely about "literal" + std::to_string(i)).
std::string tag(std::string prefix, int i) {
  prefix += std::to_string(i);
  return prefix;
}

class DataKeysTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    tdb_ = kiorex::testing::TestDatabase::create(GetParam(), "dk", {"core"}, &skip, 8);
    if (!tdb_) GTEST_SKIP() << skip;
    db_ = &tdb_->db();
    db_->execute("CREATE TABLE phi (id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, body TEXT NOT NULL)");
    box_ = std::make_unique<SecretBox>(SecretBox::load_or_create("", tdb_->dir() / "keys"));
    keys_ = std::make_unique<DataKeys>(*db_, *box_);
  }

  void TearDown() override {
    keys_.reset();
    tdb_.reset();
  }

  // Seals in a transaction of its own and stores the text in phi, as a module would.
  std::string store(const std::string& owner, const std::string& id, const std::string& plain, DataKeys* k = nullptr) {
    std::string sealed;
    db_->transaction([&](db::Session& tx) {
      sealed = (k ? k : keys_.get())->seal(tx, owner, plain, "phi.body:" + id);
      tx.exec("INSERT INTO phi (id, owner_id, body) VALUES ($1, $2, $3)", {id, owner, sealed});
    });
    return sealed;
  }
  std::optional<std::string> load(const std::string& owner, const std::string& id, DataKeys* k = nullptr) {
    auto rs = db_->query(db::ReadFrom::primary, "SELECT body FROM phi WHERE id = $1", {id});
    if (rs.empty()) return std::nullopt;
    return (k ? k : keys_.get())->open(owner, rs.one().str(0), "phi.body:" + id);
  }
  int64_t key_rows(const std::string& owner) {
    return db_->query(db::ReadFrom::primary, "SELECT COUNT(*) FROM data_keys WHERE owner_id = $1", {owner}).one().i64(0);
  }

  std::unique_ptr<kiorex::testing::TestDatabase> tdb_;
  db::Database* db_ = nullptr;
  std::unique_ptr<SecretBox> box_;
  std::unique_ptr<DataKeys> keys_;
};

TEST_P(DataKeysTest, RoundTripCreatesOneKeyPerOwner) {
  std::string sealed = store("usr_a", "p1", "Penicillin allergy");
  EXPECT_EQ(sealed.rfind("dk1.", 0), 0u) << sealed;
  for (char c : sealed) EXPECT_TRUE(c >= 0x21 && c <= 0x7e) << "printable text";
  EXPECT_EQ(load("usr_a", "p1"), "Penicillin allergy");
  store("usr_a", "p2", "");
  EXPECT_EQ(load("usr_a", "p2"), "");
  EXPECT_EQ(key_rows("usr_a"), 1);
  auto row = db_->query(db::ReadFrom::primary,
                        "SELECT wrapped, master_version, created_at, shredded_at FROM data_keys WHERE owner_id = $1",
                        {std::string("usr_a")})
                 .one();
  EXPECT_EQ(row.str(0).rfind("v1.", 0), 0u);
  EXPECT_EQ(row.i64(1), 1);
  EXPECT_GT(row.i64(2), 0);
  EXPECT_TRUE(row.is_null(3));
  EXPECT_FALSE(keys_->shredded("usr_a"));
  EXPECT_FALSE(keys_->shredded("usr_nobody"));
}

TEST_P(DataKeysTest, WrongContextTamperedOrForeignTextDoesNotOpen) {
  std::string sealed = store("usr_a", "p1", "blood group B+");
  EXPECT_EQ(keys_->open("usr_a", sealed, "phi.body:p2"), std::nullopt);
  EXPECT_EQ(keys_->open("usr_a", sealed, ""), std::nullopt);
  std::string tampered = sealed;
  tampered[8] = tampered[8] == 'A' ? 'B' : 'A';
  EXPECT_EQ(keys_->open("usr_a", tampered, "phi.body:p1"), std::nullopt);
  EXPECT_EQ(keys_->open("usr_a", "not sealed", "phi.body:p1"), std::nullopt);
  EXPECT_EQ(keys_->open("usr_a", "dk1.%%%", "phi.body:p1"), std::nullopt);
  EXPECT_EQ(keys_->open("usr_a", box_->seal("x", "phi.body:p1"), "phi.body:p1"), std::nullopt);
  // After the failures the right context still opens (nothing got evicted for good).
  EXPECT_EQ(keys_->open("usr_a", sealed, "phi.body:p1"), "blood group B+");
}

TEST_P(DataKeysTest, EveryLengthRoundTripsAndMangledBase64DoesNotOpen) {
  // Plaintexts of 0..64 bytes give every padding of the base64 text (none, "=", "==").
  std::string plain;
  for (int n = 0; n <= 64; n++) {
    std::string id = tag("len", n);
    std::string sealed = store("usr_len", id, plain);
    ASSERT_EQ(keys_->open("usr_len", sealed, "phi.body:" + id), plain) << n;
    // The text the general decoder gives back, re-encoded, is the stored one (standard base64).
    ASSERT_EQ("dk1." + base64_encode(*base64_decode(sealed.substr(4))), sealed);
    plain += static_cast<char>('a' + n % 26);
  }
  std::string sealed = store("usr_len", "m", "medication: 5 mg");
  std::string body = sealed.substr(4);
  for (const std::string& bad : {body.substr(1), body + "=", body + "====", "=" + body.substr(1),
                                 body.substr(0, 8) + "=" + body.substr(9), body.substr(0, 8) + "\n" + body.substr(9),
                                 body.substr(0, 8) + "-" + body.substr(9), std::string("===="), std::string("A===")})
    EXPECT_EQ(keys_->open("usr_len", "dk1." + bad, "phi.body:m"), std::nullopt) << bad;
  EXPECT_EQ(keys_->open("usr_len", sealed, "phi.body:m"), "medication: 5 mg");
}

TEST_P(DataKeysTest, OpenIntoReusesItsBuffersAndClearsOnFailure) {
  std::string a = store("usr_buf", "b1", "a longer first text: allergy to penicillin");
  std::string b = store("usr_buf", "b2", "short");
  std::string plain, scratch;
  ASSERT_TRUE(keys_->open_into("usr_buf", a, "phi.body:b1", plain, scratch));
  EXPECT_EQ(plain, "a longer first text: allergy to penicillin");
  ASSERT_TRUE(keys_->open_into("usr_buf", b, "phi.body:b2", plain, scratch));
  EXPECT_EQ(plain, "short");
  EXPECT_FALSE(keys_->open_into("usr_buf", b, "phi.body:b1", plain, scratch));  // wrong context
  EXPECT_TRUE(plain.empty());
  EXPECT_FALSE(keys_->open_into("usr_other", a, "phi.body:b1", plain, scratch));  // another owner
  EXPECT_TRUE(plain.empty());
}

TEST_P(DataKeysTest, APageOpenerLooksTheKeyUpOncePerPage) {
  std::vector<std::string> page;
  for (int i = 0; i < 20; i++) page.push_back(store("usr_page", tag("e", i), tag("entry ", i)));
  std::string foreign = store("usr_other", "o1", "not this owner's");
  keys_->forget("usr_page");  // as after a restart: the key is not in memory
  auto before = keys_->cache_stats();
  std::string plain, scratch;
  {
    auto opener = keys_->page_opener("usr_page");
    for (int i = 0; i < 20; i++) {
      ASSERT_TRUE(opener.open_into(page[i], "phi.body:" + tag("e", i), plain, scratch)) << i;
      EXPECT_EQ(plain, tag("entry ", i));
      if (i == 5) {  // texts that do not open, in the middle of the page: refused, and the page goes on
        EXPECT_FALSE(opener.open_into(page[i], "phi.body:e6", plain, scratch));
        EXPECT_TRUE(plain.empty());
        EXPECT_FALSE(opener.open_into(foreign, "phi.body:o1", plain, scratch));
        EXPECT_FALSE(opener.open_into("dk1.%%%%", "phi.body:e5", plain, scratch));
      }
    }
  }
  auto after = keys_->cache_stats();
  // The first text read the key from the database (and cached it); the other 19 opened with the key
  // prepared once. The two refused texts that decode each went the whole way (one cache look-up each).
  EXPECT_EQ(after.misses - before.misses, 1u);
  EXPECT_EQ(after.hits - before.hits, 19u + 2u);
  // The same page again: one look-up, every text from the prepared key.
  auto opener = keys_->page_opener("usr_page");
  for (int i = 0; i < 20; i++) ASSERT_TRUE(opener.open_into(page[i], "phi.body:" + tag("e", i), plain, scratch));
  EXPECT_EQ(keys_->cache_stats().misses, after.misses);
}

TEST_P(DataKeysTest, APageOpenerOfAShreddedOwnerOpensNothing) {
  std::string sealed = store("usr_gone", "g1", "erased");
  db_->transaction([&](db::Session& tx) { keys_->shred(tx, "usr_gone"); });
  std::string plain, scratch;
  auto opener = keys_->page_opener("usr_gone");
  EXPECT_FALSE(opener.open_into(sealed, "phi.body:g1", plain, scratch));
  EXPECT_FALSE(opener.open_into(sealed, "phi.body:g1", plain, scratch));
  EXPECT_TRUE(plain.empty());
}

TEST_P(DataKeysTest, AnotherOwnersKeyCannotOpen) {
  std::string a = store("usr_a", "p1", "A's notes");
  store("usr_b", "p2", "B's notes");
  EXPECT_EQ(keys_->open("usr_b", a, "phi.body:p1"), std::nullopt);
  EXPECT_EQ(keys_->open("usr_nobody", a, "phi.body:p1"), std::nullopt) << "an owner without a key";
  // Swapping wrapped keys between rows does not help either: the wrap is bound to its owner.
  db_->execute("UPDATE data_keys SET wrapped = (SELECT wrapped FROM data_keys WHERE owner_id = 'usr_a') WHERE owner_id = 'usr_b'");
  DataKeys fresh(*db_, *box_);
  EXPECT_EQ(fresh.open("usr_b", a, "phi.body:p1"), std::nullopt);
  EXPECT_EQ(fresh.open("usr_a", a, "phi.body:p1"), "A's notes");
}

TEST_P(DataKeysTest, ShredMakesEverythingUnreadableAndRefusesNewSeals) {
  store("usr_a", "p1", "diagnosis");
  store("usr_b", "p2", "other person");
  ASSERT_EQ(load("usr_a", "p1"), "diagnosis");  // cached now
  db_->transaction([&](db::Session& tx) { keys_->shred(tx, "usr_a"); });
  EXPECT_EQ(load("usr_a", "p1"), std::nullopt);
  EXPECT_TRUE(keys_->shredded("usr_a"));
  EXPECT_THROW(store("usr_a", "p3", "more"), DataKeyShredded);
  auto row = db_->query(db::ReadFrom::primary, "SELECT wrapped, shredded_at FROM data_keys WHERE owner_id = 'usr_a'").one();
  EXPECT_TRUE(row.is_null(0));
  EXPECT_GT(row.i64(1), 0);
  // Shredding twice keeps the first time.
  db_->transaction([&](db::Session& tx) { keys_->shred(tx, "usr_a"); });
  EXPECT_EQ(db_->query(db::ReadFrom::primary, "SELECT shredded_at FROM data_keys WHERE owner_id = 'usr_a'").one().i64(0),
            row.i64(1));
  // A new process sees the same.
  DataKeys other(*db_, *box_);
  EXPECT_EQ(load("usr_a", "p1", &other), std::nullopt);
  EXPECT_EQ(load("usr_b", "p2", &other), "other person");
  // An owner who never had a key can be shredded too; no key is created for them afterwards.
  db_->transaction([&](db::Session& tx) { keys_->shred(tx, "usr_never"); });
  EXPECT_TRUE(keys_->shredded("usr_never"));
  EXPECT_THROW(store("usr_never", "p4", "x"), DataKeyShredded);
}

TEST_P(DataKeysTest, AShredThatRollsBackChangesNothing) {
  store("usr_a", "p1", "kept");
  EXPECT_THROW(db_->transaction([&](db::Session& tx) {
    keys_->shred(tx, "usr_a");
    throw std::runtime_error("erasure failed");
  }),
               std::runtime_error);
  EXPECT_FALSE(keys_->shredded("usr_a"));
  EXPECT_EQ(load("usr_a", "p1"), "kept");
  store("usr_a", "p2", "still writable");
  EXPECT_EQ(load("usr_a", "p2"), "still writable");
}

TEST_P(DataKeysTest, AnotherProcesssShredShowsOnceTheCachedKeyExpires) {
  DataKeys::Options no_cache;
  no_cache.cache_ttl_seconds = 0;
  DataKeys replica(*db_, *box_, no_cache);
  store("usr_a", "p1", "x");
  EXPECT_EQ(load("usr_a", "p1", &replica), "x");
  db_->transaction([&](db::Session& tx) { keys_->shred(tx, "usr_a"); });
  EXPECT_EQ(load("usr_a", "p1", &replica), std::nullopt);
}

TEST_P(DataKeysTest, AKeyCreatedInATransactionThatRolledBackIsNotUsedAfterwards) {
  EXPECT_THROW(db_->transaction([&](db::Session& tx) {
    keys_->seal(tx, "usr_a", "first", "phi.body:p0");
    keys_->seal(tx, "usr_a", "second", "phi.body:p0");  // finds the uncommitted row
    throw std::runtime_error("business failure");
  }),
               std::runtime_error);
  EXPECT_EQ(key_rows("usr_a"), 0);
  std::string sealed = store("usr_a", "p1", "committed");
  EXPECT_EQ(load("usr_a", "p1"), "committed");
  DataKeys fresh(*db_, *box_);
  EXPECT_EQ(fresh.open("usr_a", sealed, "phi.body:p1"), "committed");
}

TEST_P(DataKeysTest, OpenInsideTheTransactionThatCreatedTheKey) {
  db_->transaction([&](db::Session& tx) {
    std::string sealed = keys_->seal(tx, "usr_a", "fresh", "ctx");
    EXPECT_EQ(keys_->open(tx, "usr_a", sealed, "ctx"), "fresh");
  });
  std::string sealed;
  db_->transaction([&](db::Session& tx) { sealed = keys_->seal(tx, "usr_a", "later", "ctx"); });
  EXPECT_EQ(keys_->open("usr_a", sealed, "ctx"), "later");
}

TEST_P(DataKeysTest, ConcurrentFirstSealsCreateOneKey) {
  constexpr int kThreads = 6;
  std::vector<std::string> sealed(kThreads);
  std::vector<std::unique_ptr<DataKeys>> processes;
  for (int t = 0; t < kThreads; t++) processes.push_back(std::make_unique<DataKeys>(*db_, *box_));
  std::atomic<int> failures{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++)
    threads.emplace_back([&, t] {
      while (!go) std::this_thread::yield();
      try {
        // Half share one DataKeys, half are separate "processes" (own caches).
        DataKeys& k = t % 2 ? *processes[t] : *keys_;
        db_->transaction([&](db::Session& tx) { sealed[t] = k.seal(tx, "usr_race", tag("v", t), "ctx"); });
      } catch (const std::exception& e) {
        failures++;
        ADD_FAILURE() << e.what();
      }
    });
  go = true;
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(key_rows("usr_race"), 1);
  DataKeys fresh(*db_, *box_);
  for (int t = 0; t < kThreads; t++) EXPECT_EQ(fresh.open("usr_race", sealed[t], "ctx"), tag("v", t));
}

TEST_P(DataKeysTest, RewrapAfterMasterRotationKeepsEverythingReadable) {
  constexpr int kOwners = 11;
  std::vector<std::string> sealed;
  for (int i = 0; i < kOwners; i++) sealed.push_back(store(tag("usr_", i), tag("p", i), tag("entry ", i)));
  db_->transaction([&](db::Session& tx) { keys_->shred(tx, "usr_gone"); });
  EXPECT_EQ(box_->rotate(), 2);
  // Before the re-wrap everything opens (version 1 is still in the ring).
  DataKeys before(*db_, *box_);
  for (int i = 0; i < kOwners; i++) EXPECT_EQ(load(tag("usr_", i), tag("p", i), &before), tag("entry ", i));

  auto r = keys_->rewrap(3);  // several batches
  EXPECT_EQ(r.rewrapped, static_cast<size_t>(kOwners));
  EXPECT_EQ(r.failed, 0u);
  auto rows = db_->query(db::ReadFrom::primary, "SELECT owner_id, wrapped, master_version FROM data_keys WHERE wrapped IS NOT NULL");
  ASSERT_EQ(rows.rows.size(), static_cast<size_t>(kOwners));
  for (const auto& row : rows.rows) {
    EXPECT_EQ(row.i64(2), 2) << row.str(0);
    EXPECT_EQ(row.str(1).rfind("v2.", 0), 0u);
  }
  EXPECT_TRUE(keys_->shredded("usr_gone")) << "a shredded key stays shredded";
  EXPECT_EQ(keys_->rewrap_all(), 0u) << "nothing left to do";

  // Everything opens: through the warm cache, a cold one, and new seals go on with the same key.
  DataKeys cold(*db_, *box_);
  for (int i = 0; i < kOwners; i++) {
    EXPECT_EQ(load(tag("usr_", i), tag("p", i)), tag("entry ", i));
    EXPECT_EQ(load(tag("usr_", i), tag("p", i), &cold), tag("entry ", i));
  }
  store("usr_0", "q0", "after rotation");
  EXPECT_EQ(load("usr_0", "q0", &cold), "after rotation");
  EXPECT_EQ(key_rows("usr_0"), 1);
  // New keys are wrapped under the new version.
  store("usr_new", "n1", "new person");
  EXPECT_EQ(db_->query(db::ReadFrom::primary, "SELECT master_version FROM data_keys WHERE owner_id = 'usr_new'").one().i64(0), 2);
}

TEST_P(DataKeysTest, RewrapSkipsKeysItCannotUnwrapAndGoesOn) {
  store("usr_a", "p1", "a");
  store("usr_b", "p2", "b");
  // A row wrapped by a master version this ring does not have (e.g. a key file lost).
  SecretBox stranger(random_bytes(32));
  db_->execute("UPDATE data_keys SET wrapped = $1, master_version = 7 WHERE owner_id = 'usr_a'",
               {stranger.wrap_key(random_bytes(32), DataKeys::wrap_context("usr_a")).replace(1, 1, "7")});
  box_->rotate();
  auto r = keys_->rewrap(1);
  EXPECT_EQ(r.rewrapped, 1u);
  EXPECT_EQ(r.failed, 1u);
  EXPECT_EQ(load("usr_b", "p2"), "b");
}

TEST_P(DataKeysTest, ANewProcessReadsOldDataFromDisk) {
  std::string a = store("usr_a", "p1", "written by process one");
  box_->rotate();
  keys_->rewrap_all();
  std::string b = store("usr_b", "p2", "written after rotation");
  keys_.reset();
  box_.reset();
  tdb_->close();
  db_ = nullptr;
  // A new process: keys from the data directory, a new database connection, empty caches.
  auto db = tdb_->open_another(2);
  auto box = SecretBox::load_or_create("", tdb_->dir() / "keys");
  EXPECT_EQ(box.current_version(), 2);
  DataKeys keys(*db, box);
  EXPECT_EQ(keys.open("usr_a", a, "phi.body:p1"), "written by process one");
  EXPECT_EQ(keys.open("usr_b", b, "phi.body:p2"), "written after rotation");
  // Without the master key files nothing opens.
  SecretBox wrong(random_bytes(32));
  DataKeys thief(*db, wrong);
  EXPECT_EQ(thief.open("usr_a", a, "phi.body:p1"), std::nullopt);
}

TEST_P(DataKeysTest, TheDatabaseNeverHoldsThePlaintextOrTheRawKey) {
  const std::string secret = "HIV positive since 2019; takes dolutegravir";
  store("usr_a", "p1", secret);
  auto key_row = db_->query(db::ReadFrom::primary, "SELECT owner_id, wrapped, master_version, created_at FROM data_keys").one();
  auto raw_key = box_->unwrap_key(key_row.str(1), DataKeys::wrap_context("usr_a"));
  ASSERT_TRUE(raw_key);
  std::vector<std::string> needles = {secret, "dolutegravir", base64_encode(secret), hex_encode(secret),
                                      *raw_key, base64_encode(*raw_key), hex_encode(*raw_key)};
  std::vector<std::string> cells;
  for (const auto& table : {"phi", "data_keys", "audit_log", "outbox_events"}) {
    auto rs = db_->query(db::ReadFrom::primary, std::string("SELECT * FROM ") + table);
    for (const auto& row : rs.rows)
      for (size_t i = 0; i < row.cols.size(); i++) cells.push_back(row.str(i));
  }
  ASSERT_FALSE(cells.empty());
  for (const auto& cell : cells)
    for (const auto& n : needles) EXPECT_EQ(cell.find(n), std::string::npos) << "found in " << cell;
}

TEST_P(DataKeysTest, TheCacheServesRepeatReadsAndStaysBounded) {
  DataKeys::Options small;
  small.cache_capacity = 32;
  DataKeys k(*db_, *box_, small);
  std::vector<std::string> sealed;
  for (int i = 0; i < 100; i++) {
    db_->transaction([&](db::Session& tx) { sealed.push_back(k.seal(tx, tag("usr_", i), tag("x", i), "c")); });
  }
  auto s0 = k.cache_stats();
  for (int i = 0; i < 100; i++) EXPECT_EQ(k.open(tag("usr_", i), sealed[i], "c"), tag("x", i));
  auto s1 = k.cache_stats();
  EXPECT_LE(s1.entries, 32u);
  EXPECT_GT(s1.entries, 0u);
  EXPECT_EQ(s1.misses - s0.misses, 100u) << "keys created by seal are cached only after a committed read";
  // A hot owner is served from memory.
  for (int j = 0; j < 10; j++) EXPECT_EQ(k.open("usr_99", sealed[99], "c"), "x99");
  auto s2 = k.cache_stats();
  EXPECT_EQ(s2.misses, s1.misses);
  EXPECT_EQ(s2.hits - s1.hits, 10u);
  k.forget("usr_99");
  EXPECT_EQ(k.open("usr_99", sealed[99], "c"), "x99");
  EXPECT_EQ(k.cache_stats().misses, s2.misses + 1);
}

TEST_P(DataKeysTest, ConcurrentReadersAndWritersAgree) {
  constexpr int kOwners = 20, kThreads = 4, kRounds = 30;
  std::vector<std::string> sealed(kOwners);
  for (int i = 0; i < kOwners; i++) sealed[i] = store(tag("usr_", i), tag("p", i), tag("v", i));
  DataKeys::Options small;
  small.cache_capacity = 8;  // keep evicting while reading
  DataKeys k(*db_, *box_, small);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++)
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; r++) {
        int i = (t * 7 + r) % kOwners;
        try {
          if (k.open(tag("usr_", i), sealed[i], tag("phi.body:p", i)) != tag("v", i))
            failures++;
          if (r % 10 == 0) db_->transaction([&](db::Session& tx) { k.seal(tx, tag("usr_", i), "w", "c"); });
        } catch (const std::exception& e) {
          failures++;
          ADD_FAILURE() << e.what();
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Db, DataKeysTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kiorex::security
