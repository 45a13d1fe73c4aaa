// End-to-end: the workspace catalog in the real app. A misspelt event is warned about live with
// the closest known name as the hint; the inspector's pickers list the catalog's events and
// attributes (with their descriptions) and messages by label; the catalog editor adds an entry,
// which clears the warning. The inspector with a picker open is saved as a screenshot.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Session } from './driver.mjs';

let session;

before(async () => {
  session = await Session.start({ seed: true });
  await (await session.find('[data-testid="journey-onboarding"]', { timeoutMs: 30_000 })).click();
  await session.until('onboarding to open', () => state(`s.doc?.id === 'onboarding'`), 20_000);
});

after(async () => {
  await session?.stop();
});

const state = (expression) => session.state(expression);
const element = (el) => ({ 'element-6066-11e4-a52e-4f735466cecf': el.id });
const textOf = (el) => session.execute('return arguments[0].textContent;', element(el));
/** The input's value, set as React expects (the native setter, then an input event). */
const setValue = (el, value) =>
  session.execute(
    `const input = arguments[0]; const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
     input.focus(); setter.call(input, arguments[1]); input.dispatchEvent(new Event('input', { bubbles: true }));`,
    element(el),
    value,
  );

async function selectStep(id) {
  await session.execute(`window.__waymark.store.getState().select([${JSON.stringify(id)}]);`);
  await session.find(`[data-testid="inspector-node-${id}"]`);
}

const pricingEvent = () => session.find('[data-testid="inspector-node-pricing_check"] input[role="combobox"][data-testid$="-event"]');
const warningSelector = '[data-testid="problem-unknown-event-pricing_check"]';

test('a misspelt event is warned about live, naming the step, with the closest known name', async () => {
  await selectStep('pricing_check');
  const input = await pricingEvent();
  assert.equal(await input.property('value'), 'viewed_pricing');
  await setValue(input, 'viewed_pricng');
  await session.until('the event to be misspelt in the document', () =>
    state(`JSON.stringify(s.doc.nodes.find((n) => n.id === 'pricing_check').cases[0].when).includes('viewed_pricng')`),
  );
  const message = await textOf(await session.find(`${warningSelector} .wm-problem__message`));
  assert.equal(message, 'Branch "Viewed pricing?": the case "Viewed pricing in the last 2 days" names the event `viewed_pricng`, which no scenario, other journey or catalog entry knows.');
  assert.equal(await textOf(await session.find(`${warningSelector} .wm-problem__hint`)), 'Did you mean `viewed_pricing`?');
  assert.equal(await state(`s.diagnostics.find((d) => d.code === 'unknown-event').severity`), 'warning');
  await session.screenshot('catalog-01-misspelt-event');
});

