// Runs Waymark's BPMN exports in bpmn-engine, one scripted customer at a time, on a virtual
// clock, and prints each customer's path through the journey's nodes as JSON.
//
// Usage: node run-bpmn.mjs DIR
//
// For every DIR/<journey>.customers.json (written by tests/export_engines.rs) the process in
// DIR/<journey>.bpmn is run once per customer. This script plays the parts a Zeebe deployment
// leaves to workers and to the caller, as docs/export.md describes them:
// - the process starts with the customer's attributes as variables, `customerId`, `events` (event
//   name to the ISO times the customer did it) and `engagement` (message node to what it got);
// - `waymark.split` sets `bucket` with the documented hash, `waymark.wait_until` sets the time
//   to wake at, `waymark.update` changes the variables, `waymark.message` records the delivery;
// - a scripted event is added to `events` and published to the message catch events waiting for
//   it; then each goal and exit criterion whose condition now holds is published once, as the
//   simulator checks them after moving the waiting tokens.
// Conditions are FEEL, evaluated by feelin; timers run on a virtual clock that jumps to the next
// timer or scripted event, so a journey of months runs in milliseconds.
// Output: {"<journey>": {"<customer>": {"path": [{"t": seconds, "node": id}], "error": text?}}},
// plus "splitBuckets": the buckets this script computes for DIR/split-buckets.json, if present.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { Timers } from 'bpmn-elements';
import { evaluate } from '@bpmn-io/feelin';
import BpmnModdle from 'bpmn-moddle';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json');

const RealDate = globalThis.Date;
const DAY = 86_400;

// The virtual clock: every `new Date()`, `Date.now()` and FEEL `now()` reads it.
const clock = { ms: 0 };
class VirtualDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(clock.ms);
    else super(...args);
  }
  static now() {
    return clock.ms;
  }
}
globalThis.Date = VirtualDate;

/** The bucket of a customer at a split (`waymark-split/1`): FNV-1a 64 over
 * `customerId`, U+001F and `splitId` as UTF-8, modulo 10,000. */
export function splitBucket(customerId, splitId) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(`${customerId}\u001f${splitId}`)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return Number(hash % 10000n);
}

