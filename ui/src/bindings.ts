// Generated from the Rust types by `cargo xtask codegen`; do not edit by hand.
// One fact in one place: change the Rust type, then regenerate.

import { call } from './ipc';

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

/**
 * An export format.
 */
export type ExportFormat = "plan" | "bpmn" | "asl" | "mermaid" | "dot";

/**
 * Where the exported journey came from, named in every output (a comment, a documentation
 * field, the plan's `source`).
 */
export type ExportSource = { 
/**
 * The version number in the store, when the journey came from it.
 */
version: number | null, 
/**
 * The version's review status word, such as `approved`.
 */
status: string | null, };

/**
 * Why a journey was not exported to a format.
 */
export type Refusal = { format: ExportFormat, reasons: Array<Reason>, };

/**
 * One reason for a refusal.
 */
export type Reason = { 
/**
 * The node to focus, when the reason concerns one.
 */
node: string | null, 
/**
 * The diagnostic code, when the reason is a validation error.
 */
code: string | null, 
/**
 * What is wrong, naming steps by label.
 */
message: string, };

/**
 * A journey as stored in a `*.journey.json` file.
 */
export type JourneyDocument = { 
/**
 * Always `waymark.journey/1` for this version of the format.
 */
format: string, 
/**
 * A stable identifier: lowercase letters, digits, `-` and `_`.
 */
id: string, name: string, description?: string, settings: Settings, nodes: Array<Node>, edges: Array<Edge>, layout: Layout, };

/**
 * One step of a journey. The `kind` field selects which other fields apply.
 */
export type Node = { id: string, 
/**
 * A short human label shown on the canvas.
 */
label?: string | null, 
/**
 * The lifecycle stage a customer is in at this step, if the journey tracks stages.
 */
stage?: string | null, } & ({ "kind": "entry", trigger: Trigger, } | { "kind": "wait", delay: Delay, } | { "kind": "wait_for_event", events: Array<AwaitedEvent>, timeout?: string | null, } | { "kind": "branch", cases: Array<Case>, } | { "kind": "split", paths: Array<SplitPath>, } | { "kind": "parallel", paths: Array<ParallelPath>, } | { "kind": "message" } & Message | { "kind": "update", changes: Array<Change>, } | { "kind": "exit", outcome?: string | null, });

/**
 * The kind of a node and the settings that belong to it.
 */
export type NodeKind = { "kind": "entry", trigger: Trigger, } | { "kind": "wait", delay: Delay, } | { "kind": "wait_for_event", events: Array<AwaitedEvent>, timeout?: string | null, } | { "kind": "branch", cases: Array<Case>, } | { "kind": "split", paths: Array<SplitPath>, } | { "kind": "parallel", paths: Array<ParallelPath>, } | { "kind": "message" } & Message | { "kind": "update", changes: Array<Change>, } | { "kind": "exit", outcome?: string | null, };

/**
 * The discriminant of `NodeKind`, for tables and messages.
 */
export type Kind = "entry" | "wait" | "wait_for_event" | "branch" | "split" | "parallel" | "message" | "update" | "exit";

/**
 * What the canvas, the palette and the documentation say about one node kind.
 */
export type KindInfo = { kind: Kind, 
/**
 * The name in files and messages: `wait_for_event`.
 */
name: string, 
/**
 * The name for people: `Wait for event`.
 */
title: string, description: string, 
/**
 * Ports every node of this kind has; kinds with author-named ports list only the fixed ones.
 */
fixed_ports: Array<string>, 
/**
 * True when the author names further ports (cases, events, paths).
 */
named_ports: boolean, 
/**
 * True when customers can arrive at a node of this kind from another one (all but `entry`).
 */
has_input: boolean, 
/**
 * The node a palette drop starts as (its id is `new`; the editor gives it a fresh one).
 * A starting point for a form, not a rule: validation says what it still lacks.
 */
starter: Node, };

