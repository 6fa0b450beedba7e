import { describe, expect, it } from 'vitest';
import { profileWithSlot, slotFromParam, slotParam } from './publicBooking';
import type { Slot } from './consultations';

const slot: Slot = {
  start: '2026-03-09T13:05:00Z', end: '2026-03-09T13:20:00Z', local_date: '2026-03-09', local_start: '18:35',
  local_end: '18:50', type: 'clinic', location_id: 'loc_1',
};

describe('a visitor’s chosen slot across sign-in', () => {
  it('round-trips through the return URL', () => {
    const url = new URL(profileWithSlot('usr_1', slot), 'http://x');
    expect(url.pathname).toBe('/doctors/usr_1');
    expect(slotFromParam(url.searchParams.get('slot'))).toEqual(slot);
    expect(slotFromParam(slotParam({ ...slot, location_id: null }))).toEqual({ ...slot, location_id: null });
  });
  it('ignores anything that is not a slot', () => {
    for (const bad of [null, '', 'x', '[]', '{}', JSON.stringify({ ...slot, start: 'soon' }),
      JSON.stringify({ ...slot, type: 5 }), JSON.stringify({ ...slot, location_id: {} }), 'a'.repeat(2000)])
      expect(slotFromParam(bad)).toBeNull();
  });
  it('without a slot, returns to the profile', () => {
    expect(profileWithSlot('usr 1', null)).toBe('/doctors/usr%201');
  });
});
