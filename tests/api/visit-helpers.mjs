// Shared helpers of the consultation suites (consultations-visit/notes/prescriptions/ratings): a consultation
// that can be started now, starting and ending it, and a small WebSocket client for the signaling socket.
import WebSocket from 'ws';
import { newVerifiedUser, dbQuery, sqlText } from './harness.mjs';
import { doctorWithSlots, firstFreeSlot, bookSlot, setBookingTimes } from './booking-helpers.mjs';

export const MIN = 60 * 1000;

/** A verified doctor with all-day video hours in UTC and 10-minute slots. */
export const videoDoctor = (server, options = {}) => doctorWithSlots(server, { timeZone: 'UTC', slotMinutes: 10, ...options });

/** A verified patient account ({id, token, email, password, name}). */
export async function patient(server, name = 'Priya Patient') {
  return { ...(await newVerifiedUser(server, { name })), name };
}

/**
 * A confirmed booking of `patient` with `doctor` whose slot begins within the start window (the first free
 * slot, at most ~15 minutes ahead with 10-minute slots). With `shiftMs`, the slot is moved (in the database) by
 * that much, e.g. -11 * MIN for a second booking of the same doctor that must also be startable now.
 */
export async function bookedVisit(server, doctor, patientUser, { shiftMs = 0, ...extra } = {}) {
  const slot = await firstFreeSlot(server, doctor.id, { type: 'video', timeZone: 'UTC' });
  if (!slot) throw new Error('the doctor has no free slot');
  const booking = await bookSlot(server, patientUser, doctor.id, slot, extra);
  if (shiftMs) setBookingTimes(server, booking.id, Date.parse(booking.start) + shiftMs, Date.parse(booking.end) + shiftMs);
  return booking;
}

export const startVisit = (server, doctor, bookingId, body) =>
  server.api('POST', `/v1/consultations/${bookingId}/start`, { token: doctor.token, body });
export const endVisit = (server, doctor, bookingId, body) =>
  server.api('POST', `/v1/consultations/${bookingId}/end`, { token: doctor.token, body });

/** A booking already started by its doctor; returns {booking, start} (start = the 200 answer's JSON). */
export async function startedVisit(server, doctor, patientUser, options) {
  const booking = await bookedVisit(server, doctor, patientUser, options);
  const r = await startVisit(server, doctor, booking.id);
  if (r.status !== 200) throw new Error(`start: ${r.status} ${r.text}`);
  return { booking, start: r.json };
}

/** A completed consultation (started and ended). */
export async function completedVisit(server, doctor, patientUser, options) {
  const v = await startedVisit(server, doctor, patientUser, options);
  const r = await endVisit(server, doctor, v.booking.id);
  if (r.status !== 200) throw new Error(`end: ${r.status} ${r.text}`);
  return { ...v, end: r.json };
}

/** Test-only: pretends the consultation ended `agoMs` ago (moves ended_at in the database). */
export function endedAgo(server, bookingId, agoMs) {
  dbQuery(server, `UPDATE bookings SET ended_at = ${Date.now() - agoMs} WHERE id = ${sqlText(bookingId)}`);
}

/** Rows of the outbox of one type about one aggregate (payload parsed). */
export function events(server, type, aggregateId) {
  return dbQuery(server, `SELECT type, aggregate_id, payload FROM outbox_events WHERE type = ${sqlText(type)} AND aggregate_id = ${sqlText(aggregateId)}`)
    .map((e) => ({ ...e, payload: JSON.parse(e.payload) }));
}

/** Audit records with this action about this subject. */
export function auditRecords(server, action, subjectId) {
  return dbQuery(server, `SELECT actor_id, action, subject_id, resource, outcome FROM audit_log WHERE action = ${sqlText(action)} AND subject_id = ${sqlText(subjectId)} ORDER BY seq`);
}

/**
 * Opens the signaling socket of a consultation. Resolves with a client once open; rejects with an Error carrying
 * `status` when the server refuses the upgrade with an HTTP answer. `token` null sends none.
 */
export function openSignal(server, bookingId, token, { headerToken = false } = {}) {
  const url = `ws://127.0.0.1:${server.port}/v1/consultations/${bookingId}/signal${token && !headerToken ? `?access_token=${encodeURIComponent(token)}` : ''}`;
  const ws = new WebSocket(url, headerToken && token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const queue = [];
  const waiters = [];
  let closeInfo = null;
  const closed = new Promise((res) => ws.on('close', (code, reason) => {
    closeInfo = { code, reason: reason.toString() };
    res(closeInfo);
    for (const w of waiters.splice(0)) w.reject(new Error(`socket closed (${code}) while waiting`));
  }));
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    queue.push(msg);
    for (const w of [...waiters]) w.check();
  });
  const client = {
    ws, closed, received: queue,
    send: (obj) => ws.send(typeof obj === 'string' ? obj : JSON.stringify(obj)),
    close: () => { ws.close(); return closed; },
    /** The next message not yet taken (optionally the next one matching `pred`); fails after `ms`. */
    next(pred = () => true, ms = 5000) {
      if (typeof pred === 'string') { const t = pred; pred = (m) => m.type === t; }
      return new Promise((resolve, reject) => {
        const w = {
          check() {
            const i = queue.findIndex((m) => !m.taken && pred(m));
            if (i < 0) return false;
            queue[i].taken = true;
            cleanup();
            const { taken, ...msg } = queue[i];
            resolve(msg);
            return true;
          },
          reject: (e) => { cleanup(); reject(e); },
        };
        const timer = setTimeout(() => { cleanup(); reject(new Error(`no matching message within ${ms} ms; got ${JSON.stringify(queue)}`)); }, ms);
        const cleanup = () => { clearTimeout(timer); const k = waiters.indexOf(w); if (k >= 0) waiters.splice(k, 1); };
        waiters.push(w);
        if (!w.check() && closeInfo) w.reject(new Error(`socket closed (${closeInfo.code})`));
      });
    },
    /** Messages received so far and not taken, without taking them. */
    pending: () => queue.filter((m) => !m.taken).map(({ taken, ...m }) => m),
  };
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve(client));
    ws.on('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        const e = new Error(`upgrade refused: ${res.statusCode} ${body}`);
        e.status = res.statusCode;
        e.body = body;
        reject(e);
      });
    });
    ws.on('error', (e) => reject(e));
  });
}

/** Opens the socket and waits for its {"type":"joined"}; returns the client. */
export async function joinSignal(server, bookingId, user) {
  const c = await openSignal(server, bookingId, user.token);
  const joined = await c.next();
  if (joined.type !== 'joined') throw new Error(`expected joined, got ${JSON.stringify(joined)}`);
  c.role = joined.role;
  return c;
}
