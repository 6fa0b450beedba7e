-- Family relationships, read by the access policy (src/modules/users/access_policy.cpp).
--   kind 'dependent': guardian_id manages member_id (an account without sign-in): read + write everything.
--   kind 'linked': guardian_id asked to link with member_id (an existing account); once member_id accepts
--   (status 'active') each side may read the other's profile, medical history and emergency contacts.
-- status: 'pending' (asked, not answered) | 'active' | 'declined' | 'ended'. Only 'active' grants anything.
-- One row per ordered pair; times are BIGINT epoch milliseconds.
-- Keep this file and sqlite/001_family_links.sql identical in meaning.
CREATE TABLE family_links (
  id TEXT PRIMARY KEY,
  guardian_id TEXT NOT NULL REFERENCES users(id),
  member_id TEXT NOT NULL REFERENCES users(id),
  relationship TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  decided_at BIGINT,
  UNIQUE (guardian_id, member_id),
  CHECK (kind IN ('dependent', 'linked')),
  CHECK (status IN ('active', 'pending', 'declined', 'ended')),
  CHECK (guardian_id <> member_id)
);
CREATE INDEX family_links_member ON family_links(member_id);
