//! The commit dialog: what the commit changes against the version the draft is based on (the
//! core's diff, in words), a message, a summary of the problems, then a new immutable version.

import { useState } from 'react';
import { useEditorStore } from '../store';
import { CommitChanges } from './CommitChanges';
import { Modal } from './ConfirmDialog';
import { Icon } from './icons';

export function CommitDialog() {
  const open = useEditorStore((s) => s.commitOpen);
  const setOpen = useEditorStore((s) => s.setCommitOpen);
  if (!open) return null;
  return <CommitForm onClose={() => setOpen(false)} />;
}

function CommitForm({ onClose }: { onClose: () => void }) {
  const commit = useEditorStore((s) => s.commit);
  const current = useEditorStore((s) => s.current);
  const diagnostics = useEditorStore((s) => s.diagnostics);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const next = (current?.latest?.number ?? 0) + 1;
  const submit = async () => {
    if (!message.trim() || busy) return;
    setBusy(true);
    const ok = await commit(message.trim());
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Modal title={`Commit version ${next}`} onClose={onClose} testId="commit-dialog" wide>
      <form
        className="wm-modal__body"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <CommitChanges />
        <label className="wm-field__label" htmlFor="commit-message">
          What changed?
        </label>
        <textarea
          id="commit-message"
          className="wm-input"
          rows={3}
          autoFocus
          value={message}
          placeholder="e.g. Wait 3 days instead of 2 before the pricing check"
          data-testid="commit-message"
          onChange={(e) => setMessage(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
          }}
        />
        {errors > 0 ? (
          <p className="wm-commit-warn">
            <Icon name="warning" size={14} /> This version has {errors} error{errors === 1 ? '' : 's'}. You can commit it, but it cannot be published until they are fixed.
          </p>
        ) : (
          <p className="wm-muted">Versions are immutable. You can restore any of them later.</p>
        )}
        <div className="wm-modal__actions">
          <button type="button" className="wm-btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="wm-btn wm-btn--primary" disabled={!message.trim() || busy} data-testid="commit-confirm">
            {busy ? 'Committing…' : 'Commit'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
