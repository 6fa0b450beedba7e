-- Core tables: the transactional outbox and its delivery bookkeeping, the hash-chained audit log,
-- and the dev mailbox. Timestamps are BIGINT epoch milliseconds; flags are 0/1 INTEGER.
-- Keep this file and sqlite/001_core.sql identical in meaning.
CREATE TABLE outbox_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  available_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  delivered_at BIGINT
);
CREATE INDEX outbox_events_due ON outbox_events(delivered_at, available_at);
-- One row per (consumer, event) that failed at least once: 'pending' (retry at next_attempt_at) or 'dead'.
CREATE TABLE event_deliveries (
  consumer TEXT NOT NULL,
  event_id TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (consumer, event_id)
);
CREATE INDEX event_deliveries_event ON event_deliveries(event_id);
-- Written in the consumer's own transaction: a redelivered event finds its row and is skipped.
CREATE TABLE event_consumptions (
  consumer TEXT NOT NULL,
  event_id TEXT NOT NULL,
  processed_at BIGINT NOT NULL,
  PRIMARY KEY (consumer, event_id)
);
CREATE INDEX event_consumptions_event ON event_consumptions(event_id);
CREATE TABLE dead_letters (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  consumer TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  error TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  replayed_at BIGINT
);
CREATE INDEX dead_letters_created ON dead_letters(created_at);
CREATE INDEX dead_letters_event ON dead_letters(event_id, consumer);
-- Append-only, hash-chained: hash = sha256(canonical(all fields, prev_hash)); seq is assigned by the
-- application (last seq + 1) under the append lock, never reused.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  at BIGINT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  resource TEXT NOT NULL,
  reason TEXT NOT NULL,
  request_id TEXT NOT NULL,
  ip TEXT NOT NULL,
  outcome TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log(subject_id, seq);
CREATE TABLE dev_outbox (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX dev_outbox_recipient ON dev_outbox(lower(recipient), created_at);
CREATE INDEX dev_outbox_created ON dev_outbox(created_at);
