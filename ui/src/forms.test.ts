import { describe, expect, it } from 'vitest';
import { evenWeights, parseAmount, parseNumber, parseValue, valueText } from './forms';

describe('split weights', () => {
  it('offers even weights that sum to exactly 100', () => {
    expect(evenWeights(2)).toEqual([50, 50]);
    expect(evenWeights(3)).toEqual([34, 33, 33]);
    expect(evenWeights(7).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('number fields', () => {
  it('reads numbers and explains what is not one', () => {
    expect(parseNumber('42')).toEqual({ ok: true, value: 42 });
    expect(parseNumber('-1.5')).toEqual({ ok: true, value: -1.5 });
    expect(parseNumber('abc')).toEqual({ ok: false, reason: '“abc” is not a number.' });
    expect(parseNumber('')).toEqual({ ok: false, reason: 'Enter a number.' });
    expect(parseNumber('2.5', { integer: true })).toEqual({ ok: false, reason: 'Use a whole number.' });
    expect(parseNumber('-1', { min: 0 })).toEqual({ ok: false, reason: 'Use 0 or more.' });
  });
});

describe('duration amounts', () => {
  it('reads whole numbers of 0 or more', () => {
    expect(parseAmount(' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseAmount('0')).toEqual({ ok: true, value: 0 });
  });

  it.each([
    ['', 'Enter a number.'],
    ['1.5', 'Use a whole number; pick a smaller unit for fractions.'],
    ['-2', 'Enter a whole number, such as 3.'],
    ['three', 'Enter a whole number, such as 3.'],
    ['99999999999', 'That number is too large.'],
  ])('explains why %j is not an amount', (text, reason) => {
    expect(parseAmount(text)).toEqual({ ok: false, reason });
  });
});

describe('condition values', () => {
  it('reads typed values', () => {
    expect(parseValue('pro', 'text')).toEqual({ ok: true, value: 'pro' });
    expect(parseValue('20', 'number')).toEqual({ ok: true, value: 20 });
    expect(parseValue('x', 'number')).toMatchObject({ ok: false });
    expect(parseValue('false', 'boolean')).toEqual({ ok: true, value: false });
    expect(parseValue('US, CA', 'list')).toEqual({ ok: true, value: ['US', 'CA'] });
    expect(parseValue('1, 2', 'list')).toEqual({ ok: true, value: [1, 2] });
    expect(parseValue(' , ', 'list')).toMatchObject({ ok: false });
  });

  it('writes values back as the text that reads them', () => {
    for (const [value, type] of [['pro', 'text'], [20, 'number'], [true, 'boolean'], [['US', 'CA'], 'list'], [[1, 2], 'list']] as const) {
      expect(parseValue(valueText(value as never), type)).toEqual({ ok: true, value });
    }
  });
});
