//! The commit dialog's "what this commit changes": the core's diff of the version the draft is
//! based on and the draft, in words, before the commit is made.

import { useEffect, useMemo, useState } from 'react';
import * as api from '../api';
import type { JourneyDiff } from '../bindings';
import { isEmptyDiff, nodeMarks } from '../compare';
import { diff as coreDiff } from '../core';
import { useEditorStore } from '../store';
import { ChangeList } from './ChangeList';

export function CommitChanges() {
  const journey = useEditorStore((s) => s.current?.id);
  const base = useEditorStore((s) => s.current?.base ?? null);
  const doc = useEditorStore((s) => s.doc);
  const [state, setState] = useState<{ diff: JourneyDiff | null; error: string | null } | null>(null);

  useEffect(() => {
    if (!journey || !doc || base === null) return;
    let live = true;
    api
      .openVersion(journey, base)
      .then((view) => {
        if (!live) return;
        const answer = coreDiff(view.document, doc);
        setState('ok' in answer ? { diff: answer.ok, error: null } : { diff: null, error: answer.error });
      })
      .catch((error) => live && setState({ diff: null, error: api.toCommandError(error).message }));
    return () => {
      live = false;
    };
  }, [journey, base, doc]);

  const marks = useMemo(() => (state?.diff ? nodeMarks(state.diff) : undefined), [state]);
  if (!journey || !doc) return null;
  return (
    <section className="wm-commit-changes" data-testid="commit-changes">
      <h3 className="wm-commit-changes__title">{base === null ? 'What this commit holds' : `What changes since version ${base}`}</h3>
      {base === null ? <p className="wm-muted">This is the journey’s first version: everything in it is new.</p> : null}
      {base !== null && !state ? <p className="wm-muted">Comparing with version {base}…</p> : null}
      {state?.error ? <p className="wm-error-text">{state.error}</p> : null}
      {state?.diff && isEmptyDiff(state.diff) ? (
        <p className="wm-muted" data-testid="commit-no-changes">
          Nothing changed since version {base}: committing makes no new version.
        </p>
      ) : null}
      {state?.diff && !isEmptyDiff(state.diff) ? (
        <div className="wm-commit-changes__list">
          <ChangeList sentences={state.diff.sentences} marks={marks} testId="commit-change-list" />
        </div>
      ) : null}
    </section>
  );
}
