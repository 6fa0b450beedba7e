import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { AuthCard } from './components/ui';
import { AppNav } from './nav/AppNav';
import { DocumentTitle } from './nav/DocumentTitle';
import { VisitorOr } from './components/VisitorOr';
import { safeReturnPath } from './consultations';

// Every page is its own chunk, loaded when first visited: a visitor downloads the sign-in or landing page's
// code, not the doctor's workspace or the admin's queue.
const AccountDeleted = lazy(() => import('./pages/AccountDeleted'));
const DevMailbox = lazy(() => import('./pages/DevMailbox'));
const EmergencyContacts = lazy(() => import('./pages/EmergencyContacts'));
const Family = lazy(() => import('./pages/Family'));
const ForgotPassword = lazy(() => import('./pages/ForgotPassword'));
const Home = lazy(() => import('./pages/Home'));
const Landing = lazy(() => import('./pages/Landing'));
const MedicalHistory = lazy(() => import('./pages/MedicalHistory'));
const Privacy = lazy(() => import('./pages/Privacy'));
const Profile = lazy(() => import('./pages/Profile'));
const SignIn = lazy(() => import('./pages/SignIn'));
const SignUp = lazy(() => import('./pages/SignUp'));
const Verify = lazy(() => import('./pages/Verify'));
// consultations: doctor and admin pages
const Appointments = lazy(() => import('./pages/Appointments'));
const ConsultationWorkspace = lazy(() => import('./pages/ConsultationWorkspace'));
const PracticeProfile = lazy(() => import('./pages/PracticeProfile'));
const ProviderQueue = lazy(() => import('./pages/ProviderQueue'));
const Schedule = lazy(() => import('./pages/Schedule'));
// consultations: patient pages
const BookingDetail = lazy(() => import('./pages/BookingDetail'));
const DoctorProfile = lazy(() => import('./pages/DoctorProfile'));
const FindDoctor = lazy(() => import('./pages/FindDoctor'));
const MyBookings = lazy(() => import('./pages/MyBookings'));
const PrescriptionPage = lazy(() => import('./pages/PrescriptionPage'));
const VideoCall = lazy(() => import('./pages/VideoCall'));

function Loading() {
  const { t } = useTranslation();
  return (
    <main className="loading" aria-busy="true">
      <p role="status">{t('app.loading')}</p>
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
  if (role && user.role !== role) return <NotAvailable role={role} />;
  return <>{children}</>;
}

function NotAvailable({ role }: { role: string }) {
  const { t } = useTranslation();
  return (
    <>
      <AppNav />
      <main className="page">
        <section className="panel">
          <h1>{t('page.notAvailable')}</h1>
          <p>{t('page.notAvailableText', { role: t(`roles.${role}`, { defaultValue: role }) })}</p>
          <Link to="/">{t('page.backHome')}</Link>
        </section>
      </main>
    </>
  );
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
  const { t } = useTranslation();
  return (
    <AuthCard title={t('page.notFound')} subtitle={t('page.notFoundText')}>
      <Link className="button button--primary" to="/">
        {t('page.goHome')}
      </Link>
    </AuthCard>
  );
}

export default function App() {
  return (
    <Suspense fallback={<Loading />}>
    <DocumentTitle />
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
    </Suspense>
  );
}
