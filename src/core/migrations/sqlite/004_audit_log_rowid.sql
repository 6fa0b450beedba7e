-- The audit log is written on every read of personal health information, so each record should cost as
-- few page writes as possible: seq becomes the table's rowid (records are appended at the end of the table
-- instead of also going into a separate primary-key index), and the UNIQUE index on id goes (ids are random
-- 128-bit values, never looked up; one random index page was written per record). The hash chain, the
-- columns and their meaning are unchanged. SQLite cannot change a primary key in place: the table is rebuilt.
CREATE TABLE audit_log_new (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
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
INSERT INTO audit_log_new SELECT seq, id, at, actor_id, actor_role, action, subject_id, resource, reason, request_id,
  ip, outcome, details, prev_hash, hash FROM audit_log ORDER BY seq;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_subject ON audit_log(subject_id, seq);
