import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DurationUnit, Kind } from './bindings';
import {
  localDateTimeProblem,
  splitWeightsProblem,
  timeOfDayProblem,
  canonical,
  channels,
  channelTitle,
  customerId,
  duration,
  durationText,
  durationWords,
  generate,
  kindInfo,
  limits,
  nodeKinds,
  portNameProblem,
  smsSegments,
  starterNode,
  recordedNote,
  reviewRefusal,
  statusMoveRefusal,
  statusMoves,
  statusTitle,
  setValidationCatalog,
  validate,
  workspaceCatalog,
} from './core';
import { outputPorts } from './kinds';
import { exampleJourneys, invalidJourneys, tiny } from './testing';

// These check the boundary: that `core.ts` reaches the WebAssembly build and that what Rust
// answers has the shape the TypeScript types claim. The rules themselves are tested in Rust.

const codes = (doc: Parameters<typeof validate>[0]) => {
  const answer = validate(doc);
  if ('error' in answer) throw new Error(answer.error);
  return answer.ok.map((d) => d.code);
};

describe('validation', () => {
  // In the workspace the examples seed: the catalog's warnings are part of what the corpus expects.
  beforeAll(() => setValidationCatalog(workspaceCatalog([], exampleJourneys().map(([, doc]) => doc))));
  afterAll(() => setValidationCatalog(null));

  it.each(exampleJourneys())('finds no problem in the example %s', (_file, doc) => {
    expect(codes(doc)).toEqual([]);
  });

  it.each(invalidJourneys().map((j) => [j.file, j] as const))('reports what journeys/invalid/%s expects', (_file, { doc, expected }) => {
    const reported = codes(doc);
    for (const code of expected) expect(reported).toContain(code);
  });

  it('says why a document cannot be read, instead of judging it', () => {
    const broken = { ...tiny(), nodes: [{ id: 'x', kind: 'teleport' }] } as unknown as Parameters<typeof validate>[0];
    const answer = validate(broken);
    expect('error' in answer && answer.error).toMatch(/^the journey is not a valid document/);
  });

  it('diagnoses a generated journey as valid, and writes it canonically', () => {
    const big = generate(200);
    expect(big.nodes.length).toBeGreaterThan(100);
    expect(big.nodes.length).toBeLessThanOrEqual(200);
    expect(codes(big)).toEqual([]);
    expect(canonical(big)).toBe(canonical(structuredClone(big)));
    expect(canonical(big)).not.toBe(canonical({ ...big, name: 'Renamed' }));
  });
});

describe('the kind and channel tables', () => {
  it('lists every kind once, each with a starter node of that kind and its fixed ports', () => {
    const kinds = nodeKinds();
    const names = kinds.map((k) => k.kind);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(9);
    for (const info of kinds) {
      expect(kindInfo(info.kind)).toBe(info);
      expect(info.title).not.toBe('');
      const node = starterNode(info.kind, 'n1');
      expect(node).toEqual({ ...info.starter, id: 'n1' });
      expect(node.kind).toBe(info.kind);
      for (const port of info.fixed_ports) expect(outputPorts(node)).toContain(port);
    }
  });

  it('names channels for people, and shows unknown ones as they are', () => {
    for (const { channel, title } of channels()) expect(channelTitle(channel)).toBe(title);
    expect(channelTitle('pigeon')).toBe('pigeon');
  });

  it('judges port names with the validation rule', () => {
    expect(portNameProblem('viewed_pricing', ['else'])).toBeNull();
    // Rust allows spaces, as validation does; the form must not be stricter.
    expect(portNameProblem('viewed pricing', [])).toBeNull();
    expect(portNameProblem('', [])).not.toBeNull();
    for (const reserved of kindInfo('branch' satisfies Kind).fixed_ports) expect(portNameProblem(reserved, [])).not.toBeNull();
    expect(portNameProblem('a', ['a', 'b'])).not.toBeNull();
  });
});

describe('durations', () => {
  it('reads ISO 8601 into seconds, words and a form’s amount and unit', () => {
    const facts = duration('P1DT12H');
    expect(facts).toEqual({ ok: { seconds: 129_600, amount_unit: { amount: 36, unit: 'hours', negative: false }, words: '1 day 12 hours' } });
    expect(duration('-P7D')).toMatchObject({ ok: { seconds: -604_800, amount_unit: { amount: 7, unit: 'days', negative: true } } });
    // Units a form cannot show exactly leave the text to the form.
    expect(duration('P1M')).toMatchObject({ ok: { amount_unit: null } });
  });

  it('says why text is not ISO 8601', () => {
    const answer = duration('3 days');
    expect('error' in answer && answer.error).toBeTruthy();
    expect(durationWords('3 days')).toBe('3 days');
    expect(durationWords(null)).toBe('');
  });

  it('writes a form’s amount and unit back as text that reads the same', () => {
    for (const unit of ['minutes', 'hours', 'days', 'weeks'] as DurationUnit[]) {
      for (const negative of [false, true]) {
        const text = durationText(3, unit, negative);
        expect(duration(text)).toMatchObject({ ok: { amount_unit: { amount: 3, unit, negative } } });
      }
    }
  });
});

