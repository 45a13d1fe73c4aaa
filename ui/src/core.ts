//! The Waymark core, compiled to WebAssembly (`crates/waymark-wasm`), as typed synchronous
//! functions: validation, the node-kind and channel tables, durations, SMS segments, review moves,
//! simulation limits, the simulator itself, the semantic and behavioural diffs of two versions,
//! and the exporters to runtime formats. This is the one module that imports the wasm-bindgen output; everything else asks
//! these functions, so every rule the UI applies is the Rust rule, not a copy of it.
//!
//! The module must be initialized before any function is called: the app awaits `initCore()`
//! before it renders, and vitest calls `initCoreSync` in its setup file. Nothing may therefore
//! call the core while modules load (no module-level constants built from it).

import init, * as wasm from './wasm/waymark_wasm';
import type {
  AmountUnit,
  BehaviourDiff,
  ChannelInfo,
  CommandError,
  Diagnostic,
  ExportFormat,
  ExportSource,
  Refusal,
  DurationUnit,
  JourneyDiff,
  JourneyDocument,
  Kind,
  KindInfo,
  MoveRequest,
  Node,
  Report,
  ScenarioInfo,
  SimulationLimits,
  SimulationRequest,
  SmsCount,
  Status,
  StatusMove,
  WorkspaceCatalog,
  WorkspaceEntry,
} from './bindings';

/** The answer of a core function whose input may be unusable: the value, or why not in words. */
export type Answer<T> = { ok: T } | { error: string };

/** What a duration text means. */
export interface DurationFacts {
  /** The nominal length in seconds, negative for offsets. */
  seconds: number;
  /** The amount and unit a form shows, or `null` when the form must show the text. */
  amount_unit: AmountUnit | null;
  /** The duration in words: `3 days`. */
  words: string;
}

/** Loads the core in the page (Vite serves the `.wasm` file next to the script). */
export async function initCore(): Promise<void> {
  await init();
}

/** Loads the core from its bytes, at once (unit tests, which read the file themselves). */
export function initCoreSync(module: BufferSource | WebAssembly.Module): void {
  wasm.initSync({ module });
}

// Journeys ------------------------------------------------------------------------------------

/**
 * Every problem of a journey document, or why the core cannot read it as one. Once the workspace
 * catalog is known (`setValidationCatalog`), it also warns about events and attributes the
 * catalog does not know, with the closest known name as the hint.
 */
export function validate(doc: JourneyDocument): Answer<Diagnostic[]> {
  if (validationCatalog !== null) return parse(wasm.validate_in_workspace(JSON.stringify(doc), validationCatalog));
  return parse(wasm.validate(JSON.stringify(doc)));
}

/** The workspace catalog `validate` checks names against, as JSON; `null` until it is loaded. */
let validationCatalog: string | null = null;

/** Makes `validate` check event and attribute names against `catalog` (`null`: stop checking). */
export function setValidationCatalog(catalog: WorkspaceCatalog | null): void {
  validationCatalog = catalog ? JSON.stringify(catalog) : null;
}

/** The workspace catalog of `entries`, the example scenarios and `journeys` (the browser preview's). */
export function workspaceCatalog(entries: readonly WorkspaceEntry[], journeys: readonly JourneyDocument[]): WorkspaceCatalog {
  return unwrap(parse<Answer<WorkspaceCatalog>>(wasm.workspace_catalog(JSON.stringify(entries), JSON.stringify(journeys))), 'workspace_catalog');
}

/** Why a workspace catalog entry cannot be stored (its name, or a type on an event); `null` when it can. */
export function catalogEntryProblem(entry: WorkspaceEntry): string | null {
  return wasm.catalog_entry_problem(JSON.stringify(entry)) ?? null;
}

/** The canonical file form of a document, the text versions are compared by. */
export function canonical(doc: JourneyDocument): string {
  return unwrap(parse<Answer<string>>(wasm.canonical(JSON.stringify(doc))), 'canonical');
}

/** A valid generated journey of `nodes` steps, for trying the canvas at scale. */
export function generate(nodes: number): JourneyDocument {
  return parse(wasm.generate(nodes));
}

