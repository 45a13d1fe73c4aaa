//! Form primitives for the inspector. Text fields write through on every keystroke (the store
//! folds the keystrokes of one field into one undo step); fields that must parse (numbers,
//! durations, times, port names) keep what was typed locally and write only values that parse,
//! showing why not otherwise. Durations and port names are read by the core (`core.ts`).

import { useEffect, useId, useState, type ReactNode } from 'react';
import type { AmountUnit, DurationUnit } from '../bindings';
import { duration, durationText, portNameProblem, timeOfDayProblem } from '../core';
import { parseAmount, parseNumber, type NumberRules } from '../forms';
import { Icon, type IconName } from './icons';

export function Section({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="wm-section" data-testid={testId}>
      <header className="wm-section__head">
        <h3>{title}</h3>
        {actions ? <div className="wm-section__actions">{actions}</div> : null}
      </header>
      <div className="wm-section__body">{children}</div>
    </section>
  );
}

export function Field({ label, hint, error, children, htmlFor }: { label?: ReactNode; hint?: ReactNode; error?: string | null; children: ReactNode; htmlFor?: string }) {
  return (
    <div className={`wm-field${error ? ' has-error' : ''}`}>
      {label ? (
        <label className="wm-field__label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : null}
      {children}
      {error ? (
        <div className="wm-field__error" role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="wm-field__hint">{hint}</div>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  value,
  onChange,
  testId,
  placeholder,
  mono,
  multiline,
  rows,
  hint,
  error,
  list,
  readOnly,
}: {
  label?: ReactNode;
  value: string | null | undefined;
  onChange?: (value: string) => void;
  testId?: string;
  placeholder?: string;
  mono?: boolean;
  multiline?: boolean;
  rows?: number;
  hint?: ReactNode;
  error?: string | null;
  list?: string;
  readOnly?: boolean;
}) {
  const id = useId();
  const common = {
    id,
    value: value ?? '',
    placeholder,
    readOnly,
    'data-testid': testId,
    className: `wm-input${mono ? ' wm-input--mono' : ''}`,
    spellCheck: multiline ? true : false,
  };
  return (
    <Field label={label} hint={hint} error={error} htmlFor={id}>
      {multiline ? (
        <textarea {...common} rows={rows ?? 3} onChange={(e) => onChange?.(e.target.value)} />
      ) : (
        <input {...common} type="text" list={list} onChange={(e) => onChange?.(e.target.value)} />
      )}
    </Field>
  );
}

/** A number field that writes only numbers that follow `rules`. */
export function NumberField({
  label,
  value,
  onCommit,
  testId,
  rules,
  placeholder,
  suffix,
  hint,
  compact,
}: {
  label?: ReactNode;
  value: number | null | undefined;
  onCommit: (value: number) => void;
  testId?: string;
  rules?: NumberRules;
  placeholder?: string;
  suffix?: string;
  hint?: ReactNode;
  compact?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState(value === null || value === undefined ? '' : String(value));
  const parsed = parseNumber(text, rules);
  useEffect(() => {
    // Follow the document when it changes from elsewhere (undo, another field).
    setText((t) => {
      const p = parseNumber(t, rules);
      if (value === null || value === undefined) return p.ok ? '' : t;
      return p.ok && p.value === value ? t : String(value);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const error = text === '' && (value === null || value === undefined) ? null : parsed.ok ? null : parsed.reason;
  const input = (
    <div className={`wm-affix${compact ? ' wm-affix--compact' : ''}`}>
      <input
        id={id}
        className="wm-input wm-input--number"
        inputMode="decimal"
        value={text}
        placeholder={placeholder}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const p = parseNumber(e.target.value, rules);
          if (p.ok && p.value !== value) onCommit(p.value);
        }}
      />
      {suffix ? <span className="wm-affix__text">{suffix}</span> : null}
    </div>
  );
  if (compact) {
    return (
      <div className={`wm-compact${error ? ' has-error' : ''}`} title={error ?? undefined}>
        {input}
        {error ? <div className="wm-field__error">{error}</div> : null}
      </div>
    );
  }
  return (
    <Field label={label} error={error} hint={hint} htmlFor={id}>
      {input}
    </Field>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
  hint,
}: {
  label?: ReactNode;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  testId?: string;
  hint?: ReactNode;
}) {
  const id = useId();
  const select = (
    <select id={id} className="wm-input wm-select" value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as T)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  if (!label && !hint) return select;
  return (
    <Field label={label} hint={hint} htmlFor={id}>
      {select}
    </Field>
  );
}

export function Checkbox({ label, checked, onChange, testId, hint }: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; testId?: string; hint?: ReactNode }) {
  return (
    <label className="wm-check" title={typeof hint === 'string' ? hint : undefined}>
      <input type="checkbox" checked={checked} data-testid={testId} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** A row of toggle chips for a set of values (weekdays, channels). */
export function ChipToggles<T extends string>({
  options,
  selected,
  onChange,
  testIdPrefix,
  icons,
}: {
  options: readonly { value: T; label: string }[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  testIdPrefix?: string;
  icons?: Partial<Record<T, IconName>>;
}) {
  return (
    <div className="wm-chips" role="group">
      {options.map((o) => {
        const on = selected.includes(o.value);
        const icon = icons?.[o.value];
        return (
          <button
            key={o.value}
            type="button"
            className={`wm-chip${on ? ' is-on' : ''}`}
            aria-pressed={on}
            data-testid={testIdPrefix ? `${testIdPrefix}-${o.value}` : undefined}
            onClick={() => onChange(on ? selected.filter((v) => v !== o.value) : options.filter((x) => x.value === o.value || selected.includes(x.value)).map((x) => x.value))}
          >
            {icon ? <Icon name={icon} size={13} /> : null}
            {o.label}
          </button>
        );
      })}
    </div>
  );
}

const UNIT_LABEL: Record<DurationUnit, string> = { minutes: 'minutes', hours: 'hours', days: 'days', weeks: 'weeks' };
const UNITS = Object.keys(UNIT_LABEL) as DurationUnit[];

/** The amount and unit a form shows for ISO text, or `null` when only the text can show it. */
function amountUnit(text: string): AmountUnit | null {
  const facts = duration(text);
  return 'ok' in facts ? facts.ok.amount_unit : null;
}

/**
 * An ISO 8601 duration as a number and a unit (`3` `days` is `P3D`). Durations the units cannot
 * show exactly (months, seconds) are edited as ISO text. `signed` adds before/after for offsets.
 */
export function DurationField({
  label,
  value,
  onChange,
  testId,
  signed,
  hint,
}: {
  label?: ReactNode;
  value: string | null | undefined;
  onChange: (iso: string) => void;
  testId: string;
  signed?: boolean;
  hint?: ReactNode;
}) {
  const parts: AmountUnit | null = value ? amountUnit(value) : { amount: 1, unit: 'days', negative: false };
  const [custom, setCustom] = useState(parts === null);
  const [amountText, setAmountText] = useState(parts ? String(parts.amount) : '');
  const [unit, setUnit] = useState<DurationUnit>(parts?.unit ?? 'days');
  const [negative, setNegative] = useState(parts?.negative ?? false);
  const [rawText, setRawText] = useState(value ?? '');

  useEffect(() => {
    const p = value ? amountUnit(value) : null;
    setRawText(value ?? '');
    if (!p) {
      if (value) setCustom(true);
      return;
    }
    setCustom(false);
    setUnit(p.unit);
    setNegative(p.negative);
    setAmountText((t) => {
      const a = parseAmount(t);
      return a.ok && a.value === p.amount ? t : String(p.amount);
    });
  }, [value]);

  const amount = parseAmount(amountText);
  const write = (a: number, u: DurationUnit, neg: boolean) => {
    const iso = durationText(a, u, neg);
    if (iso !== value) onChange(iso);
  };

  if (custom) {
    const parsed = duration(rawText);
    return (
      <Field label={label} hint={hint ?? 'ISO 8601, e.g. P1M or PT90S'} error={'ok' in parsed ? null : `Not an ISO 8601 duration: ${parsed.error}.`}>
        <div className="wm-row">
          <input
            className="wm-input wm-input--mono"
            value={rawText}
            data-testid={`${testId}-custom`}
            onChange={(e) => {
              setRawText(e.target.value);
              if ('ok' in duration(e.target.value) && e.target.value !== value) onChange(e.target.value);
            }}
          />
          <button
            type="button"
            className="wm-btn wm-btn--small"
            title="Edit as a number and a unit"
            onClick={() => {
              setCustom(false);
              write(1, 'days', false);
            }}
          >
            Simple
          </button>
        </div>
      </Field>
    );
  }

  return (
    <Field label={label} hint={hint} error={amount.ok ? null : amount.reason}>
      <div className="wm-row wm-duration">
        {signed ? (
          <select
            className="wm-input wm-select wm-duration__sign"
            value={negative ? 'before' : 'after'}
            data-testid={`${testId}-sign`}
            onChange={(e) => {
              const neg = e.target.value === 'before';
              setNegative(neg);
              if (amount.ok) write(amount.value, unit, neg);
            }}
          >
            <option value="after">after</option>
            <option value="before">before</option>
          </select>
        ) : null}
        <input
          className="wm-input wm-input--number wm-duration__amount"
          inputMode="numeric"
          value={amountText}
          data-testid={`${testId}-amount`}
          aria-invalid={amount.ok ? undefined : true}
          onChange={(e) => {
            setAmountText(e.target.value);
            const a = parseAmount(e.target.value);
            if (a.ok) write(a.value, unit, negative);
          }}
        />
        <select
          className="wm-input wm-select wm-duration__unit"
          value={unit}
          data-testid={`${testId}-unit`}
          onChange={(e) => {
            const u = e.target.value as DurationUnit;
            setUnit(u);
            if (amount.ok) write(amount.value, u, negative);
          }}
        >
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {UNIT_LABEL[u]}
            </option>
          ))}
        </select>
      </div>
    </Field>
  );
}

/** A text field that writes only text `check` accepts (returns `null` for), showing why not otherwise. */
export function CheckedTextField({
  label,
  value,
  onChange,
  check,
  testId,
  hint,
  placeholder,
}: {
  label?: ReactNode;
  value: string | null | undefined;
  onChange: (text: string) => void;
  check: (text: string) => string | null;
  testId?: string;
  hint?: ReactNode;
  placeholder?: string;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText((t) => (t === value ? t : (value ?? ''))), [value]);
  const error = text === (value ?? '') && text === '' ? null : check(text);
  return (
    <Field label={label} error={error} hint={hint}>
      <input
        className="wm-input wm-input--mono"
        value={text}
        placeholder={placeholder}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (!check(e.target.value) && e.target.value !== value) onChange(e.target.value);
        }}
      />
    </Field>
  );
}

/** A 24-hour `HH:MM` time; writes only valid times. */
export function TimeField({ label, value, onChange, testId, hint }: { label?: ReactNode; value: string | null | undefined; onChange: (time: string) => void; testId?: string; hint?: ReactNode }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText((t) => (t === value ? t : (value ?? ''))), [value]);
  const error = text === '' ? null : timeOfDayProblem(text);
  return (
    <Field label={label} error={error} hint={hint}>
      <input
        className="wm-input wm-input--mono wm-input--time"
        value={text}
        placeholder="09:00"
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (!timeOfDayProblem(e.target.value) && e.target.value !== value) onChange(e.target.value);
        }}
      />
    </Field>
  );
}

/** The name of a case, event or path: its output port. Writes only names the core accepts beside the node's others. */
export function PortNameField({ value, others, onCommit, testId, label }: { value: string; others: readonly string[]; onCommit: (name: string) => void; testId?: string; label?: ReactNode }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const problem = text === value ? null : portNameProblem(text, others);
  return (
    <Field label={label} error={problem}>
      <input
        className="wm-input wm-input--mono"
        value={text}
        data-testid={testId}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (!portNameProblem(e.target.value, others)) onCommit(e.target.value);
        }}
        onBlur={() => setText(value)}
      />
    </Field>
  );
}

export function IconButton({ icon, label, onClick, testId, disabled, tone }: { icon: IconName; label: string; onClick: () => void; testId?: string; disabled?: boolean; tone?: 'danger' }) {
  return (
    <button type="button" className={`wm-icon-btn${tone === 'danger' ? ' wm-icon-btn--danger' : ''}`} title={label} aria-label={label} onClick={onClick} data-testid={testId} disabled={disabled}>
      <Icon name={icon} size={14} />
    </button>
  );
}

/** Returns a copy of `list` with item `i` moved by `delta`. */
export function moveItem<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return [...list];
  const copy = [...list];
  [copy[i], copy[j]] = [copy[j], copy[i]];
  return copy;
}

/** Returns a copy of `obj` with `key` set to `value`, or without `key` when `value` is empty. */
export function setOptional<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | '' | null | undefined): T {
  const copy = { ...obj };
  if (value === '' || value === null || value === undefined) delete copy[key];
  else copy[key] = value as T[K];
  return copy;
}
