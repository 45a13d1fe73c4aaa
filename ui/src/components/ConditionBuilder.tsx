//! The condition builder: attribute, event and engagement rows, combined in nested all / any / not
//! groups, edited as forms and written as the structured `Condition` the Rust core reads. Event and
//! attribute names are picked from the workspace catalog (`NamePicker`); messages by their label.

import { useEffect, useState } from 'react';
import type { AttributeCondition, Condition, Engagement, EventCondition, JsonValue, Operator } from '../bindings';
import { OPERATORS, U32_MAX, operatorTakesList, operatorTakesValue, parseValue, valueText, valueTypeOf, type ValueType } from '../forms';
import type { MessageOption } from '../catalog';
import { Checkbox, DurationField, IconButton, moveItem, NumberField, setOptional } from './fields';
import { Icon } from './icons';
import { MessagePicker, NamePicker } from './NamePicker';

export interface ConditionContext {
  /** The journey's message steps, by label, for engagement rows. */
  messages: readonly MessageOption[];
}

type Leaf = AttributeCondition | EventCondition | Extract<Condition, { message: string }>;
type GroupMode = 'all' | 'any' | 'not';
type LeafKind = 'attr' | 'event' | 'message';

function isGroup(c: Condition): c is Extract<Condition, { all: Condition[] }> | Extract<Condition, { any: Condition[] }> | Extract<Condition, { not: Condition }> {
  return 'all' in c || 'any' in c || 'not' in c;
}

function leafKind(c: Leaf): LeafKind {
  if ('attr' in c) return 'attr';
  if ('event' in c) return 'event';
  return 'message';
}

function newLeaf(kind: LeafKind, ctx: ConditionContext): Condition {
  switch (kind) {
    case 'attr':
      return { attr: '', op: 'eq', value: '' };
    case 'event':
      return { event: '' };
    case 'message':
      return { message: ctx.messages[0]?.id ?? '', engaged: 'opened' };
  }
}

function groupMode(c: Condition): GroupMode {
  return 'all' in c ? 'all' : 'any' in c ? 'any' : 'not';
}

function groupChildren(c: Condition): Condition[] {
  if ('all' in c) return c.all;
  if ('any' in c) return c.any;
  if ('not' in c) return [c.not];
  return [c];
}

function makeGroup(mode: GroupMode, children: Condition[]): Condition {
  if (mode === 'all') return { all: children };
  if (mode === 'any') return { any: children };
  return { not: children.length === 1 ? children[0] : { all: children } };
}

/** Edits one condition; at the top level a single row can be widened into an all/any group. */
export function ConditionBuilder({ value, onChange, ctx, testId }: { value: Condition; onChange: (c: Condition) => void; ctx: ConditionContext; testId: string }) {
  return (
    <div className="wm-cond" data-testid={testId}>
      {isGroup(value) ? (
        <GroupEditor value={value} onChange={onChange} ctx={ctx} testId={testId} depth={0} />
      ) : (
        <>
          <LeafEditor value={value as Leaf} onChange={onChange} ctx={ctx} testId={testId} />
          <div className="wm-cond__add">
            <button type="button" className="wm-link-btn" data-testid={`${testId}-and`} onClick={() => onChange({ all: [value, newLeaf('attr', ctx)] })}>
              <Icon name="plus" size={12} /> And
            </button>
            <button type="button" className="wm-link-btn" data-testid={`${testId}-or`} onClick={() => onChange({ any: [value, newLeaf('attr', ctx)] })}>
              <Icon name="plus" size={12} /> Or
            </button>
            <button type="button" className="wm-link-btn" data-testid={`${testId}-negate`} onClick={() => onChange({ not: value })}>
              Not
            </button>
          </div>
        </>
      )}
    </div>
  );
}

