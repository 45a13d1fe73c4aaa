import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { JourneyDocument, Node } from '../bindings';
import { resetBrowserBackend } from '../browserBackend';
import { kindInfo, statusMoveRefusal, validate } from '../core';
import { useEditorStore } from './index';

const store = useEditorStore;
const s = () => store.getState();
const doc = (): JourneyDocument => s().doc!;
const node = (id: string): Node => doc().nodes.find((n) => n.id === id)!;

beforeEach(async () => {
  resetBrowserBackend();
  await s().init();
  await s().openJourney('onboarding');
});

afterEach(async () => {
  await s().closeJourney();
  vi.useRealTimers();
});

describe('the editor store', () => {
  it('opens a journey and draws it', () => {
    expect(s().current).toMatchObject({ id: 'onboarding', base: 3 });
    expect(s().nodes).toHaveLength(doc().nodes.length);
    expect(s().edges).toHaveLength(doc().edges.length);
    expect(s().canUndo()).toBe(false);
  });

  it('undoes and redoes add, move, connect and edit, one step each', () => {
    const original = doc();
    s().addNodeAt('wait', { x: 100, y: 600 });
    const added = doc();
    expect(added.nodes.at(-1)?.id).toBe('wait_1');
    expect(s().selectedNodeIds).toEqual(['wait_1']);

    // A drag reports many positions while dragging and one when it ends: one undo step.
    for (let x = 110; x <= 200; x += 30) s().onNodesChange([{ type: 'position', id: 'wait_1', position: { x, y: 600 }, dragging: true }]);
    expect(doc()).toBe(added);
    s().onNodesChange([{ type: 'position', id: 'wait_1', position: { x: 200, y: 600 }, dragging: false }]);
    const moved = doc();
    expect(moved.layout.nodes!.wait_1).toEqual({ x: 200, y: 600 });

    s().onConnect({ source: 'wait_1', sourceHandle: 'next', target: 'exit_engaged', targetHandle: null });
    const connected = doc();
    expect(connected.edges.at(-1)).toEqual({ from: 'wait_1', port: 'next', to: 'exit_engaged' });

    s().editNode('wait_1', (n) => ({ ...n, label: 'Pause' }), 'label');
    const edited = doc();
    expect(node('wait_1').label).toBe('Pause');

    s().undo();
    expect(doc()).toBe(connected);
    s().undo();
    expect(doc()).toBe(moved);
    s().redo();
    expect(doc()).toBe(connected);
    expect(s().canRedo()).toBe(true);

    s().editNode('wait_1', (n) => ({ ...n, stage: 'decision' }), 'stage');
    expect(s().canRedo()).toBe(false);
    expect(node('wait_1').label).toBe(kindInfo('wait').starter.label);

    s().undo();
    s().undo();
    s().undo();
    expect(doc()).toBe(added);
    s().undo();
    expect(doc()).toBe(original);
    expect(s().canUndo()).toBe(false);
    void edited;
  });

  it('folds typing into one field into one undo step', () => {
    const original = doc();
    for (const label of ['W', 'We', 'Wel', 'Welcome']) s().editNode('welcome_email', (n) => ({ ...n, label }), 'label');
    expect(node('welcome_email').label).toBe('Welcome');
    s().undo();
    expect(doc()).toBe(original);
  });

  it('deletes the selection as one step and can undo it', () => {
    const original = doc();
    s().select(['wait_2d', 'pricing_check']);
    s().deleteSelection();
    expect(doc().nodes.some((n) => n.id === 'wait_2d' || n.id === 'pricing_check')).toBe(false);
    expect(doc().edges.some((e) => e.from === 'wait_2d' || e.to === 'wait_2d')).toBe(false);
    s().undo();
    expect(doc()).toBe(original);
  });

  it('copies and pastes with new ids', () => {
    s().select(['wait_2d', 'pricing_check']);
    s().copySelection();
    s().paste();
    expect([...s().selectedNodeIds].sort()).toEqual(['pricing_check_1', 'wait_2d_1']);
    expect(doc().edges.at(-1)).toEqual({ from: 'wait_2d_1', port: 'next', to: 'pricing_check_1' });
  });

  it('keeps node objects of untouched nodes across an edit', () => {
    const before = s().nodes;
    s().editNode('wait_2d', (n) => ({ ...n, label: 'Two days' }), 'label');
    const after = s().nodes;
    const changed = after.filter((n, i) => n !== before[i]).map((n) => n.id);
    expect(changed).toEqual(['wait_2d']);
  });

  it('validates with the core on every edit, at once, and shows problems on the node', () => {
    expect(s().diagnostics).toEqual([]);
    // Deleting the exit after `activation_push` leaves its `next` port leading nowhere.
    s().select(['exit_reminded']);
    s().deleteSelection();
    const answer = validate(doc());
    expect('ok' in answer && s().diagnostics).toEqual('ok' in answer && answer.ok);
    const errors = s().diagnostics.filter((d) => d.node === 'activation_push' && d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(s().nodes.find((n) => n.id === 'activation_push')?.data.errors).toBe(errors.length);
    s().undo();
    expect(s().diagnostics).toEqual([]);
    expect(s().nodes.find((n) => n.id === 'activation_push')?.data.errors).toBe(0);
  });

  it('autosaves the draft a second after the last edit', async () => {
    vi.useFakeTimers();
    s().editNode('wait_2d', (n) => ({ ...n, label: 'Two days' }), 'label');
    expect(s().saveStatus).toBe('pending');
    await vi.advanceTimersByTimeAsync(1100);
    expect(s().saveStatus).toBe('saved');
    expect(s().savedDoc).toBe(s().doc);
    const edited = s().doc;
    await s().openJourney('win-back');
    await s().openJourney('onboarding');
    expect(s().current?.hasDraft).toBe(true);
    expect(node('wait_2d').label).toBe('Two days');
    expect(s().doc).toEqual(edited);
  });

  it('commits a version and reports a stale base as a conflict', async () => {
    s().editNode('wait_2d', (n) => ({ ...n, label: 'Two days' }));
    expect(await s().commit('Rename the wait')).toBe(true);
    expect(s().current?.base).toBe(4);
    // Pretend someone else committed: our base is now behind.
    store.setState({ current: { ...s().current!, base: 3 } });
    s().editNode('wait_2d', (n) => ({ ...n, label: 'Three days' }));
    expect(await s().commit('Again')).toBe(false);
    expect(s().conflict?.code).toBe('conflict');
  });

  it('moves versions through review as the core allows, and blocks publishing a version with errors', async () => {
    const status = async (number: number) => (await api.history('onboarding')).find((v) => v.number === number)?.status;
    // Version 3 of the seeded onboarding journey is in review.
    expect(await status(3)).toBe('in_review');
    await expect(api.setStatus('onboarding', 3, 'published', null)).rejects.toMatchObject({ code: 'invalid_transition', message: expect.stringContaining(statusMoveRefusal('in_review', 'published', 0)!) });
    await s().setVersionStatus(3, 'approved', null);
    expect(await status(3)).toBe('approved');

    s().select(['exit_reminded']);
    s().deleteSelection();
    expect(await s().commit('Drop the reminder exit')).toBe(true);
    const errors = s().diagnostics.filter((d) => d.severity === 'error').length;
    await s().setVersionStatus(4, 'in_review', null);
    await s().setVersionStatus(4, 'approved', null);
    await expect(api.setStatus('onboarding', 4, 'published', null)).rejects.toMatchObject({ code: 'publish_blocked', message: expect.stringContaining(statusMoveRefusal('approved', 'published', errors)!) });
    expect(await status(4)).toBe('approved');
    await s().setVersionStatus(3, 'published', null);
    expect(await status(3)).toBe('published');
  });

  it('views an old version read-only and refuses edits there', async () => {
    await s().viewVersion(1);
    expect(s().viewing?.info.number).toBe(1);
    const shown = s().nodes;
    s().addNodeAt('wait', { x: 0, y: 0 });
    s().undo();
    expect(s().nodes).toBe(shown);
    s().backToDraft();
    expect(s().viewing).toBeNull();
  });
});
