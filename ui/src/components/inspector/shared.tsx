//! What the inspector's forms share: the typed node and edit each form gets, the time-zone
//! suggestions, the blank condition a new filter starts from, and the move / remove buttons of a
//! list item.

import type { Condition, Node } from '../../bindings';
import { IconButton } from '../fields';

/** The node of one kind, as its form receives it. */
export type NodeOf<K extends Node['kind']> = Extract<Node, { kind: K }>;
/** A document edit of one node; `key` folds typing into one field into one undo step. */
export type Edit<N> = (update: (node: N) => N, key?: string) => void;

export const DEFAULT_CONDITION: Condition = { attr: '', op: 'eq', value: '' };

const TIMEZONES = ['customer', 'UTC', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];

/** The suggestions of every time-zone field (`list="wm-timezones"`). */
export function TimezoneList() {
  return (
    <datalist id="wm-timezones">
      {TIMEZONES.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}

export function ListTools({ i, count, onMove, onRemove, testId, canRemove = true }: { i: number; count: number; onMove: (delta: number) => void; onRemove: () => void; testId: string; canRemove?: boolean }) {
  return (
    <div className="wm-list-tools">
      <IconButton icon="up" label="Move up" disabled={i === 0} onClick={() => onMove(-1)} testId={`${testId}-up`} />
      <IconButton icon="down" label="Move down" disabled={i === count - 1} onClick={() => onMove(1)} testId={`${testId}-down`} />
      <IconButton icon="trash" label="Remove" tone="danger" disabled={!canRemove} onClick={onRemove} testId={`${testId}-remove`} />
    </div>
  );
}
