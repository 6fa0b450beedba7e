-- The users module's records. Personal health information lives only in the *_sealed columns,
-- encrypted under the person's data key (core/security/data_keys) and bound to "<table>:<row id>";
-- the plaintext columns are ids, owners, kinds, ordering keys, versions and timestamps.
CREATE TABLE user_profiles (
  user_id TEXT PRIMARY KEY REFERENCES users(id),
  data_sealed TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- A pending email/phone change: the new value (sealed) and the hash of the code sent to it.
CREATE TABLE contact_changes (
  user_id TEXT NOT NULL REFERENCES users(id),
  channel TEXT NOT NULL,
  value_sealed TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, channel)
);
CREATE TABLE medical_history (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  data_sealed TEXT NOT NULL,
  recorded_by_id TEXT NOT NULL,
  recorded_by_role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  deleted_at BIGINT
);
CREATE INDEX medical_history_owner ON medical_history(owner_id, created_at, id);
CREATE TABLE emergency_contacts (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users(id),
  data_sealed TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX emergency_contacts_owner ON emergency_contacts(owner_id, priority, created_at);
-- Append-only: each grant or withdrawal is a row; the current state is the latest row per purpose.
CREATE TABLE consents (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL,
  granted INTEGER NOT NULL,
  text_version TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX consents_user ON consents(user_id, purpose, created_at);
