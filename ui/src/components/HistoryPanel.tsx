//! The history drawer: the draft and every committed version, newest first, with its review
//! status and who gave it (and why), so an approval is always read with the version it belongs
//! to. A version opens read-only on the canvas; review actions move it through the statuses the
//! core's review rules offer (`statusMoves`), asking for a note where the core requires one. A
//! move the rules refuse because of validation errors (publishing) is shown disabled, with the
//! core's reason; any other refusal (approving one's own version) is shown when it is asked for.
//! "Compare…" compares a version with the draft or another version (`CompareMenu`); publishing
//! is confirmed with the diff against the version live now (`PublishDialog`).

import { useEffect, useState } from 'react';
import * as api from '../api';
import type { StatusMove, Transition, VersionInfo } from '../bindings';
import { useEditorStore } from '../store';
import { timeAgo } from '../time';
import { statusMoveRefusal, statusMoves, statusTitle } from '../core';
import { useCompareStore } from '../compareStore';
import { CompareMenu } from './CompareMenu';
import { useExportStore } from './ExportDialog';
import { Icon } from './icons';
import { ReviewNoteDialog } from './ReviewNoteDialog';

export function HistoryPanel() {
  const open = useEditorStore((s) => s.historyOpen);
  const setOpen = useEditorStore((s) => s.setHistoryOpen);
  const versions = useEditorStore((s) => s.versions);
  const current = useEditorStore((s) => s.current);
  const viewing = useEditorStore((s) => s.viewing);
  const backToDraft = useEditorStore((s) => s.backToDraft);
  const dirty = useEditorStore((s) => s.doc !== s.savedDoc);
  if (!open || !current) return null;
  const newestFirst = [...versions].reverse();
  return (
    <aside className="wm-history" data-testid="history-panel" aria-label="History">
      <header className="wm-history__head">
        <h2>History</h2>
        <button type="button" className="wm-icon-btn" onClick={() => setOpen(false)} aria-label="Close history" data-testid="history-close">
          <Icon name="x" size={16} />
        </button>
      </header>
      <div className="wm-history__list">
        {/* The draft has a card when there is one (or nothing is committed yet), and while an old
            version is on screen, as the way back to editing. */}
        {viewing || dirty || current.hasDraft || current.base === null ? (
          <button type="button" className={`wm-history__draft${viewing ? '' : ' is-current'}`} onClick={backToDraft} data-testid="history-draft">
            <span className="wm-history__num">{viewing && !(dirty || current.hasDraft) ? 'Back to editing' : 'Draft'}</span>
            <span className="wm-muted">
              {current.base === null ? 'Not committed yet' : `Based on v${current.base}`}
              {dirty || current.hasDraft ? ' · has changes' : ''}
            </span>
          </button>
        ) : null}
        {newestFirst.length === 0 ? <p className="wm-muted wm-history__empty">No versions yet. Commit to make version 1.</p> : null}
        {newestFirst.map((v) => (
          <VersionRow key={v.number} v={v} journey={current.id} isBase={current.base === v.number} isViewed={viewing?.info.number === v.number} />
        ))}
      </div>
    </aside>
  );
}