export type Trigger = { "event": { name: string, filter?: Condition | null, } } | { "segment": { condition: Condition, } } | { "schedule": { 
/**
 * Local date and time of the first run, `YYYY-MM-DDTHH:MM`.
 */
start: string, repeat?: string | null, 
/**
 * `customer` for each customer's own time zone, or an IANA zone such as `Europe/Paris`.
 */
timezone: string, audience?: Condition | null, } } | { "date_attribute": { attr: string, offset?: string | null, 
/**
 * Local time of day to enter, `HH:MM`.
 */
time?: string | null, } };

export type Delay = { "duration": string } | { "until_time": { 
/**
 * `HH:MM` in the customer's time zone unless `timezone` says otherwise.
 */
time: string, weekdays?: Array<Weekday>, timezone: string, } } | { "until_date": { attr: string, offset?: string | null, } };

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/**
 * An event a `wait_for_event` node listens for; it leaves through the port of the same name.
 */
export type AwaitedEvent = { 
/**
 * The output port, unique within the node.
 */
port: string, event: string, filter?: Condition | null, };

/**
 * One case of a branch; it leaves through the port of the same name.
 */
export type Case = { port: string, label?: string | null, when: Condition, };

export type SplitPath = { port: string, 
/**
 * Percent of customers; the weights of a split sum to 100.
 */
weight: number, 
/**
 * A control group: customers on this path receive nothing.
 */
holdout?: boolean, };

export type ParallelPath = { port: string, label?: string | null, };

export type Message = { channel?: Channel | null, category: Category, 
/**
 * A reference to a template in the sending platform.
 */
template?: string | null, 
/**
 * Preview content, also what is sent when there is no template.
 */
content?: Content | null, 
/**
 * The endpoint of a `webhook` message.
 */
url?: string | null, 
/**
 * The audience an `ads` message syncs the customer to.
 */
audience?: string | null, 
/**
 * How many SMS segments the body may take (1 when absent).
 */
max_segments?: number | null, };

export type Content = { subject?: string | null, title?: string | null, body?: string | null, };

export type Channel = "email" | "sms" | "push" | "in_app" | "webhook" | "ads" | "crm";

export type Category = "marketing" | "transactional";

export type Change = { "set": { attr: string, value: JsonValue, } } | { "increment": { attr: string, by: number, } } | { "add_tag": string } | { "remove_tag": string } | { "lifecycle_stage": string };

/**
 * A connection from one node's output port to another node.
 */
export type Edge = { from: string, port: string, to: string, };

export type Settings = { reentry: Reentry, goals?: Array<Goal>, 
/**
 * Conditions that remove a customer wherever they are (unsubscribed, purchased).
 */
exit_criteria?: Array<ExitCriterion>, policies: Policies, 
/**
 * Declared customer attributes and their types; conditions are checked against them.
 */
attributes?: { [key in string]: AttributeType }, };

export type Reentry = { mode: ReentryMode, 
/**
 * How long after leaving a customer may enter again.
 */
cooldown?: string | null, };

export type ReentryMode = "never" | "after_exit" | "always";

export type Goal = { id: string, condition: Condition, 
/**
 * The window after entry in which reaching the goal counts as a conversion.
 */
within?: string | null, 
/**
 * Reaching the goal removes the customer from the journey.
 */
exit?: boolean, };

export type ExitCriterion = { id: string, condition: Condition, };

/**
 * Messaging policies: the same shape at journey level and at workspace level.
 */
export type Policies = { frequency_caps?: Array<FrequencyCap>, quiet_hours?: QuietHours | null, min_gap?: MinGap | null, 
/**
 * Channels on which a customer must have consented before marketing messages are sent.
 */
consent_required?: Array<Channel>, 
/**
 * Higher wins when journeys compete for a capped slot.
 */
priority?: number, };

/**
 * At most `max` messages per rolling `window`, on one channel or (without `channel`) across all.
 */
export type FrequencyCap = { channel?: Channel | null, max: number, window: string, };

/**
 * No messages between `start` and `end` in the customer's local time.
 */