/**
 * What differs from `old` to `next`, node by node, edge by edge and setting by setting, with every
 * change in words (behavioural first); or why the core cannot read one of the two documents.
 */
export function diff(old: JourneyDocument, next: JourneyDocument): Answer<JourneyDiff> {
  return parse(wasm.diff(JSON.stringify(old), JSON.stringify(next)));
}

// Node kinds and channels ---------------------------------------------------------------------

let kindTable: readonly KindInfo[] | undefined;
let kindsByName: ReadonlyMap<Kind, KindInfo> | undefined;
let channelTable: readonly ChannelInfo[] | undefined;

/** The node kinds in the palette's order. */
export function nodeKinds(): readonly KindInfo[] {
  kindTable ??= parse<KindInfo[]>(wasm.node_kinds());
  return kindTable;
}

export function kindInfo(kind: Kind): KindInfo {
  kindsByName ??= new Map(nodeKinds().map((info) => [info.kind, info]));
  const info = kindsByName.get(kind);
  if (!info) throw new Error(`the core has no node kind \`${kind}\``);
  return info;
}

/** The node a palette drop of `kind` starts as, with id `id`. */
export function starterNode(kind: Kind, id: string): Node {
  return unwrap(parse<Answer<Node>>(wasm.starter_node(kind, id)), 'starter_node');
}

/**
 * The label a step takes after an edit from `before` to `after`: its settings' label ("Wait 4
 * days") while the marketer has not written one of their own; `null` keeps the label it has.
 */
export function followedLabel(before: Node, after: Node): string | null {
  return wasm.followed_label(JSON.stringify(before), JSON.stringify(after)) ?? null;
}

const stepNames = new WeakMap<Node, string>();

/**
 * How people call a step: its label, an exit's outcome in words, else its id. Nodes are never
 * changed in place, so each one's name is asked of the core once.
 */
export function stepName(node: Node): string {
  let name = stepNames.get(node);
  if (name === undefined) {
    name = wasm.step_name(JSON.stringify(node)) || node.id;
    stepNames.set(node, name);
  }
  return name;
}

/** The channels in the order forms offer them. */
export function channels(): readonly ChannelInfo[] {
  channelTable ??= parse<ChannelInfo[]>(wasm.channels());
  return channelTable;
}

/** A channel's name for people (`In-app`); a name the core does not know is shown as it is. */
export function channelTitle(channel: string): string {
  return channels().find((c) => c.channel === channel)?.title ?? channel;
}

/** Why `name` cannot name a case, event or path beside the node's `others`; `null` when it can. */
export function portNameProblem(name: string, others: readonly string[]): string | null {
  return wasm.port_name_problem(name, JSON.stringify(others)) ?? null;
}

/** The line under a split's paths when their weights do not add up to 100, else `null`. */
export function splitWeightsProblem(paths: readonly { weight: number }[]): string | null {
  return wasm.split_weights_problem(JSON.stringify(paths.map((p) => p.weight))) ?? null;
}

/** Why `text` is not a local time of day (`HH:MM`); `null` when it is one. */
export function timeOfDayProblem(text: string): string | null {
  return wasm.time_of_day_problem(text) ?? null;
}

/** Why `text` is not a local date and time (`YYYY-MM-DDTHH:MM`); `null` when it is one. */
export function localDateTimeProblem(text: string): string | null {
  return wasm.local_datetime_problem(text) ?? null;
}

// Durations and SMS ---------------------------------------------------------------------------

/** What an ISO 8601 duration means, or why the text is not one. */
export function duration(text: string): Answer<DurationFacts> {
  return parse(wasm.duration(text));
}

/** A duration in words for the canvas (`1 day 12 hours`); text that is not ISO 8601 as it is. */
export function durationWords(text: string | null | undefined): string {
  if (!text) return '';
  const facts = duration(text);
  return 'ok' in facts ? facts.ok.words : text;
}

/** The ISO 8601 text of a form's amount and unit: 3 days is `P3D`. */
export function durationText(amount: number, unit: DurationUnit, negative = false): string {
  return wasm.duration_text(amount, unit, negative);
}

