// The app's navigation in one list: every menu (the sidebar on a desktop, the bottom bar and menu on a phone)
// is drawn from it, filtered by the signed-in person's role. Adding a service is one entry here (and its route in
// App.tsx); an entry with `comingSoon` stays out of every menu until its pages exist.
import type { IconName } from './icons';

export type NavGroup = 'services' | 'mine' | 'practice' | 'admin';

export interface NavItem {
  /** i18n key of the label (web/src/i18n/*.json). */
  labelKey: string;
  path: string;
  icon: IconName;
  /** Roles that see the item; '*' for everyone signed in. */
  roles: readonly string[] | '*';
  group: NavGroup;
  /** Paths below this one that keep it highlighted (e.g. /doctors/:id under /doctors). */
  matchesChildren?: boolean;
  /** Keeps `?for=<member>` when moving between a family member's pages. */
  keepsFor?: boolean;
  /** Not open yet: hidden from the menus. */
  comingSoon?: boolean;
  /** One of the few items in the phone's bottom bar. */
  shortcut?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { labelKey: 'nav.home', path: '/', icon: 'home', roles: '*', group: 'services', shortcut: true },
  // Services: what a patient comes for.
  { labelKey: 'nav.consult', path: '/doctors', icon: 'stethoscope', roles: ['patient'], group: 'services', matchesChildren: true, shortcut: true },
  { labelKey: 'nav.labTests', path: '/lab-tests', icon: 'flask', roles: ['patient'], group: 'services', comingSoon: true },
  { labelKey: 'nav.medicines', path: '/medicines', icon: 'pill', roles: ['patient'], group: 'services', comingSoon: true },
  { labelKey: 'nav.surgery', path: '/surgery', icon: 'hospital', roles: ['patient'], group: 'services', comingSoon: true },
  { labelKey: 'nav.homeNurse', path: '/home-nurse', icon: 'nurse', roles: ['patient'], group: 'services', comingSoon: true },
  // The person's own things.
  { labelKey: 'nav.appointments', path: '/bookings', icon: 'calendar', roles: ['patient'], group: 'mine', matchesChildren: true, shortcut: true },
  { labelKey: 'nav.records', path: '/medical-history', icon: 'file', roles: ['patient'], group: 'mine', keepsFor: true, shortcut: true },
  { labelKey: 'nav.family', path: '/family', icon: 'users', roles: ['patient'], group: 'mine' },
  { labelKey: 'nav.emergencyContacts', path: '/emergency-contacts', icon: 'phone', roles: ['patient'], group: 'mine', keepsFor: true },
  { labelKey: 'nav.payments', path: '/payments', icon: 'wallet', roles: ['patient'], group: 'mine', comingSoon: true },
  { labelKey: 'nav.profile', path: '/profile', icon: 'user', roles: '*', group: 'mine', keepsFor: true },
  { labelKey: 'nav.privacy', path: '/privacy', icon: 'shield', roles: '*', group: 'mine', keepsFor: true },
  // A doctor's practice (other providers get theirs when their services arrive).
  { labelKey: 'nav.practiceAppointments', path: '/practice/appointments', icon: 'calendar', roles: ['doctor'], group: 'practice', matchesChildren: true, shortcut: true },
  { labelKey: 'nav.schedule', path: '/practice/schedule', icon: 'clock', roles: ['doctor'], group: 'practice', shortcut: true },
  { labelKey: 'nav.practiceProfile', path: '/practice', icon: 'stethoscope', roles: ['doctor'], group: 'practice' },
  // Administration.
  { labelKey: 'nav.providerQueue', path: '/admin/providers', icon: 'shield', roles: ['admin'], group: 'admin', shortcut: true },
  { labelKey: 'nav.devMailbox', path: '/admin/dev-mailbox', icon: 'mail', roles: ['admin'], group: 'admin', shortcut: true },
];

export const GROUP_ORDER: readonly NavGroup[] = ['services', 'practice', 'admin', 'mine'];

/** The items `role` can use, in menu order. */
export function itemsForRole(role: string | undefined): NavItem[] {
  if (!role) return [];
  const usable = NAV_ITEMS.filter((i) => !i.comingSoon && (i.roles === '*' || i.roles.includes(role)));
  return usable.sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group)); // stable: list order within a group
}

/** The item that `pathname` belongs to: an exact match, else the longest parent that keeps its children. */
export function activeItem(items: readonly NavItem[], pathname: string): NavItem | undefined {
  const exact = items.find((i) => i.path === pathname);
  if (exact) return exact;
  return items
    .filter((i) => i.matchesChildren && pathname.startsWith(i.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

/** The phone's bottom bar: the shortcuts (at most `max`), with the active item always among them. */
export function bottomBarItems(items: readonly NavItem[], active: NavItem | undefined, max = 4): NavItem[] {
  const shortcuts = items.filter((i) => i.shortcut).slice(0, max);
  if (!active || shortcuts.includes(active)) return shortcuts;
  return [...shortcuts.slice(0, max - 1), active];
}