export type QuietHours = { 
/**
 * `HH:MM`, local time.
 */
start: string, 
/**
 * `HH:MM`, local time; may be earlier than `start` to span midnight.
 */
end: string, action: QuietAction, 
/**
 * The channels it applies to; all when empty.
 */
channels?: Array<Channel>, };

export type QuietAction = "defer" | "drop";

export type MinGap = { same_channel?: string | null, across_channels?: string | null, };

export type AttributeType = "string" | "number" | "boolean" | "date" | "list";

/**
 * Where things sit on the canvas; never part of the journey's logic.
 */
export type Layout = { nodes?: { [key in string]: Position }, viewport?: Viewport | null, notes?: Array<Note>, };

export type Position = { x: number, y: number, };

export type Viewport = { x: number, y: number, zoom: number, };

export type Note = { id: string, x: number, y: number, text: string, };

/**
 * A structured condition. See the module documentation for its six shapes.
 */
export type Condition = { all: Array<Condition>, } | { any: Array<Condition>, } | { not: Condition, } | AttributeCondition | EventCondition | EngagementCondition;

/**
 * Compares a customer attribute with a value.
 */
export type AttributeCondition = { attr: string, op: Operator, 
/**
 * The value to compare with; absent for `exists` and `not_exists`, a list for `in` and `not_in`.
 */
value?: JsonValue | null, };

/**
 * Whether a customer did an event, optionally within a recent window and a minimum number of times.
 */
export type EventCondition = { event: string, within?: string | null, 
/**
 * At least this many occurrences (1 when absent).
 */
min_count?: number | null, };

/**
 * Whether a customer engaged with an earlier message node of the same journey.
 */
export type EngagementCondition = { 
/**
 * The id of a `message` node.
 */
message: string, engaged: Engagement, };

export type Engagement = "delivered" | "opened" | "clicked";

export type Operator = "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in" | "not_in" | "contains" | "exists" | "not_exists";

/**
 * One problem found in a journey.
 */
export type Diagnostic = { 
/**
 * The stable code, such as `missing-else`.
 */
code: string, severity: Severity, message: string, 
/**
 * The node it concerns, if any.
 */
node: string | null, 
/**
 * The edge it concerns, if any.
 */
edge: Edge | null, 
/**
 * Where in the document, as a JSON path, when it is not a node (`settings.policies.min_gap`).
 */
path: string | null, hint: string, };

export type Severity = "error" | "warning";

/**
 * Where a version stands in review: `draft → in_review → approved → published → archived`.
 */
export type Status = "draft" | "in_review" | "approved" | "published" | "archived";

/**
 * One saved version of a journey, without its document.
 */
export type VersionInfo = { journey: string, number: number, 
/**
 * The version that was newest when this one was saved; `None` for version 1.
 */
parent: number | null, 
/**
 * Lowercase hex SHA-256 of the canonical document text.
 */
content_hash: string, author: string, message: string, created_at: string, status: Status, 
/**
 * The move that gave the version its status (who, when, why); `None` for a version still
 * in the draft it was saved as. Versions never change, so an approval stays with the version
 * that was approved: a newer version starts again as a draft.
 */
last_transition: Transition | null, };

/**
 * A journey as the journey list shows it.
 */
export type JourneySummary = { id: string, 
/**
 * The name in the newest version (or in the draft, for a journey not saved yet).
 */
name: string, 
/**
 * `None` for a journey that so far has only a draft.
 */
latest: VersionInfo | null, has_draft: boolean, 
/**
 * Archived journeys are hidden from the usual list and can be restored.
 */
archived: boolean, };

/**
 * The outcome of a save.
 */
export type Saved = { 
/**
 * The new version, or the newest one when nothing was created.
 */
version: VersionInfo, 
/**
 * False when the content was identical to the newest version, so no version was made.
 */
created: boolean, };

/**
 * A recorded change of review status.
 */
export type Transition = { journey: string, number: number, from: Status, to: Status, actor: string, note: string | null, at: string, };

/**
 * The settings of the whole workspace (the database), not of one journey.
 */
