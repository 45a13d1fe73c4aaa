//! The dock under the canvas. Problems: every diagnostic of the shown document (the core checks
//! the document on every edit), errors first; clicking one selects its node and centres the
//! canvas on it. Simulation: `SimulationPanel`.

import type { Diagnostic } from '../bindings';
import { nodeTitle } from '../model';
import { shownDiagnostics, useEditorStore } from '../store';
import { useSimulationStore } from '../simulationStore';
import { useFocusNode } from './focusNode';
import { Icon } from './icons';
import { SimulationPanel, SimulationTabStatus } from './SimulationPanel';

/**
 * The dock under the canvas: the Problems tab, and the Simulation tab (`SimulationPanel`). Each tab
 * opens the dock; clicking the open tab again folds it. With no problems the Problems tab has
 * nothing to list, so the dock stays a status line and the canvas keeps the room.
 */
export function ProblemsPanel() {
  const diagnostics = useEditorStore(shownDiagnostics);
  const open = useEditorStore((s) => s.problemsOpen);
  const setOpen = useEditorStore((s) => s.setProblemsOpen);
  const simOpen = useSimulationStore((s) => s.open);
  const setSimOpen = useSimulationStore((s) => s.setOpen);
  const height = useSimulationStore((s) => s.height);
  const focus = useFocusNode();
  const sorted = [...diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const listed = open && diagnostics.length > 0;
  const expanded = listed || simOpen;

  return (
    <section
      className={`wm-problems${expanded ? ' is-open' : ''}${simOpen ? ' is-sim' : ''}`}
      style={simOpen ? { height } : undefined}
      data-testid="problems-panel"
      aria-label={simOpen ? 'Simulation' : 'Problems'}
    >
      {simOpen ? <DockResizer /> : null}
      <header className="wm-problems__head">
        <div className="wm-dock__tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={!simOpen && listed}
            className={`wm-problems__toggle${!simOpen && listed ? ' is-active' : ''}`}
            onClick={() => {
              if (simOpen) {
                setSimOpen(false);
                setOpen(true);
              } else setOpen(!open);
            }}
            aria-expanded={listed && !simOpen}
            data-testid="problems-toggle"
          >
            {diagnostics.length === 0 ? (
              <>
                <Icon name="check" size={14} />
                <span className="wm-problems__title">No problems</span>
              </>
            ) : (
              <>
                <Icon name={expanded ? 'down' : 'up'} size={14} />
                <span className="wm-problems__title">Problems</span>
                <span className={`wm-count${errors ? ' is-error' : ''}`}>{plural(errors, 'error')}</span>
                <span className={`wm-count${warnings ? ' is-warning' : ''}`}>{plural(warnings, 'warning')}</span>
              </>
            )}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={simOpen}
            className={`wm-problems__toggle${simOpen ? ' is-active' : ''}`}
            onClick={() => setSimOpen(!simOpen)}
            data-testid="simulation-tab"
          >
            <Icon name="users" size={14} />
            <span className="wm-problems__title">Simulation</span>
            <SimulationTabStatus />
          </button>
        </div>
        {simOpen ? (
          <button type="button" className="wm-icon-btn" onClick={() => setSimOpen(false)} title="Close the simulation" aria-label="Close the simulation" data-testid="simulate-close">
            <Icon name="x" size={14} />
          </button>
        ) : null}
      </header>
      {simOpen ? (
        <SimulationPanel />
      ) : listed ? (
        <div className="wm-problems__list" role="list">
          {sorted.map((d, i) => (
            <ProblemRow key={`${d.code}-${d.node ?? ''}-${i}`} d={d} onFocus={focus} />
          ))}
        </div>
      ) : null}
    </section>
  );
}

/** Drag the dock's top edge to give the simulation (or compare mode's behavioural diff) more or less room. */
export function DockResizer() {
  const setHeight = useSimulationStore((s) => s.setHeight);
  return (
    <div
      className="wm-dock__resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the simulation panel"
      onPointerDown={(e) => {
        e.preventDefault();
        const startY = e.clientY;
        const start = useSimulationStore.getState().height;
        const max = Math.max(240, window.innerHeight - 180);
        const move = (ev: PointerEvent) => setHeight(Math.min(max, Math.max(200, start + startY - ev.clientY)));
        const up = () => {
          window.removeEventListener('pointermove', move);
          window.removeEventListener('pointerup', up);
        };
        window.addEventListener('pointermove', move);
        window.addEventListener('pointerup', up);
      }}
    />
  );
}

function ProblemRow({ d, onFocus }: { d: Diagnostic; onFocus: (id: string) => void }) {
  const node = d.node ?? null;
  const nodes = useEditorStore((s) => s.doc?.nodes);
  const name = (id: string) => {
    const found = nodes?.find((n) => n.id === id);
    return found ? nodeTitle(found) : id;
  };
  const where = node ? name(node) : d.edge ? `${name(d.edge.from)} · ${d.edge.port} → ${name(d.edge.to)}` : (d.path ?? 'journey');
  return (
    <button
      type="button"
      role="listitem"
      className={`wm-problem is-${d.severity}`}
      data-testid={`problem-${d.code}-${node ?? ''}`}
      onClick={() => {
        const target = node ?? d.edge?.from;
        if (target) onFocus(target);
      }}
      title={node ? 'Show this step' : undefined}
    >
      <span className="wm-problem__icon">
        <Icon name={d.severity === 'error' ? 'error' : 'warning'} size={14} />
      </span>
      <span className="wm-problem__code">{d.code}</span>
      <span className="wm-problem__where">{where}</span>
      <span className="wm-problem__text">
        <span className="wm-problem__message">{d.message}</span>
        {d.hint ? <span className="wm-problem__hint">{d.hint}</span> : null}
      </span>
    </button>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
