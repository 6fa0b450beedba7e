-- The audit log's index by subject (a person's access log) is kept up to date in batches instead of with
-- every record (core/audit/audit_log.cpp): every read of personal health information appends a record,
-- and an index entry per record cost one more index page written per record (on SQLite each commit writes
-- whole 4 KiB pages: the users load run gained ~15 % without it). Records with seq <= indexed_seq are in
-- audit_subject_index; the newer ones (at most AuditLog::kSubjectIndexEvery) are found by a range scan
-- of audit_log by seq. The index is derived data: it can be rebuilt from audit_log at any time.
CREATE TABLE audit_subject_index (
  subject_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (subject_id, seq)
) WITHOUT ROWID;
CREATE TABLE audit_index_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_seq BIGINT NOT NULL
);
INSERT INTO audit_subject_index (subject_id, seq) SELECT subject_id, seq FROM audit_log;
INSERT INTO audit_index_state (id, indexed_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM audit_log;
DROP INDEX audit_log_subject;