export type WorkspaceSettings = { 
/**
 * The author of a version may approve it: for a workspace of one, where nobody else could.
 * Off by default, so that approving needs a second person.
 */
solo_review: boolean, };

/**
 * A journey as the editor opens it: the draft if there is one, else the newest version.
 */
export type OpenedJourney = { document: JourneyDocument, 
/**
 * The version the document is based on; `None` for a journey never saved.
 */
base: number | null, 
/**
 * True when the document is the autosaved draft rather than a saved version.
 */
from_draft: boolean, latest: VersionInfo | null, diagnostics: Array<Diagnostic>, };

/**
 * One saved version, opened read-only.
 */
export type VersionView = { info: VersionInfo, document: JourneyDocument, diagnostics: Array<Diagnostic>, };

/**
 * An error as a front end shows it.
 */
export type AppError = { code: ErrorCode, 
/**
 * What happened, for people.
 */
message: string, };

/**
 * Every kind of failure a front end can meet, for machines.
 */
export type ErrorCode = "open" | "sqlite" | "conflict" | "unknown_journey" | "unknown_version" | "invalid_transition" | "publish_blocked" | "note_required" | "self_approval" | "invalid_journey_id" | "too_new" | "not_waymark" | "damaged_database" | "corrupt" | "file" | "invalid_journey" | "invalid_simulation" | "simulation_failed" | "export_refused" | "invalid_catalog_entry" | "unknown_catalog_entry" | "internal";

/**
 * A channel as the editor offers it.
 */
export type ChannelInfo = { channel: Channel, 
/**
 * The name for people: `In-app`.
 */
title: string, };

/**
 * How an SMS body is encoded and how many segments it takes.
 */
export type SmsCount = { 
/**
 * `GSM-7`, or `UCS-2` as soon as one character is outside GSM-7.
 */
encoding: string, 
/**
 * Septets for GSM-7 (extended characters count twice), UTF-16 code units for UCS-2.
 */
units: number, segments: number, 
/**
 * Units per segment at this length: 160 or 153 for GSM-7, 70 or 67 for UCS-2.
 */
per_segment: number, };

/**
 * The units a duration form offers, smallest first.
 */
export type DurationUnit = "minutes" | "hours" | "days" | "weeks";

/**
 * A duration as a form shows it: `3` `days`, negative for offsets such as `-P7D`.
 */
export type AmountUnit = { amount: number, unit: DurationUnit, negative: boolean, };

/**
 * One move review allows from a status.
 */
export type StatusMove = { to: Status, 
/**
 * What the button says: `Submit for review`, `Request changes`.
 */
label: string, 
/**
 * True for the move that takes the version forward.
 */
primary: boolean, 
/**
 * The move records a note, and is refused without one (`needs_note`).
 */
needs_note: boolean, 
/**
 * The question a note answers for this move: `What did you check?`.
 */
note_prompt: string, };

/**
 * A move someone asks review to make, with everything the rules look at.
 */
export type MoveRequest = { from: Status, to: Status, 
/**
 * The version's validation errors; only publishing looks at them.
 */
errors: number, 
/**
 * Who saved the version.
 */
author: string, 
/**
 * Who asks for the move.
 */
actor: string, 
/**
 * Why, in the actor's words; required for every move but archiving.
 */
note: string | null, 
/**
 * The workspace lets authors approve their own versions (`WorkspaceSettings::solo_review`).
 */
solo_review: boolean, };

/**
 * The bounds every front end applies to a run, for forms to show before they ask.
 */
export type SimulationLimits = { max_customers: number, max_days: number, 
/**
 * How many customers a live re-run after an edit simulates.
 */
live_customers: number, };

/**
 * Why a request cannot run: the setting it concerns (`customers`, `days`, `trace`, `scenario`,
 * `journeys`, or a path inside the scenario) and what is wrong, in words for people.
 */
export type RequestError = { field: string, message: string, };

/**
 * An example scenario the app offers.
 */
export type ScenarioInfo = { 
/**
 * The file name without `.scenario.json`; what a `SimulationRequest` names.
 */
name: string, title: string, description: string, customers: number, days: number, start: string, };

