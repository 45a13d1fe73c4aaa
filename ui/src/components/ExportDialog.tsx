//! The Export dialog of a stored version: each format previewed by the core's own exporter (the
//! Mermaid and DOT pictures drawn, the plan, BPMN and ASL as text), a format's refusal listed with
//! the steps to look at, and saving through the native dialog the desktop side opens.

import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { create } from 'zustand';
import * as api from '../api';
import type { JourneyDocument, Status } from '../bindings';
import { exportFormats, exportJourney, statusTitle } from '../core';
import { useEditorStore } from '../store';
import { Modal } from './ConfirmDialog';
import { useFocusNode } from './focusNode';
import { Icon } from './icons';

const Picture = lazy(() => import('./ExportPicture'));

/** Which version's Export dialog is open. */
export const useExportStore = create<{ number: number | null; open(number: number | null): void }>((set) => ({
  number: null,
  open: (number) => set({ number }),
}));

export function ExportDialog() {
  const number = useExportStore((s) => s.number);
  const open = useExportStore((s) => s.open);
  const journey = useEditorStore((s) => s.current?.id);
  if (number === null || !journey) return null;
  return <ExportForm key={`${journey}@${number}`} journey={journey} number={number} onClose={() => open(null)} />;
}

function ExportForm({ journey, number, onClose }: { journey: string; number: number; onClose: () => void }) {
  const formats = exportFormats();
  const [format, setFormat] = useState(formats[0].name);
  const [loaded, setLoaded] = useState<{ doc: JourneyDocument; status: Status } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const toast = useEditorStore((s) => s.toast);
  const viewVersion = useEditorStore((s) => s.viewVersion);
  const focus = useFocusNode();

  useEffect(() => {
    let live = true;
    api.openVersion(journey, number).then(
      (view) => live && setLoaded({ doc: view.document, status: view.info.status }),
      (e) => live && setError(api.toCommandError(e).message),
    );
    return () => {
      live = false;
    };
  }, [journey, number]);

  const answer = useMemo(
    () => (loaded ? exportJourney(loaded.doc, format, { version: number, status: loaded.status }) : null),
    [loaded, format, number],
  );
  const chosen = formats.find((f) => f.name === format)!;
  const label = (id: string) => loaded?.doc.nodes.find((n) => n.id === id)?.label || id;

  const save = async () => {
    setSaving(true);
    try {
      const path = await api.saveExport(journey, number, format);
      if (path !== null) toast('success', `Saved ${chosen.title} of version ${number} to ${path}`);
    } catch (e) {
      toast('error', api.toCommandError(e).message);
    } finally {
      setSaving(false);
    }
  };
  const show = async (node: string) => {
    onClose();
    await viewVersion(number);
    focus(node);
  };

  return (
    <Modal title={`Export version ${number}`} onClose={onClose} testId="export-dialog" wide>
      <div className="wm-modal__body wm-export">
        <div className="wm-export__formats" role="tablist">
          {formats.map((f) => (
            <button
              key={f.name}
              type="button"
              role="tab"
              aria-selected={f.name === format}
              className={`wm-export__format${f.name === format ? ' is-active' : ''}`}
              onClick={() => setFormat(f.name)}
              data-testid={`export-format-${f.name}`}
            >
              {f.title}
            </button>
          ))}
        </div>
        {error ? (
          <p className="wm-error-text" role="alert">
            {error}
          </p>
        ) : null}
        {answer && 'error' in answer ? (
          <p className="wm-error-text" role="alert">
            {answer.error}
          </p>
        ) : null}
        {answer && 'refused' in answer ? (
          <div className="wm-export__refused" data-testid="export-refused">
            <p>
              <Icon name="error" size={14} /> {chosen.title} cannot take this version:
            </p>
            <ul>
              {answer.refused.reasons.map((r, i) => (
                <li key={i}>
                  {r.message}
                  {r.node ? (
                    <button type="button" className="wm-btn wm-btn--small wm-btn--ghost" onClick={() => void show(r.node!)} data-testid="export-refused-show">
                      Show “{label(r.node)}”
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {answer && 'ok' in answer ? (
          <>
            {format === 'mermaid' || format === 'dot' ? (
              <Suspense fallback={<p className="wm-muted">Drawing…</p>}>
                <Picture format={format} text={answer.ok} />
              </Suspense>
            ) : null}
            <pre className="wm-export__text" data-testid="export-text">
              {answer.ok}
            </pre>
          </>
        ) : null}
        <p className="wm-muted wm-export__source">
          {loaded ? `Version ${number} (${statusTitle(loaded.status).toLowerCase()}) of ${journey}` : 'Loading the version…'}
        </p>
      </div>
      <div className="wm-modal__actions">
        <button type="button" className="wm-btn" onClick={onClose}>
          Close
        </button>
        <button type="button" className="wm-btn wm-btn--primary" disabled={!answer || !('ok' in answer) || saving} onClick={() => void save()} data-testid="export-save">
          <Icon name="download" size={14} /> Save {chosen.title}…
        </button>
      </div>
    </Modal>
  );
}
