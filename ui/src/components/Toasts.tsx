//! Toasts: short messages in the corner, with an optional action (Undo).

import { useEditorStore } from '../store';
import { Icon } from './icons';

export function Toasts() {
  const toasts = useEditorStore((s) => s.toasts);
  const dismiss = useEditorStore((s) => s.dismissToast);
  return (
    <div className="wm-toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`wm-toast is-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'} data-testid="toast">
          <Icon name={t.tone === 'error' ? 'error' : t.tone === 'success' ? 'check' : 'eye'} size={15} />
          <span className="wm-toast__text">{t.message}</span>
          {t.action ? (
            <button
              type="button"
              className="wm-link-btn"
              onClick={() => {
                t.action!.run();
                dismiss(t.id);
              }}
            >
              {t.action.label}
            </button>
          ) : null}
          <button type="button" className="wm-icon-btn" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            <Icon name="x" size={13} />
          </button>
        </div>
      ))}
    </div>
  );
}
