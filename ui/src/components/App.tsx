//! The window: journey list on the left (it folds away); top bar, canvas, problems and inspector
//! on the right. The inspector takes room only while a step is selected or the journey's settings
//! are asked for, so a journey opens on the widest canvas. In compare mode the inspector gives way
//! to the changes list and the problems dock to the behavioural diff.

import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useCompareStore } from '../compareStore';
import { useEditorStore } from '../store';
import { FIT_SELECTION, FIT_VIEW } from './viewport';
import { BehaviourDock } from './BehaviourPanel';
import { Canvas } from './Canvas';
import { CommandPalette } from './CommandPalette';
import { CommitDialog } from './CommitDialog';
import { ExportDialog } from './ExportDialog';
import { ComparePanel } from './ComparePanel';
import { HistoryPanel } from './HistoryPanel';
import { Icon } from './icons';
import { Inspector } from './inspector/Inspector';
import { ProblemsPanel } from './ProblemsPanel';
import { PublishDialog } from './PublishDialog';
import { Sidebar } from './Sidebar';
import { Toasts } from './Toasts';
import { TopBar } from './TopBar';

export function App() {
  const theme = useEditorStore((s) => s.theme);
  const flushSave = useEditorStore((s) => s.flushSave);
  const sidebarCollapsed = useEditorStore((s) => s.sidebarCollapsed);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // The moment the window's frame is on screen, for the launch measurement (`measure.mjs`).
  useEffect(() => void performance.mark('waymark:app-mounted'), []);

  // Save the draft when the window loses focus or closes, not only after the 1 s pause.
  useEffect(() => {
    const save = () => void flushSave();
    const hidden = () => document.visibilityState === 'hidden' && save();
    window.addEventListener('blur', save);
    window.addEventListener('beforeunload', save);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('blur', save);
      window.removeEventListener('beforeunload', save);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, [flushSave]);

  return (
    <ReactFlowProvider>
      <div className={`wm-app${sidebarCollapsed ? ' is-sidebar-collapsed' : ''}`}>
        {sidebarCollapsed ? <div /> : <Sidebar />}
        <div className="wm-main">
          <TopBar />
          <Workspace />
        </div>
        <CommandPalette />
        <CommitDialog />
        <PublishDialog />
        <ExportDialog />
        <Toasts />
        <Shortcuts />
      </div>
    </ReactFlowProvider>
  );
}

function Workspace() {
  const hasDoc = useEditorStore((s) => !!s.doc);
  const ready = useEditorStore((s) => s.ready);
  const busy = useEditorStore((s) => s.busy);
  const comparing = useCompareStore((s) => s.active);
  const inspecting = useEditorStore((s) => s.selectedNodeIds.length > 0 || s.inspectorOpen);
  const historyOpen = useEditorStore((s) => s.historyOpen);
  if (!hasDoc) return <EmptyState loading={!ready || busy} />;
  const right = comparing || inspecting || historyOpen;
  return (
    <div className={`wm-workspace${right ? '' : ' is-wide'}`}>
      <div className="wm-center">
        <Canvas />
        {comparing ? <BehaviourDock /> : <ProblemsPanel />}
      </div>
      {right ? (
        <div className="wm-right" data-testid="right-panel">
          {comparing ? <ComparePanel /> : inspecting ? <ClosableInspector /> : null}
          <HistoryPanel />
        </div>
      ) : null}
    </div>
  );
}

/** The inspector with a button that closes it (and clears the selection it shows). */
function ClosableInspector() {
  const select = useEditorStore((s) => s.select);
  const setInspectorOpen = useEditorStore((s) => s.setInspectorOpen);
  return (
    <>
      <button
        type="button"
        className="wm-icon-btn wm-right__close"
        onClick={() => {
          select([]);
          setInspectorOpen(false);
        }}
        title="Close the inspector"
        aria-label="Close the inspector"
        data-testid="inspector-close"
      >
        <Icon name="x" size={15} />
      </button>
      <Inspector />
    </>
  );
}

function EmptyState({ loading }: { loading: boolean }) {
  const journeys = useEditorStore((s) => s.journeys);
  const openJourney = useEditorStore((s) => s.openJourney);
  const createJourney = useEditorStore((s) => s.createJourney);
  const importFile = useEditorStore((s) => s.importFile);
  if (loading) return <div className="wm-empty" aria-busy="true" />;
  const examples = journeys.filter((j) => !j.archived).slice(0, 6);
  return (
    <div className="wm-empty" data-testid="empty-state">
      <div className="wm-empty__card">
        <span className="wm-empty__icon">
          <Icon name="journey" size={28} />
        </span>
        <h2>{examples.length > 0 ? 'No journey selected' : 'No journeys yet'}</h2>
        <p className="wm-muted" data-testid="empty-hint">
          {examples.length > 0 ? 'Pick a journey, or create one.' : 'This workspace is empty: create a journey, or import a *.journey.json file.'} Drag steps from the palette, connect their ports, and Waymark checks the journey as you go.
        </p>
        <div className="wm-empty__actions">
          <button type="button" className="wm-btn wm-btn--primary" onClick={() => void createJourney('Untitled journey')} data-testid="empty-new">
            <Icon name="plus" size={14} /> New journey
          </button>
          {examples.length === 0 ? (
            <button type="button" className="wm-btn" onClick={() => void importFile()} data-testid="empty-import">
              <Icon name="upload" size={14} /> Import a file…
            </button>
          ) : null}
        </div>
        {examples.length > 0 ? (
          <div className="wm-empty__examples">
            {examples.map((j) => (
              <button key={j.id} type="button" className="wm-empty__example" onClick={() => void openJourney(j.id)}>
                <Icon name="journey" size={14} />
                <span>{j.name}</span>
              </button>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Keyboard shortcuts. Editing shortcuts stay out of the way while typing in a field. */
function Shortcuts() {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useEditorStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'k') {
        e.preventDefault();
        s.setPaletteOpen(!s.paletteOpen);
        return;
      }
      const compare = useCompareStore.getState();
      if (compare.active) {
        // Compare mode is read-only: no editing keys reach the document underneath.
        if (isTyping(e.target) || s.paletteOpen || compare.publishing !== null) return;
        if (e.key === 'Escape') {
          if (compare.selected) compare.select(null);
          else compare.close();
        } else if (mod && key === 'h') {
          e.preventDefault();
          s.setHistoryOpen(!s.historyOpen);
        } else if (!mod && e.shiftKey && (e.code === 'Digit1' || e.key === '!')) {
          e.preventDefault();
          void fitView(FIT_VIEW);
        } else if (!mod && e.shiftKey && (e.code === 'Digit2' || e.key === '@') && compare.selected) {
          e.preventDefault();
          void fitView({ ...FIT_SELECTION, nodes: [{ id: compare.selected }] });
        }
        return;
      }
      if (mod && key === 's') {
        e.preventDefault();
        s.setCommitOpen(true);
        return;
      }
      if (isTyping(e.target) || s.paletteOpen || s.commitOpen) return;
      if (mod && key === 'z' && !e.shiftKey) {
        e.preventDefault();
        s.undo();
      } else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) {
        e.preventDefault();
        s.redo();
      } else if (mod && key === 'c') {
        if (window.getSelection()?.toString()) return;
        e.preventDefault();
        s.copySelection();
      } else if (mod && key === 'v') {
        e.preventDefault();
        s.paste();
      } else if (mod && key === 'h') {
        e.preventDefault();
        s.setHistoryOpen(!s.historyOpen);
      } else if (mod && e.shiftKey && key === 'l') {
        e.preventDefault();
        void s.layout();
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault();
        s.deleteSelection();
      } else if (!mod && e.shiftKey && (e.code === 'Digit1' || e.key === '!')) {
        e.preventDefault();
        void fitView(FIT_VIEW);
      } else if (!mod && e.shiftKey && (e.code === 'Digit2' || e.key === '@')) {
        e.preventDefault();
        if (s.selectedNodeIds.length) void fitView({ ...FIT_SELECTION, nodes: s.selectedNodeIds.map((id) => ({ id })) });
      } else if (e.key === 'Escape') {
        s.select([]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fitView]);
  return null;
}
