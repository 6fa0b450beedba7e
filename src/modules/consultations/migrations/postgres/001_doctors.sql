-- Doctors (mission 3.1.3) and their verification (3.1.12): the specialty list, profiles, clinic locations,
-- and the search index. A doctor's profile is public professional data, not PHI: plain columns.
-- doctors.user_id is the doctor's account (users.id). Keep this file and postgres/001_doctors.sql equal in meaning.
--
-- The seeded specialties: ids are lowercase slugs; aliases (a JSON array) are what people type instead
-- ("skin specialist"); they are searchable like the name.
CREATE TABLE specialties (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  aliases TEXT NOT NULL,
  sort_order INTEGER NOT NULL
);
INSERT INTO specialties (id, name, aliases, sort_order) VALUES
  ('general-medicine', 'General Medicine', '["general physician","family doctor","gp","physician","internist","internal medicine"]', 1),
  ('dermatology', 'Dermatology', '["skin specialist","dermatologist","skin doctor","hair specialist","trichologist"]', 2),
  ('cardiology', 'Cardiology', '["heart specialist","cardiologist","heart doctor"]', 3),
  ('pediatrics', 'Pediatrics', '["paediatrics","child specialist","pediatrician","paediatrician","child doctor"]', 4),
  ('obstetrics-gynecology', 'Obstetrics & Gynecology', '["gynecologist","gynaecologist","obstetrician","gynaecology","obgyn","pregnancy specialist"]', 5),
  ('orthopedics', 'Orthopedics', '["orthopaedics","bone specialist","orthopedic surgeon","orthopaedic surgeon","orthopedist","joint specialist"]', 6),
  ('ent', 'ENT (Otorhinolaryngology)', '["ear nose throat","ent specialist","otolaryngologist","otorhinolaryngologist"]', 7),
  ('ophthalmology', 'Ophthalmology', '["eye specialist","eye doctor","ophthalmologist","eye surgeon"]', 8),
  ('psychiatry', 'Psychiatry', '["psychiatrist","mental health specialist"]', 9),
  ('psychology', 'Psychology & Counselling', '["psychologist","counsellor","counselor","therapist","clinical psychologist"]', 10),
  ('neurology', 'Neurology', '["neurologist","brain specialist","nerve specialist"]', 11),
  ('gastroenterology', 'Gastroenterology', '["gastroenterologist","stomach specialist","digestive specialist","liver specialist","hepatologist"]', 12),
  ('endocrinology', 'Endocrinology & Diabetes', '["endocrinologist","diabetologist","diabetes specialist","thyroid specialist","hormone specialist"]', 13),
  ('pulmonology', 'Pulmonology', '["pulmonologist","chest specialist","lung specialist","chest physician","respiratory physician"]', 14),
  ('nephrology', 'Nephrology', '["nephrologist","kidney specialist"]', 15),
  ('urology', 'Urology', '["urologist","urinary specialist"]', 16),
  ('oncology', 'Oncology', '["oncologist","cancer specialist"]', 17),
  ('rheumatology', 'Rheumatology', '["rheumatologist","arthritis specialist"]', 18),
  ('dentistry', 'Dentistry', '["dentist","dental surgeon","tooth doctor","orthodontist"]', 19),
  ('general-surgery', 'General Surgery', '["general surgeon","surgeon","laparoscopic surgeon"]', 20),
  ('physiotherapy', 'Physiotherapy', '["physiotherapist","physio","physical therapist"]', 21),
  ('nutrition-dietetics', 'Nutrition & Dietetics', '["dietitian","dietician","nutritionist"]', 22),
  ('homeopathy', 'Homeopathy', '["homeopath","homoeopathy","homoeopath"]', 23),
  ('ayurveda', 'Ayurveda', '["ayurvedic doctor","ayurvedic physician","vaidya"]', 24),
  ('sexology', 'Sexology', '["sexologist","sexual health specialist"]', 25),
  ('infectious-diseases', 'Infectious Diseases', '["infectious disease specialist","infection specialist","fever specialist"]', 26),
  ('hematology', 'Hematology', '["haematology","hematologist","haematologist","blood specialist"]', 27),
  ('allergy-immunology', 'Allergy & Immunology', '["allergist","immunologist","allergy specialist"]', 28),
  ('plastic-surgery', 'Plastic Surgery', '["plastic surgeon","cosmetic surgeon","reconstructive surgeon"]', 29),
  ('neurosurgery', 'Neurosurgery', '["neurosurgeon","brain surgeon","spine surgeon"]', 30),
  ('geriatrics', 'Geriatrics', '["geriatrician","elderly care specialist"]', 31),
  ('sports-medicine', 'Sports Medicine', '["sports medicine specialist","sports injury specialist"]', 32);

