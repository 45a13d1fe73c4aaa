//! Helpers shared by the unit tests: the example journeys (valid and invalid) and a tiny one. The
//! core itself is loaded by `vitest.setup.ts`.

import type { JourneyDocument } from './bindings';

/** Every example journey in `journeys/`, by file name. */
export function exampleJourneys(): [string, JourneyDocument][] {
  const modules = import.meta.glob('../../journeys/*.journey.json', { eager: true, import: 'default' });
  return Object.keys(modules)
    .sort()
    .map((path) => [path.split('/').pop()!, structuredClone(modules[path]) as JourneyDocument]);
}

/**
 * Every invalid example in `journeys/invalid/`, with the diagnostic codes its `.expected` file
 * says the core must report (the files are the core's own fixture corpus).
 */
export function invalidJourneys(): { file: string; doc: JourneyDocument; expected: string[] }[] {
  const docs = import.meta.glob('../../journeys/invalid/*.journey.json', { eager: true, import: 'default' });
  const expected = import.meta.glob('../../journeys/invalid/*.expected', { eager: true, query: '?raw', import: 'default' });
  return Object.keys(docs)
    .sort()
    .map((path) => ({
      file: path.split('/').pop()!,
      doc: structuredClone(docs[path]) as JourneyDocument,
      expected: (expected[path.replace(/\.journey\.json$/, '.expected')] as string).split('\n').map((line) => line.trim()).filter(Boolean),
    }));
}

export function example(id: string): JourneyDocument {
  const found = exampleJourneys().find(([, doc]) => doc.id === id);
  if (!found) throw new Error(`no example journey ${id}`);
  return found[1];
}

/** A small journey: entry → wait → exit. */
export function tiny(): JourneyDocument {
  return {
    format: 'waymark.journey/1',
    id: 'tiny',
    name: 'Tiny',
    settings: { reentry: { mode: 'never' }, policies: {} },
    nodes: [
      { id: 'start', kind: 'entry', trigger: { event: { name: 'signed_up' } } },
      { id: 'pause', kind: 'wait', delay: { duration: 'P1D' } },
      { id: 'done', kind: 'exit' },
    ],
    edges: [
      { from: 'start', port: 'next', to: 'pause' },
      { from: 'pause', port: 'next', to: 'done' },
    ],
    layout: { nodes: { start: { x: 0, y: 0 }, pause: { x: 300, y: 0 }, done: { x: 600, y: 0 } } },
  };
}
