//! The journey list: search, create, and per journey rename, duplicate, export and archive;
//! archived journeys appear (to restore them) with "Show archived". Its foot also holds the one
//! workspace setting, solo review.

import { useEffect, useMemo, useRef, useState } from 'react';
import type { JourneySummary } from '../bindings';
import { statusTitle } from '../core';
import { journeyName, useEditorStore } from '../store';
import { CatalogButton } from './CatalogEditor';
import { Icon } from './icons';

export function Sidebar() {
  const journeys = useEditorStore((s) => s.journeys);
  const current = useEditorStore((s) => s.current);
  const showArchived = useEditorStore((s) => s.showArchived);
  const setShowArchived = useEditorStore((s) => s.setShowArchived);
  const openJourney = useEditorStore((s) => s.openJourney);
  const createJourney = useEditorStore((s) => s.createJourney);
  const importFile = useEditorStore((s) => s.importFile);
  const setSidebarCollapsed = useEditorStore((s) => s.setSidebarCollapsed);
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? journeys.filter((j) => j.name.toLowerCase().includes(q) || j.id.includes(q)) : journeys;
  }, [journeys, query]);
  const active = shown.filter((j) => !j.archived);
  const archived = shown.filter((j) => j.archived);

  return (
    <nav className="wm-sidebar" aria-label="Journeys" data-testid="sidebar">
      <div className="wm-brand">
        <span className="wm-brand__mark" aria-hidden>
          <Icon name="journey" size={16} />
        </span>
        <span className="wm-brand__name">Waymark</span>
        <button
          type="button"
          className="wm-icon-btn wm-brand__fold"
          onClick={() => setSidebarCollapsed(true)}
          title="Hide the journey list"
          aria-label="Hide the journey list"
          data-testid="sidebar-collapse"
        >
          <Icon name="sidebar" size={15} />
        </button>
      </div>
      <div className="wm-sidebar__actions">
        <button type="button" className="wm-btn wm-btn--primary wm-btn--block" data-testid="journey-new" onClick={() => setCreating(true)}>
          <Icon name="plus" size={14} /> New journey
        </button>
      </div>
      {creating ? (
        <NameInput
          initial=""
          placeholder="Journey name"
          testId="journey-new-name"
          onDone={(name) => {
            setCreating(false);
            if (name !== null) void createJourney(name);
          }}
        />
      ) : null}
      <div className="wm-search">
        <Icon name="search" size={14} />
        <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search journeys" aria-label="Search journeys" data-testid="journey-search" />
      </div>
      <div className="wm-sidebar__list" role="list" data-testid="journey-list">
        {active.length === 0 && archived.length === 0 ? <div className="wm-sidebar__empty">{query ? 'No journey matches.' : 'No journeys yet.'}</div> : null}
        {active.map((j) => (
          <JourneyItem key={j.id} journey={j} active={current?.id === j.id} onOpen={() => void openJourney(j.id)} />
        ))}
        {showArchived && archived.length > 0 ? <div className="wm-sidebar__group">Archived</div> : null}
        {showArchived ? archived.map((j) => <JourneyItem key={j.id} journey={j} active={false} onOpen={() => undefined} />) : null}
      </div>
      <div className="wm-sidebar__foot">
        <label className="wm-check">
          <input type="checkbox" checked={showArchived} data-testid="show-archived" onChange={(e) => void setShowArchived(e.target.checked)} />
          <span>Show archived</span>
        </label>
        <SoloReviewToggle />
        <div className="wm-row">
          <button type="button" className="wm-btn wm-btn--small wm-btn--ghost" onClick={() => void importFile()} data-testid="journey-import" title="Import a *.journey.json file">
            <Icon name="upload" size={14} /> Import
          </button>
          <ExportButton />
        </div>
        <CatalogButton />
      </div>
    </nav>
  );
}

/** Whether the author of a version may approve it: for a workspace of one; off, review needs two people. */
function SoloReviewToggle() {
  const workspace = useEditorStore((s) => s.workspace);
  const setSoloReview = useEditorStore((s) => s.setSoloReview);
  return (
    <label className="wm-check" title="Let the author of a version approve it too, for a workspace of one. Off, approving needs someone other than the author.">
      <input type="checkbox" checked={workspace?.solo_review ?? false} disabled={!workspace} data-testid="solo-review" onChange={(e) => void setSoloReview(e.target.checked)} />
      <span>Solo review</span>
    </label>
  );
}