/**
 * What the app asks the simulator for.
 */
export type SimulationRequest = { 
/**
 * The journeys to run together on one population; the open one first.
 */
journeys: Array<JourneyDocument>, 
/**
 * An example scenario's name; the built-in default when `None`.
 */
scenario: string | null, customers: number | null, days: number | null, seed: number | null, 
/**
 * A customer to trace, such as `c42`.
 */
trace: string | null, };

/**
 * How far a running simulation is.
 */
export type SimulationProgress = { done: number, total: number, };

/**
 * Everything a run found.
 */
export type Report = { run: RunInfo, totals: Totals, journeys: Array<JourneyReport>, cadence: Cadence, conflicts: Array<ConflictReport>, traces: Array<Trace>, 
/**
 * Customers a limit stopped before the horizon (the first few by index; the warnings give
 * how many): a journey that loops without waiting, or a story too long for this run.
 */
stopped?: Array<Stopped>, 
/**
 * Things the simulator had to assume (an unknown time zone in a journey, for instance).
 */
warnings?: Array<string>, };

export type RunInfo = { scenario: string, customers: number, start: string, days: number, seed: number, journeys: Array<string>, 
/**
 * False when the run was cancelled; the figures then cover only part of the population.
 */
complete: boolean, };

export type Totals = { 
/**
 * Customers simulated.
 */
customers: number, 
/**
 * Customers who entered at least one journey.
 */
entered: number, 
/**
 * Times a customer arrived at a node, all journeys together.
 */
node_visits: number, 
/**
 * Events the customers did, as far as the simulation needed them: events that only branch
 * conditions read are drawn when a branch looks.
 */
events: number, messages_sent: number, messages_suppressed: number, 
/**
 * Why messages were not sent.
 */
suppressed_by: Suppressions, };

export type Suppressions = { holdout: number, unreachable: number, no_consent: number, no_channel: number, frequency_cap: number, quiet_hours: number, min_gap: number, };

export type JourneyReport = { id: string, name: string, priority: number, 
/**
 * Entries into the journey (a customer may enter more than once).
 */
entries: number, 
/**
 * Distinct customers who entered.
 */
customers: number, messages_sent: number, nodes: Array<NodeReport>, edges: Array<EdgeReport>, goals: Array<GoalReport>, };

export type NodeReport = { id: string, 
/**
 * How people call the step: its label, or its id when it has none.
 */
name: string, kind: string, 
/**
 * Arrivals at the node.
 */
entered: number, 
/**
 * Departures through one of its ports.
 */
passed: number, 
/**
 * Customers who left the journey here (an exit node, a goal, an exit criterion).
 */
exited: number, 
/**
 * Messages not sent here (caps, quiet hours dropped, gaps, consent, reachability, holdout).
 */
suppressed: number, };

export type EdgeReport = { from: string, port: string, to: string, customers: number, };

export type GoalReport = { id: string, treatment: GoalOutcome, holdout: GoalOutcome, };

export type GoalOutcome = { entries: number, converted: number, 
/**
 * `converted / entries`, rounded to 4 decimals; 0 without entries.
 */
rate: number, 
/**
 * Median hours from entry to the goal (to the hour), when anyone converted.
 */
median_hours: number | null, };

export type Cadence = { 
/**
 * The channels of the columns below, in a fixed order.
 */
channels: Array<string>, 
/**
 * Messages sent per channel per day (UTC days from the start).
 */
per_day: Array<DayRow>, 
/**
 * Messages sent per channel by hour of the customer's local day.
 */
local_hour: Array<HourRow>, 
/**
 * Messages per customer who entered a journey.
 */
per_customer: PerCustomer, };

export type DayRow = { date: string, messages: Array<number>, };

export type HourRow = { channel: string, messages: Array<number>, };

export type PerCustomer = { total: Percentiles, 
/**
 * The most messages the customer got within any 24 hours.
 */
rolling_24h: Percentiles, 
/**
 * The most messages the customer got within any 7 days.
 */
rolling_7d: Percentiles, };

