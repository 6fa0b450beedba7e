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
import Landing from './pages/Landing';
import { VisitorOr } from './components/VisitorOr';
import { safeReturnPath } from './consultations';
import MedicalHistory from './pages/MedicalHistory';
import Privacy from './pages/Privacy';
import Profile from './pages/Profile';
import SignIn from './pages/SignIn';
import SignUp from './pages/SignUp';
import Verify from './pages/Verify';
// consultations: doctor and admin pages
import Appointments from './pages/Appointments';
import ConsultationWorkspace from './pages/ConsultationWorkspace';
import PracticeProfile from './pages/PracticeProfile';
import ProviderQueue from './pages/ProviderQueue';
import Schedule from './pages/Schedule';
// consultations: patient pages
import BookingDetail from './pages/BookingDetail';
import DoctorProfile from './pages/DoctorProfile';
import FindDoctor from './pages/FindDoctor';
import MyBookings from './pages/MyBookings';
import PrescriptionPage from './pages/PrescriptionPage';
import VideoCall from './pages/VideoCall';

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
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  // Just signed in: back where they came from (a doctor's profile with the time they chose), as SignIn does.
  if (status === 'signedIn') return <Navigate to={safeReturnPath((location.state as { from?: string } | null)?.from, '/')} replace />;
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
          <VisitorOr visitor={<Landing />}>
            <Home />
          </VisitorOr>
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
      {/* consultations: patient pages (search, doctor profile, booking, my bookings, call, prescription) */}
      <Route path="/doctors" element={<FindDoctor />} />
      <Route path="/doctors/:id" element={<DoctorProfile />} />
      <Route path="/bookings" element={<RequireAuth><MyBookings /></RequireAuth>} />
      <Route path="/bookings/:id" element={<RequireAuth><BookingDetail /></RequireAuth>} />
      <Route path="/consultations/:id/call" element={<RequireAuth><VideoCall /></RequireAuth>} />
      <Route path="/prescriptions/:id" element={<RequireAuth><PrescriptionPage /></RequireAuth>} />
      {/* consultations: doctor and admin pages (practice profile, schedule, appointments, workspace, provider queue) */}
      <Route path="/practice" element={<RequireAuth role="doctor"><PracticeProfile /></RequireAuth>} />
      <Route path="/practice/schedule" element={<RequireAuth role="doctor"><Schedule /></RequireAuth>} />
      <Route path="/practice/appointments" element={<RequireAuth role="doctor"><Appointments /></RequireAuth>} />
      <Route path="/practice/appointments/:id" element={<RequireAuth role="doctor"><ConsultationWorkspace /></RequireAuth>} />
      <Route path="/admin/providers" element={<RequireAuth role="admin"><ProviderQueue /></RequireAuth>} />
      <Route path="/account-deleted" element={<AccountDeleted />} />
      <Route path="/signin" element={<SignedOutOnly><SignIn /></SignedOutOnly>} />
      <Route path="/signup" element={<SignedOutOnly><SignUp /></SignedOutOnly>} />
      <Route path="/verify" element={<Verify />} />
      <Route path="/forgot-password" element={<ForgotPassword />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