test('pickers list catalog events with descriptions, attributes with types, and messages by label', async () => {
  await selectStep('pricing_check');
  const input = await pricingEvent();
  await setValue(input, 'pric');
  const names = await session.until('the event options', async () => {
    const found = await session.execute(`return [...document.querySelectorAll('[role="listbox"] [role="option"]')].map((o) => o.dataset.name);`);
    return found.length > 0 ? found : null;
  });
  assert.deepEqual(names, ['viewed_pricing']);
  const option = await session.find('[role="listbox"] [role="option"]');
  assert.match(await textOf(option), /scenarios default, onboarding/);
  await session.screenshot('catalog-02-event-picker');

  // Type-ahead with every event: an empty box lists them all, the scenarios' included.
  await setValue(input, '');
  const all = await session.until('all events', async () => {
    const found = await session.execute(`return [...document.querySelectorAll('[role="listbox"] [role="option"]')].map((o) => o.dataset.name);`);
    return found.length > 5 ? found : null;
  });
  assert.ok(all.includes('signed_up') && all.includes('purchased') && all.includes('viewed_pricing'), all.join(', '));

  // Picking one writes it and clears the warning.
  await setValue(input, 'viewed_p');
  const pick = await session.find('[role="listbox"] [role="option"][data-name="viewed_pricing"]');
  const at = await pick.center();
  await session.command('POST', '/actions', {
    actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
      { type: 'pointerMove', duration: 0, x: Math.round(at.x), y: Math.round(at.y), origin: 'viewport' },
      { type: 'pointerDown', button: 0 },
      { type: 'pointerUp', button: 0 },
    ] }],
  });
  await session.command('DELETE', '/actions');
  await session.until('the picked event in the document', () =>
    state(`JSON.stringify(s.doc.nodes.find((n) => n.id === 'pricing_check').cases[0].when).includes('"viewed_pricing"')`),
  );
  await session.until('the warning to go', async () => !(await session.exists(warningSelector)));

  // Attribute picker on a condition: turn the case into an attribute row, and the list offers the
  // catalog's attributes with their types; then undo.
  const kind = await session.find('[data-testid="inspector-node-pricing_check"] select[aria-label="Condition type"]');
  await session.execute(
    `const select = arguments[0]; const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
     setter.call(select, 'attr'); select.dispatchEvent(new Event('change', { bubbles: true }));`,
    element(kind),
  );
  const attr = await session.find('[data-testid="inspector-node-pricing_check"] input[role="combobox"][data-testid$="-attr"]');
  assert.equal(await attr.property('value'), '', 'a new attribute row starts empty');
  await session.find('[data-testid="problem-empty-field-pricing_check"]');
  await setValue(attr, 'pla');
  const plan = await session.find('[role="listbox"] [role="option"][data-name="plan"]');
  assert.match(await textOf(plan), /string/);
  await session.execute('window.__waymark.store.getState().undo();');
  await session.until('the event condition back', () =>
    state(`JSON.stringify(s.doc.nodes.find((n) => n.id === 'pricing_check').cases[0].when).includes('"viewed_pricing"')`),
  );

  // Messages by label in the engagement dropdown.
  await selectStep('engagement_check');
  const messages = await session.find('[data-testid="inspector-node-engagement_check"] select[aria-label="Message"]');
  const labels = await session.execute('return [...arguments[0].options].map((o) => o.textContent);', element(messages));
  assert.ok(labels.includes('Welcome email'), labels.join(', '));
  assert.ok(!labels.includes('welcome_email'), 'no ids where labels belong');
  assert.equal(await messages.property('value'), 'welcome_email');

  // The picture: the entry's event picker open on the catalog, for people to look at.
  const entry = await state(`s.doc.nodes.find((n) => n.kind === 'entry').id`);
  await selectStep(entry);
  const entryEvent = await session.find('[data-testid="inspector-trigger-event"]');
  await setValue(entryEvent, '');
  await session.until('the entry event options', () => session.exists('[role="listbox"] [role="option"]'));
  const shot = await session.screenshot('catalog-03-inspector-pickers');
  mkdirSync('/work/notes/shots', { recursive: true });
  try {
    copyFileSync(shot, '/work/notes/shots/inspector-pickers.png');
  } catch (error) {
    console.error(`screenshot not copied: ${error.message}`);
  }
  await session.execute('window.__waymark.store.getState().undo();');
});

test('the catalog editor adds an entry, and the warning it answers goes away', async () => {
  await selectStep('pricing_check');
  await setValue(await pricingEvent(), 'viewed_pricng');
  await session.find(warningSelector);

  await (await session.find('[data-testid="catalog-open"]')).click();
  await session.find('[data-testid="catalog-editor"]');
  const rows = await session.execute(`return document.querySelectorAll('[data-testid="catalog-row"]').length;`);
  assert.ok(rows > 20, `the catalog lists the scenarios' and journeys' names (${rows} rows)`);
  await (await session.find('[data-testid="catalog-add-event"]')).click();
  await (await session.find('[data-testid="catalog-form-name"]')).type('viewed_pricng');
  await (await session.find('[data-testid="catalog-form-description"]')).type('The old tracking plan spelt it so');
  await session.screenshot('catalog-04-editor-new-entry');
  await (await session.find('[data-testid="catalog-form-save"]')).click();
  const row = await session.find('[data-testid="catalog-row"][data-name="viewed_pricng"]');
  assert.match(await textOf(row), /workspace/);
  assert.match(await textOf(row), /The old tracking plan spelt it so/);
  await session.until('the warning to go once the catalog knows the name', async () => !(await session.exists(warningSelector)));
  await session.screenshot('catalog-05-entry-added');

  // A bad name is refused in the core's words, and nothing is added.
  await (await session.find('[data-testid="catalog-add-event"]')).click();
  await (await session.find('[data-testid="catalog-form-name"]')).type(' padded');
  const refusal = await session.find('[data-testid="catalog-form-error"]');
  assert.equal(await textOf(refusal), '` padded`: Remove the spaces before or after the name.');

  // Removing the entry brings the warning back (the row may sit below the table's fold).
  const remove = await session.find('[data-testid="catalog-remove-viewed_pricng"]');
  await session.execute('arguments[0].scrollIntoView({ block: "center" });', element(remove));
  await remove.click();
  // The journey being edited still names it, so the row stays, without the workspace as a source.
  await session.until('the workspace entry to go', async () => {
    const row = await session.find('[data-testid="catalog-row"][data-name="viewed_pricng"]');
    return !/workspace/.test(await textOf(row)) && !(await session.exists('[data-testid="catalog-remove-viewed_pricng"]'));
  });
  await (await session.find('[data-testid="catalog-close"]')).click();
  await session.find(warningSelector);
});
