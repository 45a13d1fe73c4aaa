//! The bar above the canvas: the journey's name and where its document stands (version, draft,
//! autosave), undo/redo, layout, validation count, history, commit, theme and the command palette.

import { useEffect, useState } from 'react';
import { sideLabel } from '../compare';
import { useCompareStore } from '../compareStore';
import { statusTitle } from '../core';
import { useSimulationStore } from '../simulationStore';
import { shownDiagnostics, useEditorStore } from '../store';
import { saveStateWords } from '../saveState';
import { Icon } from './icons';

export function TopBar() {
  const doc = useEditorStore((s) => s.doc);
  const viewing = useEditorStore((s) => s.viewing);
  const theme = useEditorStore((s) => s.theme);
  const toggleTheme = useEditorStore((s) => s.toggleTheme);
  const setPaletteOpen = useEditorStore((s) => s.setPaletteOpen);
  const setCommitOpen = useEditorStore((s) => s.setCommitOpen);
  const setHistoryOpen = useEditorStore((s) => s.setHistoryOpen);
  const historyOpen = useEditorStore((s) => s.historyOpen);
  const undo = useEditorStore((s) => s.undo);
  const redo = useEditorStore((s) => s.redo);
  const comparing = useCompareStore((s) => s.active);
  const canUndo = useEditorStore((s) => !!s.history && s.history.past.length > 0 && !s.viewing) && !comparing;
  const canRedo = useEditorStore((s) => !!s.history && s.history.future.length > 0 && !s.viewing) && !comparing;
  const layout = useEditorStore((s) => s.layout);
  const readOnly = !!viewing || comparing;
  const sidebarCollapsed = useEditorStore((s) => s.sidebarCollapsed);
  const setSidebarCollapsed = useEditorStore((s) => s.setSidebarCollapsed);
  const settingsShown = useEditorStore((s) => s.inspectorOpen && s.selectedNodeIds.length === 0);

  return (
    <header className="wm-topbar" data-testid="topbar">
      <div className="wm-topbar__title">
        {sidebarCollapsed ? (
          <button
            type="button"
            className="wm-icon-btn wm-icon-btn--bar"
            onClick={() => setSidebarCollapsed(false)}
            title="Show the journey list"
            aria-label="Show the journey list"
            data-testid="sidebar-expand"
          >
            <Icon name="sidebar" size={16} />
          </button>
        ) : null}
        {doc ? (
          <>
            <h1 className="wm-topbar__name" title={doc.name} data-testid="journey-name">
              {viewing ? viewing.document.name : doc.name}
            </h1>
            <VersionIndicator />
          </>
        ) : (
          <h1 className="wm-topbar__name wm-muted">No journey open</h1>
        )}
      </div>
      <div className="wm-topbar__tools">
        {doc ? (
          <>
            <div className="wm-btn-group">
              <button type="button" className="wm-icon-btn wm-icon-btn--bar" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)" aria-label="Undo" data-testid="undo">
                <Icon name="undo" size={16} />
              </button>
              <button type="button" className="wm-icon-btn wm-icon-btn--bar" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo" data-testid="redo">
                <Icon name="redo" size={16} />
              </button>
            </div>
            <button type="button" className="wm-btn wm-btn--ghost" onClick={() => void layout()} disabled={readOnly} title="Arrange the steps top to bottom (Ctrl+Shift+L)" data-testid="auto-layout">
              <Icon name="layout" size={15} /> Tidy up
            </button>
            {comparing ? null : (
              <button
                type="button"
                className={`wm-btn wm-btn--ghost${settingsShown ? ' is-on' : ''}`}
                onClick={() => {
                  const s = useEditorStore.getState();
                  if (settingsShown) s.setInspectorOpen(false);
                  else {
                    s.select([]);
                    s.setInspectorOpen(true);
                  }
                }}
                title="The journey's settings: entry rules, goals, message limits"
                data-testid="journey-settings-open"
              >
                <Icon name="sliders" size={15} /> Settings
              </button>
            )}
            {comparing ? null : <ValidationBadge />}
            {comparing ? null : <SimulateButton />}
            <button type="button" className={`wm-btn wm-btn--ghost${historyOpen ? ' is-on' : ''}`} onClick={() => setHistoryOpen(!historyOpen)} data-testid="history-open" title="Versions and review (Ctrl+H)">
              <Icon name="history" size={15} /> History
            </button>
            <button type="button" className="wm-btn wm-btn--primary" onClick={() => setCommitOpen(true)} disabled={readOnly} data-testid="commit-open" title="Save a version (Ctrl+S)">
              <Icon name="check" size={15} /> Commit
            </button>
            <span className="wm-topbar__sep" />
          </>
        ) : null}
        <button type="button" className="wm-kbd-hint" onClick={() => setPaletteOpen(true)} title="Command palette" data-testid="command-palette-open">
          <Icon name="search" size={13} /> Commands <kbd>Ctrl K</kbd>
        </button>
        <button type="button" className="wm-icon-btn wm-icon-btn--bar" onClick={toggleTheme} title={theme === 'dark' ? 'Light theme' : 'Dark theme'} aria-label="Toggle theme" data-testid="theme-toggle">
          <Icon name={theme === 'dark' ? 'sun' : 'moon'} size={16} />
        </button>
      </div>
    </header>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** "v3 · draft saved 2s ago", "v3 · up to date", "New journey · saving…". */
function VersionIndicator() {
  const current = useEditorStore((s) => s.current);
  const viewing = useEditorStore((s) => s.viewing);
  const saveStatus = useEditorStore((s) => s.saveStatus);
  const savedAt = useEditorStore((s) => s.savedAt);
  const dirty = useEditorStore((s) => s.doc !== s.savedDoc);
  const now = useNow(1000);
  const compareOld = useCompareStore((s) => (s.active ? s.old : null));
  const compareNext = useCompareStore((s) => (s.active ? s.next : null));
  if (!current) return null;
  if (compareOld !== null && compareNext !== null) {
    return (
      <span className="wm-version" data-testid="version-indicator">
        <span className="wm-status-chip is-comparing">Comparing</span>
        <span className="wm-version__num">{sideLabel(compareOld)}</span>
        <span className="wm-muted">→</span>
        <span className="wm-version__num">{sideLabel(compareNext)}</span>
        <span className="wm-muted">read-only</span>
      </span>
    );
  }
  if (viewing) {
    return (
      <span className="wm-version" data-testid="version-indicator">
        <span className="wm-version__num">v{viewing.info.number}</span>
        <span className={`wm-status-chip is-${viewing.info.status}`}>{statusTitle(viewing.info.status)}</span>
        <span className="wm-muted">read-only</span>
      </span>
    );
  }
  const base = current.base === null ? 'New journey' : `v${current.base}`;
  const state = saveStateWords({ base: current.base, hasDraft: current.hasDraft, saveStatus, dirty, savedAt, now });
  const behind = current.latest && current.base !== null && current.latest.number > current.base;
  return (
    <span className="wm-version" data-testid="version-indicator">
      <span className="wm-version__num">{base}</span>
      <span className="wm-muted">·</span>
      <span className={`wm-version__state${saveStatus === 'error' ? ' is-bad' : ''}`} data-testid="save-state">
        {state}
      </span>
      {behind ? <span className="wm-status-chip is-warning">v{current.latest!.number} is newer</span> : null}
    </span>
  );
}

function ValidationBadge() {
  const diagnostics = useEditorStore(shownDiagnostics);
  const problemsOpen = useEditorStore((s) => s.problemsOpen);
  const setProblemsOpen = useEditorStore((s) => s.setProblemsOpen);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const tone = errors ? 'is-error' : warnings ? 'is-warning' : 'is-ok';
  return (
    <button
      type="button"
      className={`wm-validate ${tone}`}
      onClick={() => {
        const sim = useSimulationStore.getState();
        if (sim.open) {
          sim.setOpen(false);
          setProblemsOpen(true);
        } else setProblemsOpen(!problemsOpen);
      }}
      title={errors + warnings === 0 ? 'No problems found' : `${errors} errors, ${warnings} warnings`}
      data-testid="validate-badge"
    >
      <Icon name={errors ? 'error' : warnings ? 'warning' : 'check'} size={14} />
      {errors + warnings === 0 ? 'Valid' : null}
      {errors ? <span data-testid="validate-errors">{errors}</span> : null}
      {errors && warnings ? <span className="wm-validate__sep" /> : null}
      {warnings ? (
        <span className="wm-validate__warn" data-testid="validate-warnings">
          {errors ? <Icon name="warning" size={12} /> : null}
          {warnings}
        </span>
      ) : null}
    </button>
  );
}

function SimulateButton() {
  const open = useSimulationStore((s) => s.open);
  const running = useSimulationStore((s) => s.running);
  const setOpen = useSimulationStore((s) => s.setOpen);
  return (
    <button
      type="button"
      className={`wm-btn wm-btn--ghost${open ? ' is-on' : ''}${running ? ' is-busy' : ''}`}
      onClick={() => setOpen(!open)}
      title="Simulate synthetic customers through this journey"
      data-testid="simulate-open"
    >
      <Icon name="users" size={15} /> Simulate
    </button>
  );
}