-- One row per doctor, created by the first PUT /v1/consultations/doctors/me (status draft). The row holds what
-- filters, sorts and other parts read, and is kept narrow (search scans it); the long texts live in
-- doctor_details. The JSON columns hold the lists as the API shows them; doctor_specialties / doctor_languages
-- index them for filters. rating_* are kept by the ratings part (in the rating's transaction), next_available_at
-- by the availability part. min_fee / max_fee: the lower / higher of the two fees (fee sorts and filters on any
-- type). Kept by search_index.cpp: search_facets the doctor's facet values ("s:<specialty> ... l:<language> ...").
CREATE TABLE doctors (
  user_id TEXT PRIMARY KEY REFERENCES users(id),
  name TEXT NOT NULL,
  gender TEXT,
  photo_ref TEXT,
  specialty_ids TEXT NOT NULL DEFAULT '[]',
  registration_number TEXT,
  registration_council TEXT,
  experience_years INTEGER,
  languages TEXT NOT NULL DEFAULT '[]',
  currency TEXT,
  video_fee BIGINT,
  clinic_fee BIGINT,
  min_fee BIGINT,
  max_fee BIGINT,
  time_zone TEXT,
  slot_minutes INTEGER NOT NULL DEFAULT 15,
  follow_up_days INTEGER NOT NULL DEFAULT 7,
  status TEXT NOT NULL DEFAULT 'draft',
  rejection_reason TEXT,
  submitted_at BIGINT,
  verified_at BIGINT,
  rating_count INTEGER NOT NULL DEFAULT 0,
  rating_sum INTEGER NOT NULL DEFAULT 0,
  rating_avg DOUBLE PRECISION NOT NULL DEFAULT 0,
  next_available_at BIGINT,
  search_facets TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK (status IN ('draft', 'pending', 'verified', 'rejected')),
  CHECK (video_fee IS NULL OR video_fee >= 0),
  CHECK (clinic_fee IS NULL OR clinic_fee >= 0)
);
-- The admin queue (oldest submission first) and the search orders over verified doctors.
CREATE INDEX doctors_queue ON doctors(status, submitted_at, user_id);
CREATE INDEX doctors_by_rating ON doctors(status, rating_avg DESC, rating_count DESC, user_id);
CREATE INDEX doctors_by_min_fee ON doctors(status, min_fee, user_id);
CREATE INDEX doctors_by_max_fee ON doctors(status, max_fee, user_id);
CREATE INDEX doctors_by_video_fee ON doctors(status, video_fee, user_id);
CREATE INDEX doctors_by_clinic_fee ON doctors(status, clinic_fee, user_id);
CREATE INDEX doctors_by_next_available ON doctors(status, next_available_at, user_id);

-- The doctor's long texts: bio, qualifications and conditions (JSON) as the API shows them, and, kept by
-- search_index.cpp, the search result's stored JSON (card: everything but rating, distance and next
-- availability, which search adds) and the normalised words indexed for the doctor while verified (search_text)
-- with its full-text vector (search_vector, below).
CREATE TABLE doctor_details (
  user_id TEXT PRIMARY KEY REFERENCES doctors(user_id),
  bio TEXT,
  qualifications TEXT NOT NULL DEFAULT '[]',
  conditions TEXT NOT NULL DEFAULT '[]',
  card TEXT,
  search_text TEXT,
  search_vector TSVECTOR
);

CREATE TABLE doctor_specialties (
  specialty_id TEXT NOT NULL REFERENCES specialties(id),
  doctor_id TEXT NOT NULL REFERENCES doctors(user_id),
  PRIMARY KEY (specialty_id, doctor_id)
);
CREATE INDEX doctor_specialties_doctor ON doctor_specialties(doctor_id);
CREATE TABLE doctor_languages (
  language TEXT NOT NULL,
  doctor_id TEXT NOT NULL REFERENCES doctors(user_id),
  PRIMARY KEY (language, doctor_id)
);
CREATE INDEX doctor_languages_doctor ON doctor_languages(doctor_id);

-- Clinics (up to 5 per doctor); lat/lng in degrees (WGS 84). The (lat, lng) index serves the bounding box
-- that narrows `near` before the exact great-circle distance.
CREATE TABLE doctor_locations (
  id TEXT PRIMARY KEY,
  doctor_id TEXT NOT NULL REFERENCES doctors(user_id),
  name TEXT NOT NULL,
  line1 TEXT NOT NULL,
  line2 TEXT,
  city TEXT NOT NULL,
  region TEXT,
  postal_code TEXT,
  country TEXT NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  lng DOUBLE PRECISION NOT NULL,
  sort_order INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX doctor_locations_doctor ON doctor_locations(doctor_id, sort_order);
CREATE INDEX doctor_locations_position ON doctor_locations(lat, lng, doctor_id);

-- Full text over verified doctors only: doctor_details.search_vector (set while verified, NULL otherwise) holds
-- the normalised words (search_query.cpp `words`) of the specialties with their aliases (weight A), the name (B),
-- conditions (C), clinic names, cities and the names of the languages spoken (D), in the 'simple'
-- configuration (no stemming, as on SQLite).
CREATE INDEX doctor_details_search ON doctor_details USING gin (search_vector);
-- The index's words, with how many verified doctors use each (kept by search_index.cpp): what typo correction
-- chooses from, the nearest by trigram distance first (pg_trgm, GiST).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE search_terms (
  term TEXT PRIMARY KEY,
  doc_count INTEGER NOT NULL
);
CREATE INDEX search_terms_trgm ON search_terms USING gist (term gist_trgm_ops);
