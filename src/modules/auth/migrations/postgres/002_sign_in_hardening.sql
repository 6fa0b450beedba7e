-- How the session's sign-in was proven (RFC 8176 amr values, comma separated: "pwd", "otp", "fed", "mfa"),
-- so a refreshed access token says the same as the first one (e.g. whether a second factor was passed).
ALTER TABLE sessions ADD COLUMN amr TEXT NOT NULL DEFAULT '';
-- MFA challenge tokens already exchanged for a session: the primary key makes a second use (or a race of
-- two) fail. Rows are kept until the token has expired anyway.
CREATE TABLE mfa_challenges_used (
  jti TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX mfa_challenges_used_expiry ON mfa_challenges_used(expires_at);
