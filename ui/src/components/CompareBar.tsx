//! The bar over the canvas in compare mode: which two sides are compared (either can be changed to
//! any version or the draft), the legend of the canvas's marks with their counts, the button that
//! opens the behavioural diff, and the way back to editing.

import { useMemo } from 'react';
import { changeCounts, isEmptyDiff, MARK_LABEL, parseSide, sideKey, sideLabel, type NodeMark, type Side } from '../compare';
import { useCompareStore } from '../compareStore';
import { statusTitle } from '../core';
import { useEditorStore } from '../store';
import { Icon } from './icons';

export function CompareBar() {
  const old = useCompareStore((s) => s.old);
  const next = useCompareStore((s) => s.next);
  const diff = useCompareStore((s) => s.diff);
  const loading = useCompareStore((s) => s.loading);
  const error = useCompareStore((s) => s.error);
  const open = useCompareStore((s) => s.open);
  const close = useCompareStore((s) => s.close);
  const behaviourOpen = useCompareStore((s) => s.behaviourOpen);
  const setBehaviourOpen = useCompareStore((s) => s.setBehaviourOpen);
  const counts = useMemo(() => (diff ? changeCounts(diff) : null), [diff]);
  if (old === null || next === null) return null;
  const legend: [NodeMark | 'rewired', number][] = counts
    ? [
        ['added', counts.added],
        ['changed', counts.changed],
        ['retyped', counts.retyped],
        ['removed', counts.removed],
        ['rewired', counts.connections],
        ['moved', counts.moved],
      ]
    : [];

  return (
    <div className="wm-banners wm-banners--compare">
      <div className="wm-banner wm-compare-bar" data-testid="compare-bar" role="region" aria-label="Comparison">
        <div className="wm-compare-bar__row">
          <Icon name="history" size={16} />
          <span className="wm-compare-bar__title">Compare</span>
          <SidePicker value={old} other={next} onChange={(side) => void open(side, next)} testId="compare-old" label="Older side" />
          <Icon name="chevron" size={14} />
          <SidePicker value={next} other={old} onChange={(side) => void open(old, side)} testId="compare-new" label="Newer side (drawn)" />
          <span className="wm-compare-bar__spacer" />
          <button
            type="button"
            className={`wm-btn wm-btn--small${behaviourOpen ? ' is-on' : ''}`}
            onClick={() => setBehaviourOpen(!behaviourOpen)}
            disabled={!diff}
            title="Simulate both on one population and see what changes for customers"
            data-testid="compare-behaviour"
          >
            <Icon name="users" size={13} /> For customers
          </button>
          <button type="button" className="wm-btn wm-btn--small wm-btn--primary" onClick={close} title="Leave compare mode and go back to editing (Esc)" data-testid="compare-exit">
            <Icon name="x" size={13} /> Exit compare
          </button>
        </div>
        <div className="wm-compare-bar__row wm-compare-bar__legend" data-testid="compare-legend">
          {loading ? <span className="wm-muted">Comparing…</span> : null}
          {error ? (
            <span className="wm-error-text" role="alert">
              {error}
            </span>
          ) : null}
          {!loading && diff && isEmptyDiff(diff) ? <span className="wm-muted">No differences: both are the same journey, drawn the same way.</span> : null}
          {!loading && diff && !isEmptyDiff(diff)
            ? legend.map(([mark, n]) => (
                <span key={mark} className={`wm-legend-chip is-${mark}${n === 0 ? ' is-none' : ''}`} data-testid={`compare-count-${mark}`}>
                  <span className="wm-legend-chip__swatch" aria-hidden="true" />
                  {n} {mark === 'rewired' ? (n === 1 ? 'connection' : 'connections') : MARK_LABEL[mark].toLowerCase()}
                </span>
              ))
            : null}
        </div>
      </div>
    </div>
  );
}

function SidePicker({ value, other, onChange, testId, label }: { value: Side; other: Side; onChange: (side: Side) => void; testId: string; label: string }) {
  const versions = useEditorStore((s) => s.versions);
  const journey = useEditorStore((s) => s.current?.id);
  const options: { side: Side; text: string }[] = [
    { side: 'draft', text: 'Draft (editing)' },
    ...[...versions]
      .filter((v) => v.journey === journey)
      .reverse()
      // A version's review status, except "draft", which would read like the draft being edited.
      .map((v) => ({ side: v.number as Side, text: v.status === 'draft' ? `v${v.number}` : `v${v.number} · ${statusTitle(v.status).toLowerCase()}` })),
  ];
  if (!options.some((o) => o.side === value)) options.push({ side: value, text: sideLabel(value) });
  return (
    <select className="wm-input wm-select wm-compare-bar__side" value={sideKey(value)} onChange={(e) => onChange(parseSide(e.target.value))} aria-label={label} data-testid={testId}>
      {options.map((o) => (
        <option key={sideKey(o.side)} value={sideKey(o.side)} disabled={o.side === other}>
          {o.text}
        </option>
      ))}
    </select>
  );
}
