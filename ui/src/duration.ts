//! ISO 8601 durations for forms: parse the text the document holds, show it as an amount and a
//! unit, and write the amount and unit back. The Rust core decides whether a duration is valid for
//! its field (e.g. positive); this module only keeps forms from writing text that is not ISO 8601.

export type DurationUnit = 'minutes' | 'hours' | 'days' | 'weeks';

export const DURATION_UNITS: readonly DurationUnit[] = ['minutes', 'hours', 'days', 'weeks'];

/** The components of an ISO 8601 duration, as the Rust `IsoDuration` keeps them. */
export interface IsoParts {
  negative: boolean;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** A duration as a form shows it: `3` `days`, possibly negative (offsets such as `-P7D`). */
export interface AmountUnit {
  amount: number;
  unit: DurationUnit;
  negative: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const UNIT_SECONDS: Record<DurationUnit, number> = {
  minutes: 60,
  hours: 3_600,
  days: 86_400,
  weeks: 604_800,
};

/** Parses ISO 8601 text with the same rules as the Rust parser (no fractions, ordered units). */
export function parseIso(text: string): Parsed<IsoParts> {
  const fail = (reason: string): Parsed<IsoParts> => ({ ok: false, reason });
  let rest = text;
  let negative = false;
  if (rest.startsWith('-')) {
    negative = true;
    rest = rest.slice(1);
  } else if (rest.startsWith('+')) {
    rest = rest.slice(1);
  }
  if (!rest.startsWith('P')) return fail('it must start with `P`');
  rest = rest.slice(1);
  if (rest === '') return fail('it has no components');
  const parts: IsoParts = { negative, years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  const slots: (keyof IsoParts)[] = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'];
  let inTime = false;
  let number = '';
  let lastUnit = 0;
  let components = 0;
  for (const c of rest) {
    if (c >= '0' && c <= '9') {
      number += c;
    } else if (c === 'T' && !inTime && number === '') {
      inTime = true;
      lastUnit = 4;
    } else if ('YMWDHS'.includes(c)) {
      if (number === '') return fail('a unit has no number before it');
      const value = Number(number);
      if (!Number.isSafeInteger(value) || value > 4_294_967_295) return fail('a number is too large');
      number = '';
      const unit = inTime
        ? { H: 5, M: 6, S: 7 }[c as 'H' | 'M' | 'S']
        : { Y: 1, M: 2, W: 3, D: 4 }[c as 'Y' | 'M' | 'W' | 'D'];
      if (unit === undefined) return fail('a unit is in the wrong part (date units before `T`, time units after)');
      if (unit <= lastUnit) return fail('units are repeated or out of order');
      lastUnit = unit;
      components += 1;
      (parts[slots[unit - 1]] as number) = value;
    } else if (c === '.' || c === ',') {
      return fail('fractions are not supported; use a smaller unit');
    } else {
      return fail('it contains an unexpected character');
    }
  }
  if (number !== '') return fail('a number has no unit after it');
  if (components === 0) return fail('it has no components');
  return { ok: true, value: parts };
}

/** The nominal length in seconds (a day is 24 h, a month 30 days, a year 365 days). */
export function isoSeconds(parts: IsoParts): number {
  const magnitude =
    parts.years * 365 * 86_400 +
    parts.months * 30 * 86_400 +
    parts.weeks * 604_800 +
    parts.days * 86_400 +
    parts.hours * 3_600 +
    parts.minutes * 60 +
    parts.seconds;
  return parts.negative ? -magnitude : magnitude;
}

/**
 * The amount and unit a form shows for a duration, or `null` when it cannot be shown exactly
 * with one of the form's units (years, months, seconds): the form then offers the raw text.
 * A single component keeps its unit (`P7D` is 7 days, not 1 week) so that opening and leaving a
 * form never rewrites the document.
 */
export function toAmountUnit(text: string): AmountUnit | null {
  const parsed = parseIso(text);
  if (!parsed.ok) return null;
  const p = parsed.value;
  if (p.years || p.months || p.seconds) return null;
  const used = (['weeks', 'days', 'hours', 'minutes'] as const).filter((unit) => p[unit] > 0);
  if (used.length === 0) return { amount: 0, unit: 'days', negative: p.negative };
  if (used.length === 1) return { amount: p[used[0]], unit: used[0], negative: p.negative };
  // Several components: the largest unit that expresses the total exactly.
  const seconds = Math.abs(isoSeconds(p));
  for (const unit of ['weeks', 'days', 'hours', 'minutes'] as const) {
    if (seconds % UNIT_SECONDS[unit] === 0) {
      return { amount: seconds / UNIT_SECONDS[unit], unit, negative: p.negative };
    }
  }
  return null;
}

/** Writes an amount and unit as ISO 8601: minutes `PT30M`, hours `PT4H`, days `P3D`, weeks `P2W`. */
export function fromAmountUnit(amount: number, unit: DurationUnit, negative = false): string {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`a duration amount must be a whole number of at least 0, not ${amount}`);
  }
  const sign = negative && amount > 0 ? '-' : '';
  switch (unit) {
    case 'minutes':
      return `${sign}PT${amount}M`;
    case 'hours':
      return `${sign}PT${amount}H`;
    case 'days':
      return `${sign}P${amount}D`;
    case 'weeks':
      return `${sign}P${amount}W`;
  }
}

/** Reads what a person typed into an amount field: a whole number, 0 or more. */
export function parseAmount(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a number.' };
  if (!/^\d+$/.test(trimmed)) {
    return { ok: false, reason: /^-?\d*[.,]\d+$/.test(trimmed) ? 'Use a whole number; pick a smaller unit for fractions.' : 'Enter a whole number, such as 3.' };
  }
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || value > 4_294_967_295) return { ok: false, reason: 'That number is too large.' };
  return { ok: true, value };
}

const UNIT_WORDS: Record<DurationUnit, [string, string]> = {
  minutes: ['minute', 'minutes'],
  hours: ['hour', 'hours'],
  days: ['day', 'days'],
  weeks: ['week', 'weeks'],
};

/** A duration in words for the canvas: `3 days`, `30 minutes`, `1 day 12 hours`; the raw text when it is not ISO 8601. */
export function humanizeDuration(text: string | null | undefined): string {
  if (!text) return '';
  const parsed = parseIso(text);
  if (!parsed.ok) return text;
  const p = parsed.value;
  const words: string[] = [];
  const push = (n: number, one: string, many: string) => {
    if (n > 0) words.push(`${n} ${n === 1 ? one : many}`);
  };
  push(p.years, 'year', 'years');
  push(p.months, 'month', 'months');
  push(p.weeks, ...UNIT_WORDS.weeks);
  push(p.days, ...UNIT_WORDS.days);
  push(p.hours, ...UNIT_WORDS.hours);
  push(p.minutes, ...UNIT_WORDS.minutes);
  push(p.seconds, 'second', 'seconds');
  if (words.length === 0) return '0 seconds';
  return (p.negative ? '−' : '') + words.join(' ');
}
