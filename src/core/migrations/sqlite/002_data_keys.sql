-- Per-person data keys (core/security/data_keys.hpp): the 32-byte AES-256-GCM key that encrypts one
-- person's PHI, stored only wrapped by the master key ring ("v<master version>." + base64) with the
-- context "data_keys:<owner_id>". master_version says which master key wrapped it, so
-- `kiorex keys rotate` can re-wrap the rows still on an older version. Crypto-shredding (GDPR erasure)
-- sets wrapped to NULL and shredded_at: every ciphertext of that person becomes unreadable, and no new
-- key is ever created for them. Keep this file and postgres/002_data_keys.sql identical in meaning.
CREATE TABLE data_keys (
  owner_id TEXT PRIMARY KEY,
  wrapped TEXT,
  master_version INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  shredded_at BIGINT
);
