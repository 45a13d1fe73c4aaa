import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JourneyDocument } from './bindings';
import { resetBrowserBackend } from './browserBackend';
import { messageOptions, messageText, pickerOptions, sourcesText } from './catalog';
import { useCatalogStore } from './catalogStore';
import { setValidationCatalog, workspaceCatalog } from './core';
import { useEditorStore } from './store';
import { LAST_JOURNEY_KEY } from './store/storage';
import { example, exampleJourneys } from './testing';

const catalog = () => workspaceCatalog([{ kind: 'event', name: 'viewed_pricing', attribute_type: null, description: 'Opened the pricing page' }], exampleJourneys().map(([, doc]) => doc));

describe('picker options', () => {
  it('offers names starting with what is typed first, then names and descriptions containing it', () => {
    const names = pickerOptions(catalog(), 'event', 'pric').map((o) => o.name);
    expect(names).toEqual(['viewed_pricing']);
    const page = pickerOptions(catalog(), 'event', 'page');
    expect(page.map((o) => o.name)).toEqual(['viewed_pricing']);
    expect(page[0]).toMatchObject({ description: 'Opened the pricing page', type: null });
    expect(page[0].from).toBe('workspace · scenarios default, onboarding · journey Onboarding: signup to activation');
    const started = pickerOptions(catalog(), 'event', 'c').map((o) => o.name);
    expect(started.slice(0, 4)).toEqual(['card_application_submitted', 'cart_abandoned', 'cart_cleared', 'checkout_started']);
    expect(started).toContain('account_closed');
    expect(started.indexOf('account_closed')).toBeGreaterThan(started.indexOf('checkout_started'));
  });

  it('keeps events and attributes apart, and gives attributes their type', () => {
    const plan = pickerOptions(catalog(), 'attribute', 'plan');
    expect(plan[0]).toMatchObject({ name: 'plan', type: 'string' });
    expect(pickerOptions(catalog(), 'attribute', 'viewed_pricing')).toEqual([]);
    expect(pickerOptions(null, 'event', '')).toEqual([]);
  });

  it('counts journeys rather than listing many', () => {
    expect(sourcesText([{ from: 'journey', journey: 'a', name: 'A' }, { from: 'journey', journey: 'b', name: 'B' }])).toBe('2 journeys');
  });
});

describe('message options', () => {
  it('lists message steps by label, with the id only to tell equal labels apart', () => {
    const doc = example('onboarding');
    const options = messageOptions(doc);
    expect(options.length).toBeGreaterThan(1);
    expect(options.every((o) => doc.nodes.find((n) => n.id === o.id)?.kind === 'message')).toBe(true);
    const welcome = doc.nodes.find((n) => n.id === options[0].id)!;
    expect(welcome.label && options[0].label).toBe(welcome.label);
    expect(options[0].label).not.toBe(options[0].id);
    const twins = [
      { id: 'a', label: 'Reminder' },
      { id: 'b', label: 'Reminder' },
      { id: 'c', label: 'Welcome' },
    ];
    expect(twins.map((o) => messageText(twins, o))).toEqual(['Reminder (a)', 'Reminder (b)', 'Welcome']);
  });
});

describe('the catalog store', () => {
  const s = () => useEditorStore.getState();
  const typo = (doc: JourneyDocument): JourneyDocument => JSON.parse(JSON.stringify(doc).replaceAll('"viewed_pricing"', '"viewed_pricng"')) as JourneyDocument;

  beforeEach(async () => {
    resetBrowserBackend();
    setValidationCatalog(null);
    await s().init();
    await s().openJourney('onboarding');
  });

  afterEach(async () => {
    await s().closeJourney();
    setValidationCatalog(null);
  });

  it('warns live about a misspelt event once loaded, and a catalog entry clears the warning', async () => {
    await useCatalogStore.getState().load();
    s().edit((doc) => typo(doc));
    const warnings = () => s().diagnostics.filter((d) => d.code === 'unknown-event');
    expect(warnings().length).toBeGreaterThan(0);
    expect(warnings()[0].hint).toBe('Did you mean `viewed_pricing`?');
    expect(await useCatalogStore.getState().put({ kind: 'event', name: 'viewed_pricng', attribute_type: null, description: '' })).toBeNull();
    expect(warnings()).toEqual([]);
    expect(await useCatalogStore.getState().remove('event', 'viewed_pricng')).toBeNull();
    expect(warnings().length).toBeGreaterThan(0);
  });

  it('reopens the last journey with the catalog warnings already among its problems', async () => {
    s().edit((doc) => typo(doc));
    await s().flushSave();
    await s().closeJourney();
    setValidationCatalog(null);
    useCatalogStore.setState({ catalog: null });
    const items = new Map([[LAST_JOURNEY_KEY, 'onboarding']]);
    vi.stubGlobal('localStorage', { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => items.set(k, v), removeItem: (k: string) => items.delete(k) });
    // What the problems list holds at the moment the journey is first shown.
    const shown: string[][] = [];
    const stop = useEditorStore.subscribe((state, before) => {
      if (state.doc && !before.doc) shown.push(state.diagnostics.map((d) => d.code));
    });
    try {
      // The catalog comes late (as the app's may, behind the core): the journey waits for it.
      await s().init(new Promise((resolve) => setTimeout(resolve, 50)).then(() => useCatalogStore.getState().load()));
    } finally {
      stop();
      vi.unstubAllGlobals();
    }
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain('unknown-event');
  });

  it('refuses a bad name with the core words and keeps the catalog', async () => {
    await useCatalogStore.getState().load();
    const before = useCatalogStore.getState().catalog;
    expect(await useCatalogStore.getState().put({ kind: 'event', name: ' x', attribute_type: null, description: '' })).toBe('` x`: Remove the spaces before or after the name.');
    expect(useCatalogStore.getState().catalog).toBe(before);
  });
});
