-- The audit chain becomes keyed (core/audit/audit_log.cpp): from here on each record's hash is
-- HMAC-SHA-256 under a key kept outside the database, so someone holding only the database cannot
-- recompute a valid tail. Records written before keep verifying by the old rule (plain SHA-256): verify
-- tells the two apart by keyed_from_seq, the seq of the first keyed record. It is set, together with
-- seal = HMAC(chain key, "kiorex.audit.keyed-from\n" || keyed_from_seq), by the first append after this
-- migration (in that append's transaction), so it cannot be moved later without the key. Until then both are
-- NULL and every record is an old-rule one. Signed checkpoints also carry keyed_from_seq.
CREATE TABLE audit_chain_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  keyed_from_seq BIGINT,
  seal TEXT
);
INSERT INTO audit_chain_state (id, keyed_from_seq, seal) VALUES (1, NULL, NULL);
