import { useCallback, useEffect, useState } from 'react';
import { devOutbox, devOutboxMessage, toProblem, type OutboxItem, type Problem } from '../api';
import { AppHeader } from '../components/account';
import { Field, ProblemAlert } from '../components/ui';

export default function DevMailbox() {
  const [to, setTo] = useState('');
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(false);
  // Messages opened on purpose, by id: the list shows codes and links masked; opening one shows it whole.
  const [opened, setOpened] = useState<Record<string, OutboxItem>>({});
  const [opening, setOpening] = useState<string | null>(null);

  const open = useCallback(async (id: string) => {
    setOpening(id);
    setProblem(null);
    try {
      const m = await devOutboxMessage(id);
      setOpened((o) => ({ ...o, [id]: m }));
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setOpening(null);
    }
  }, []);

  const load = useCallback(async (address: string) => {
    setLoading(true);
    setProblem(null);
    try {
      const r = await devOutbox({ to: address.trim() || undefined, limit: 100 });
      setItems(r.items);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load('');
  }, [load]);

  return (
    <>
      <AppHeader />
      <main className="page page--wide">
        <section className="panel" aria-labelledby="mailbox-heading">
          <h1 id="mailbox-heading">Developer mailbox</h1>
          <p className="muted">
            Emails and text messages this server would have sent. Only the embedded default keeps them here; production
            sends them through the configured providers. Codes and links are masked in the list: open a message to see
            it whole (each opening is recorded in the audit log).
          </p>
          <form
            className="row row--end"
            onSubmit={(e) => {
              e.preventDefault();
              void load(to);
            }}
          >
            <Field label="Recipient" name="to" type="search" placeholder="someone@example.com" value={to} onChange={(e) => setTo(e.target.value)} />
            <button type="submit" className="button button--primary" disabled={loading}>
              {loading ? 'Loading…' : 'Show'}
            </button>
          </form>
          <ProblemAlert problem={problem} />
          {items && items.length === 0 ? <p>No messages.</p> : null}
          {items && items.length > 0 ? (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Sent</th>
                    <th scope="col">Channel</th>
                    <th scope="col">To</th>
                    <th scope="col">Subject</th>
                    <th scope="col">Text</th>
                    <th scope="col">Whole message</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((listed) => {
                    const id = String(listed.id);
                    const m = opened[id] ?? listed;
                    return (
                      <tr key={id}>
                        <td>
                          <time dateTime={m.created_at}>{formatTime(m.created_at)}</time>
                        </td>
                        <td>{m.channel}</td>
                        <td className="break">{m.to}</td>
                        <td>{m.subject ?? ''}</td>
                        <td>
                          <pre className="message">{m.text}</pre>
                        </td>
                        <td>
                          {opened[id] ? (
                            <span className="muted">Opened</span>
                          ) : (
                            <button
                              type="button"
                              className="button"
                              disabled={opening === id}
                              aria-label={`Open the message to ${m.to} from ${formatTime(m.created_at)}`}
                              onClick={() => void open(id)}
                            >
                              {opening === id ? 'Opening…' : 'Open'}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      </main>
    </>
  );
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
