//! The simulation panel's state (zustand): the form, the run in progress, the last report and what
//! the canvas draws of it, the traced customer, and Live mode, which re-runs the simulation a
//! moment after each edit of the document while the panel is open.

import { create } from 'zustand';
import * as api from './api';
import type { JourneyDocument, Report, ScenarioInfo, SimulationProgress } from './bindings';
import { scenarios as exampleScenarios } from './core';
import { buildRequest, edgeTraffic, LIVE_DELAY_MS, nodeBadges, type EdgeTraffic, type FormErrors, type NodeBadge, type SimForm } from './simulation';
import { shownDocument, useEditorStore } from './store';

export interface SimulationState {
  /** The panel is open (the Simulation tab of the dock). */
  open: boolean;
  /** The dock's height while the panel is open, in pixels. */
  height: number;
  scenarios: ScenarioInfo[] | null;
  form: SimForm;
  formErrors: FormErrors;
  /** Other journeys simulated together with the open one, by id. */
  others: string[];
  live: boolean;
  running: boolean;
  progress: SimulationProgress | null;
  report: Report | null;
  /** The document the report is of: when it is not the one shown, the canvas's counts are stale. */
  reportDoc: JourneyDocument | null;
  /** Wall time of the last run, in milliseconds. */
  elapsedMs: number | null;
  error: string | null;
  /** The customer whose timeline is shown. */
  trace: string | null;
  badges: Map<string, NodeBadge>;
  traffic: Map<string, EdgeTraffic>;

  setOpen(open: boolean): void;
  setHeight(height: number): void;
  /** The core's example scenarios, for the form's choice. */
  loadScenarios(): void;
  setForm(patch: Partial<SimForm>): void;
  setOthers(ids: string[]): void;
  setLive(live: boolean): void;
  run(options?: { live?: boolean; trace?: string | null }): Promise<void>;
  cancel(): Promise<void>;
  showTrace(customer: string | null): Promise<void>;
  clear(): void;
}

const HEIGHT_KEY = 'waymark.simulationHeight';
export const DEFAULT_HEIGHT = 400;

let runSeq = 0;
let liveTimer: ReturnType<typeof setTimeout> | undefined;
let unlistenProgress: Promise<() => void> | null = null;

function storedHeight(): number {
  try {
    const n = Number(typeof localStorage === 'undefined' ? NaN : localStorage.getItem(HEIGHT_KEY));
    return Number.isFinite(n) && n >= 200 ? n : DEFAULT_HEIGHT;
  } catch {
    return DEFAULT_HEIGHT;
  }
}

/** The documents of the other journeys: the draft if there is one, else the newest version. */
async function otherDocuments(ids: readonly string[], except: string): Promise<JourneyDocument[]> {
  const docs = await Promise.all(ids.filter((id) => id !== except).map((id) => api.openJourney(id).then((o) => o.document)));
  return docs;
}

