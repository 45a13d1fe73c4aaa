//! The workspace catalog editor: every event and attribute the workspace knows, with its type,
//! description and where it comes from; the workspace's own entries can be added, changed and
//! removed (scenarios and journeys are read-only sources). Opened from the sidebar's foot or the
//! command palette ("Workspace catalog…").

import { useEffect, useMemo, useState } from 'react';
import type { AttributeType, CatalogEntry, EntryKind, WorkspaceEntry } from '../bindings';
import { sourcesText } from '../catalog';
import { useCatalogStore } from '../catalogStore';
import { catalogEntryProblem } from '../core';
import { useEditorStore } from '../store';
import { Modal } from './ConfirmDialog';
import { IconButton } from './fields';
import { Icon } from './icons';

const TYPES: readonly AttributeType[] = ['string', 'number', 'boolean', 'date', 'list'];

/**
 * The sidebar's button to the catalog editor, and the editor itself. It also keeps the catalog
 * current: loaded at start, and again when the journey list changes or another journey opens
 * (their names are part of the catalog).
 */
export function CatalogButton() {
  const journeys = useEditorStore((s) => s.journeys);
  const current = useEditorStore((s) => s.current?.id);
  const load = useCatalogStore((s) => s.load);
  const setOpen = useCatalogStore((s) => s.setEditorOpen);
  useEffect(() => void load(), [journeys, current, load]);
  return (
    <>
      <button type="button" className="wm-btn wm-btn--small wm-btn--ghost wm-catalog-open" onClick={() => setOpen(true)} data-testid="catalog-open" title="The workspace catalog: events and attributes the pickers offer and validation knows">
        <Icon name="pencil" size={14} /> Events &amp; attributes
      </button>
      <CatalogEditor />
    </>
  );
}

export function CatalogEditor() {
  const open = useCatalogStore((s) => s.editorOpen);
  const setOpen = useCatalogStore((s) => s.setEditorOpen);
  if (!open) return null;
  return <CatalogDialog onClose={() => setOpen(false)} />;
}

/** The entry being written: a new one (`original` null) or an edit of a workspace entry. */
interface Draft {
  original: { kind: EntryKind; name: string } | null;
  entry: WorkspaceEntry;
}