function VersionRow({ v, journey, isBase, isViewed }: { v: VersionInfo; journey: string; isBase: boolean; isViewed: boolean }) {
  const viewVersion = useEditorStore((s) => s.viewVersion);
  const setVersionStatus = useEditorStore((s) => s.setVersionStatus);
  const toast = useEditorStore((s) => s.toast);
  const actions = statusMoves(v.status);
  const [asking, setAsking] = useState<StatusMove | null>(null);
  // Moves review refuses for a version with errors: only for those is the version's validation needed.
  const errorsMatter = actions.some((a) => statusMoveRefusal(v.status, a.to, 1) !== null);
  const [errors, setErrors] = useState<number | null>(null);
  const [trail, setTrail] = useState<Transition[] | null>(null);
  const now = Date.now();

  useEffect(() => {
    if (!errorsMatter) return;
    let live = true;
    api
      .openVersion(journey, v.number)
      .then((view) => live && setErrors(view.diagnostics.filter((d) => d.severity === 'error').length))
      .catch(() => live && setErrors(null));
    return () => {
      live = false;
    };
  }, [journey, v.number, v.status, errorsMatter]);

  const toggleTrail = () => {
    if (trail) return setTrail(null);
    api.transitions(journey, v.number).then(setTrail, () => setTrail([]));
  };

  // Moves the version, and keeps an open trail up to date with the move.
  const moveTo = async (a: StatusMove, note: string | null) => {
    const error = await setVersionStatus(v.number, a.to, note);
    if (!error && trail) api.transitions(journey, v.number).then(setTrail, () => setTrail([]));
    return error;
  };
  // A move that records a note asks for it first; the others (archiving) happen at once.
  const move = async (a: StatusMove) => {
    // Publishing is confirmed with its diff against the version live now (`PublishDialog`).
    if (a.to === 'published') return useCompareStore.getState().requestPublish(v.number);
    if (a.needs_note) return setAsking(a);
    const error = await moveTo(a, null);
    if (error) toast('error', error.message);
  };
  const last = v.last_transition;

  return (
    <div className={`wm-version-row${isViewed ? ' is-viewed' : ''}`} data-testid={`history-version-${v.number}`}>
      <button type="button" className="wm-version-row__main" onClick={() => void viewVersion(v.number)} data-testid={`history-view-${v.number}`} title="Open read-only on the canvas">
        <span className="wm-version-row__top">
          <span className="wm-history__num">v{v.number}</span>
          <span className={`wm-status-chip is-${v.status}`}>{statusTitle(v.status)}</span>
          {isBase ? <span className="wm-tag">draft base</span> : null}
          <span className="wm-version-row__time" title={v.created_at}>
            {timeAgo(Date.parse(v.created_at), now)}
          </span>
        </span>
        <span className="wm-version-row__msg">{v.message || <em className="wm-muted">No message</em>}</span>
        <span className="wm-version-row__author">{v.author}</span>
        {last ? (
          <span className="wm-version-row__review" data-testid={`history-review-${v.number}`}>
            {statusTitle(last.to)} by <strong>{last.actor}</strong> <span title={last.at}>{timeAgo(Date.parse(last.at), now)}</span>
            {last.note ? <span className="wm-version-row__note">“{last.note}”</span> : null}
          </span>
        ) : null}
      </button>
      <div className="wm-version-row__actions">
        {actions.map((a) => {
          const refusal = errors === null ? null : statusMoveRefusal(v.status, a.to, errors);
          const blocked = refusal !== null;
          const reason = refusal ? `${sentence(refusal)}.` : undefined;
          return (
            <button
              key={a.to}
              type="button"
              className={`wm-btn wm-btn--small${a.primary ? ' wm-btn--primary' : ' wm-btn--ghost'}`}
              disabled={blocked}
              title={reason}
              data-testid={`history-status-${v.number}-${a.to}`}
              onClick={() => void move(a)}
            >
              {a.label}
            </button>
          );
        })}
        <CompareMenu number={v.number} />
        <button type="button" className="wm-link-btn" onClick={() => useExportStore.getState().open(v.number)} data-testid={`history-export-${v.number}`} title="Export this version for a runtime or for documentation">
          Export…
        </button>
        <button type="button" className="wm-link-btn" onClick={toggleTrail} data-testid={`history-trail-${v.number}`}>
          {trail ? 'Hide trail' : 'Review trail'}
        </button>
      </div>
      {errorsMatter && errors ? (
        <div className="wm-version-row__blocked" data-testid={`history-publish-blocked-${v.number}`}>
          <Icon name="error" size={12} /> {errors} error{errors === 1 ? '' : 's'}: {actions.filter((a) => statusMoveRefusal(v.status, a.to, errors) !== null).map((a) => a.label.toLowerCase()).join(', ')} blocked
        </div>
      ) : null}
      {asking ? (
        <ReviewNoteDialog
          move={asking}
          version={v.number}
          onMove={(note) => moveTo(asking, note)}
          onClose={() => setAsking(null)}
        />
      ) : null}
      {trail ? (
        <ol className="wm-trail">
          {trail.length === 0 ? <li className="wm-muted">No review steps yet.</li> : null}
          {trail.map((t, i) => (
            <li key={i}>
              <span className={`wm-status-chip is-${t.to}`}>{statusTitle(t.to)}</span> by {t.actor} · {timeAgo(Date.parse(t.at), now)}
              {t.note ? <div className="wm-trail__note">{t.note}</div> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

/** The core's reason as a sentence: capitalized. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
