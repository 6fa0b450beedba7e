// The support role's home. The permission table (src/core/security/permissions.cpp) gives support only its own
// account for now: no queue, no user's records. The page says so instead of showing cards that would fail.
export function SupportHome() {
  return (
    <section className="panel" aria-labelledby="support-heading" data-testid="support-queues">
      <h2 id="support-heading">Support queues</h2>
      <p className="empty">
        No support queues are open to your role yet. Administrators handle provider verification and account changes.
      </p>
    </section>
  );
}
