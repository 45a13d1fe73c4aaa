// End-to-end: what the canvas shows when a journey opens.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Session } from './driver.mjs';

let session;

before(async () => {
  session = await Session.start({ seed: true });
});

after(async () => {
  await session?.stop();
});

const state = (expression) => session.execute(`const s = window.__waymark.store.getState(); return ${expression};`);
const zoom = () => session.execute('return window.__waymark.viewport.get().zoom;');

test('a new journey opens at full size, not at the zoom of the journey before it', async () => {
  await (await session.find('[data-testid="journey-b2b-lead-nurture"]', { timeoutMs: 30_000 })).click();
  await session.until('the journey to open', () => state(`s.doc?.id === 'b2b-lead-nurture' && s.nodes.length > 0`));
  await session.until('the first view to settle', async () => (await zoom()) !== 1);
  // Zoomed far out, as someone looking at the whole journey would.
  await session.execute('window.__waymark.viewport.set({ x: 0, y: 0, zoom: 0.177 });');
  await (await session.find('[data-testid="journey-new"]')).click();
  await (await session.find('[data-testid="journey-new-name"]')).type('Fresh start\uE007');
  await session.until('the new journey to open', () => state(`s.doc?.id === 'fresh-start'`));
  await session.until('the new journey at zoom 1', async () => (await zoom()) === 1);
});
