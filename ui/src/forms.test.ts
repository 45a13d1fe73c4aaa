import { describe, expect, it } from 'vitest';
import { dateTimeProblem, evenWeights, parseNumber, parseValue, portNameProblem, splitWeightsProblem, timeProblem, valueText } from './forms';

describe('split weights', () => {
  it('is quiet when the weights sum to 100', () => {
    expect(splitWeightsProblem([{ weight: 50 }, { weight: 50 }])).toBeNull();
    expect(splitWeightsProblem([{ weight: 33.3 }, { weight: 33.3 }, { weight: 33.4 }])).toBeNull();
    expect(splitWeightsProblem([])).toBeNull();
  });

  it('says what the weights sum to otherwise', () => {
    expect(splitWeightsProblem([{ weight: 50 }, { weight: 45 }])).toBe('Weights sum to 95 — must be 100');
    expect(splitWeightsProblem([{ weight: 90 }, { weight: 20 }])).toBe('Weights sum to 110 — must be 100');
  });

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

describe('times', () => {
  it('accepts 24-hour HH:MM only', () => {
    expect(timeProblem('09:30')).toBeNull();
    expect(timeProblem('23:59')).toBeNull();
    expect(timeProblem('24:00')).not.toBeNull();
    expect(timeProblem('9:30')).not.toBeNull();
    expect(timeProblem('09:30:00')).not.toBeNull();
  });

  it('accepts schedule starts as YYYY-MM-DDTHH:MM', () => {
    expect(dateTimeProblem('2026-12-04T09:00')).toBeNull();
    expect(dateTimeProblem('2026-13-04T09:00')).toBe('That date does not exist.');
    expect(dateTimeProblem('2026-12-04 09:00')).not.toBeNull();
  });
});

describe('port names', () => {
  it('refuses empty, spaced, reserved and duplicate names', () => {
    expect(portNameProblem('viewed_pricing', ['else'])).toBeNull();
    expect(portNameProblem('', [])).not.toBeNull();
    expect(portNameProblem('two words', [])).not.toBeNull();
    expect(portNameProblem('else', [])).toBe('“else” is reserved; choose another name.');
    expect(portNameProblem('a', ['a', 'b'])).toBe('Another case, event or path of this step has that name.');
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
