-- Idempotency-Key answers (core/http/idempotency.hpp): one row per (caller, "METHOD /route", SHA-256 of the
-- key). A row with status NULL is a claim of a request still running (token = the claimant, locked_until =
-- when another may take it over); a finished one holds the answer encrypted under a key derived from the
-- Idempotency-Key itself (which is not stored). request_hash tells a repeat from a different request
-- that reuses the key. Rows are purged 24 h after created_at. Keep sqlite/ and postgres/ identical in meaning.
CREATE TABLE idempotency_keys (
  user_id TEXT NOT NULL,
  route TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  token TEXT NOT NULL,
  status INTEGER,
  response_sealed TEXT,
  created_at BIGINT NOT NULL,
  locked_until BIGINT NOT NULL,
  completed_at BIGINT,
  PRIMARY KEY (user_id, route, key_hash)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
