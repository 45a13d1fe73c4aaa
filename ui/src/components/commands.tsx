//! The app's commands, shared by the command palette and the keyboard shortcuts.

import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import type { Kind } from '../bindings';
import { useCatalogStore } from '../catalogStore';
import { useCompareStore } from '../compareStore';
import { NODE_WIDTH, nodeHeight } from '../geometry';
import { nodeKinds } from '../core';
import { useSimulationStore } from '../simulationStore';
import { useExportStore } from './ExportDialog';
import { useEditorStore } from '../store';
import { nodeTitle } from '../model';
import { useFocusNode } from './focusNode';
import { FIT_SELECTION, FIT_VIEW } from './viewport';
import { KIND_ICON, type IconName } from './icons';

export interface Command {
  id: string;
  title: string;
  hint?: string;
  shortcut?: string;
  icon?: IconName;
  enabled: boolean;
  run: () => void;
  /** Journeys and steps to go to: listed only once the user types, after the commands. */
  target?: 'journey' | 'step';
}

/**
 * What the palette lists for `query`: the enabled commands whose title has every word typed, in
 * their order; the journeys and steps to go to only once something is typed, after them.
 */
export function paletteMatches(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (c: Command) => c.enabled && words.every((w) => `${c.title} ${c.hint ?? ''}`.toLowerCase().includes(w));
  const actions = commands.filter((c) => !c.target && matches(c));
  if (words.length === 0) return actions;
  return [...actions, ...commands.filter((c) => c.target === 'journey' && matches(c)), ...commands.filter((c) => c.target === 'step' && matches(c))];
}

export function useCommands(): Command[] {
  const s = useEditorStore();
  const focus = useFocusNode();
  const { screenToFlowPosition, fitView } = useReactFlow();
  const comparing = useCompareStore((c) => c.active);
  const hasDoc = !!s.doc;
  const editable = hasDoc && !s.viewing && !comparing;
  // The version on screen when one is, else the newest stored one.
  const exportable = s.viewing?.info.number ?? s.current?.latest?.number ?? null;
  return useMemo(() => {
    const addInView = (kind: Kind) => {
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      if (!pane) return;
      const p = screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
      s.addNodeAt(kind, { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - nodeHeight() / 2) });
    };
    const list: Command[] = [
      ...nodeKinds().map(({ kind, title, description }) => ({
        id: `add-${kind}`,
        title: `Add ${title.toLowerCase()} step`,
        hint: description,
        icon: KIND_ICON[kind],
        enabled: editable,
        run: () => addInView(kind),
      })),
      { id: 'layout', title: 'Tidy up (automatic layout)', shortcut: 'Ctrl Shift L', icon: 'layout', enabled: editable, run: () => void s.layout() },
      { id: 'fit', title: 'Fit the journey in view', shortcut: 'Shift 1', icon: 'fit', enabled: hasDoc, run: () => void fitView(FIT_VIEW) },
      {
        id: 'zoom-selection',
        title: 'Zoom to the selected steps',
        shortcut: 'Shift 2',
        icon: 'search',
        enabled: hasDoc && s.selectedNodeIds.length > 0,
        run: () => void fitView({ ...FIT_SELECTION, nodes: s.selectedNodeIds.map((id) => ({ id })) }),
      },
      { id: 'commit', title: 'Commit a version…', shortcut: 'Ctrl S', icon: 'check', enabled: editable, run: () => s.setCommitOpen(true) },
      { id: 'exit-compare', title: 'Exit compare mode', hint: 'Back to editing the draft', shortcut: 'Esc', icon: 'x', enabled: comparing, run: () => useCompareStore.getState().close() },
      { id: 'history', title: 'Show history and review', shortcut: 'Ctrl H', icon: 'history', enabled: hasDoc, run: () => s.setHistoryOpen(true) },
      {
        id: 'simulate',
        title: 'Simulate',
        hint: 'Run synthetic customers through this journey: counts, cadence, conflicts, goals',
        icon: 'users',
        enabled: hasDoc && !comparing,
        run: () => {
          const sim = useSimulationStore.getState();
          if (sim.open) void sim.run({ live: sim.live });
          else sim.setOpen(true);
        },
      },
      { id: 'problems', title: 'Show problems', icon: 'check', enabled: hasDoc && !comparing, run: () => (useSimulationStore.getState().setOpen(false), s.setProblemsOpen(true)) },
      { id: 'undo', title: 'Undo', shortcut: 'Ctrl Z', icon: 'undo', enabled: editable && s.canUndo(), run: s.undo },
      { id: 'redo', title: 'Redo', shortcut: 'Ctrl Shift Z', icon: 'redo', enabled: editable && s.canRedo(), run: s.redo },
      { id: 'catalog', title: 'Workspace catalog…', hint: 'Events and attributes: the pickers offer them, validation checks names against them', icon: 'pencil', enabled: true, run: () => useCatalogStore.getState().setEditorOpen(true) },
      { id: 'theme', title: s.theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme', icon: s.theme === 'dark' ? 'sun' : 'moon', enabled: true, run: s.toggleTheme },
      { id: 'new', title: 'New journey', icon: 'plus', enabled: true, run: () => void s.createJourney('Untitled journey') },
      { id: 'import', title: 'Import a journey file…', icon: 'upload', enabled: true, run: () => void s.importFile() },
      { id: 'export', title: 'Export this journey to a file…', icon: 'download', enabled: hasDoc, run: () => void s.exportFile() },
      {
        id: 'export-runtime',
        title: 'Export a version for a runtime…',
        hint: 'The execution plan, BPMN for Camunda 8, Step Functions, Mermaid or DOT: the version shown, else the newest',
        icon: 'download',
        enabled: exportable !== null,
        run: () => useExportStore.getState().open(exportable),
      },
    ];
    for (const j of s.journeys) {
      list.push({ id: `journey-${j.id}`, title: `Open journey: ${j.name}`, icon: 'journey', enabled: j.id !== s.current?.id, target: 'journey', run: () => void s.openJourney(j.id) });
    }
    for (const n of s.doc?.nodes ?? []) {
      list.push({ id: `step-${n.id}`, title: `Go to step: ${nodeTitle(n)}`, hint: n.id, icon: KIND_ICON[n.kind], enabled: !comparing, target: 'step', run: () => focus(n.id) });
    }
    return list;
    // The store's functions are stable; what changes is captured in the flags above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editable, comparing, hasDoc, exportable, s.theme, s.history, s.selectedNodeIds, s.journeys, s.current?.id, s.doc?.nodes, focus, screenToFlowPosition, fitView]);
}