export type Percentiles = { p50: number, p95: number, max: number, };

export type ConflictReport = { kind: ConflictKind, count: number, 
/**
 * Up to five customers it happened to (the lowest ids).
 */
examples: Array<string>, 
/**
 * For `cross_journey`, the same per pair of journeys, in the order the journeys were given;
 * empty for the other kinds.
 */
between: Array<{ 
/**
 * The journey whose message came second, or was suppressed.
 */
journey: string, 
/**
 * The journey whose message came first, or used the slot of the cap.
 */
other_journey: string, count: number, 
/**
 * Up to five customers it happened to (the lowest ids).
 */
examples: Array<string>, }>, };

/**
 * The kinds of channel conflicts the simulator reports.
 */
export type ConflictKind = "cap_suppressed" | "quiet_deferred" | "quiet_dropped" | "min_gap" | "duplicate_message" | "cross_journey";

/**
 * One customer's full timeline.
 */
export type Trace = { customer: string, timezone: string, steps: Array<TraceStep>, 
/**
 * True when the timeline was cut at the step limit.
 */
truncated: boolean, };

export type TraceStep = { 
/**
 * Seconds since the start of the simulation.
 */
t: number, 
/**
 * UTC time, `YYYY-MM-DD HH:MM`.
 */
at: string, 
/**
 * The customer's local time.
 */
local: string, what: StepKind, journey?: string, node?: string, 
/**
 * The port taken, for steps that leave a node.
 */
port?: string, 
/**
 * Why, in words.
 */
reason: string, };

export type StepKind = "event" | "entered" | "not_entered" | "passed" | "waiting" | "sent" | "suppressed" | "deferred" | "goal" | "exited";

/**
 * A customer the simulator stopped before the horizon, and where.
 */
export type Stopped = { customer: string, 
/**
 * Seconds since the start of the simulation.
 */
t: number, 
/**
 * The journey and node the customer was last at, when it had reached one.
 */
journey?: string, node?: string, reason: StopReason, 
/**
 * The reason in words, with the limit.
 */
message: string, };

/**
 * Which limit stopped a customer.
 */
export type StopReason = "instant_loop" | "step_budget";

/**
 * Everything that differs between two versions of a journey.
 */
export type JourneyDiff = { 
/**
 * Nodes that differ, by id; unchanged nodes are left out.
 */
nodes: Array<NodeDiff>, 
/**
 * Connections that differ, by source node and port.
 */
edges: Array<EdgeDiff>, 
/**
 * Journey settings, metadata and layout that differ.
 */
settings: Array<SettingChange>, 
/**
 * True when any change is behavioural.
 */
behavioural: boolean, 
/**
 * Every change in words: behavioural ones first, cosmetic ones after, layout moves last.
 */
sentences: Array<Sentence>, };

/**
 * One node that differs.
 */
export type NodeDiff = { id: string, change: NodeChange, impact: Impact, 
/**
 * What changed, field by field (`kind` for a retyped node, `position` for a move); empty for
 * added and removed nodes.
 */
fields: Array<FieldChange>, };

/**
 * How a node differs.
 */
export type NodeChange = "added" | "removed" | "changed" | "retyped" | "layout_only";

/**
 * One changed value: `path` is relative to its node for node fields, and to the document for
 * settings (`settings.policies.priority`). Elements of named lists are named by their port or id
 * (`cases[pro].when`, `settings.goals[subscribed].within`), frequency caps by channel and window
 * (`settings.policies.frequency_caps[email per 7 days].max`), and `cases.order` holds the order
 * of a branch's cases. `null` stands for a value that is absent.
 */
export type FieldChange = { path: string, old: JsonValue, new: JsonValue, impact: Impact, };

/**
 * One connection that differs, keyed by its source node and port.
 */
export type EdgeDiff = { from: string, port: string, change: EdgeChange, 
/**
 * The target before, `null` for an added connection.
 */
old_to: string | null, 
/**
 * The target after, `null` for a removed connection.
 */
new_to: string | null, };

