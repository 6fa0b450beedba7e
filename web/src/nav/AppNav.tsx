// The frame of every signed-in page: skip link, top bar (brand, notifications, account menu with the language
// and sign-out), the sidebar on a desktop, the bottom bar plus a menu drawer on a phone. All menus come from
// the registry in ./registry, filtered by role. Pages render it first (via AppHeader) and then their <main>.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { Logo } from '../components/ui';
import { withFor } from '../users';
import { Icon } from './icons';
import './shell.css';
import { activeItem, bottomBarItems, GROUP_ORDER, itemsForRole, type NavItem } from './registry';

export function AppNav() {
  const { t } = useTranslation();
  const { user, mfaSetupRequired } = useAuth();
  const location = useLocation();
  const [params] = useSearchParams();
  const [menuOpen, setMenuOpen] = useState(false);
  const forId = params.get('for');

  // A new page closes the phone's menu.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  // An administrator who still has to set up two-step sign-in reaches only that: no menus.
  const items = mfaSetupRequired ? [] : itemsForRole(user?.role);
  const active = activeItem(items, location.pathname);
  const href = (item: NavItem) => (item.keepsFor ? withFor(item.path, forId) : item.path);

  return (
    <div className={`shell${menuOpen ? ' shell--menu-open' : ''}`}>
      <SkipLink />
      <header className="topbar">
        <Link to="/" className="brand" aria-label={t('app.home')}>
          <Logo />
          <span>{t('app.name')}</span>
        </Link>
        <div className="topbar__tools">
          <Notifications />
          <AccountMenu />
        </div>
      </header>
      {items.length > 0 ? (
        <>
          <nav className="sidebar" id="main-menu" aria-label={t('nav.primary')}>
            <button type="button" className="sidebar__close" onClick={() => setMenuOpen(false)}>
              <Icon name="close" />
              <span>{t('nav.closeMenu')}</span>
            </button>
            {GROUP_ORDER.map((group) => {
              const inGroup = items.filter((i) => i.group === group);
              if (inGroup.length === 0) return null;
              return (
                <section key={group} className="sidebar__group" aria-labelledby={`nav-group-${group}`}>
                  <h2 id={`nav-group-${group}`} className="sidebar__heading">
                    {t(`nav.${group}`)}
                  </h2>
                  <ul>
                    {inGroup.map((item) => (
                      <MenuEntry key={item.path} item={item} to={href(item)} current={item === active} />
                    ))}
                  </ul>
                </section>
              );
            })}
          </nav>
          <nav className="bottombar" aria-label={t('nav.menu')}>
            <ul>
              {bottomBarItems(items, active).map((item) => (
                <MenuEntry key={item.path} item={item} to={href(item)} current={item === active} />
              ))}
              <li>
                <button type="button" aria-expanded={menuOpen} aria-controls="main-menu" onClick={() => setMenuOpen((o) => !o)}>
                  <Icon name="menu" />
                  <span>{t('nav.menu')}</span>
                </button>
              </li>
            </ul>
          </nav>
        </>
      ) : null}
    </div>
  );
}

/** One menu item: icon and label; the current page's item is marked for screen readers and styles alike. */
function MenuEntry({ item, to, current }: { item: NavItem; to: string; current: boolean }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link to={to} aria-current={current ? 'page' : undefined}>
        <Icon name={item.icon} />
        <span>{t(item.labelKey)}</span>
      </Link>
    </li>
  );
}

/** Jumps past the menus to the page's <main> (focused, so the next Tab starts there). */
function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(e) => {
        const main = document.querySelector('main');
        if (!main) return;
        e.preventDefault();
        if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
        main.focus();
      }}
    >
      {t('app.skip')}
    </a>
  );
}

/** A button with a panel below it, closed by Escape, a click elsewhere or a new page. */
function Popover({ label, icon, children, className }: { label: ReactNode; icon?: ReactNode; children: ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const location = useLocation();
  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);
  return (
    <div className={`popover ${className ?? ''}`} ref={root}>
      <button type="button" className="popover__button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        {icon}
        {label}
      </button>
      <div className="popover__panel" id={panelId} hidden={!open}>
        {children}
      </div>
    </div>
  );
}

/** The place for notifications; no service sends any to the web app yet. */
function Notifications() {
  const { t } = useTranslation();
  return (
    <Popover className="notifications" icon={<Icon name="bell" />} label={<span className="visually-hidden">{t('account.notifications')}</span>}>
      <p className="popover__empty">{t('account.noNotifications')}</p>
    </Popover>
  );
}

function AccountMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  if (!user) return null;

  const onSignOut = async () => {
    setSigningOut(true);
    await signOut();
    navigate('/signin', { replace: true });
  };

  return (
    <Popover
      className="account-menu"
      icon={<Icon name="user" />}
      label={
        <>
          <span className="account-menu__name">{user.name}</span>
          <span className="visually-hidden"> — {t('account.menu')}</span>
        </>
      }
    >
      <p className="account-menu__who">
        {t('account.signedInAs', { name: user.name })}
        <br />
        <span className="account-menu__role">{t(`roles.${user.role}`, { defaultValue: user.role })}</span>
      </p>
      <LanguageSelect />
      <button type="button" className="button button--secondary" onClick={onSignOut} disabled={signingOut}>
        {signingOut ? t('account.signingOut') : t('account.signOut')}
      </button>
    </Popover>
  );
}
