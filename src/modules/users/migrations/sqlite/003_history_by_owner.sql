-- A person's medical history is read as a page of their newest entries. As a rowid table with an index on
-- (owner_id, created_at, id), a page of 20 cost a walk of the index plus a b-tree lookup per entry into
-- table pages that entries of other people share (entries are written over years, mixed with everyone
-- else's). Clustered on that key (WITHOUT ROWID), the entries of one person sit together, newest last, and
-- a page is one range of the table: fewer pages to read, and no second lookup per entry. Those pages are
-- read afresh often, since any commit makes SQLite's readers drop their page caches (the audit record of
-- every read commits). The key never changes (an entry keeps its owner and creation time); id stays
-- unique through its own index. SQLite cannot change a primary key in place: the table is rebuilt.
CREATE TABLE medical_history_new (
  id TEXT NOT NULL,
  owner_id TEXT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  data_sealed TEXT NOT NULL,
  recorded_by_id TEXT NOT NULL,
  recorded_by_role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  deleted_at BIGINT,
  PRIMARY KEY (owner_id, created_at, id)
) WITHOUT ROWID;
INSERT INTO medical_history_new (id, owner_id, kind, data_sealed, recorded_by_id, recorded_by_role, created_at,
  updated_at, version, deleted_at)
  SELECT id, owner_id, kind, data_sealed, recorded_by_id, recorded_by_role, created_at, updated_at, version, deleted_at
  FROM medical_history ORDER BY owner_id, created_at, id;
DROP TABLE medical_history;
ALTER TABLE medical_history_new RENAME TO medical_history;
CREATE UNIQUE INDEX medical_history_id ON medical_history(id);
