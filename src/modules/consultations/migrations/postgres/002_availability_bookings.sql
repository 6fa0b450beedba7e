-- Doctors' schedules (schedule.cpp), the availability search reads (availability.cpp) and bookings
-- (bookings.cpp, booking_state.cpp). Times are BIGINT epoch ms (UTC); local dates are 'YYYY-MM-DD' text and
-- local times minutes after midnight, both in the doctor's IANA zone (doctors.time_zone).
-- Keep this file and sqlite/002_availability_bookings.sql identical in meaning.
--
-- The version of a doctor's weekly schedule (ETag of GET/PUT /doctors/me/schedule); no row before the first PUT.
CREATE TABLE doctor_schedules (
  doctor_id TEXT PRIMARY KEY REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL
);
-- Weekly working ranges: ISO weekday (1 = Monday), [start_minute, end_minute) local wall clock; breaks are
-- the gaps between ranges. location_id names a doctor_locations row for clinic ranges, NULL for video.
CREATE TABLE doctor_weekly_hours (
  doctor_id TEXT NOT NULL REFERENCES users(id),
  weekday INTEGER NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  type TEXT NOT NULL,
  location_id TEXT,
  PRIMARY KEY (doctor_id, weekday, start_minute),
  CHECK (weekday BETWEEN 1 AND 7),
  CHECK (start_minute >= 0 AND end_minute <= 1440 AND end_minute > start_minute),
  CHECK (type IN ('video', 'clinic'))
);
-- Exceptions on one local date: 'leave' (no times = the whole day) or 'extra' hours (times and type).
CREATE TABLE doctor_exceptions (
  id TEXT PRIMARY KEY,
  doctor_id TEXT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  local_date TEXT NOT NULL,
  start_minute INTEGER,
  end_minute INTEGER,
  type TEXT,
  location_id TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  CHECK (kind IN ('leave', 'extra'))
);
CREATE INDEX doctor_exceptions_doctor ON doctor_exceptions(doctor_id, local_date);
-- Free slots per local date for the next 28 local days (only dates with at least one), kept by
-- refresh_availability() in the transaction of every change; search's available_on and next_available read it.
CREATE TABLE doctor_availability_days (
  doctor_id TEXT NOT NULL REFERENCES users(id),
  local_date TEXT NOT NULL,
  free_slots INTEGER NOT NULL,
  PRIMARY KEY (doctor_id, local_date)
);
CREATE INDEX doctor_availability_days_date ON doctor_availability_days(local_date, doctor_id);
-- Bookings. status: pending_payment | confirmed | in_progress | completed | cancelled | no_show, moved only
-- by booking_state.cpp. reason_sealed and cancel_reason are sealed with the PATIENT's data key
-- ("bookings:<id>:reason", "bookings:<id>:cancel_reason"). cancelled_by: the user id who cancelled.
-- rescheduled_from: the previous slot_start. version: compare-and-set on every change.
CREATE TABLE bookings (
  id TEXT PRIMARY KEY,
  doctor_id TEXT NOT NULL REFERENCES users(id),
  patient_id TEXT NOT NULL REFERENCES users(id),
  booked_by TEXT NOT NULL REFERENCES users(id),
  type TEXT NOT NULL,
  location_id TEXT,
  slot_start BIGINT NOT NULL,
  slot_end BIGINT NOT NULL,
  status TEXT NOT NULL,
  reason_sealed TEXT,
  fee BIGINT NOT NULL,
  currency TEXT NOT NULL,
  follow_up_of TEXT REFERENCES bookings(id),
  started_at BIGINT,
  ended_at BIGINT,
  duration_seconds BIGINT,
  cancelled_by TEXT,
  cancel_reason TEXT,
  cancelled_at BIGINT,
  rescheduled_from BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  CHECK (type IN ('video', 'clinic')),
  CHECK (status IN ('pending_payment', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show')),
  CHECK (slot_end > slot_start)
);
-- Exactly one booking per doctor slot: the database holds it, so racing patients get one winner.
CREATE UNIQUE INDEX bookings_one_per_slot ON bookings(doctor_id, slot_start)
  WHERE status IN ('pending_payment', 'confirmed', 'in_progress', 'completed');
-- At most one live free follow-up per completed consultation.
CREATE UNIQUE INDEX bookings_one_follow_up ON bookings(follow_up_of)
  WHERE follow_up_of IS NOT NULL AND status IN ('pending_payment', 'confirmed', 'in_progress', 'completed');
CREATE INDEX bookings_doctor ON bookings(doctor_id, slot_start);
CREATE INDEX bookings_patient ON bookings(patient_id, slot_start);
-- One doctor and one patient: the care relationship check and the follow-up lookup.
CREATE INDEX bookings_pair ON bookings(doctor_id, patient_id, status);
