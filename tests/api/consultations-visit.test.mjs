// Consultation service, the consultation itself: POST /v1/consultations/{id}/start and /end, GET …/room (ICE
// servers with coturn REST credentials), the signaling WebSocket (admission, joined/peer-joined/peer-left, relay
// of offer/answer/ice, one socket per side, chat stored sealed, bad messages, "ended") and GET …/chat.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startServer, adminLogin, assertProblem, dbQuery, sqlText, databaseText, markersIn, sleep } from './harness.mjs';
import { rid } from './users-helpers.mjs';
import {
  MIN, videoDoctor, patient, bookedVisit, startedVisit, startVisit, endVisit, events, auditRecords, openSignal, joinSignal,
} from './visit-helpers.mjs';

const TURN_SECRET = 'visit-suite-turn-secret';
const ICE_ENV = {
  KIOREX_STUN_URLS: 'stun:stun1.kiorex.test:3478, stun:stun2.kiorex.test:3478',
  KIOREX_TURN_URLS: 'turn:turn.kiorex.test:3478?transport=udp,turns:turn.kiorex.test:5349',
  KIOREX_TURN_SECRET: TURN_SECRET,
  KIOREX_TURN_TTL_SECONDS: '600',
};

let server;
before(async () => {
  server = await startServer({ env: ICE_ENV });
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const call = (who, method, path, opts = {}) => server.api(method, path, { token: who.token, ...opts });
const bookingOf = async (who, id) => {
  const r = await call(who, 'GET', `/v1/consultations/bookings/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};

/** The room object is right for `user`: signal URL, STUN, TURN with a credential that coturn would accept. */
function assertRoom(room, bookingId, user) {
  assert.equal(room.signal_url, `/v1/consultations/${bookingId}/signal`);
  assert.deepEqual(room.ice_servers[0], { urls: ['stun:stun1.kiorex.test:3478', 'stun:stun2.kiorex.test:3478'] });
  const turn = room.ice_servers[1];
  assert.deepEqual(turn.urls, ['turn:turn.kiorex.test:3478?transport=udp', 'turns:turn.kiorex.test:5349']);
  const [expiry, id] = turn.username.split(':');
  assert.equal(id, user.id);
  const ttl = Number(expiry) - Date.now() / 1000;
  assert.ok(ttl > 590 && ttl <= 601, `expires after KIOREX_TURN_TTL_SECONDS (${ttl})`);
  assert.equal(turn.credential, createHmac('sha1', TURN_SECRET).update(turn.username).digest('base64'));
  assert.equal(room.ice_servers.length, 2);
}

test('the doctor starts the consultation inside its window; the booking is in progress with an event', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const b = await bookedVisit(server, doctor, P);
  assert.equal(b.status, 'confirmed');

  // Not yet: the room is closed, and the patient may not start it.
  assertProblem(assert, await call(P, 'GET', `/v1/consultations/${b.id}/room`), 409, 'not-started');
  assertProblem(assert, await startVisit(server, P, b.id), 403);
  // A body other than an empty object is refused and changes nothing.
  const bad = await startVisit(server, doctor, b.id, { force: true });
  assertProblem(assert, bad, 422, 'validation');
  assert.equal((await bookingOf(P, b.id)).status, 'confirmed');

  const before = Date.now();
  const r = await startVisit(server, doctor, b.id);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.booking_id, b.id);
  assert.equal(r.json.status, 'in_progress');
  const startedAt = Date.parse(r.json.started_at);
  assert.ok(startedAt >= before - 1000 && startedAt <= Date.now() + 1000);
  assertRoom(r.json.room, b.id, doctor);

  const booking = await bookingOf(P, b.id);
  assert.equal(booking.status, 'in_progress');
  assert.equal(booking.started_at, r.json.started_at);
  assert.equal(events(server, 'consultation.started', b.id).length, 1);

  // Once only.
  assertProblem(assert, await startVisit(server, doctor, b.id), 409, 'already-started');
  assert.equal(events(server, 'consultation.started', b.id).length, 1);

  // The patient's room carries TURN credentials of their own.
  const room = await call(P, 'GET', `/v1/consultations/${b.id}/room`);
  assert.equal(room.status, 200, room.text);
  assertRoom(room.json, b.id, P);
  const docRoom = await call(doctor, 'GET', `/v1/consultations/${b.id}/room`);
  assertRoom(docRoom.json, b.id, doctor);
});

test('start is refused outside its window, for other doctors and for unknown consultations (404, nothing changes)', async () => {
  const doctor = await videoDoctor(server);
  const other = await videoDoctor(server);
  const P = await patient(server);
  const stranger = await patient(server, 'Sita Stranger');
  const early = await bookedVisit(server, doctor, P, { shiftMs: 60 * MIN });
  assertProblem(assert, await startVisit(server, doctor, early.id), 409, 'outside-window');
  const late = await bookedVisit(server, doctor, P, { shiftMs: -2 * 60 * MIN });
  assertProblem(assert, await startVisit(server, doctor, late.id), 409, 'outside-window');
  for (const id of [early.id, late.id]) assert.equal((await bookingOf(P, id)).status, 'confirmed');

  const b = await bookedVisit(server, doctor, P);
  assertProblem(assert, await startVisit(server, other, b.id), 404, 'not-found');
  assertProblem(assert, await call(other, 'GET', `/v1/consultations/${b.id}/room`), 404, 'not-found');
  assertProblem(assert, await call(stranger, 'GET', `/v1/consultations/${b.id}/room`), 404, 'not-found');
  assertProblem(assert, await startVisit(server, doctor, 'bkg_00000000000000000000000000'), 404, 'not-found');
  assertProblem(assert, await startVisit(server, doctor, 'nonsense'), 404, 'not-found');
  assert.equal((await bookingOf(P, b.id)).status, 'confirmed');
  assert.equal(events(server, 'consultation.started', b.id).length, 0);
  // A cancelled booking cannot be started (the doctor may cancel until the start).
  const c = await call(doctor, 'PUT', `/v1/consultations/bookings/${b.id}/cancel`, { body: { reason: 'called away' } });
  assert.equal(c.status, 200, c.text);
  assertProblem(assert, await startVisit(server, doctor, b.id), 409, 'invalid-transition');
  assertProblem(assert, await call(P, 'GET', `/v1/consultations/${b.id}/room`), 409, 'not-in-progress');
});

test('the signaling socket admits the two sides, relays offer/answer/ice unchanged and says who joined or left', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const { booking } = await startedVisit(server, doctor, P);

  const d = await joinSignal(server, booking.id, doctor);
  assert.equal(d.role, 'doctor');
  const p = await joinSignal(server, booking.id, P);
  assert.equal(p.role, 'patient');
  assert.deepEqual(await p.next(), { type: 'peer-joined', role: 'doctor' });
  assert.deepEqual(await d.next(), { type: 'peer-joined', role: 'patient' });

  const offer = { type: 'offer', sdp: 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' };
  d.send({ type: 'offer', data: offer });
  assert.deepEqual(await p.next(), { type: 'offer', from: 'doctor', data: offer });
  const answer = { type: 'answer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
  p.send({ type: 'answer', data: answer });
  assert.deepEqual(await d.next(), { type: 'answer', from: 'patient', data: answer });
  const cand = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.10 54400 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'ab12' };
  p.send({ type: 'ice', data: cand });
  assert.deepEqual(await d.next(), { type: 'ice', from: 'patient', data: cand });
  d.send({ type: 'ice', data: null });
  assert.deepEqual(await p.next(), { type: 'ice', from: 'doctor', data: null });
  // Nothing is echoed to the sender.
  await sleep(100);
  assert.deepEqual(d.pending(), []);
  assert.deepEqual(p.pending(), []);

  // A bad message gets an error, and the socket keeps working.
  for (const bad of ['not json', '{"type":"offer"}', '{"type":"dance","data":{}}', '{"type":"chat","text":""}', JSON.stringify({ type: 'chat', text: 'x'.repeat(2001) })]) {
    p.send(bad);
    const e = await p.next();
    assert.equal(e.type, 'error', bad);
    assert.ok(e.detail);
  }
  p.send({ type: 'ice', data: cand });
  assert.deepEqual(await d.next(), { type: 'ice', from: 'patient', data: cand });

  // The patient leaves and comes back.
  await p.close();
  assert.deepEqual(await d.next(), { type: 'peer-left', role: 'patient' });
  const p2 = await joinSignal(server, booking.id, P);
  assert.deepEqual(await p2.next(), { type: 'peer-joined', role: 'doctor' });
  assert.deepEqual(await d.next(), { type: 'peer-joined', role: 'patient' });

  // A second socket of the same side replaces the first.
  const p3 = await joinSignal(server, booking.id, P);
  const replaced = await p2.next();
  assert.equal(replaced.type, 'error');
  await p2.closed;
  assert.deepEqual(await d.next(), { type: 'peer-left', role: 'patient' });
  assert.deepEqual(await d.next(), { type: 'peer-joined', role: 'patient' });
  assert.deepEqual(await p3.next(), { type: 'peer-joined', role: 'doctor' });
  d.send({ type: 'offer', data: offer });
  assert.deepEqual(await p3.next(), { type: 'offer', from: 'doctor', data: offer });
  await Promise.all([d.close(), p3.close()]);
});

test('only the two sides, with a valid token and while in progress, get in', async () => {
  const doctor = await videoDoctor(server);
  const other = await videoDoctor(server);
  const P = await patient(server);
  const stranger = await patient(server, 'Sita Stranger');
  const b = await bookedVisit(server, doctor, P);

  // Before the start: refused with 409 (after the handshake the socket carries the error and closes).
  for (const who of [doctor, P]) {
    const c = await openSignal(server, b.id, who.token);
    const e = await c.next();
    assert.equal(e.type, 'error');
    assert.equal(e.status, 409);
    await c.closed;
  }
  await startVisit(server, doctor, b.id);
  // No token, a bad token: 401 before any upgrade. A role without consultation.join (admin): 403.
  await assert.rejects(openSignal(server, b.id, null), (e) => e.status === 401);
  await assert.rejects(openSignal(server, b.id, 'not-a-token'), (e) => e.status === 401);
  await assert.rejects(openSignal(server, b.id, server.adminToken), (e) => e.status === 403);
  // Another doctor, another patient, an unknown consultation: told 404, never joined.
  for (const [who, id] of [[other, b.id], [stranger, b.id], [P, 'bkg_00000000000000000000000000']]) {
    const c = await openSignal(server, id, who.token);
    const e = await c.next();
    assert.deepEqual({ type: e.type, status: e.status }, { type: 'error', status: 404 });
    await c.closed;
    assert.ok(!c.received.some((m) => m.type === 'joined'));
  }
  // The stranger's attempt told the doctor nothing.
  const d = await joinSignal(server, b.id, doctor);
  await sleep(100);
  assert.deepEqual(d.pending(), []);
  // The token may also come in the Authorization header.
  const p = await openSignal(server, b.id, P.token, { headerToken: true });
  assert.deepEqual(await p.next(), { type: 'joined', role: 'patient' });
  await Promise.all([d.close(), p.close()]);
  // A plain GET is told to upgrade.
  assertProblem(assert, await call(P, 'GET', `/v1/consultations/${b.id}/signal`), 426, 'upgrade-required');
});

test('chat is stored sealed with the consultation, echoed to both sides, and readable by the participants only', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const stranger = await patient(server, 'Sita Stranger');
  const { booking } = await startedVisit(server, doctor, P);
  const d = await joinSignal(server, booking.id, doctor);
  const p = await joinSignal(server, booking.id, P);
  await d.next('peer-joined');
  await p.next('peer-joined');

  const marker = rid('rash-on-left-elbow');
  const before = Date.now();
  p.send({ type: 'chat', text: `Hello doctor, ${marker} — थोड़ा खुजली` });
  const mine = await p.next('chat');
  const theirs = await d.next('chat');
  assert.deepEqual(mine, theirs);
  assert.match(mine.id, /^msg_/);
  assert.equal(mine.from, 'patient');
  assert.equal(mine.text, `Hello doctor, ${marker} — थोड़ा खुजली`);
  assert.ok(Date.parse(mine.at) >= before - 1000);
  d.send({ type: 'chat', text: 'Please show me the rash.' });
  const reply = await p.next('chat');
  assert.equal(reply.from, 'doctor');

  // Stored sealed: the text is nowhere in the database.
  const rows = dbQuery(server, `SELECT sender_id, sender_side, text_sealed FROM consultation_messages WHERE booking_id = ${sqlText(booking.id)} ORDER BY created_at`);
  assert.deepEqual(rows.map((r) => [r.sender_id, r.sender_side]), [[P.id, 'patient'], [doctor.id, 'doctor']]);
  assert.ok(rows.every((r) => r.text_sealed.startsWith('dk1.')));
  assert.deepEqual(markersIn(databaseText(server), [marker, 'Please show me the rash']), []);
  assert.equal(auditRecords(server, 'consultations.chat.write', P.id).length, 2);

  // The history, oldest first, in pages (the socket's messages without their "type").
  const item = ({ type, ...rest }) => rest;
  for (const who of [P, doctor]) {
    const r = await call(who, 'GET', `/v1/consultations/${booking.id}/chat`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items, [item(mine), item(reply)]);
    assert.equal(r.json.next_cursor, null);
  }
  const page1 = await call(P, 'GET', `/v1/consultations/${booking.id}/chat?limit=1`);
  assert.deepEqual(page1.json.items, [item(mine)]);
  const page2 = await call(P, 'GET', `/v1/consultations/${booking.id}/chat?limit=1&cursor=${encodeURIComponent(page1.json.next_cursor)}`);
  assert.deepEqual(page2.json.items, [item(reply)]);
  assert.ok(auditRecords(server, 'consultations.chat.read', P.id).length >= 4);
  assertProblem(assert, await call(P, 'GET', `/v1/consultations/${booking.id}/chat?limit=0`), 422, 'validation');
  assertProblem(assert, await call(P, 'GET', `/v1/consultations/${booking.id}/chat?cursor=garbage`), 422, 'validation');
  assertProblem(assert, await call(stranger, 'GET', `/v1/consultations/${booking.id}/chat`), 404, 'not-found');
  await Promise.all([d.close(), p.close()]);
});

test('the doctor ends the consultation: completed with its duration, both sockets told and closed', async () => {
  const doctor = await videoDoctor(server);
  const other = await videoDoctor(server);
  const P = await patient(server);
  const { booking, start } = await startedVisit(server, doctor, P);
  const d = await joinSignal(server, booking.id, doctor);
  const p = await joinSignal(server, booking.id, P);

  assertProblem(assert, await endVisit(server, P, booking.id), 403);
  assertProblem(assert, await endVisit(server, other, booking.id), 404, 'not-found');
  assertProblem(assert, await endVisit(server, doctor, booking.id, [1]), 400);
  assert.equal((await bookingOf(P, booking.id)).status, 'in_progress');

  await sleep(1100);
  const r = await endVisit(server, doctor, booking.id);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'completed');
  assert.equal(r.json.started_at, start.started_at);
  const dur = (Date.parse(r.json.ended_at) - Date.parse(start.started_at)) / 1000;
  assert.equal(r.json.duration_seconds, Math.floor(dur));
  assert.ok(r.json.duration_seconds >= 1);
  const after = await bookingOf(P, booking.id);
  assert.equal(after.status, 'completed');
  assert.equal(after.ended_at, r.json.ended_at);
  assert.equal(after.duration_seconds, r.json.duration_seconds);
  assert.equal(events(server, 'consultation.ended', booking.id).length, 1);

  assert.deepEqual(await d.next('ended'), { type: 'ended' });
  assert.deepEqual(await p.next('ended'), { type: 'ended' });
  await Promise.all([d.closed, p.closed]);

  assertProblem(assert, await endVisit(server, doctor, booking.id), 409, 'not-in-progress');
  assertProblem(assert, await call(P, 'GET', `/v1/consultations/${booking.id}/room`), 409, 'not-in-progress');
  const late = await openSignal(server, booking.id, P.token);
  assert.equal((await late.next()).status, 409);
  await late.closed;
  // The chat stays readable after the end.
  assert.equal((await call(P, 'GET', `/v1/consultations/${booking.id}/chat`)).status, 200);
});

test('a guardian joins the call of their dependent as the patient side', async () => {
  const doctor = await videoDoctor(server);
  const G = await patient(server, 'Gita Guardian');
  const dep = await call(G, 'POST', `/v1/users/${G.id}/family-members`, {
    body: { kind: 'dependent', name: 'Aarav Sharma', relationship: 'child', date_of_birth: '2019-02-03', sex: 'male' },
  });
  assert.equal(dep.status, 201, dep.text);
  const depId = dep.json?.member?.id ?? dep.json?.id;
  const { booking } = await startedVisit(server, doctor, G, { patient_id: depId });
  assert.equal(booking.patient.id, depId);
  const room = await call(G, 'GET', `/v1/consultations/${booking.id}/room`);
  assert.equal(room.status, 200, room.text);
  const g = await joinSignal(server, booking.id, G);
  assert.equal(g.role, 'patient');
  g.send({ type: 'chat', text: 'He has had a fever since yesterday.' });
  assert.equal((await g.next('chat')).from, 'patient');
  const rows = dbQuery(server, `SELECT sender_id FROM consultation_messages WHERE booking_id = ${sqlText(booking.id)}`);
  assert.deepEqual(rows.map((r) => r.sender_id), [G.id]);
  // Sealed under the dependent's (the patient's) data key and audited about the dependent.
  assert.equal(auditRecords(server, 'consultations.chat.write', depId).length, 1);
  await g.close();
});

test('a socket may send at most 20 chat lines in 10 seconds; relayed messages are not limited', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const { booking } = await startedVisit(server, doctor, P);
  const d = await joinSignal(server, booking.id, doctor);
  const p = await joinSignal(server, booking.id, P);
  await d.next('peer-joined');
  await p.next('peer-joined');
  for (let i = 0; i < 25; i++) p.send({ type: 'chat', text: `line ${i}` });
  for (let i = 0; i < 50; i++) p.send({ type: 'ice', data: { candidate: `c${i}` } });
  for (let i = 0; i < 50; i++) await d.next((m) => m.type === 'ice' && m.data.candidate === `c${i}`);
  const errors = [];
  for (let i = 0; i < 5; i++) errors.push(await p.next('error'));
  assert.ok(errors.every((e) => /too many/i.test(e.detail)), JSON.stringify(errors));
  await sleep(200);
  const stored = dbQuery(server, `SELECT count(*) AS n FROM consultation_messages WHERE booking_id = ${sqlText(booking.id)}`)[0].n;
  assert.equal(Number(stored), 20);
  assert.equal(p.received.filter((m) => m.type === 'chat').length, 20);
  await Promise.all([d.close(), p.close()]);
});
