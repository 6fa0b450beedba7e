-- The consultation itself: notes (notes.cpp), in-call chat (signaling.cpp), prescriptions (prescriptions.cpp)
-- and ratings (ratings.cpp). PHI lives only in the *_sealed columns, encrypted under the PATIENT's data key
-- (core/security/data_keys) and bound to "<table>:<row id>"; the plaintext columns are ids, sides, times,
-- versions, hashes and signatures. Times are BIGINT epoch milliseconds.
-- Keep this file and sqlite/003_visits.sql identical in meaning.
--
-- SOAP notes: one row per consultation (data_sealed = {"subjective","objective","assessment","plan"}).
CREATE TABLE consultation_notes (
  booking_id TEXT PRIMARY KEY REFERENCES bookings(id),
  patient_id TEXT NOT NULL REFERENCES users(id),
  doctor_id TEXT NOT NULL REFERENCES users(id),
  data_sealed TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- Chat messages sent over the signaling socket; sender_side is 'patient' for the patient or their guardian.
CREATE TABLE consultation_messages (
  id TEXT PRIMARY KEY,
  booking_id TEXT NOT NULL REFERENCES bookings(id),
  sender_id TEXT NOT NULL REFERENCES users(id),
  sender_side TEXT NOT NULL,
  text_sealed TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  CHECK (sender_side IN ('patient', 'doctor'))
);
CREATE INDEX consultation_messages_booking ON consultation_messages(booking_id, created_at, id);
-- One prescription per consultation (the UNIQUE booking_id holds it under races).
-- canonical_sealed: the canonical JSON that was signed; signature: base64url Ed25519 by key `kid` of the JWT
-- key ring over "kiorex.prescription.v1\n" + canonical; code_hash: SHA-256 hex of the verification code
-- (the code itself is only in the QR code and the issuing response); pdf_key: the sealed PDF in the file store.
CREATE TABLE prescriptions (
  id TEXT PRIMARY KEY,
  booking_id TEXT NOT NULL UNIQUE REFERENCES bookings(id),
  doctor_id TEXT NOT NULL REFERENCES users(id),
  patient_id TEXT NOT NULL REFERENCES users(id),
  issued_at BIGINT NOT NULL,
  canonical_sealed TEXT NOT NULL,
  kid TEXT NOT NULL,
  signature TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  pdf_key TEXT NOT NULL
);
CREATE INDEX prescriptions_patient ON prescriptions(patient_id, issued_at);
CREATE INDEX prescriptions_doctor ON prescriptions(doctor_id, issued_at);
-- One rating per completed consultation. The comment is shown publicly on the doctor's profile (with the
-- patient's first name only), so it is not sealed. rated_by: the patient or their guardian.
CREATE TABLE ratings (
  booking_id TEXT PRIMARY KEY REFERENCES bookings(id),
  patient_id TEXT NOT NULL REFERENCES users(id),
  doctor_id TEXT NOT NULL REFERENCES users(id),
  rated_by TEXT NOT NULL REFERENCES users(id),
  stars INTEGER NOT NULL,
  comment TEXT,
  created_at BIGINT NOT NULL,
  CHECK (stars BETWEEN 1 AND 5)
);
CREATE INDEX ratings_doctor ON ratings(doctor_id, created_at);
