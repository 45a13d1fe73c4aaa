//! Reading what a person types into the inspector's fields, before anything reaches the document:
//! a number field holds a number, a value field a value of its type. These keep the document's
//! shape intact; every journey rule (a time of day, split weights, a free port name) is the
//! core's (`core.ts`).

import type { JsonValue, Operator } from './bindings';

/** What a field's text reads as, or why it cannot be read. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Even weights that sum to exactly 100 (the remainder goes to the first paths). */
export function evenWeights(count: number): number[] {
  if (count <= 0) return [];
  const base = Math.floor(100 / count);
  const rest = 100 - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < rest ? 1 : 0));
}

/** The largest value of a Rust `u32` field (caps, counts, priority). */
export const U32_MAX = 4_294_967_295;

export interface NumberRules {
  integer?: boolean;
  min?: number;
  max?: number;
}

export function parseNumber(text: string, rules: NumberRules = {}): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a number.' };
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(trimmed)) return { ok: false, reason: `“${trimmed}” is not a number.` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, reason: 'That number is too large.' };
  if (rules.integer && !Number.isInteger(value)) return { ok: false, reason: 'Use a whole number.' };
  if (rules.min !== undefined && value < rules.min) return { ok: false, reason: `Use ${rules.min} or more.` };
  if (rules.max !== undefined && value > rules.max) return { ok: false, reason: `Use ${rules.max} or less.` };
  return { ok: true, value };
}

/** Reads what a person typed into a duration's amount field: a whole number, 0 or more. */
export function parseAmount(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a number.' };
  if (!/^\d+$/.test(trimmed)) {
    return { ok: false, reason: /^-?\d*[.,]\d+$/.test(trimmed) ? 'Use a whole number; pick a smaller unit for fractions.' : 'Enter a whole number, such as 3.' };
  }
  const value = Number(trimmed);
  if (value > U32_MAX) return { ok: false, reason: 'That number is too large.' };
  return { ok: true, value };
}

/** A name unlike any of `taken`: `base_1`, `base_2`, … */
export function freshPortName(base: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) {
    const name = `${base}_${n}`;
    if (!taken.includes(name)) return name;
  }
}

export type ValueType = 'text' | 'number' | 'boolean' | 'list';

export const OPERATORS: readonly { op: Operator; label: string }[] = [
  { op: 'eq', label: 'is' },
  { op: 'ne', label: 'is not' },
  { op: 'gt', label: '>' },
  { op: 'gte', label: '≥' },
  { op: 'lt', label: '<' },
  { op: 'lte', label: '≤' },
  { op: 'in', label: 'is one of' },
  { op: 'not_in', label: 'is none of' },
  { op: 'contains', label: 'contains' },
  { op: 'exists', label: 'is set' },
  { op: 'not_exists', label: 'is not set' },
];

export function operatorTakesValue(op: Operator): boolean {
  return op !== 'exists' && op !== 'not_exists';
}

export function operatorTakesList(op: Operator): boolean {
  return op === 'in' || op === 'not_in';
}

/** The type the value editor shows for a value. */
export function valueTypeOf(value: JsonValue | null | undefined): ValueType {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'text';
}

/** A value as the editor's text. */
export function valueText(value: JsonValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Reads a value typed into the editor as `type`. Lists are comma-separated; all-number lists hold numbers. */
export function parseValue(text: string, type: ValueType): Parsed<JsonValue> {
  switch (type) {
    case 'text':
      return { ok: true, value: text };
    case 'number': {
      const n = parseNumber(text);
      return n.ok ? n : { ok: false, reason: n.reason };
    }
    case 'boolean':
      if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
      return { ok: false, reason: 'Choose true or false.' };
    case 'list': {
      const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (items.length === 0) return { ok: false, reason: 'List at least one value, separated by commas.' };
      const numbers = items.map((s) => parseNumber(s));
      if (numbers.every((n) => n.ok)) return { ok: true, value: numbers.map((n) => (n as { ok: true; value: number }).value) };
      return { ok: true, value: items };
    }
  }
}
