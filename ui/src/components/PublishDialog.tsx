//! The publish confirmation: before a version goes live, what it changes against the version that
//! is published now (or, when none is, the previous version, and the dialog says so), in words and
//! for customers (the behavioural diff on the simulation form's population), and the note review
//! asks for. Publishing happens only from here.

import { useEffect, useMemo, useState } from 'react';
import * as api from '../api';
import type { BehaviourDiff, CommandError, JourneyDiff, JourneyDocument, StatusMove } from '../bindings';
import { isEmptyDiff, nodeMarks, publishBaseline, type NodeMark, type PublishBaseline } from '../compare';
import { runBehaviourDiff, useCompareStore } from '../compareStore';
import { diff as coreDiff, statusMoves } from '../core';
import { useEditorStore } from '../store';
import { BehaviourResults } from './BehaviourPanel';
import { ChangeList } from './ChangeList';
import { Modal } from './ConfirmDialog';
import { Icon } from './icons';

export function PublishDialog() {
  const number = useCompareStore((s) => s.publishing);
  const requestPublish = useCompareStore((s) => s.requestPublish);
  const journey = useEditorStore((s) => s.current?.id);
  if (number === null || !journey) return null;
  return <PublishForm key={`${journey}@${number}`} journey={journey} number={number} onClose={() => requestPublish(null)} />;
}

type Loaded = { baseline: PublishBaseline; oldDoc: JourneyDocument | null; doc: JourneyDocument; diff: JourneyDiff | null };

function PublishForm({ journey, number, onClose }: { journey: string; number: number; onClose: () => void }) {
  const setVersionStatus = useEditorStore((s) => s.setVersionStatus);
  const openCompare = useCompareStore((s) => s.open);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [behaviour, setBehaviour] = useState<{ running: boolean; result: BehaviourDiff | null; error: string | null }>({ running: false, result: null, error: null });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CommandError | null>(null);
  const move: StatusMove | undefined = useMemo(() => {
    const from = useEditorStore.getState().versions.find((v) => v.number === number)?.status ?? 'approved';
    return statusMoves(from).find((m) => m.to === 'published');
  }, [number]);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const versions = await api.history(journey);
        const baseline = publishBaseline(versions, number);
        const doc = (await api.openVersion(journey, number)).document;
        const oldDoc = baseline.number === null ? null : (await api.openVersion(journey, baseline.number)).document;
        const answer = oldDoc ? coreDiff(oldDoc, doc) : null;
        if (!live) return;
        if (answer && 'error' in answer) setError(answer.error);
        setLoaded({ baseline, oldDoc, doc, diff: answer && 'ok' in answer ? answer.ok : null });
        if (oldDoc) {
          setBehaviour({ running: true, result: null, error: null });
          const result = await runBehaviourDiff(oldDoc, doc);
          if (live) setBehaviour({ running: false, result: 'ok' in result ? result.ok : null, error: 'error' in result ? result.error : null });
        }
      } catch (e) {
        if (live) setError(api.toCommandError(e).message);
      }
    })();
    return () => {
      live = false;
    };
  }, [journey, number]);

  const marks = useMemo(() => (loaded?.diff ? nodeMarks(loaded.diff) : new Map<string, NodeMark>()), [loaded]);
  // Review decides whether the note may be empty; its refusal is shown here, like the note dialog's.
  const publish = async () => {
    if (busy) return;
    setBusy(true);
    const error = await setVersionStatus(number, 'published', note.trim() || null);
    setBusy(false);
    if (!error) return onClose();
    setRefusal(error);
  };
  const baselineLabel = loaded?.baseline.number != null ? `v${loaded.baseline.number}` : '';

  return (
    <Modal title={`Publish version ${number}?`} onClose={onClose} testId="publish-dialog" wide>
      <div className="wm-modal__body wm-publish">
        {error ? (
          <p className="wm-error-text" role="alert">
            {error}
          </p>
        ) : null}
        {!loaded && !error ? <p className="wm-muted">Comparing with the version published now…</p> : null}
        {loaded ? (
          <>
            <p className="wm-publish__baseline" data-testid="publish-baseline">
              <Icon name="history" size={14} /> {loaded.baseline.words}
            </p>
            <section className="wm-publish__section">
              <h3>What changes</h3>
              {loaded.diff && isEmptyDiff(loaded.diff) ? <p className="wm-muted">Nothing: version {number} is the same journey as {baselineLabel}.</p> : null}
              {loaded.diff && !isEmptyDiff(loaded.diff) ? (
                <div className="wm-publish__changes">
                  <ChangeList sentences={loaded.diff.sentences} marks={marks} testId="publish-changes" />
                </div>
              ) : null}
              {loaded.baseline.number !== null ? (
                <button
                  type="button"
                  className="wm-link-btn"
                  onClick={() => {
                    onClose();
                    void openCompare(loaded.baseline.number!, number);
                  }}
                  data-testid="publish-open-compare"
                >
                  Open {baselineLabel} and v{number} in compare mode
                </button>
              ) : null}
            </section>
            {loaded.oldDoc ? (
              <section className="wm-publish__section" data-testid="publish-behaviour">
                <h3>What changes for customers</h3>
                {behaviour.running ? <p className="wm-muted">Simulating both versions on the same customers…</p> : null}
                {behaviour.error ? (
                  <p className="wm-error-text" role="alert">
                    {behaviour.error}
                  </p>
                ) : null}
                {behaviour.result ? <BehaviourResults result={behaviour.result} names={{ before: baselineLabel, after: `v${number}` }} oldDoc={loaded.oldDoc} nextDoc={loaded.doc} marks={marks} compact /> : null}
              </section>
            ) : null}
          </>
        ) : null}
        <label className="wm-field__label" htmlFor="publish-note">
          {move?.note_prompt || 'Note'}
          {move?.needs_note === false ? ' (optional)' : ''}
        </label>
        <textarea
          id="publish-note"
          className="wm-input"
          rows={2}
          value={note}
          placeholder="Recorded with the version's review trail"
          onChange={(e) => setNote(e.target.value)}
          data-testid="publish-note"
        />
        {refusal ? (
          <p className="wm-review-refusal" role="alert" data-testid="publish-refusal" data-code={refusal.code}>
            <Icon name="error" size={14} /> <span>{refusal.message}</span>
          </p>
        ) : null}
      </div>
      <div className="wm-modal__actions">
        <button type="button" className="wm-btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="wm-btn wm-btn--primary" disabled={busy} onClick={() => void publish()} data-testid="publish-confirm">
          {busy ? 'Publishing…' : `Publish version ${number}`}
        </button>
      </div>
    </Modal>
  );
}