export type EdgeChange = "added" | "removed" | "rewired";

/**
 * A changed journey setting, metadata field or layout element.
 */
export type SettingChange = { section: Section, path: string, old: JsonValue, new: JsonValue, impact: Impact, };

/**
 * The part of a journey a setting belongs to.
 */
export type Section = "metadata" | "reentry" | "goals" | "exit_criteria" | "frequency_caps" | "quiet_hours" | "min_gap" | "consent" | "priority" | "attributes" | "layout";

/**
 * What a change does: `behavioural` changes who gets what, when, or who leaves; `cosmetic`
 * changes only what people read or see on the canvas.
 */
export type Impact = "behavioural" | "cosmetic";

/**
 * One change in words.
 */
export type Sentence = { text: string, impact: Impact, 
/**
 * The node the sentence is about, to focus it on the canvas.
 */
node: string | null, };

/**
 * What changes for customers between two versions of a journey run on one population.
 */
export type BehaviourDiff = { 
/**
 * The scenario both versions ran on, its start date, horizon and seed.
 */
scenario: string, start: string, days: number, seed: number, 
/**
 * Customers simulated, each through both versions.
 */
customers: number, 
/**
 * Customers whose sequence of steps or messages (or their times) differs between the two
 * versions.
 */
changed_customers: number, 
/**
 * False when the run was cancelled; the figures then cover only part of the population.
 */
complete: boolean, 
/**
 * Customers who entered the journey.
 */
entered: BeforeAfter, messages_sent: BeforeAfter, 
/**
 * Messages sent per channel, for every channel either version sends on, in channel order.
 */
messages: Array<ChannelMessages>, 
/**
 * Messages per customer who entered (p50, p95, max), in all and in the busiest 24 hours and
 * 7 days.
 */
per_customer: PerCustomerShift, 
/**
 * Messages not sent, by reason, every reason listed.
 */
suppressions: Array<SuppressionShift>, 
/**
 * Conflicts by kind, every kind listed.
 */
conflicts: Array<ConflictShift>, 
/**
 * Each goal of either version, treatment and holdout; `null` in a version without it.
 */
goals: Array<GoalShift>, 
/**
 * Arrivals at each node of either version: the new version's nodes in its order, then the
 * nodes only the old one has; 0 in a version without the node.
 */
nodes: Array<NodeTraffic>, 
/**
 * A few customers whose story changed (the lowest ids), or the customer asked for first,
 * with their timelines in both versions.
 */
examples: Array<ExampleCustomer>, 
/**
 * What the simulator had to assume in either version.
 */
warnings: Array<string>, };

/**
 * A count in the old version and in the new one.
 */
export type BeforeAfter = { before: number, after: number, };

export type ChannelMessages = { channel: Channel, before: number, after: number, };

export type PerCustomerShift = { before: PerCustomer, after: PerCustomer, };

export type SuppressionShift = { 
/**
 * Why the messages were not sent: a field name of `Suppressions` (`holdout`, `no_consent`…).
 */
reason: string, before: number, after: number, };

export type ConflictShift = { kind: ConflictKind, before: number, after: number, };

export type GoalShift = { id: string, treatment: OutcomeShift, 
/**
 * Customers on a holdout path of a split.
 */
holdout: OutcomeShift, };

/**
 * A goal's outcome in the old version and in the new one; `null` in a version without the goal.
 */
export type OutcomeShift = { before: GoalOutcome | null, after: GoalOutcome | null, };

/**
 * How many times customers arrived at a node, in the old version and in the new one.
 */
export type NodeTraffic = { id: string, before: number, after: number, };

/**
 * One customer's timeline in both versions.
 */
export type ExampleCustomer = { customer: string, 
/**
 * Whether the two timelines differ (always, except for a customer asked for by id).
 */
changed: boolean, before: Trace, after: Trace, };

/**
 * Every event and attribute of a workspace, events first, each sorted by name.
 */
