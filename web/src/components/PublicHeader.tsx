// The top bar for visitors who are not signed in (landing page, public doctor search and profiles): the brand,
// and the ways in. Signed-in people get the app shell (nav/AppNav) instead.
import { Link, useLocation } from 'react-router-dom';
import { Logo } from './ui';

export function PublicHeader() {
  const location = useLocation();
  // Signing in from a public page comes back to it.
  const from = location.pathname + location.search;
  return (
    <header className="topbar">
      <Link to="/" className="brand" aria-label="Kiorex home">
        <Logo />
        <span>Kiorex</span>
      </Link>
      <nav className="topbar__nav" aria-label="Visitor">
        <Link to="/doctors">Find a doctor</Link>
        <Link to="/signin" state={{ from }}>
          Sign in
        </Link>
        <Link className="button button--primary button--small" to="/signup">
          Create account
        </Link>
      </nav>
    </header>
  );
}
