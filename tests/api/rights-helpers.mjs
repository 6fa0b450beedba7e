// Helpers of the data-rights suites (users-export-*, users-erasure-*): a consultation in which the patient
// and the doctor enter everything a consultation holds, and a patient's other records.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { joinSignal, startedVisit, endVisit } from './visit-helpers.mjs';

export const mark = (what) => `kx${what}${randomBytes(5).toString('hex')}`;
export const call = (server, who, method, path, opts = {}) => server.api(method, path, { token: who.token, ...opts });

export async function ok(res, status = 200) {
  const r = await res;
  assert.equal(r.status, status, r.text);
  return r;
}

/** Markers for everything a consultation holds; each is a distinct random word. */
export function consultationMarkers() {
  return {
    reason: mark('reason'), chatByPatient: mark('patientchat'), chatByDoctor: mark('doctorchat'),
    subjective: mark('subjective'), objective: mark('objective'), assessment: mark('assessment'), plan: mark('plan'),
    medicine: mark('medicine'), advice: mark('advice'), comment: mark('comment'),
  };
}

/**
 * A whole consultation of `patient` with `doctor`: booked with a reason, started, chat both ways, SOAP notes,
 * a prescription, ended, rated with a comment. Returns {booking, prescription}.
 */
export async function wholeConsultation(server, doctor, patient, m, options = {}) {
  const { booking } = await startedVisit(server, doctor, patient, { reason: m.reason, ...options });
  const d = await joinSignal(server, booking.id, doctor);
  const p = await joinSignal(server, booking.id, patient);
  await d.next('peer-joined');
  await p.next('peer-joined');
  p.send({ type: 'chat', text: `Doctor, ${m.chatByPatient}` });
  await d.next('chat');
  d.send({ type: 'chat', text: `Patient, ${m.chatByDoctor}` });
  await p.next('chat');
  await d.close();
  await p.close();
  await ok(call(server, doctor, 'PUT', `/v1/consultations/${booking.id}/notes`, {
    body: { subjective: m.subjective, objective: m.objective, assessment: m.assessment, plan: m.plan },
  }));
  const rx = await ok(call(server, doctor, 'POST', `/v1/consultations/${booking.id}/prescription`, {
    body: { items: [{ medicine: m.medicine, strength: '10 mg', dose: '1 tablet', frequency: 'once daily', duration: '5 days' }], advice: m.advice },
  }), 201);
  const end = await endVisit(server, doctor, booking.id);
  assert.equal(end.status, 200, end.text);
  await ok(call(server, patient, 'POST', `/v1/consultations/${booking.id}/rating`, { body: { stars: 5, comment: m.comment } }), 201);
  return { booking, prescription: rx.json };
}