function ExportButton() {
  const current = useEditorStore((s) => s.current);
  const exportFile = useEditorStore((s) => s.exportFile);
  return (
    <button type="button" className="wm-btn wm-btn--small wm-btn--ghost" disabled={!current} onClick={() => void exportFile()} data-testid="journey-export" title="Export the open journey as a *.journey.json file">
      <Icon name="download" size={14} /> Export
    </button>
  );
}

function JourneyItem({ journey, active, onOpen }: { journey: JourneySummary; active: boolean; onOpen: () => void }) {
  const renameJourney = useEditorStore((s) => s.renameJourney);
  const duplicateJourney = useEditorStore((s) => s.duplicateJourney);
  const archiveJourney = useEditorStore((s) => s.archiveJourney);
  const unarchiveJourney = useEditorStore((s) => s.unarchiveJourney);
  const exportFile = useEditorStore((s) => s.exportFile);
  const name = useEditorStore((s) => journeyName(s, journey));
  const [menu, setMenu] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menu) return;
    const close = (e: PointerEvent) => {
      if (!menuRef.current?.contains(e.target as Node)) setMenu(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [menu]);

  if (renaming) {
    return (
      <NameInput
        initial={name}
        testId={`journey-rename-input-${journey.id}`}
        onDone={(next) => {
          setRenaming(false);
          if (next !== null && next !== name) void renameJourney(journey.id, next);
        }}
      />
    );
  }

  const version = journey.latest ? `v${journey.latest.number}` : 'new';
  return (
    <div className={`wm-journey${active ? ' is-active' : ''}${journey.archived ? ' is-archived' : ''}`} role="listitem" data-testid={`journey-${journey.id}`}>
      <button type="button" className="wm-journey__main" onClick={onOpen} disabled={journey.archived} title={name}>
        <span className="wm-journey__name">{name}</span>
        <span className="wm-journey__meta">
          <span>{version}</span>
          {journey.latest ? <span className={`wm-status-dot is-${journey.latest.status}`} title={statusTitle(journey.latest.status)} /> : null}
          {journey.has_draft ? <span className="wm-journey__draft">draft</span> : null}
        </span>
      </button>
      {journey.archived ? (
        <button type="button" className="wm-btn wm-btn--small" onClick={() => void unarchiveJourney(journey.id)} data-testid={`journey-unarchive-${journey.id}`}>
          Restore
        </button>
      ) : (
        <div className="wm-journey__menu" ref={menuRef}>
          <button type="button" className="wm-icon-btn" aria-label={`Actions for ${name}`} aria-expanded={menu} onClick={() => setMenu(!menu)} data-testid={`journey-menu-${journey.id}`}>
            <Icon name="more" size={14} />
          </button>
          {menu ? (
            <div className="wm-menu" role="menu">
              <MenuItem icon="pencil" label="Rename" testId={`journey-rename-${journey.id}`} onClick={() => (setMenu(false), setRenaming(true))} />
              <MenuItem icon="copy" label="Duplicate" testId={`journey-duplicate-${journey.id}`} onClick={() => (setMenu(false), void duplicateJourney(journey.id))} />
              <MenuItem icon="download" label="Export…" testId={`journey-export-${journey.id}`} onClick={() => (setMenu(false), void exportFile(journey.id))} />
              <MenuItem icon="archive" label="Archive" testId={`journey-archive-${journey.id}`} onClick={() => (setMenu(false), void archiveJourney(journey.id))} />
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}

function MenuItem({ icon, label, onClick, testId }: { icon: Parameters<typeof Icon>[0]['name']; label: string; onClick: () => void; testId?: string }) {
  return (
    <button type="button" role="menuitem" className="wm-menu__item" onClick={onClick} data-testid={testId}>
      <Icon name={icon} size={14} /> {label}
    </button>
  );
}

function NameInput({ initial, placeholder, testId, onDone }: { initial: string; placeholder?: string; testId?: string; onDone: (name: string | null) => void }) {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const finish = (name: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(name === null || name.trim() === '' ? null : name.trim());
  };
  return (
    <form
      className="wm-name-input"
      onSubmit={(e) => {
        e.preventDefault();
        finish(text);
      }}
    >
      <input
        ref={ref}
        className="wm-input"
        value={text}
        placeholder={placeholder}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => finish(text)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') finish(null);
        }}
      />
    </form>
  );
}
