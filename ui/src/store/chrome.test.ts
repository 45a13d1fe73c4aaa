import { describe, expect, it } from 'vitest';
import { MAX_TOASTS } from './chrome';
import { useEditorStore } from './index';

const s = () => useEditorStore.getState();

describe('toasts', () => {
  it('do not pile up: the same message replaces itself, and at most three show at once', () => {
    for (let i = 0; i < 5; i++) s().toast('info', 'Draft saved');
    expect(s().toasts.filter((t) => t.message === 'Draft saved')).toHaveLength(1);
    for (let i = 0; i < 6; i++) s().toast('info', `Message ${i}`);
    expect(s().toasts).toHaveLength(MAX_TOASTS);
    expect(s().toasts.map((t) => t.message)).toEqual(['Message 3', 'Message 4', 'Message 5']);
  });
});