function CatalogDialog({ onClose }: { onClose: () => void }) {
  const catalog = useCatalogStore((s) => s.catalog);
  const remove = useCatalogStore((s) => s.remove);
  const [filter, setFilter] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = useMemo(() => {
    const wanted = filter.trim().toLowerCase();
    return (catalog?.entries ?? []).filter((e) => !wanted || e.name.toLowerCase().includes(wanted) || e.description.toLowerCase().includes(wanted));
  }, [catalog, filter]);
  const startNew = (kind: EntryKind) => (setError(null), setDraft({ original: null, entry: { kind, name: filter.trim(), attribute_type: null, description: '' } }));
  const startEdit = (e: CatalogEntry) => (setError(null), setDraft({ original: { kind: e.kind, name: e.name }, entry: { kind: e.kind, name: e.name, attribute_type: e.attribute_type, description: e.description } }));
  return (
    <Modal title="Workspace catalog" onClose={onClose} testId="catalog-editor" wide>
      <div className="wm-modal__body wm-catalog">
        <p className="wm-muted">Events and attributes the pickers offer and validation knows: your own entries, the scenarios' and every journey's. A name none of them knows is reported as a likely typo.</p>
        <div className="wm-row wm-catalog__tools">
          <input className="wm-input" placeholder="Filter by name or description" value={filter} data-testid="catalog-filter" onChange={(e) => setFilter(e.target.value)} aria-label="Filter the catalog" />
          <button type="button" className="wm-btn wm-btn--small" data-testid="catalog-add-event" onClick={() => startNew('event')}>
            <Icon name="plus" size={12} /> Event
          </button>
          <button type="button" className="wm-btn wm-btn--small" data-testid="catalog-add-attribute" onClick={() => startNew('attribute')}>
            <Icon name="plus" size={12} /> Attribute
          </button>
        </div>
        {draft ? <EntryForm draft={draft} error={error} setError={setError} onDone={() => setDraft(null)} onChange={(entry) => setDraft({ ...draft, entry })} /> : null}
        {error && !draft ? (
          <div className="wm-field__error" role="alert">
            {error}
          </div>
        ) : null}
        <div className="wm-catalog__table-wrap">
          <table className="wm-catalog__table" data-testid="catalog-table">
            <thead>
              <tr>
                <th>Kind</th>
                <th>Name</th>
                <th>Type</th>
                <th>Description</th>
                <th>From</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => {
                const own = e.sources.some((s) => s.from === 'workspace');
                return (
                  <tr key={`${e.kind}:${e.name}`} data-testid="catalog-row" data-kind={e.kind} data-name={e.name}>
                    <td className="wm-muted">{e.kind}</td>
                    <td className="wm-catalog__name">{e.name}</td>
                    <td>{e.attribute_type ?? ''}</td>
                    <td>{e.description}</td>
                    <td className="wm-muted">{sourcesText(e.sources)}</td>
                    <td className="wm-catalog__actions">
                      <IconButton icon="pencil" label={own ? `Edit ${e.name}` : `Describe ${e.name} in the workspace catalog`} testId={`catalog-edit-${e.name}`} onClick={() => startEdit(e)} />
                      {own ? (
                        <IconButton
                          icon="trash"
                          label={`Remove ${e.name} from the workspace's list`}
                          tone="danger"
                          testId={`catalog-remove-${e.name}`}
                          onClick={() => void remove(e.kind, e.name).then(setError)}
                        />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {shown.length === 0 ? <p className="wm-muted">{catalog ? 'Nothing matches.' : 'Loading…'}</p> : null}
        </div>
      </div>
      <div className="wm-modal__actions">
        <button type="button" className="wm-btn" onClick={onClose} data-testid="catalog-close">
          Close
        </button>
      </div>
    </Modal>
  );
}

function EntryForm({ draft, error, setError, onChange, onDone }: { draft: Draft; error: string | null; setError: (e: string | null) => void; onChange: (e: WorkspaceEntry) => void; onDone: () => void }) {
  const put = useCatalogStore((s) => s.put);
  const edit = useCatalogStore((s) => s.edit);
  const { entry, original } = draft;
  // Editing an entry another source found adds it to the workspace's list, described.
  const ownOriginal = original && useCatalogStore.getState().catalog?.entries.some((e) => e.kind === original.kind && e.name === original.name && e.sources.some((s) => s.from === 'workspace'));
  const problem = entry.name === '' ? null : catalogEntryProblem(entry);
  const save = async () => {
    const refused = ownOriginal && original ? await edit(original.kind, original.name, entry) : await put(entry);
    setError(refused);
    if (!refused) onDone();
  };
  return (
    <form
      className="wm-card wm-catalog__form"
      data-testid="catalog-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="wm-row">
        <strong>{original ? `Edit the ${entry.kind} “${original.name}”` : `New ${entry.kind}`}</strong>
      </div>
      <div className="wm-grid-2">
        <label className="wm-field">
          <span className="wm-field__label">Name</span>
          <input className="wm-input wm-input--mono" autoFocus value={entry.name} data-testid="catalog-form-name" onChange={(e) => onChange({ ...entry, name: e.target.value })} />
        </label>
        {entry.kind === 'attribute' ? (
          <label className="wm-field">
            <span className="wm-field__label">Type</span>
            <select className="wm-input wm-select" value={entry.attribute_type ?? ''} data-testid="catalog-form-type" onChange={(e) => onChange({ ...entry, attribute_type: (e.target.value || null) as AttributeType | null })}>
              <option value="">not said</option>
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <label className="wm-field">
        <span className="wm-field__label">Description</span>
        <input className="wm-input" value={entry.description} placeholder="What it means, where it comes from" data-testid="catalog-form-description" onChange={(e) => onChange({ ...entry, description: e.target.value })} />
      </label>
      {problem || error ? (
        <div className="wm-field__error" role="alert" data-testid="catalog-form-error">
          {problem ?? error}
        </div>
      ) : null}
      <div className="wm-row">
        <button type="submit" className="wm-btn wm-btn--primary wm-btn--small" disabled={!!problem || entry.name === ''} data-testid="catalog-form-save">
          Save
        </button>
        <button type="button" className="wm-btn wm-btn--small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
