//! The right-hand column in compare mode, in place of the inspector: the changes in words (each row
//! shows its step on the canvas), then what changed in the selected step, field by field, before →
//! after; with no step selected, the journey settings that changed.

import { useCallback, useMemo } from 'react';
import type { FieldChange, JourneyDiff, Node, SettingChange } from '../bindings';
import { fieldLabel, isEmptyDiff, MARK_LABEL, nodeMarks, sideLabel, valueText, type NodeMark } from '../compare';
import { useCompareStore } from '../compareStore';
import { kindInfo } from '../core';
import { nodeSummary, nodeTitle } from '../model';
import { ChangeList } from './ChangeList';
import { useCentreOnNode } from './focusNode';
import { CHANNEL_ICON, Icon, KIND_ICON } from './icons';

/** Selects a step of the comparison and centres the canvas on it. */
export function useCompareFocus() {
  const centre = useCentreOnNode();
  const select = useCompareStore((s) => s.select);
  return useCallback(
    (id: string) => {
      select(id);
      centre(id);
    },
    [centre, select],
  );
}

export function ComparePanel() {
  const diff = useCompareStore((s) => s.diff);
  const old = useCompareStore((s) => s.old);
  const next = useCompareStore((s) => s.next);
  const selected = useCompareStore((s) => s.selected);
  const loading = useCompareStore((s) => s.loading);
  const focus = useCompareFocus();
  const marks = useMemo(() => (diff ? nodeMarks(diff) : new Map<string, NodeMark>()), [diff]);
  if (old === null || next === null) return null;
  return (
    <aside className="wm-compare-panel" data-testid="compare-panel" aria-label="Changes">
      <header className="wm-compare-panel__head">
        <h2>Changes</h2>
        <span className="wm-compare-panel__sides">
          <span className="wm-version__num">{sideLabel(old)}</span>
          <Icon name="chevron" size={12} />
          <span className="wm-version__num">{sideLabel(next)}</span>
        </span>
      </header>
      <div className="wm-compare-panel__body">
        {loading && !diff ? <p className="wm-muted wm-compare-panel__note">Comparing…</p> : null}
        {diff && isEmptyDiff(diff) ? <p className="wm-muted wm-compare-panel__note">Nothing differs between {sideLabel(old)} and {sideLabel(next)}.</p> : null}
        {diff && !isEmptyDiff(diff) ? <ChangeList sentences={diff.sentences} marks={marks} selected={selected} onFocus={focus} testId="compare-changes" /> : null}
        {diff ? <Details diff={diff} /> : null}
      </div>
    </aside>
  );
}

function Details({ diff }: { diff: JourneyDiff }) {
  const selected = useCompareStore((s) => s.selected);
  const oldDoc = useCompareStore((s) => s.oldDoc);
  const nextDoc = useCompareStore((s) => s.nextDoc);
  const old = useCompareStore((s) => s.old);
  const next = useCompareStore((s) => s.next);
  if (!oldDoc || !nextDoc || old === null || next === null) return null;
  if (!selected) {
    return (
      <section className="wm-compare-details" data-testid="compare-details">
        <h3 className="wm-compare-details__title">Journey settings</h3>
        {diff.settings.length === 0 ? <p className="wm-muted">No setting changed. Select a step to see what changed in it.</p> : <SettingRows settings={diff.settings} />}
      </section>
    );
  }
  const before = oldDoc.nodes.find((n) => n.id === selected);
  const after = nextDoc.nodes.find((n) => n.id === selected);
  const node = after ?? before;
  if (!node) return null;
  const nodeDiff = diff.nodes.find((n) => n.id === selected);
  const mark = nodeMarks(diff).get(selected);
  const icon = node.kind === 'message' && node.channel ? CHANNEL_ICON[node.channel] : KIND_ICON[node.kind];
  const fields = nodeDiff?.fields ?? [];
  return (
    <section className="wm-compare-details" data-testid={`compare-details-${selected}`}>
      <header className={`wm-inspector__head wm-kind-${node.kind}`}>
        <span className="wm-node__icon">
          <Icon name={icon} size={16} />
        </span>
        <div className="wm-compare-details__name">
          <div className="wm-inspector__title">{nodeTitle(node)}</div>
          <div className="wm-inspector__desc">
            {kindInfo(node.kind).title} · <code>{node.id}</code>
          </div>
        </div>
        {mark ? <span className={`wm-diff-badge is-${mark} is-inline`}>{MARK_LABEL[mark]}</span> : null}
      </header>
      {!nodeDiff ? <p className="wm-muted">This step is the same in {sideLabel(old)} and {sideLabel(next)}.</p> : null}
      {nodeDiff?.change === 'added' && after ? <WholeStep node={after} words={`New in ${sideLabel(next)}`} /> : null}
      {nodeDiff?.change === 'removed' && before ? <WholeStep node={before} words={`Only in ${sideLabel(old)}; drawn where it was`} /> : null}
      {fields.length > 0 ? (
        <table className="wm-field-changes" data-testid="compare-fields">
          <thead>
            <tr>
              <th>Field</th>
              <th>{sideLabel(old)}</th>
              <th aria-label="becomes" />
              <th>{sideLabel(next)}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <FieldRow key={f.path} field={f} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function WholeStep({ node, words }: { node: Node; words: string }) {
  return (
    <p className="wm-compare-details__whole">
      <span className="wm-muted">{words}:</span> {nodeSummary(node)}
    </p>
  );
}

function FieldRow({ field }: { field: FieldChange | SettingChange }) {
  const label = field.path === 'position' ? 'place on the canvas' : fieldLabel(field.path);
  const text = (v: FieldChange['old']) => (field.path === 'position' && v && typeof v === 'object' && !Array.isArray(v) ? `x ${String(v.x)}, y ${String(v.y)}` : valueText(field.path, v));
  return (
    <tr className={`is-${field.impact}`} data-testid={`compare-field-${field.path}`}>
      <th scope="row" title={field.path}>
        {label}
      </th>
      <td className="wm-field-changes__old">{text(field.old)}</td>
      <td className="wm-field-changes__arrow" aria-hidden="true">
        →
      </td>
      <td className="wm-field-changes__new">{text(field.new)}</td>
    </tr>
  );
}

function SettingRows({ settings }: { settings: SettingChange[] }) {
  return (
    <table className="wm-field-changes" data-testid="compare-settings">
      <tbody>
        {settings.map((s) => (
          <FieldRow key={s.path} field={{ ...s, path: s.path.replace(/^settings\./, '') }} />
        ))}
      </tbody>
    </table>
  );
}
