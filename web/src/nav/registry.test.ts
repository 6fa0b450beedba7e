import { describe, expect, it } from 'vitest';
import { activeItem, bottomBarItems, itemsForRole, NAV_ITEMS } from './registry';

const paths = (role: string) => itemsForRole(role).map((i) => i.path);

describe('navigation registry', () => {
  it('shows each role only what it can use', () => {
    expect(paths('patient')).toEqual(['/', '/doctors', '/bookings', '/medical-history', '/family', '/emergency-contacts', '/profile', '/privacy']);
    expect(paths('doctor')).toEqual(['/', '/practice/appointments', '/practice/schedule', '/practice', '/profile', '/privacy']);
    expect(paths('admin')).toEqual(['/', '/admin/providers', '/admin/dev-mailbox', '/profile', '/privacy']);
    expect(paths('support')).toEqual(['/', '/profile', '/privacy']);
    expect(itemsForRole(undefined)).toEqual([]);
  });

  it('keeps services that are not open yet out of every menu', () => {
    const soon = NAV_ITEMS.filter((i) => i.comingSoon).map((i) => i.path);
    expect(soon).toContain('/lab-tests');
    for (const role of ['patient', 'doctor', 'admin']) for (const p of soon) expect(paths(role)).not.toContain(p);
  });

  it('highlights the parent of a detail page, and the exact item over a parent', () => {
    const doctor = itemsForRole('doctor');
    expect(activeItem(doctor, '/practice/appointments/abc')?.path).toBe('/practice/appointments');
    expect(activeItem(doctor, '/practice')?.path).toBe('/practice');
    expect(activeItem(itemsForRole('patient'), '/doctors/42')?.path).toBe('/doctors');
    expect(activeItem(itemsForRole('patient'), '/nowhere')).toBeUndefined();
  });

  it('always puts the active item in the phone bottom bar', () => {
    const patient = itemsForRole('patient');
    const privacy = activeItem(patient, '/privacy');
    const bar = bottomBarItems(patient, privacy);
    expect(bar).toHaveLength(4);
    expect(bar).toContain(privacy);
    expect(bottomBarItems(patient, activeItem(patient, '/'))[0]?.path).toBe('/');
  });
});
