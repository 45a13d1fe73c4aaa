import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetBrowserBackend } from './browserBackend';
import { useEditorStore } from './store';

// The history drawer lists the versions of the journey open now, whichever journey it was
// opened on (the browser backend keeps the seeded examples' versions over the real core).

const editor = () => useEditorStore.getState();

beforeEach(async () => {
  resetBrowserBackend();
  await editor().init();
});

afterEach(async () => {
  editor().setHistoryOpen(false);
  await editor().closeJourney();
});

describe('the history drawer', () => {
  it('follows the journey that is opened while it is open', async () => {
    await editor().openJourney('onboarding');
    editor().setHistoryOpen(true);
    await expect.poll(() => editor().versions.length).toBeGreaterThan(0);
    expect(editor().versions.every((v) => v.journey === 'onboarding')).toBe(true);

    await editor().openJourney('win-back');
    await expect.poll(() => editor().versions.length).toBeGreaterThan(0);
    expect(editor().versions.every((v) => v.journey === 'win-back')).toBe(true);
  });
});
