// The landing page for visitors who are not signed in (`/`): what Kiorex does, a search box going to the public
// doctor search, and the services (only consultations work today; the others say "coming soon", no dead links).
// Kept light on purpose (no heavy imports): it is the first page a new visitor loads.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PublicHeader } from '../components/PublicHeader';
import { useDocumentTitle } from '../components/documentTitle';
import { Field } from '../components/ui';
import './Landing.css';

const SERVICES: { title: string; text: string; to?: string }[] = [
  { title: 'Consult a doctor', text: 'Video or clinic visits with verified doctors, and a signed prescription.', to: '/doctors' },
  { title: 'Lab tests', text: 'Book tests and sample collection at home.' },
  { title: 'Medicines', text: 'Order medicines from your prescription.' },
  { title: 'Home nursing', text: 'Care by qualified nurses at home.' },
];

export default function Landing() {
  useDocumentTitle('Consult a verified doctor online or in clinic');
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const search = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    navigate(text ? `/doctors?${new URLSearchParams({ q: text }).toString()}` : '/doctors');
  };

  return (
    <>
      <PublicHeader />
      <main className="page landing">
        <section className="panel landing__hero" aria-labelledby="landing-heading">
          <h1 id="landing-heading">See a verified doctor, online or in clinic</h1>
          <p className="landing__lead">
            Kiorex is an all-in-one medical platform: find a doctor by specialty, condition, language or city, compare
            fees and ratings, book a video or clinic consultation, and get a signed prescription a pharmacy can check.
          </p>
          <form role="search" className="landing__search" onSubmit={search}>
            <Field
              label="Search doctors"
              type="search"
              name="q"
              placeholder="Name, specialty, condition or city — e.g. dermatologist, acne, Delhi"
              autoComplete="off"
              maxLength={200}
              value={q}
              onChange={(e) => setQ(e.target.value)}
            />
            <button type="submit" className="button button--primary">
              Search doctors
            </button>
          </form>
          <p className="muted">No account needed to search. You sign in only when you book.</p>
        </section>
        <section className="panel" aria-labelledby="services-heading">
          <h2 id="services-heading">Services</h2>
          <ul className="landing__services">
            {SERVICES.map((s) => (
              <li key={s.title} className="landing__service">
                <h3>{s.to ? <Link to={s.to}>{s.title}</Link> : s.title}</h3>
                <p>{s.text}</p>
                {s.to ? null : <p className="muted">Coming soon</p>}
              </li>
            ))}
          </ul>
        </section>
      </main>
    </>
  );
}