/** How many segments an SMS body takes, and in which encoding. */
export function smsSegments(text: string): SmsCount {
  return parse(wasm.sms_segments(text));
}

// Review --------------------------------------------------------------------------------------

/** The moves review offers from `status`, the one that takes a version forward first. */
export function statusMoves(status: Status): StatusMove[] {
  return unwrap(parse<Answer<StatusMove[]>>(wasm.status_moves(status)), 'status_moves');
}

/** A status as people read it: `In review`. */
export function statusTitle(status: Status): string {
  return wasm.status_title(status);
}

/**
 * Why review refuses to move a version with `errors` validation errors from `from` to `to`; `null`
 * when it allows it. Only the version's own rules: what the UI can know before anyone moves it.
 */
export function statusMoveRefusal(from: Status, to: Status, errors: number): string | null {
  return wasm.status_move_refusal(from, to, errors) ?? null;
}

/**
 * Every rule of review over a requested move (notes, no approving one's own version, publishing
 * without errors): the refusal with the code the store gives it, or `null` when review allows it.
 */
export function reviewRefusal(request: MoveRequest): CommandError | null {
  return unwrap(parse<Answer<CommandError | null>>(wasm.review_refusal(JSON.stringify(request))), 'review_refusal');
}

/** A review note as the store records it: trimmed, `null` when nothing is left. */
export function recordedNote(note: string | null): string | null {
  return wasm.recorded_note(note ?? undefined) ?? null;
}

// Simulation ----------------------------------------------------------------------------------

let limitTable: SimulationLimits | undefined;

export function limits(): SimulationLimits {
  limitTable ??= parse<SimulationLimits>(wasm.limits());
  return limitTable;
}

/** A customer id as reports write it (`c42` from `c42` or `42`), or `null` when `text` is not one. */
export function customerId(text: string): string | null {
  return wasm.customer_id(text) ?? null;
}

/** The example scenarios. */
export function scenarios(): ScenarioInfo[] {
  return parse(wasm.scenarios());
}

/** Runs a simulation on this thread: the report, or which setting is wrong and why (`customers: …`). */
export function simulate(request: SimulationRequest): Answer<Report> {
  return parse(wasm.simulate(JSON.stringify(request)));
}

/**
 * Simulates `old` and `next` on this thread on the population `request` resolves (its `journeys`
 * are ignored) and says what changes for customers; or which version or setting is wrong, and why.
 */
export function behaviourDiff(old: JourneyDocument, next: JourneyDocument, request: SimulationRequest): Answer<BehaviourDiff> {
  return parse(wasm.behaviour_diff(JSON.stringify(old), JSON.stringify(next), JSON.stringify(request)));
}

// Export ---------------------------------------------------------------------------------------

/** An export format as the Export dialog offers it. */
export type ExportFormatInfo = { name: ExportFormat; title: string; extension: string };

let formatTable: readonly ExportFormatInfo[] | undefined;

/** The export formats, in the order the Export dialog shows them. */
export function exportFormats(): readonly ExportFormatInfo[] {
  formatTable ??= parse<ExportFormatInfo[]>(wasm.export_formats());
  return formatTable;
}

/** What an export gives: the text, the format's refusal (each reason names its step), or an unreadable input. */
export type ExportAnswer = { ok: string } | { refused: Refusal } | { error: string };

/** A journey in a runtime's format, naming the version and review status it is (`source`). */
export function exportJourney(doc: JourneyDocument, format: ExportFormat, source: ExportSource): ExportAnswer {
  return parse(wasm.export_journey(JSON.stringify(doc), format, JSON.stringify(source)));
}

// ---------------------------------------------------------------------------------------------

function parse<T>(json: string): T {
  return JSON.parse(json) as T;
}

/** The value of an answer whose input the types already guarantee; an error there is a bug. */
function unwrap<T>(answer: Answer<T>, what: string): T {
  if ('error' in answer) throw new Error(`core \`${what}\`: ${answer.error}`);
  return answer.ok;
}
