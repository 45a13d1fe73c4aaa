//! A small modal dialog: a title, some text, and confirm / cancel. Escape cancels.

import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export function Modal({ title, onClose, children, testId, wide }: { title: string; onClose: () => void; children: ReactNode; testId?: string; wide?: boolean }) {
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', key, true);
    return () => window.removeEventListener('keydown', key, true);
  }, [onClose]);
  // A portal, so that no transformed or click-through ancestor changes where and how it shows.
  return createPortal(
    <div className="wm-modal-backdrop" onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`wm-modal${wide ? ' wm-modal--wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <div className="wm-modal__title">{title}</div>
        {children}
      </div>
    </div>,
    document.body,
  );
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  testId,
  danger,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
  danger?: boolean;
}) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <Modal title={title} onClose={onCancel} testId={testId}>
      <div className="wm-modal__body">{children}</div>
      <div className="wm-modal__actions">
        <button type="button" className="wm-btn" onClick={onCancel}>
          Cancel
        </button>
        <button ref={confirm} type="button" className={`wm-btn ${danger ? 'wm-btn--danger' : 'wm-btn--primary'}`} onClick={onConfirm} data-testid={testId ? `${testId}-ok` : undefined}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