function GroupEditor({ value, onChange, ctx, testId, depth }: { value: Condition; onChange: (c: Condition) => void; ctx: ConditionContext; testId: string; depth: number }) {
  const mode = groupMode(value);
  const children = groupChildren(value);
  const setChildren = (next: Condition[]) => onChange(makeGroup(mode, next));
  const add = (c: Condition) => {
    if (mode === 'not') onChange({ not: { all: [...children, c] } });
    else setChildren([...children, c]);
  };
  return (
    <div className={`wm-cond__group wm-cond__group--${mode}`} data-depth={depth}>
      <div className="wm-cond__group-head">
        <select
          className="wm-input wm-select wm-select--inline"
          value={mode}
          data-testid={`${testId}-mode`}
          onChange={(e) => {
            const next = e.target.value as GroupMode;
            if (next === 'not') onChange(makeGroup('not', children));
            else if (mode === 'not' && children.length === 1 && (('all' in children[0]) || ('any' in children[0]))) onChange(makeGroup(next, groupChildren(children[0])));
            else onChange(makeGroup(next, children));
          }}
        >
          <option value="all">All of these are true</option>
          <option value="any">Any of these is true</option>
          <option value="not">This is not true</option>
        </select>
        {children.length === 1 && mode !== 'not' ? (
          <button type="button" className="wm-link-btn" title="Remove the group, keep its condition" onClick={() => onChange(children[0])}>
            Ungroup
          </button>
        ) : null}
      </div>
      <ol className="wm-cond__list">
        {children.map((child, i) => (
          <li key={i} className="wm-cond__item">
            <div className="wm-cond__item-body">
              {isGroup(child) ? (
                <GroupEditor value={child} onChange={(c) => setChildren(children.map((x, j) => (j === i ? c : x)))} ctx={ctx} testId={`${testId}-${i}`} depth={depth + 1} />
              ) : (
                <LeafEditor value={child as Leaf} onChange={(c) => setChildren(children.map((x, j) => (j === i ? c : x)))} ctx={ctx} testId={`${testId}-${i}`} />
              )}
            </div>
            {mode !== 'not' ? (
              <div className="wm-cond__item-tools">
                <IconButton icon="up" label="Move up" disabled={i === 0} onClick={() => setChildren(moveItem(children, i, -1))} />
                <IconButton icon="down" label="Move down" disabled={i === children.length - 1} onClick={() => setChildren(moveItem(children, i, 1))} />
                <IconButton icon="x" label="Remove" tone="danger" testId={`${testId}-${i}-remove`} disabled={children.length <= 1 && depth === 0} onClick={() => setChildren(children.filter((_, j) => j !== i))} />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="wm-cond__add">
        <button type="button" className="wm-link-btn" data-testid={`${testId}-add-attr`} onClick={() => add(newLeaf('attr', ctx))}>
          <Icon name="plus" size={12} /> Attribute
        </button>
        <button type="button" className="wm-link-btn" data-testid={`${testId}-add-event`} onClick={() => add(newLeaf('event', ctx))}>
          <Icon name="plus" size={12} /> Event
        </button>
        <button type="button" className="wm-link-btn" data-testid={`${testId}-add-engagement`} onClick={() => add(newLeaf('message', ctx))}>
          <Icon name="plus" size={12} /> Engagement
        </button>
        {depth < 3 ? (
          <button type="button" className="wm-link-btn" data-testid={`${testId}-add-group`} onClick={() => add({ any: [newLeaf('attr', ctx)] })}>
            <Icon name="plus" size={12} /> Group
          </button>
        ) : null}
      </div>
    </div>
  );
}

function LeafEditor({ value, onChange, ctx, testId }: { value: Leaf; onChange: (c: Condition) => void; ctx: ConditionContext; testId: string }) {
  const kind = leafKind(value);
  return (
    <div className={`wm-cond__leaf wm-cond__leaf--${kind}`}>
      <select
        className="wm-input wm-select wm-cond__kind"
        value={kind}
        data-testid={`${testId}-type`}
        onChange={(e) => onChange(newLeaf(e.target.value as LeafKind, ctx))}
        aria-label="Condition type"
      >
        <option value="attr">Attribute</option>
        <option value="event">Did event</option>
        <option value="message">Engaged with</option>
      </select>
      {kind === 'attr' ? <AttributeRow value={value as AttributeCondition} onChange={onChange} testId={testId} /> : null}
      {kind === 'event' ? <EventRow value={value as EventCondition} onChange={onChange} testId={testId} /> : null}
      {kind === 'message' ? <EngagementRow value={value as Extract<Condition, { message: string }>} onChange={onChange} ctx={ctx} testId={testId} /> : null}
    </div>
  );
}

function AttributeRow({ value, onChange, testId }: { value: AttributeCondition; onChange: (c: Condition) => void; testId: string }) {
  const setOp = (op: Operator) => {
    let next: AttributeCondition = { ...value, op };
    if (!operatorTakesValue(op)) next = setOptional(next, 'value', undefined);
    else if (operatorTakesList(op) && !Array.isArray(value.value)) next = { ...next, value: value.value === undefined || value.value === null || value.value === '' ? [] : [value.value] };
    else if (!operatorTakesList(op) && Array.isArray(value.value)) next = { ...next, value: value.value[0] ?? '' };
    else if (value.value === undefined) next = { ...next, value: '' };
    onChange(next);
  };
  return (
    <div className="wm-cond__fields">
      <div className="wm-cond__attr">
        <NamePicker compact kind="attribute" value={value.attr} testId={`${testId}-attr`} onChange={(attr) => onChange({ ...value, attr })} />
      </div>
      <select className="wm-input wm-select wm-cond__op" value={value.op} data-testid={`${testId}-op`} onChange={(e) => setOp(e.target.value as Operator)} aria-label="Operator">
        {OPERATORS.map((o) => (
          <option key={o.op} value={o.op}>
            {o.label}
          </option>
        ))}
      </select>
      {operatorTakesValue(value.op) ? <ValueEditor value={value.value} list={operatorTakesList(value.op)} onChange={(v) => onChange({ ...value, value: v })} testId={`${testId}-value`} /> : null}
    </div>
  );
}

/** A typed value: text, number, true/false, or a comma-separated list. */
export function ValueEditor({ value, list, onChange, testId }: { value: JsonValue | null | undefined; list: boolean; onChange: (v: JsonValue) => void; testId: string }) {
  const [state, setState] = useState<{ type: ValueType; text: string }>({ type: list ? 'list' : valueTypeOf(value), text: valueText(value) });
  useEffect(() => {
    // Follow the document when it changes from elsewhere (undo, an operator change); keep what
    // is being typed when it already means the document's value.
    setState((s) => {
      const type = list ? 'list' : s.type === 'list' ? valueTypeOf(value) : s.type;
      const p = parseValue(s.text, type);
      if (p.ok && JSON.stringify(p.value) === JSON.stringify(value ?? null)) return type === s.type ? s : { ...s, type };
      return { type: list ? 'list' : valueTypeOf(value), text: valueText(value) };
    });
  }, [value, list]);
  const { type, text } = state;
  const setType = (t: ValueType) => setState((s) => ({ ...s, type: t }));
  const setText = (t: string) => setState((s) => ({ ...s, text: t }));
  const parsed = parseValue(text, type);
  const error = parsed.ok ? null : parsed.reason;
  const commit = (t: string, ty: ValueType) => {
    const p = parseValue(t, ty);
    if (p.ok && JSON.stringify(p.value) !== JSON.stringify(value)) onChange(p.value);
  };
  return (
    <div className={`wm-cond__value${error ? ' has-error' : ''}`}>
      {!list ? (
        <select
          className="wm-input wm-select wm-cond__vtype"
          value={type}
          data-testid={`${testId}-type`}
          aria-label="Value type"
          onChange={(e) => {
            const ty = e.target.value as ValueType;
            setType(ty);
            const t = ty === 'boolean' ? (text === 'false' ? 'false' : 'true') : text;
            setText(t);
            commit(t, ty);
          }}
        >
          <option value="text">text</option>
          <option value="number">number</option>
          <option value="boolean">yes/no</option>
        </select>
      ) : null}
      {type === 'boolean' ? (
        <select
          className="wm-input wm-select"
          value={text === 'false' ? 'false' : 'true'}
          data-testid={testId}
          onChange={(e) => {
            setText(e.target.value);
            commit(e.target.value, 'boolean');
          }}
        >
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <input
          className={`wm-input${type === 'number' ? ' wm-input--number' : ''}`}
          value={text}
          placeholder={list ? 'a, b, c' : type === 'number' ? '0' : 'value'}
          data-testid={testId}
          aria-label="Value"
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            commit(e.target.value, type);
          }}
        />
      )}
      {error ? <div className="wm-field__error">{error}</div> : null}
    </div>
  );
}

function EventRow({ value, onChange, testId }: { value: EventCondition; onChange: (c: Condition) => void; testId: string }) {
  const hasWithin = value.within !== undefined && value.within !== null;
  const hasCount = value.min_count !== undefined && value.min_count !== null;
  return (
    <div className="wm-cond__fields wm-cond__fields--stack">
      <NamePicker compact kind="event" value={value.event} testId={`${testId}-event`} onChange={(event) => onChange({ ...value, event })} />
      <div className="wm-cond__opts">
        <Checkbox label="within" checked={hasWithin} testId={`${testId}-within-on`} onChange={(on) => onChange(setOptional(value, 'within', on ? 'P7D' : undefined))} />
        {hasWithin ? <DurationField value={value.within} onChange={(iso) => onChange({ ...value, within: iso })} testId={`${testId}-within`} /> : null}
      </div>
      <div className="wm-cond__opts">
        <Checkbox label="at least" checked={hasCount} testId={`${testId}-count-on`} onChange={(on) => onChange(setOptional(value, 'min_count', on ? 2 : undefined))} />
        {hasCount ? <NumberField compact value={value.min_count} rules={{ integer: true, min: 1, max: U32_MAX }} suffix="times" testId={`${testId}-count`} onCommit={(n) => onChange({ ...value, min_count: n })} /> : null}
      </div>
    </div>
  );
}

const ENGAGEMENTS: readonly Engagement[] = ['delivered', 'opened', 'clicked'];

function EngagementRow({ value, onChange, ctx, testId }: { value: Extract<Condition, { message: string }>; onChange: (c: Condition) => void; ctx: ConditionContext; testId: string }) {
  return (
    <div className="wm-cond__fields">
      <select className="wm-input wm-select" value={value.engaged} data-testid={`${testId}-engaged`} onChange={(e) => onChange({ ...value, engaged: e.target.value as Engagement })} aria-label="Engagement">
        {ENGAGEMENTS.map((e) => (
          <option key={e} value={e}>
            {e}
          </option>
        ))}
      </select>
      <MessagePicker value={value.message} options={ctx.messages} testId={`${testId}-message`} onChange={(message) => onChange({ ...value, message })} />
    </div>
  );
}
