import { describe, expect, it } from 'vitest';
import { fromAmountUnit, humanizeDuration, parseAmount, parseIso, toAmountUnit } from './duration';

describe('parseIso', () => {
  it.each([
    ['PT4H', 4 * 3600],
    ['P3D', 3 * 86400],
    ['P1DT12H', 129600],
    ['-P7D', -604800],
    ['P1W', 604800],
    ['PT90M', 5400],
    ['PT0S', 0],
  ])('reads %s', (text, seconds) => {
    const parsed = parseIso(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const p = parsed.value;
    const total = (p.weeks * 7 + p.days) * 86400 + p.hours * 3600 + p.minutes * 60 + p.seconds;
    expect(p.negative ? -total : total).toBe(seconds);
  });

  it.each([
    ['', 'it must start with `P`'],
    ['3 days', 'it must start with `P`'],
    ['P', 'it has no components'],
    ['PT', 'it has no components'],
    ['P3', 'a number has no unit after it'],
    ['PD', 'a unit has no number before it'],
    ['P1H', 'a unit is in the wrong part (date units before `T`, time units after)'],
    ['PT1D', 'a unit is in the wrong part (date units before `T`, time units after)'],
    ['P1D2D', 'units are repeated or out of order'],
    ['P1.5D', 'fractions are not supported; use a smaller unit'],
    ['P99999999999D', 'a number is too large'],
  ])('rejects %j like the Rust parser', (text, reason) => {
    expect(parseIso(text)).toEqual({ ok: false, reason });
  });
});

describe('amount and unit', () => {
  it.each([
    ['PT30M', 30, 'minutes'],
    ['PT4H', 4, 'hours'],
    ['P3D', 3, 'days'],
    ['P2W', 2, 'weeks'],
    ['P7D', 7, 'days'],
    ['P1DT12H', 36, 'hours'],
    ['PT32H', 32, 'hours'],
  ] as const)('shows %s as %d %s', (text, amount, unit) => {
    expect(toAmountUnit(text)).toEqual({ amount, unit, negative: false });
  });

  it('keeps the sign of offsets', () => {
    expect(toAmountUnit('-P7D')).toEqual({ amount: 7, unit: 'days', negative: true });
    expect(fromAmountUnit(7, 'days', true)).toBe('-P7D');
    expect(fromAmountUnit(0, 'days', true)).toBe('P0D');
  });

  it('cannot show months, years or seconds, or text that is not ISO 8601', () => {
    expect(toAmountUnit('P1M')).toBeNull();
    expect(toAmountUnit('P1Y')).toBeNull();
    expect(toAmountUnit('PT90S')).toBeNull();
    expect(toAmountUnit('3 days')).toBeNull();
  });

  it.each([
    [30, 'minutes', 'PT30M'],
    [4, 'hours', 'PT4H'],
    [3, 'days', 'P3D'],
    [2, 'weeks', 'P2W'],
  ] as const)('writes %d %s as %s', (amount, unit, text) => {
    expect(fromAmountUnit(amount, unit)).toBe(text);
    expect(toAmountUnit(text)).toEqual({ amount, unit, negative: false });
  });

  it('refuses amounts that are not whole numbers of at least 0', () => {
    expect(() => fromAmountUnit(1.5, 'days')).toThrow(RangeError);
    expect(() => fromAmountUnit(-1, 'days')).toThrow(RangeError);
  });
});

describe('parseAmount', () => {
  it('accepts whole numbers', () => {
    expect(parseAmount(' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseAmount('0')).toEqual({ ok: true, value: 0 });
  });

  it.each([
    ['', 'Enter a number.'],
    ['abc', 'Enter a whole number, such as 3.'],
    ['-2', 'Enter a whole number, such as 3.'],
    ['1.5', 'Use a whole number; pick a smaller unit for fractions.'],
    ['99999999999', 'That number is too large.'],
  ])('explains why %j is not an amount', (text, reason) => {
    expect(parseAmount(text)).toEqual({ ok: false, reason });
  });
});

describe('humanizeDuration', () => {
  it('reads durations in words', () => {
    expect(humanizeDuration('P3D')).toBe('3 days');
    expect(humanizeDuration('P1D')).toBe('1 day');
    expect(humanizeDuration('PT30M')).toBe('30 minutes');
    expect(humanizeDuration('P1DT12H')).toBe('1 day 12 hours');
    expect(humanizeDuration('-P7D')).toBe('−7 days');
    expect(humanizeDuration('nonsense')).toBe('nonsense');
  });
});
