//! The note a review move records: submitting, approving, asking for changes, reopening and
//! publishing each say why (the core's `needs_note`, with its question for the move). The move is
//! asked for here and the backend's answer shown here: a refusal of review (no note, approving
//! one's own version, errors) keeps the dialog open with the core's words, so the reviewer can
//! fix the note or cancel.

import { useRef, useState } from 'react';
import type { CommandError, StatusMove } from '../bindings';
import { Modal } from './ConfirmDialog';
import { Icon } from './icons';

export function ReviewNoteDialog({
  move,
  version,
  onMove,
  onClose,
}: {
  move: StatusMove;
  version: number;
  /** Asks for the move with the note; resolves to the error, or `null` once the version moved. */
  onMove: (note: string) => Promise<CommandError | null>;
  onClose: () => void;
}) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CommandError | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const error = await onMove(note);
    setBusy(false);
    if (!error) return onClose();
    setRefusal(error);
    if (error.code === 'note_required') input.current?.focus();
  };
  return (
    <Modal title={`${move.label}: version ${version}`} onClose={onClose} testId="review-note-dialog">
      <form
        className="wm-modal__body"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="wm-field__label" htmlFor="review-note">
          {move.note_prompt}
        </label>
        <textarea
          ref={input}
          id="review-note"
          className="wm-input"
          rows={3}
          autoFocus
          value={note}
          placeholder="Recorded with the version's review trail"
          data-testid="review-note"
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
          }}
        />
        {refusal ? (
          <p className="wm-review-refusal" role="alert" data-testid="review-note-refusal" data-code={refusal.code}>
            <Icon name="error" size={14} /> <span>{refusal.message}</span>
          </p>
        ) : null}
        <div className="wm-modal__actions">
          <button type="button" className="wm-btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="wm-btn wm-btn--primary" disabled={busy} data-testid="review-note-confirm">
            {move.label}
          </button>
        </div>
      </form>
    </Modal>
  );
}
