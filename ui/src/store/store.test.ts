import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { JourneyDocument, Node } from '../bindings';
import { resetBrowserBackend } from '../browserBackend';
import { kindInfo, reviewRefusal, statusMoveRefusal, validate } from '../core';
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

  it('offers to reconnect the neighbours of a deleted middle step, as its own undoable edit', () => {
    const into = doc().edges.find((e) => e.to === 'wait_2d')!;
    const out = doc().edges.find((e) => e.from === 'wait_2d')!;
    s().select(['wait_2d']);
    s().deleteSelection();
    const deleted = doc();
    expect(deleted.edges.some((e) => e.from === into.from && e.port === into.port)).toBe(false);
    const offer = s().toasts.at(-1)!;
    expect(offer.action?.label).toBe('Reconnect');
    offer.action!.run();
    expect(doc().edges).toContainEqual({ from: into.from, port: into.port, to: out.to });
    s().undo();
    expect(doc()).toBe(deleted);
  });

  it('offers no reconnection when the deleted step branches', () => {
    const before = s().toasts.length;
    s().select(['pricing_check']);
    s().deleteSelection();
    expect(s().toasts.slice(before).some((t) => t.action?.label === 'Reconnect')).toBe(false);
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
    // Version 3 of the seeded onboarding journey is in review; sam saved it, so we may approve it.
    expect(await status(3)).toBe('in_review');
    await expect(api.setStatus('onboarding', 3, 'published', 'Ship it')).rejects.toMatchObject({ code: 'invalid_transition', message: expect.stringContaining(statusMoveRefusal('in_review', 'published', 0)!) });
    expect(await s().setVersionStatus(3, 'approved', 'Checkout copy checked')).toBeNull();
    expect(await status(3)).toBe('approved');

    s().select(['exit_reminded']);
    s().deleteSelection();
    expect(await s().commit('Drop the reminder exit')).toBe(true);
    const errors = s().diagnostics.filter((d) => d.severity === 'error').length;
    expect(await s().setVersionStatus(4, 'in_review', 'Dropped an exit')).toBeNull();
    await s().setSoloReview(true);
    expect(await s().setVersionStatus(4, 'approved', 'Working alone today')).toBeNull();
    await expect(api.setStatus('onboarding', 4, 'published', 'Ship it')).rejects.toMatchObject({ code: 'publish_blocked', message: expect.stringContaining(statusMoveRefusal('approved', 'published', errors)!) });
    expect(await status(4)).toBe('approved');
    expect(await s().setVersionStatus(3, 'published', 'Launch the checkout help')).toBeNull();
    expect(await status(3)).toBe('published');
  });

  it('asks every review move but archiving for a note, and records it with the version', async () => {
    const version = async (number: number) => (await api.history('onboarding')).find((v) => v.number === number)!;
    for (const note of [null, '   ']) {
      const refusal = await s().setVersionStatus(3, 'approved', note);
      const expected = reviewRefusal({ from: 'in_review', to: 'approved', errors: 0, author: 'sam@lumen.io', actor: 'you@example.com', note, solo_review: false })!;
      expect(refusal).toEqual({ code: 'note_required', message: `version 3 of \`onboarding\`: ${expected.message}` });
    }
    expect((await version(3)).status).toBe('in_review');

    expect(await s().setVersionStatus(3, 'approved', '  Checkout copy checked \n')).toBeNull();
    const approved = await version(3);
    // The history shows which version was approved, by whom and why; the panel reads it from here.
    expect(approved.last_transition).toMatchObject({ number: 3, from: 'in_review', to: 'approved', actor: 'you@example.com', note: 'Checkout copy checked' });
    expect(s().versions.find((v) => v.number === 3)?.last_transition?.actor).toBe('you@example.com');
    expect((await api.transitions('onboarding', 3)).at(-1)).toEqual(approved.last_transition);

    // Archiving is tidying up: it needs no note.
    expect(await s().setVersionStatus(3, 'archived', null)).toBeNull();
    expect((await version(3)).last_transition).toMatchObject({ to: 'archived', note: null });
  });

  it('refuses to let an author approve their own version unless the workspace reviews solo', async () => {
    s().editNode('wait_2d', (n) => ({ ...n, label: 'Two days' }));
    expect(await s().commit('Rename the wait')).toBe(true);
    expect(await s().setVersionStatus(4, 'in_review', 'Clearer label')).toBeNull();

    expect(s().workspace).toEqual({ solo_review: false });
    const refusal = await s().setVersionStatus(4, 'approved', 'Looks fine to me');
    expect(refusal?.code).toBe('self_approval');
    expect(refusal?.message).toContain(reviewRefusal({ from: 'in_review', to: 'approved', errors: 0, author: 'you@example.com', actor: 'you@example.com', note: 'x', solo_review: false })!.message);
    expect(refusal?.message).toMatch(/solo review/);
    expect((await api.history('onboarding')).at(-1)?.status).toBe('in_review');

    await s().setSoloReview(true);
    expect(s().workspace).toEqual({ solo_review: true });
    expect(await api.workspaceSettings()).toEqual({ solo_review: true });
    expect(await s().setVersionStatus(4, 'approved', 'Working alone today')).toBeNull();
    expect((await api.history('onboarding')).at(-1)?.status).toBe('approved');

    await s().setSoloReview(false);
    expect(await api.workspaceSettings()).toEqual({ solo_review: false });
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
