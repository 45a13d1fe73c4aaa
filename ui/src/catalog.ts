//! What the pickers offer: the workspace catalog's events or attributes filtered by what is
//! typed (names starting with it first, then names containing it, then descriptions), the
//! sources of an entry in a few words, and the journey's messages by their label. Pure display
//! logic over the catalog the core merged; which names are valid is the core's to say.

import type { CatalogEntry, EntryKind, EntrySource, JourneyDocument, WorkspaceCatalog } from './bindings';
import { nodeTitle } from './model';

/** One choice of a name picker. */
export interface PickerOption {
  name: string;
  /** The type of an attribute, when known. */
  type: string | null;
  description: string;
  /** Where it comes from, in a few words: `workspace`, `scenario default`, `2 journeys`. */
  from: string;
}

/** A message step as pickers list it: its label, with its id to tell equal labels apart. */
export interface MessageOption {
  id: string;
  label: string;
}

/** The entries of `kind` matching `query`, best first, at most `limit`. */
export function pickerOptions(catalog: WorkspaceCatalog | null, kind: EntryKind, query: string, limit = 50): PickerOption[] {
  const wanted = query.trim().toLowerCase();
  const scored: { entry: CatalogEntry; rank: number }[] = [];
  for (const entry of catalog?.entries ?? []) {
    if (entry.kind !== kind) continue;
    const name = entry.name.toLowerCase();
    const rank = wanted === '' ? 0 : name.startsWith(wanted) ? 0 : name.includes(wanted) ? 1 : entry.description.toLowerCase().includes(wanted) ? 2 : -1;
    if (rank >= 0) scored.push({ entry, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0));
  return scored.slice(0, limit).map(({ entry }) => ({ name: entry.name, type: entry.attribute_type, description: entry.description, from: sourcesText(entry.sources) }));
}

/** True when the catalog has `name` of `kind` at all (from any source). */
export function inCatalog(catalog: WorkspaceCatalog | null, kind: EntryKind, name: string): boolean {
  return !!catalog?.entries.some((e) => e.kind === kind && e.name === name);
}

/** The sources of an entry in a few words: `workspace · scenarios default, onboarding · 2 journeys`. */
export function sourcesText(sources: readonly EntrySource[]): string {
  const words: string[] = [];
  if (sources.some((s) => s.from === 'workspace')) words.push('workspace');
  const scenarios = sources.flatMap((s) => (s.from === 'scenario' ? [s.scenario] : []));
  if (scenarios.length > 0) words.push(`${scenarios.length === 1 ? 'scenario' : 'scenarios'} ${scenarios.join(', ')}`);
  const journeys = sources.flatMap((s) => (s.from === 'journey' ? [s.name] : []));
  if (journeys.length === 1) words.push(`journey ${journeys[0]}`);
  else if (journeys.length > 1) words.push(`${journeys.length} journeys`);
  return words.join(' · ');
}

/** The message steps of a journey, by label, in document order. */
export function messageOptions(doc: JourneyDocument): MessageOption[] {
  return doc.nodes.filter((n) => n.kind === 'message').map((n) => ({ id: n.id, label: nodeTitle(n) }));
}

/** How a picker names a message: its label, and its id when another message has the same label. */
export function messageText(options: readonly MessageOption[], option: MessageOption): string {
  const twins = options.filter((o) => o.label === option.label).length;
  return twins > 1 ? `${option.label} (${option.id})` : option.label;
}
