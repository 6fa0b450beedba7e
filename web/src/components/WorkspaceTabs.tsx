// The consultation workspace's tabs on a narrow screen during a call (CSS hides them on a wide one, where every
// panel is in view). Switching only shows another panel: the call, behind its tab, goes on.
import type { KeyboardEvent } from 'react';

export type WorkspaceTab = 'call' | 'patient' | 'notes' | 'prescription';

const TABS: { id: WorkspaceTab; label: string }[] = [
  { id: 'call', label: 'Call' },
  { id: 'patient', label: 'Patient' },
  { id: 'notes', label: 'Notes' },
  { id: 'prescription', label: 'Prescription' },
];

export function WorkspaceTabs({ current, onSelect }: { current: WorkspaceTab; onSelect: (t: WorkspaceTab) => void }) {
  // Arrow keys move between the tabs (the ARIA tabs pattern).
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((t) => t.id === current);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]?.id ?? current;
    onSelect(next);
    document.getElementById(`ws-tab-${next}`)?.focus();
  };
  return (
    <div className="ws-tabs" role="tablist" aria-label="Consultation panels">
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`ws-tab-${t.id}`}
          aria-selected={current === t.id}
          aria-controls={`ws-pane-${t.id}`}
          tabIndex={current === t.id ? 0 : -1}
          className={`ws-tabs__tab${current === t.id ? ' ws-tabs__tab--active' : ''}`}
          onClick={() => onSelect(t.id)}
          onKeyDown={onKey}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
