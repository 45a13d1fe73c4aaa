// The Export dialog's previews come from the core's exporters, compiled to WebAssembly: every
// example exports to every format (or Step Functions refuses it, naming a step), journeys with
// errors are refused with every error, and the version and status reach the output.

import { describe, expect, it } from 'vitest';
import { exportFormats, exportJourney, validate } from './core';
import { example, exampleJourneys, invalidJourneys } from './testing';

describe('export through the core', () => {
  it('offers the five formats in order', () => {
    expect(exportFormats().map((f) => f.name)).toEqual(['plan', 'bpmn', 'asl', 'mermaid', 'dot']);
    expect(exportFormats().every((f) => f.title.length > 0 && f.extension.length > 0)).toBe(true);
  });

  it('exports every example to every format, or says why Step Functions cannot take it', () => {
    for (const [file, doc] of exampleJourneys()) {
      for (const format of exportFormats()) {
        const answer = exportJourney(doc, format.name, { version: 2, status: 'approved' });
        if ('refused' in answer) {
          expect(format.name, `${file} refused by ${format.name}`).toBe('asl');
          expect(answer.refused.reasons.length).toBeGreaterThan(0);
          expect(answer.refused.reasons.every((r) => r.node !== null && doc.nodes.some((n) => n.id === r.node))).toBe(true);
        } else {
          expect('ok' in answer, `${file} ${format.name}`).toBe(true);
          if ('ok' in answer) expect(answer.ok.length).toBeGreaterThan(100);
        }
      }
    }
  });

  it('names the version and its review status in the plan', () => {
    const answer = exportJourney(example('onboarding'), 'plan', { version: 7, status: 'approved' });
    if (!('ok' in answer)) throw new Error('the plan was not exported');
    const plan = JSON.parse(answer.ok);
    expect(plan.source).toMatchObject({ version: 7, status: 'approved' });
  });

  it('refuses a journey with validation errors, listing each of them', () => {
    for (const { file, doc } of invalidJourneys()) {
      const diagnostics = validate(doc);
      if (!('ok' in diagnostics)) throw new Error(`${file} is not a document`);
      const errors = diagnostics.ok.filter((d) => d.severity === 'error');
      if (errors.length === 0) continue;
      const answer = exportJourney(doc, 'bpmn', { version: null, status: null });
      expect('refused' in answer, file).toBe(true);
      if ('refused' in answer) expect(answer.refused.reasons.map((r) => r.code)).toEqual(errors.map((e) => e.code));
    }
  });
});
