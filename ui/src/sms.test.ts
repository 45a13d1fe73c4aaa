import { describe, expect, it } from 'vitest';
import { smsSegments } from './sms';

describe('smsSegments', () => {
  it('fits 160 GSM-7 characters in one segment and splits longer texts by 153', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extended GSM characters twice', () => {
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('[' + 'a'.repeat(159))).toMatchObject({ units: 161, segments: 2 });
  });

  it('switches to UCS-2 (70 and 67) for anything outside GSM-7', () => {
    expect(smsSegments('ł'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70 });
    expect(smsSegments('ł'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67 });
  });

  it('counts characters outside the BMP as two UTF-16 units', () => {
    expect(smsSegments('🎉')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(smsSegments('🎉'.repeat(35) + 'a')).toMatchObject({ units: 71, segments: 2 });
  });

  it('treats an empty body as one segment', () => {
    expect(smsSegments('')).toMatchObject({ segments: 1, units: 0 });
  });
});