/** Seconds since 1970 as an ISO 8601 UTC date and time, without fractions. */
function iso(ms) {
  return new RealDate(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A FEEL expression's value over `variables`; `=`-prefixed text as BPMN writes it. */
function feel(expression, variables) {
  const text = expression.startsWith('=') ? expression.slice(1) : expression;
  const { value, warnings } = evaluate(text, variables);
  if (value === null && warnings && warnings.length) {
    throw new Error(`FEEL \`${text}\`: ${warnings.map((w) => w.message).join('; ')}`);
  }
  return value;
}

/** What the process declares: its service tasks' types and headers, its messages, its
 * message catch events and its goal and exit-criterion sub-processes. */
async function readProcess(xml) {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { rootElement } = await moddle.fromXML(xml);
  const messages = new Map();
  const tasks = new Map();
  const catches = [];
  const interrupts = [];
  for (const root of rootElement.rootElements) {
    if (root.$type === 'bpmn:Message') messages.set(root.id, root.name);
  }
  const visit = (flowElements) => {
    for (const element of flowElements || []) {
      const values = element.extensionElements?.values || [];
      if (element.$type === 'bpmn:ServiceTask') {
        const type = values.find((v) => v.$type === 'zeebe:TaskDefinition')?.type;
        const headers = {};
        for (const header of values.find((v) => v.$type === 'zeebe:TaskHeaders')?.values || []) {
          headers[header.key] = header.value;
        }
        tasks.set(element.id, { type, headers });
      }
      const definition = element.eventDefinitions?.[0];
      if (element.$type === 'bpmn:IntermediateCatchEvent' && definition?.$type === 'bpmn:MessageEventDefinition') {
        catches.push({ id: element.id, message: definition.messageRef?.name, messageId: definition.messageRef?.id });
      }
      if (element.$type === 'bpmn:SubProcess' && element.triggeredByEvent) {
        const start = element.flowElements.find((e) => e.$type === 'bpmn:StartEvent');
        const messageRef = start?.eventDefinitions?.[0]?.messageRef;
        const documentation = (element.documentation || []).map((d) => d.text).join('\n');
        const interrupting = start?.isInterrupting !== false;
        interrupts.push({ id: element.id, messageId: messageRef?.id, documentation, interrupting });
      }
      if (element.flowElements) visit(element.flowElements);
    }
  };
  for (const root of rootElement.rootElements) {
    if (root.$type === 'bpmn:Process') visit(root.flowElements);
  }
  return { messages, tasks, catches, interrupts: interrupts.map(readInterrupt) };
}

/** A goal's or exit criterion's condition and window, from the documentation the exporter
 * writes: "Published when this holds during the stay: FEEL (counts within P7D of entry)". */
function readInterrupt(interrupt) {
  const match = interrupt.documentation.match(/holds during the stay: (.*?)(?: \(counts within (\S+) of entry\))?$/s);
  if (!match) throw new Error(`${interrupt.id}: no condition in its documentation`);
  return { ...interrupt, condition: match[1], within: match[2] ? seconds(match[2]) : null };
}

/** An ISO 8601 duration in seconds (days, hours, minutes, seconds; weeks). */
function seconds(duration) {
  const m = duration.match(/^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/);
  if (!m) throw new Error(`unsupported duration ${duration}`);
  const [w, d, h, min, s] = m.slice(1).map((x) => Number(x || 0));
  return (((w * 7 + d) * 24 + h) * 60 + min) * 60 + s;
}

/** The next time (ms) at or after `now` when a UTC clock shows `hhmm` on one of `weekdays`. */
function nextLocalTime(now, hhmm, weekdays) {
  const names = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const allowed = weekdays ? weekdays.split(',').filter(Boolean) : [];
  const [h, m] = hhmm.split(':').map(Number);
  const midnight = Math.floor(now / (DAY * 1000)) * DAY * 1000;
  for (let day = 0; day < 15; day++) {
    const candidate = midnight + day * DAY * 1000 + (h * 60 + m) * 60_000;
    if (candidate < now) continue;
    if (allowed.length && !allowed.includes(names[new RealDate(candidate).getUTCDay()])) continue;
    return candidate;
  }
  return now;
}

/** What the `waymark.*` workers do, on the process variables. */
function work(task, variables) {
  const { type, headers } = task;
  switch (type) {
    case 'waymark.split':
      variables.bucket = splitBucket(variables.customerId, headers.splitId);
      break;
    case 'waymark.message':
      variables.engagement = { ...variables.engagement, [headers.nodeId]: ['delivered'] };
      break;
    case 'waymark.update':
      for (const change of JSON.parse(headers.changes)) applyChange(change, variables);
      break;
    case 'waymark.wait_until': {
      let wake = clock.ms;
      if (headers.until === 'time') {
        if (headers.timezone && headers.timezone !== 'customer' && headers.timezone !== 'UTC') {
          throw new Error(`time zone ${headers.timezone} is not simulated here`);
        }
        wake = nextLocalTime(clock.ms, headers.time, headers.weekdays);
      } else if (headers.until === 'date') {
        const day = variables[headers.attr];
        if (typeof day === 'string') {
          const at = RealDate.parse(`${day}T00:00:00Z`) + (headers.offset ? seconds(headers.offset) * 1000 : 0);
          wake = Math.max(at, clock.ms);
        }
      }
      variables[headers.resultVariable] = iso(wake);
      break;
    }
    default:
      throw new Error(`no worker for task type ${type}`);
  }
}

function applyChange(change, variables) {
  const [[kind, value]] = Object.entries(change);
  switch (kind) {
    case 'set':
      variables[value.attr] = value.value;
      break;
    case 'increment':
      variables[value.attr] = (typeof variables[value.attr] === 'number' ? variables[value.attr] : 0) + value.by;
      break;
    case 'add_tag':
      variables.tags = [...new Set([...(variables.tags || []), value])];
      break;
    case 'remove_tag':
      variables.tags = (variables.tags || []).filter((t) => t !== value);
      break;
    case 'lifecycle_stage':
      variables.lifecycle_stage = value;
      break;
    default:
      throw new Error(`unknown change ${kind}`);
  }
}

/** Lets the engine do everything it can at the current instant. */
async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Runs one customer; returns their path. */
async function runCustomer(xml, declared, journey, customer, start) {
  const elementToNode = new Map(journey.nodes.map((node) => [`n_${suffix(node)}`, node]));
  const enteredMs = start + customer.entered_at * 1000;
  const horizonMs = start + journey.horizon_seconds * 1000;
  clock.ms = enteredMs;
  const pending = [];
  let sequence = 0;
  const timers = new Timers({
    setTimeout(callback, delay, ...args) {
      const timer = { at: clock.ms + Math.max(0, delay), sequence: sequence++, fire: () => callback(...args) };
      pending.push(timer);
      return timer;
    },
    clearTimeout(timer) {
      const index = pending.indexOf(timer);
      if (index >= 0) pending.splice(index, 1);
    },
  });
  const path = [];
  const errors = [];
  const listener = new EventEmitter();
  // The process's own environment, where workers and conditions read the variables.
  let environment;
  listener.on('activity.enter', (api) => {
    environment ||= api.environment;
    const node = elementToNode.get(api.id);
    if (node) path.push({ t: Math.round((clock.ms - start) / 1000), node });
  });
  listener.on('activity.start', (api) => {
    const task = declared.tasks.get(api.id);
    if (!task) return;
    try {
      work(task, api.environment.variables);
    } catch (error) {
      errors.push(`${api.id}: ${error.message}`);
    }
  });
  const events = {};
  for (const event of customer.events) {
    if (event.at_seconds <= customer.entered_at) (events[event.name] ||= []).push(iso(start + event.at_seconds * 1000));
  }
  const expressions = {
    resolveExpression(expression, context) {
      if (typeof expression !== 'string' || !expression.startsWith('=')) return expression;
      return feel(expression, context.environment.variables);
    },
    isExpression: (text) => typeof text === 'string' && text.startsWith('='),
    hasExpression: (text) => typeof text === 'string' && text.startsWith('='),
  };
  const engine = new Engine({
    name: journey.journey,
    source: xml,
    moddleOptions: { zeebe: zeebeSchema },
    expressions,
    timers,
    settings: { enableDummyService: true },
  });
  const execution = await engine.execute({
    listener,
    variables: { ...customer.attributes, customerId: customer.id, events, engagement: {} },
  });
  const variables = () => environment.variables;
  await settle();
  const published = new Set();
  const scripted = customer.events.filter((e) => e.at_seconds > customer.entered_at);
  // bpmn-engine runs an event sub-process but does not interrupt the rest of the process;
  // Zeebe does, so an interrupting goal or exit criterion ends the run here.
  let stopped = false;
  const running = () => !stopped && !['completed', 'stopped', 'error'].includes(execution.state) && engine.state !== 'idle';
  const checkInterrupts = async () => {
    for (const interrupt of declared.interrupts) {
      if (published.has(interrupt.id) || !running()) continue;
      const since = (clock.ms - enteredMs) / 1000;
      if (interrupt.within !== null && since > interrupt.within) continue;
      const stay = { ...variables(), events: eventsSince(variables().events, enteredMs) };
      if (feel(interrupt.condition, stay) === true) {
        published.add(interrupt.id);
        await publishInterrupt(execution, interrupt);
        if (interrupt.interrupting) stopped = true;
      }
    }
  };
  while (running() && errors.length === 0) {
    pending.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
    const timer = pending[0];
    const event = scripted[0];
    const eventMs = event ? start + event.at_seconds * 1000 : Infinity;
    if (!timer && !event) break;
    // At the same instant a timer goes first: an event at the deadline is too late.
    if (timer && timer.at <= eventMs) {
      if (timer.at >= horizonMs) break;
      pending.shift();
      clock.ms = timer.at;
      timer.fire();
      await settle();
    } else {
      if (eventMs >= horizonMs) break;
      scripted.shift();
      clock.ms = eventMs;
      const vars = variables();
      vars.events = { ...vars.events, [event.name]: [...(vars.events[event.name] || []), iso(eventMs)] };
      for (const waiting of execution.getPostponed()) {
        const catchEvent = declared.catches.find((c) => c.id === waiting.id && c.message === event.name);
        if (catchEvent) {
          execution.signal({ id: catchEvent.messageId });
          await settle();
          break;
        }
      }
      await checkInterrupts();
    }
  }
  engine.stop();
  return errors.length ? { path, error: errors.join('; ') } : { path };
}

/** Starts the event sub-process of a goal or exit criterion and hands it its message: external
 * messages do not reach the start events of event sub-processes in bpmn-engine, so the
 * sub-process is started as the engine starts it for a message thrown inside the process. */
async function publishInterrupt(execution, interrupt) {
  for (const definition of execution.definitions) {
    for (const process of definition.getProcesses()) {
      const subProcess = process.getActivityById(interrupt.id);
      if (!subProcess) continue;
      subProcess.run({ id: interrupt.messageId, messageType: 'message' });
      await settle();
      definition.sendMessage({ id: interrupt.messageId });
      await settle();
    }
  }
}

/** The events of the stay: those after `sinceMs`. */
function eventsSince(events, sinceMs) {
  const out = {};
  for (const [name, times] of Object.entries(events || {})) {
    out[name] = times.filter((time) => RealDate.parse(time) > sinceMs);
  }
  return out;
}

/** A node id as BPMN element ids carry it (`n_` + this): ASCII letters, digits and `_` kept,
 * any other character written `_` and its code in hexadecimal. */
function suffix(text) {
  return [...text].map((c) => (/^[A-Za-z0-9_]$/.test(c) ? c : `_${c.codePointAt(0).toString(16)}`)).join('');
}

async function main() {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node run-bpmn.mjs DIR');
    process.exit(2);
  }
  const out = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.customers.json')).sort()) {
    const journey = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const bpmnFile = join(dir, `${journey.journey}.bpmn`);
    if (!existsSync(bpmnFile)) continue;
    const xml = readFileSync(bpmnFile, 'utf8');
    const declared = await readProcess(xml);
    const start = RealDate.parse(journey.start);
    out[journey.journey] = {};
    for (const customer of journey.customers) {
      try {
        out[journey.journey][customer.id] = await runCustomer(xml, declared, journey, customer, start);
      } catch (error) {
        out[journey.journey][customer.id] = { path: [], error: String(error?.stack || error) };
      }
    }
  }
  const fixture = join(dir, 'split-buckets.json');
  if (existsSync(fixture)) {
    out.splitBuckets = JSON.parse(readFileSync(fixture, 'utf8')).map((c) => ({ ...c, bucket: splitBucket(c.customer, c.split) }));
  }
  globalThis.Date = RealDate;
  console.log(JSON.stringify(out, null, 1));
}

await main();
