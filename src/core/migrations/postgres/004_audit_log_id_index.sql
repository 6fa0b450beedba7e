-- The audit log is written on every read of personal health information: its UNIQUE index on id (random
-- 128-bit values, never looked up) cost one random index page per record and goes. seq stays the key.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_id_key;
