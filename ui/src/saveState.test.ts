import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetBrowserBackend } from './browserBackend';
import { saveStateWords } from './saveState';
import { journeyName, useEditorStore } from './store';

// What the top bar and the journey list say about the journey being edited, through the store
// over the browser backend (which keeps versions and drafts over the real core).

const editor = () => useEditorStore.getState();
const words = () => {
  const s = editor();
  return saveStateWords({ base: s.current!.base, hasDraft: s.current!.hasDraft, saveStatus: s.saveStatus, dirty: s.doc !== s.savedDoc, savedAt: s.savedAt, now: Date.now() });
};

beforeEach(async () => {
  resetBrowserBackend();
  await editor().init();
  await editor().openJourney('win-back');
});

afterEach(async () => {
  await editor().closeJourney();
});

describe('the state of the journey being edited', () => {
  it('says the draft was saved, then up to date once it is committed', async () => {
    expect(words()).toBe('up to date');
    editor().edit((d) => ({ ...d, name: 'Win-back, second try' }));
    expect(words()).toBe('unsaved changes');
    await editor().flushSave();
    expect(words()).toMatch(/^draft saved /);
    expect(await editor().commit('Rename')).toBe(true);
    expect(words()).toBe('up to date');
  });

  it('lists the open journey under the name being edited, before any commit', () => {
    const stored = editor().journeys.find((j) => j.id === 'win-back')!;
    editor().edit((d) => ({ ...d, name: 'Win-back, second try' }));
    expect(journeyName(editor(), stored)).toBe('Win-back, second try');
    const other = editor().journeys.find((j) => j.id === 'onboarding')!;
    expect(journeyName(editor(), other)).toBe(other.name);
  });
});
