import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from './api';
import { resetBrowserBackend } from './browserBackend';
import { limits } from './core';
import { LIVE_DELAY_MS } from './simulation';
import { useSimulationStore } from './simulationStore';
import { useEditorStore } from './store';

// The store runs the real simulator: outside the desktop shell, `api.simulate` reaches the core
// compiled to WebAssembly through `browserBackend.ts`.

const editor = () => useEditorStore.getState();
const sim = () => useSimulationStore.getState();

beforeEach(async () => {
  resetBrowserBackend();
  await editor().init();
  await editor().openJourney('onboarding');
  useSimulationStore.setState({ live: false, others: [], form: { scenario: 'default', customers: '5000', days: '', seed: '' } });
});

afterEach(async () => {
  useSimulationStore.setState({ open: false });
  sim().clear();
  await editor().closeJourney();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the simulation store', () => {
  it('lets the report go when the panel closes, and runs afresh when it opens again', async () => {
    sim().setOpen(true);
    await vi.waitFor(() => expect(sim().report).not.toBeNull());
    sim().setOpen(false);
    const closed = sim();
    expect([closed.report, closed.reportDoc, closed.badges.size, closed.traffic.size, closed.running]).toEqual([null, null, 0, 0, false]);
    sim().setOpen(true);
    expect(sim().running).toBe(true);
    await vi.waitFor(() => expect(sim().report?.run.customers).toBe(5000));
  });

  it('drops a run still going when the panel closes', async () => {
    sim().setOpen(true);
    expect(sim().running).toBe(true);
    sim().setOpen(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([sim().report, sim().running]).toEqual([null, false]);
  });

  it('runs the open journey and keeps a badge per node', async () => {
    await sim().run();
    const s = sim();
    expect(s.running).toBe(false);
    expect(s.error).toBeNull();
    expect(s.report?.run).toMatchObject({ customers: 5000, journeys: ['onboarding'], complete: true });
    expect(s.reportDoc).toBe(editor().doc);
    expect(s.badges.size).toBe(editor().doc!.nodes.length);
    expect(s.traffic.size).toBe(editor().doc!.edges.length);
    for (const n of s.report!.journeys[0].nodes) expect(s.badges.get(n.id)!.entered).toBe(n.entered);
  });

  it('says what is wrong with the form instead of running', async () => {
    const simulate = vi.spyOn(api, 'simulate');
    sim().setForm({ customers: 'many' });
    await sim().run();
    expect(sim().formErrors).toEqual({ customers: 'a whole number' });
    expect(simulate).not.toHaveBeenCalled();
  });

  it('simulates other journeys with the open one, the open one first', async () => {
    const crossJourney = () => sim().report!.conflicts.find((c) => c.kind === 'cross_journey')!.count;
    await sim().run();
    expect(crossJourney()).toBe(0);
    const simulate = vi.spyOn(api, 'simulate');
    sim().setOthers(['trial-to-paid', 'onboarding']);
    await sim().run();
    expect(simulate.mock.calls[0][0].journeys.map((d) => d.id)).toEqual(['onboarding', 'trial-to-paid']);
    expect(sim().report!.run.journeys).toEqual(['onboarding', 'trial-to-paid']);
    expect(crossJourney()).toBeGreaterThan(0);
  });

  it('re-runs with the chosen customer traced', async () => {
    await sim().run();
    const simulate = vi.spyOn(api, 'simulate');
    await sim().showTrace('c17');
    expect(simulate.mock.calls[0][0].trace).toBe('c17');
    expect(sim().trace).toBe('c17');
    expect(sim().report!.traces.some((t) => t.customer === 'c17')).toBe(true);
  });

  it('keeps only the newest of overlapping runs', async () => {
    const first = sim().run();
    sim().setForm({ customers: '7000' });
    const second = sim().run();
    await Promise.all([first, second]);
    expect(sim().report!.run.customers).toBe(7000);
    expect(sim().report!.run.complete).toBe(true);
  });

  it('shows why the core refuses a run, naming the setting', async () => {
    await sim().run();
    const before = sim().report;
    await sim().showTrace('c5001');
    expect(sim().error).toMatch(/^trace: `c5001` is not a customer of this run/);
    expect(sim().running).toBe(false);
    expect(sim().report).toBe(before);
  });

  it('re-runs with the core’s live population after an edit when live', async () => {
    vi.useFakeTimers();
    useSimulationStore.setState({ open: true, live: true });
    const simulate = vi.spyOn(api, 'simulate');
    editor().editNode('welcome_email', (n) => ({ ...n, label: 'Hello' }));
    editor().editNode('welcome_email', (n) => ({ ...n, label: 'Hello there' }));
    await vi.advanceTimersByTimeAsync(LIVE_DELAY_MS - 50);
    expect(simulate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(simulate).toHaveBeenCalledTimes(1);
    expect(simulate.mock.calls[0][0].customers).toBe(limits().live_customers);
    expect(simulate.mock.calls[0][0].journeys[0]).toBe(editor().doc);
    await vi.advanceTimersByTimeAsync(0);
    expect(sim().report!.run.customers).toBe(limits().live_customers);
    expect(sim().reportDoc).toBe(editor().doc);
  });

  it('does not re-run after edits when not live, and marks the counts stale', async () => {
    await sim().run();
    vi.useFakeTimers();
    useSimulationStore.setState({ open: true });
    const simulate = vi.spyOn(api, 'simulate');
    editor().editNode('welcome_email', (n) => ({ ...n, label: 'Hello' }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(simulate).not.toHaveBeenCalled();
    expect(sim().reportDoc).not.toBe(editor().doc);
  });

  it('drops the report when another journey opens', async () => {
    await sim().run();
    await editor().openJourney('trial-to-paid');
    expect(sim().report).toBeNull();
    expect(sim().badges.size).toBe(0);
  });
});
