//! Read-only helpers over the journey document for display: one-line summaries for the canvas
//! and fresh ids. Nothing here decides what is valid, and nothing here knows a kind's or a
//! channel's name or reads a duration: those come from the core (`core.ts`).

import type { Condition, Delay, JourneyDocument, Node, Trigger, Weekday } from './bindings';
import { channelTitle, duration, durationWords, stepName } from './core';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The label a node shows: its own label, else (for an exit) its outcome in words, else its id. */
export function nodeTitle(node: Node): string {
  return stepName(node);
}

export function describeDelay(delay: Delay): string {
  if ('duration' in delay) return `Wait ${durationWords(delay.duration)}`;
  if ('until_time' in delay) {
    const t = delay.until_time;
    const days = t.weekdays && t.weekdays.length > 0 && t.weekdays.length < 7 ? ` on ${t.weekdays.map(cap).join(', ')}` : '';
    return `Until ${t.time}${days}`;
  }
  const d = delay.until_date;
  return `Until ${d.attr || '…'}${offsetText(d.offset)}`;
}

export function describeTrigger(trigger: Trigger): string {
  if ('event' in trigger) return `On event ${trigger.event.name || '…'}${trigger.event.filter ? ' (filtered)' : ''}`;
  if ('segment' in trigger) return `Segment · ${describeCondition(trigger.segment.condition)}`;
  if ('schedule' in trigger) {
    const s = trigger.schedule;
    return `Scheduled ${s.start.replace('T', ' ')}${s.repeat ? `, every ${durationWords(s.repeat)}` : ''}`;
  }
  const d = trigger.date_attribute;
  return `On ${d.attr || '…'}${offsetText(d.offset)}${d.time ? ` at ${d.time}` : ''}`;
}

/** A short reading of a condition: `plan = pro`, `viewed_pricing within 2 days`, `all of 3`. */
export function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.length === 1 ? describeCondition(c.all[0]) : `all of ${c.all.length}`;
  if ('any' in c) return c.any.length === 1 ? describeCondition(c.any[0]) : `any of ${c.any.length}`;
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  if ('attr' in c) {
    const sym: Record<string, string> = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', in: 'in', not_in: 'not in', contains: 'contains' };
    if (c.op === 'exists') return `${c.attr || '…'} is set`;
    if (c.op === 'not_exists') return `${c.attr || '…'} is not set`;
    return `${c.attr || '…'} ${sym[c.op] ?? c.op} ${formatValue(c.value)}`;
  }
  if ('event' in c) {
    const count = c.min_count && c.min_count > 1 ? ` ×${c.min_count}` : '';
    return `${c.event || '…'}${count}${c.within ? ` within ${durationWords(c.within)}` : ''}`;
  }
  return `${c.engaged} ${c.message || '…'}`;
}

export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '…';
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The one-line summary under a node's label on the canvas. */
export function nodeSummary(node: Node): string {
  switch (node.kind) {
    case 'entry':
      return describeTrigger(node.trigger);
    case 'wait':
      return describeDelay(node.delay);
    case 'wait_for_event': {
      const events = node.events.map((e) => e.event || '…').join(', ') || 'no events';
      return node.timeout ? `${events} · ${durationWords(node.timeout)} timeout` : `${events} · no timeout`;
    }
    case 'branch':
      return node.cases.length === 1 ? describeCondition(node.cases[0].when) : `${node.cases.length} cases, first match wins`;
    case 'split':
      return node.paths.length ? `Split ${node.paths.map((p) => fmtNumber(p.weight)).join('/')}` : 'No paths';
    case 'parallel':
      return `${node.paths.length} paths at once`;
    case 'message': {
      const channel = node.channel ? channelTitle(node.channel) : 'No channel';
      const what = node.template || node.content?.subject || node.content?.title || node.url || node.audience || 'no content';
      return `${channel} · ${what}`;
    }
    case 'update':
      return node.changes.length ? node.changes.map(describeChange).join(', ') : 'No changes';
    case 'exit':
      return node.outcome ? `Outcome: ${node.outcome}` : 'No outcome';
  }
}

function describeChange(change: Extract<Node, { kind: 'update' }>['changes'][number]): string {
  if ('set' in change) return `set ${change.set.attr || '…'}`;
  if ('increment' in change) return `${change.increment.attr || '…'} +${fmtNumber(change.increment.by)}`;
  if ('add_tag' in change) return `+tag ${change.add_tag}`;
  if ('remove_tag' in change) return `−tag ${change.remove_tag}`;
  return `stage → ${change.lifecycle_stage}`;
}

/** An offset after an attribute: ` + 2 days`, ` −7 days` (the core's words carry the sign). */
function offsetText(offset: string | null | undefined): string {
  if (!offset) return '';
  const facts = duration(offset);
  if ('error' in facts) return ` ${offset}`;
  return facts.ok.seconds < 0 ? ` ${facts.ok.words}` : ` + ${facts.ok.words}`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function fmtNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** The smallest `<base>_<n>` (n ≥ 1) not used by a node of the document or in `taken`. */
export function freshId(doc: JourneyDocument, base: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set(doc.nodes.map((n) => n.id));
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!used.has(id) && !taken.has(id)) return id;
  }
}

/** Ids of the message nodes, for engagement conditions. */
export function messageNodeIds(doc: JourneyDocument): string[] {
  return doc.nodes.filter((n) => n.kind === 'message').map((n) => n.id);
}