export const useSimulationStore = create<SimulationState>()((set, get) => {
  /** Documents of other journeys, fetched once per selection (a Run fetches them again). */
  let othersCache = new Map<string, JourneyDocument>();

  function listenProgress() {
    unlistenProgress ??= api.onSimulationProgress((progress) => {
      const s = get();
      if (!s.running) return;
      // Redraw only when the shown percentage moves.
      const before = s.progress && s.progress.total ? Math.floor((100 * s.progress.done) / s.progress.total) : -1;
      const after = progress.total ? Math.floor((100 * progress.done) / progress.total) : 0;
      if (after !== before) set({ progress });
    });
  }

  return {
    open: false,
    height: storedHeight(),
    scenarios: null,
    form: { scenario: 'default', customers: '20000', days: '', seed: '' },
    formErrors: {},
    others: [],
    live: false,
    running: false,
    progress: null,
    report: null,
    reportDoc: null,
    elapsedMs: null,
    error: null,
    trace: null,
    badges: new Map(),
    traffic: new Map(),

    setOpen(open) {
      if (open === get().open) return;
      set({ open });
      // The canvas just changed size: show the journey in what is left of it, readable.
      useEditorStore.getState().requestFit('readable');
      if (open) {
        listenProgress();
        if (!get().scenarios) get().loadScenarios();
        if (!get().report && !get().running) void get().run({ live: get().live });
      } else {
        // Nothing shows a report while the panel is closed (the canvas draws its counts only
        // with the panel open): the run in progress stops, and the report and its charts go.
        // Opening the panel again runs the simulation afresh, for the same form and customer.
        clearTimeout(liveTimer);
        runSeq += 1;
        if (get().running) void get().cancel();
        set({ running: false, progress: null, report: null, reportDoc: null, elapsedMs: null, badges: new Map(), traffic: new Map() });
      }
    },

    setHeight(height) {
      set({ height });
      try {
        localStorage.setItem(HEIGHT_KEY, String(Math.round(height)));
      } catch {
        // No storage: the height lasts for the session.
      }
    },

    loadScenarios() {
      const scenarios = exampleScenarios();
      const form = get().form;
      // Without an example called "default", the built-in default is `null`.
      const scenario = form.scenario === null || scenarios.some((s) => s.name === form.scenario) ? form.scenario : null;
      set({ scenarios, form: { ...form, scenario } });
    },

    setForm(patch) {
      set({ form: { ...get().form, ...patch }, formErrors: {} });
    },

    setOthers(ids) {
      set({ others: ids });
      othersCache = new Map([...othersCache].filter(([id]) => ids.includes(id)));
    },

    setLive(live) {
      set({ live });
      if (live && get().open) void get().run({ live: true, trace: get().trace });
    },

    async run(options = {}) {
      const editor = useEditorStore.getState();
      const doc = shownDocument(editor);
      if (!doc) return;
      clearTimeout(liveTimer);
      const live = options.live ?? false;
      const trace = options.trace === undefined ? get().trace : options.trace;
      const built = buildRequest([doc], get().form, { live, trace });
      if (!built.ok) {
        set({ formErrors: built.errors });
        return;
      }
      listenProgress();
      const seq = ++runSeq;
      set({ running: true, progress: null, error: null, formErrors: {} });
      const started = performance.now();
      try {
        const others = get().others.filter((id) => id !== doc.id);
        if (!live || others.some((id) => !othersCache.has(id))) {
          const fetched = await otherDocuments(others, doc.id);
          othersCache = new Map(fetched.map((d) => [d.id, d]));
        }
        const request = { ...built.request, journeys: [doc, ...others.map((id) => othersCache.get(id)!).filter(Boolean)] };
        const report = await api.simulate(request);
        if (seq !== runSeq) return; // A newer run superseded this one.
        const journey = report.journeys.find((j) => j.id === doc.id);
        set({
          report,
          reportDoc: doc,
          running: false,
          progress: null,
          elapsedMs: Math.round(performance.now() - started),
          trace,
          badges: nodeBadges(journey, get().badges),
          traffic: edgeTraffic(journey, get().traffic),
        });
      } catch (error) {
        if (seq === runSeq) set({ running: false, progress: null, error: api.toCommandError(error).message });
      }
    },

    async cancel() {
      try {
        await api.cancelSimulation();
      } catch (error) {
        set({ error: api.toCommandError(error).message });
      }
    },

    async showTrace(customer) {
      if (customer === null) {
        set({ trace: null });
        return;
      }
      // The report may already have this customer's timeline (a sampled customer).
      if (get().report?.traces.some((t) => t.customer === customer) && get().reportDoc === shownDocument(useEditorStore.getState())) {
        set({ trace: customer });
        return;
      }
      set({ trace: customer });
      await get().run({ live: get().live, trace: customer });
    },

    clear() {
      runSeq++;
      clearTimeout(liveTimer);
      set({ report: null, reportDoc: null, running: false, progress: null, error: null, trace: null, badges: new Map(), traffic: new Map(), elapsedMs: null });
    },
  };
});

// Live mode: a moment after each edit of the open document, simulate again. Another journey
// opened (or closed) drops the report: its counts belong to a different canvas.
useEditorStore.subscribe((s, prev) => {
  const sim = useSimulationStore.getState();
  if (s.current?.id !== prev.current?.id) {
    if (sim.report || sim.running) sim.clear();
    if (sim.open && s.doc) {
      clearTimeout(liveTimer);
      liveTimer = setTimeout(() => void useSimulationStore.getState().run({ live: sim.live }), 0);
    }
    return;
  }
  if (!sim.open || !sim.live) return;
  if (shownDocument(s) === shownDocument(prev) || !shownDocument(s)) return;
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => void useSimulationStore.getState().run({ live: true }), LIVE_DELAY_MS);
});
