// The top bar for visitors who are not signed in (landing page, public doctor search and profiles).
import { Link, useLocation } from 'react-router-dom';
import { Header } from './ui';

export function PublicHeader() {
  const location = useLocation();
  // Signing in from a public page comes back to it.
  const from = location.pathname + location.search;
  return (
    <div className="appbar">
      <Header>
        <Link to="/doctors">Find a doctor</Link>
        <Link to="/signin" state={{ from }}>
          Sign in
        </Link>
        <Link className="button button--primary button--small" to="/signup">
          Create account
        </Link>
      </Header>
    </div>
  );
}
