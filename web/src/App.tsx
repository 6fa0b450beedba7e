import type { ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { AuthCard, Header } from './components/ui';
import AccountDeleted from './pages/AccountDeleted';
import DevMailbox from './pages/DevMailbox';
import EmergencyContacts from './pages/EmergencyContacts';
import Family from './pages/Family';
import ForgotPassword from './pages/ForgotPassword';
import Home from './pages/Home';
import MedicalHistory from './pages/MedicalHistory';
import Privacy from './pages/Privacy';
import Profile from './pages/Profile';
import SignIn from './pages/SignIn';
import SignUp from './pages/SignUp';
import Verify from './pages/Verify';

function Loading() {
  return (
    <main className="loading" aria-busy="true">
      <p role="status">Loading…</p>
    </main>
  );
}

/** Pages for signed-in people: wait for the session restore, then send signed-out visitors to /signin. */
function RequireAuth({ children, role }: { children: ReactNode; role?: string }) {
  const { status, user } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'signedOut' || !user) {
    return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  }
  if (role && user.role !== role) {
    return (
      <>
        <Header />
        <main className="page">
          <section className="panel">
            <h1>Not available</h1>
            <p>This page is for {role} accounts only.</p>
            <Link to="/">Back to home</Link>
          </section>
        </main>
      </>
    );
  }
  return <>{children}</>;
}

/** Sign-in style pages: a signed-in visitor goes home instead. */
function SignedOutOnly({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  if (status === 'loading') return <Loading />;
  if (status === 'signedIn') return <Navigate to="/" replace />;
  return <>{children}</>;
}

function NotFound() {
  return (
    <AuthCard title="Page not found" subtitle="The page you asked for does not exist.">
      <Link className="button button--primary" to="/">
        Go to Kiorex
      </Link>
    </AuthCard>
  );
}

export default function App() {
  return (
    <Routes>
      <Route
        path="/"
        element={
          <RequireAuth>
            <Home />
          </RequireAuth>
        }
      />
      <Route
        path="/admin/dev-mailbox"
        element={
          <RequireAuth role="admin">
            <DevMailbox />
          </RequireAuth>
        }
      />
      <Route path="/profile" element={<RequireAuth><Profile /></RequireAuth>} />
      <Route path="/medical-history" element={<RequireAuth><MedicalHistory /></RequireAuth>} />
      <Route path="/family" element={<RequireAuth><Family /></RequireAuth>} />
      <Route path="/emergency-contacts" element={<RequireAuth><EmergencyContacts /></RequireAuth>} />
      <Route path="/privacy" element={<RequireAuth><Privacy /></RequireAuth>} />
      <Route path="/account-deleted" element={<AccountDeleted />} />
      <Route path="/signin" element={<SignedOutOnly><SignIn /></SignedOutOnly>} />
      <Route path="/signup" element={<SignedOutOnly><SignUp /></SignedOutOnly>} />
      <Route path="/verify" element={<Verify />} />
      <Route path="/forgot-password" element={<ForgotPassword />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
