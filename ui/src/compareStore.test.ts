import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from './api';
import { resetBrowserBackend } from './browserBackend';
import { useCompareStore } from './compareStore';
import { useSimulationStore } from './simulationStore';
import { useEditorStore } from './store';

// The store compares versions the browser backend keeps (over the real core): onboarding's
// seeded history is v1 (two waits of other lengths), v2 (one of them) and v3 (the example).

const editor = () => useEditorStore.getState();
const compare = () => useCompareStore.getState();

beforeEach(async () => {
  resetBrowserBackend();
  await editor().init();
  await editor().openJourney('onboarding');
  useSimulationStore.setState({ form: { scenario: 'default', customers: '2000', days: '', seed: '' } });
});

afterEach(async () => {
  compare().close();
  compare().setBehaviourOpen(false);
  await editor().closeJourney();
  vi.restoreAllMocks();
});

describe('the compare store', () => {
  it('compares two versions, older first whatever the order asked, and marks the changed step', async () => {
    await compare().open(2, 1);
    const c = compare();
    expect(c).toMatchObject({ active: true, journey: 'onboarding', old: 1, next: 2, loading: false, error: null });
    expect(c.diff!.nodes).toEqual([expect.objectContaining({ id: 'wait_2d', change: 'changed' })]);
    expect(c.diff!.sentences[0]).toMatchObject({ node: 'wait_2d', impact: 'behavioural' });
    expect(c.diff!.sentences[0].text).toMatch(/1 day → 2 days/);
    expect(c.nodes.find((n) => n.id === 'wait_2d')!.data.mark).toBe('changed');
    expect(c.nodes.filter((n) => n.data.mark)).toHaveLength(1);
    // The document being edited is untouched.
    expect(editor().nodes.some((n) => n.data.mark)).toBe(false);
  });

  it('compares a version with the draft as it is now', async () => {
    editor().editNode('welcome_email', (n) => ({ ...n, label: 'Hello' }));
    await compare().open('draft', 3);
    const c = compare();
    expect([c.old, c.next]).toEqual([3, 'draft']);
    expect(c.nextDoc).toBe(editor().doc);
    expect(c.diff!.behavioural).toBe(false);
    expect(c.diff!.sentences).toEqual([expect.objectContaining({ node: 'welcome_email', impact: 'cosmetic' })]);
  });

  it('draws a step the draft removed as a ghost', async () => {
    editor().select(['trial_push']);
    editor().deleteSelection();
    await compare().open(3, 'draft');
    const ghost = compare().nodes.find((n) => n.id === 'trial_push')!;
    expect(ghost.data.mark).toBe('removed');
    expect(compare().edges.filter((e) => e.data?.mark === 'removed').map((e) => [e.source, e.target])).toEqual(
      expect.arrayContaining([
        ['checkout_check', 'trial_push'],
        ['trial_push', 'exit_pricing'],
      ]),
    );
  });

  it('selects a step from the canvas or the list, and only selects', async () => {
    await compare().open(1, 2);
    compare().onNodesChange([{ type: 'select', id: 'wait_2d', selected: true }]);
    expect(compare().selected).toBe('wait_2d');
    compare().onNodesChange([{ type: 'position', id: 'wait_2d', position: { x: 0, y: 0 }, dragging: false }]);
    expect(compare().nodes.find((n) => n.id === 'wait_2d')!.position).not.toEqual({ x: 0, y: 0 });
    compare().select('pricing_check');
    expect(compare().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['pricing_check']);
    compare().select(null);
    expect(compare().nodes.some((n) => n.selected)).toBe(false);
  });

  it('leaves compare mode when asked, and when another journey opens', async () => {
    await compare().open(1, 3);
    compare().close();
    expect(compare()).toMatchObject({ active: false, diff: null, nodes: [] });
    await compare().open(1, 3);
    await editor().openJourney('trial-to-paid');
    expect(compare().active).toBe(false);
  });

  it('says why it cannot compare a version that does not exist', async () => {
    await compare().open(1, 9);
    expect(compare().error).toMatch(/Cannot compare version 1 with version 9: .*no version 9/);
    expect(compare().loading).toBe(false);
  });

  it('simulates both sides on the simulation form’s population', async () => {
    const behaviourDiff = vi.spyOn(api, 'behaviourDiff');
    await compare().open(1, 2);
    compare().setBehaviourOpen(true);
    await vi.waitFor(() => expect(compare().behaviour.running).toBe(false));
    const b = compare().behaviour;
    expect(b.error).toBeNull();
    expect(behaviourDiff).toHaveBeenCalledTimes(1);
    expect(behaviourDiff.mock.calls[0][0]).toBe(compare().oldDoc);
    expect(behaviourDiff.mock.calls[0][1]).toBe(compare().nextDoc);
    expect(behaviourDiff.mock.calls[0][2]).toMatchObject({ scenario: 'default', customers: 2000 });
    expect(b.result).toMatchObject({ customers: 2000, complete: true });
    expect(b.result!.changed_customers).toBeGreaterThan(0);
    expect(b.result!.nodes.find((n) => n.id === 'pricing_check')).toBeDefined();
  });

  it('reports the form’s problems instead of simulating', async () => {
    const behaviourDiff = vi.spyOn(api, 'behaviourDiff');
    await compare().open(1, 2);
    useSimulationStore.setState({ form: { scenario: 'default', customers: 'lots', days: '', seed: '' } });
    await compare().runBehaviour();
    expect(behaviourDiff).not.toHaveBeenCalled();
    expect(compare().behaviour.error).toBe('The simulation settings are not usable: Customers: expected a whole number.');
  });
});