export type WorkspaceCatalog = { entries: Array<CatalogEntry>, };

/**
 * One event or attribute of the catalog, merged from every source that names it.
 */
export type CatalogEntry = { kind: EntryKind, name: string, 
/**
 * For attributes: the workspace's type, else a journey's declared type, else a scenario's.
 */
attribute_type: AttributeType | null, 
/**
 * The workspace's description, else the first scenario's (scenarios describe nothing yet).
 */
description: string, 
/**
 * Every source, the workspace first, then scenarios, then journeys.
 */
sources: Array<EntrySource>, };

/**
 * Whether an entry is an event or a customer attribute.
 */
export type EntryKind = "event" | "attribute";

/**
 * Where a catalog entry was found.
 */
export type EntrySource = { "from": "workspace" } | { "from": "scenario", scenario: string, } | { "from": "journey", journey: string, name: string, };

/**
 * An entry of the workspace's own list, as a person writes it.
 */
export type WorkspaceEntry = { kind: EntryKind, name: string, 
/**
 * The attribute's type; events have none.
 */
attribute_type: AttributeType | null, description: string, };

/** An error as a command rejects with it. */
export type CommandError = AppError;

// The commands, one wrapper each (from `src-tauri/src/commands.rs`).
export const listJourneys = (includeArchived: boolean) => call<Array<JourneySummary>>('list_journeys', { includeArchived });
export const openJourney = (id: string) => call<OpenedJourney>('open_journey', { id });
export const saveDraft = (document: JourneyDocument, base: number | null) => call<void>('save_draft', { document, base });
export const commitVersion = (document: JourneyDocument, base: number | null, message: string) => call<Saved>('commit_version', { document, base, message });
export const discardDraft = (id: string) => call<void>('discard_draft', { id });
export const history = (id: string) => call<Array<VersionInfo>>('history', { id });
export const openVersion = (id: string, number: number) => call<VersionView>('open_version', { id, number });
export const restoreVersion = (id: string, number: number) => call<Saved>('restore_version', { id, number });
export const setStatus = (id: string, number: number, to: Status, note: string | null) => call<Transition>('set_status', { id, number, to, note });
export const transitions = (id: string, number: number) => call<Array<Transition>>('transitions', { id, number });
export const workspaceSettings = () => call<WorkspaceSettings>('workspace_settings');
export const setSoloReview = (enabled: boolean) => call<void>('set_solo_review', { enabled });
export const createJourney = (name: string) => call<OpenedJourney>('create_journey', { name });
export const renameJourney = (id: string, name: string) => call<void>('rename_journey', { id, name });
export const duplicateJourney = (id: string) => call<JourneySummary>('duplicate_journey', { id });
export const archiveJourney = (id: string) => call<void>('archive_journey', { id });
export const unarchiveJourney = (id: string) => call<void>('unarchive_journey', { id });
export const importJourneyFile = () => call<Saved | null>('import_journey_file');
export const exportJourneyFile = (id: string) => call<string | null>('export_journey_file', { id });
export const saveExport = (id: string, number: number, format: ExportFormat) => call<string | null>('save_export', { id, number, format });
export const simulate = (request: SimulationRequest) => call<Report>('simulate', { request });
export const behaviourDiff = (oldVersion: JourneyDocument, newVersion: JourneyDocument, request: SimulationRequest) => call<BehaviourDiff>('behaviour_diff', { oldVersion, newVersion, request });
export const cancelSimulation = () => call<void>('cancel_simulation');
export const workspaceCatalog = () => call<WorkspaceCatalog>('workspace_catalog');
export const putCatalogEntry = (entry: WorkspaceEntry) => call<WorkspaceCatalog>('put_catalog_entry', { entry });
export const editCatalogEntry = (kind: EntryKind, name: string, entry: WorkspaceEntry) => call<WorkspaceCatalog>('edit_catalog_entry', { kind, name, entry });
export const removeCatalogEntry = (kind: EntryKind, name: string) => call<WorkspaceCatalog>('remove_catalog_entry', { kind, name });