describe('SMS segments', () => {
  it('counts GSM-7 and UCS-2 texts, splitting long ones', () => {
    const one = smsSegments('a'.repeat(10));
    expect(one).toMatchObject({ units: 10, segments: 1 });
    const single = smsSegments('a'.repeat(one.per_segment));
    expect(single.segments).toBe(1);
    const split = smsSegments('a'.repeat(one.per_segment + 1));
    expect(split.segments).toBe(2);
    expect(split.per_segment).toBeLessThan(one.per_segment);
    const unicode = smsSegments('✓');
    expect(unicode.encoding).not.toBe(one.encoding);
    expect(unicode.per_segment).toBeLessThan(one.per_segment);
  });
});

describe('review', () => {
  it('offers moves with a forward one first, and refuses any other move', () => {
    const moves = statusMoves('draft');
    expect(moves.length).toBeGreaterThan(0);
    expect(moves[0].primary).toBe(true);
    for (const move of moves) expect(statusMoveRefusal('draft', move.to, 0)).toBeNull();
    expect(statusMoves('archived')).toEqual([]);
    expect(statusMoveRefusal('archived', 'draft', 0)).not.toBeNull();
    expect(statusTitle('in_review')).toBe('In review');
  });

  it('blocks a move because of errors only where review says so', () => {
    const blocked = (['draft', 'in_review', 'approved', 'published'] as const).flatMap((from) =>
      statusMoves(from)
        .filter((m) => statusMoveRefusal(from, m.to, 2) !== null)
        .map((m) => [from, m.to]),
    );
    expect(blocked).toEqual([['approved', 'published']]);
    expect(statusMoveRefusal('approved', 'published', 2)).toMatch(/2 validation errors/);
  });

  it('asks for a note on every move but archiving, with the question the core words', () => {
    const asking = (['draft', 'in_review', 'approved', 'published'] as const).flatMap((from) =>
      statusMoves(from)
        .filter((m) => m.needs_note)
        .map((m) => m.label),
    );
    expect(asking).toEqual(['Submit for review', 'Approve', 'Request changes', 'Publish', 'Reopen review']);
    expect(statusMoves('in_review')[0].note_prompt).toBe('What did you check?');
  });

  it('refuses a move without a note, or an approval by the author, with the store\'s codes', () => {
    const approve = { from: 'in_review', to: 'approved', errors: 0, author: 'ana', actor: 'bo', note: 'Checked', solo_review: false } as const;
    expect(reviewRefusal(approve)).toBeNull();
    expect(reviewRefusal({ ...approve, note: ' ' })).toMatchObject({ code: 'note_required', message: 'a note is required to approve' });
    expect(reviewRefusal({ ...approve, actor: 'ana' })?.code).toBe('self_approval');
    expect(reviewRefusal({ ...approve, actor: 'ana', solo_review: true })).toBeNull();
    expect(reviewRefusal({ ...approve, from: 'approved', to: 'published', errors: 2 })?.code).toBe('publish_blocked');
    expect(reviewRefusal({ ...approve, from: 'draft', to: 'published' })?.code).toBe('invalid_transition');
    expect(reviewRefusal({ ...approve, to: 'archived', note: null })).toBeNull();
    expect(recordedNote('  Checked \n')).toBe('Checked');
    expect(recordedNote('   ')).toBeNull();
  });
});

describe('simulation bounds and ids', () => {
  it('gives the limits a form checks before it asks', () => {
    const l = limits();
    expect(l.max_customers).toBeGreaterThan(l.live_customers);
    expect(l.max_days).toBeGreaterThan(0);
  });

  it('reads customer ids with the simulator’s grammar', () => {
    expect(customerId('c42')).toBe('c42');
    expect(customerId('42')).toBe('c42');
    expect(customerId('C42 ')).toBeNull();
    expect(customerId('c4x')).toBeNull();
  });
});

describe('form checks come from the core', () => {
  it('asks split weights to add up to 100', () => {
    expect(splitWeightsProblem([{ weight: 50 }, { weight: 50 }])).toBeNull();
    expect(splitWeightsProblem([{ weight: 33.3 }, { weight: 33.3 }, { weight: 33.4 }])).toBeNull();
    expect(splitWeightsProblem([])).toBeNull();
    expect(splitWeightsProblem([{ weight: 90 }, { weight: 20 }])).toBe('The weights add up to 110; they must add up to 100.');
  });

  it('reads times of day and schedule starts with the validator grammar', () => {
    expect(timeOfDayProblem('09:30')).toBeNull();
    expect(timeOfDayProblem('24:00')).not.toBeNull();
    expect(timeOfDayProblem('09:30:00')).not.toBeNull();
    expect(localDateTimeProblem('2026-12-04T09:00')).toBeNull();
    expect(localDateTimeProblem('2026-02-30T09:00')).not.toBeNull();
    expect(localDateTimeProblem('2026-12-04 09:00')).not.toBeNull();
  });
});
