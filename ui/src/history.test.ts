import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, initHistory, record, redo, undo } from './history';

describe('history', () => {
  it('undoes and redoes one step at a time', () => {
    let h = initHistory('a');
    h = record(h, 'b', { now: 0 });
    h = record(h, 'c', { now: 10_000 });
    h = record(h, 'd', { now: 20_000 });
    h = undo(h);
    expect(h.present).toBe('c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = redo(h);
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(true);
    h = record(h, 'e', { now: 30_000 });
    expect(canRedo(h)).toBe(false);
    expect([...h.past, h.present]).toEqual(['a', 'b', 'c', 'e']);
  });

  it('folds edits with the same key within the window into one step', () => {
    let h = initHistory('');
    h = record(h, 'W', { key: 'label', now: 0 });
    h = record(h, 'We', { key: 'label', now: 200 });
    h = record(h, 'Wel', { key: 'label', now: 400 });
    expect(h.past).toEqual(['']);
    expect(h.present).toBe('Wel');
    h = record(h, 'Wel!', { key: 'label', now: 5_000 });
    expect(h.past).toEqual(['', 'Wel']);
    h = record(h, 'Wel!?', { key: 'other', now: 5_100 });
    expect(h.past).toEqual(['', 'Wel', 'Wel!']);
  });

  it('does not fold across an undo', () => {
    let h = initHistory(0);
    h = record(h, 1, { key: 'k', now: 0 });
    h = undo(h);
    h = record(h, 2, { key: 'k', now: 10 });
    expect(h.past).toEqual([0]);
    expect(h.present).toBe(2);
  });

  it('ignores a record of the present and undo/redo with nothing to do', () => {
    const h = initHistory('a');
    expect(record(h, 'a', { now: 0 })).toBe(h);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
    expect(canUndo(h)).toBe(false);
  });

  it('keeps at most `limit` snapshots', () => {
    let h = initHistory(0);
    for (let i = 1; i <= 10; i++) h = record(h, i, { now: i * 10_000, limit: 3 });
    expect(h.past).toEqual([7, 8, 9]);
    expect(h.present).toBe(10);
  });
});
