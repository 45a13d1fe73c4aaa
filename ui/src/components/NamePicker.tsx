//! A combobox for an event or attribute name: typing filters the workspace catalog (name, type,
//! description and where it comes from), the arrow keys and Enter pick, and any other name may
//! still be typed: validation then warns that the catalog does not know it, and the picker
//! offers to add it. Also the message picker, which lists message steps by their label.

import { useId, useMemo, useState, type ReactNode } from 'react';
import type { EntryKind } from '../bindings';
import { inCatalog, pickerOptions, type MessageOption, type PickerOption, messageText } from '../catalog';
import { useCatalogStore } from '../catalogStore';
import { Field } from './fields';

export function NamePicker({
  kind,
  value,
  onChange,
  testId,
  label,
  placeholder,
  compact,
}: {
  kind: EntryKind;
  value: string;
  onChange: (name: string) => void;
  testId: string;
  label?: ReactNode;
  placeholder?: string;
  /** Inside a condition row: no field frame, no note below. */
  compact?: boolean;
}) {
  const catalog = useCatalogStore((s) => s.catalog);
  const put = useCatalogStore((s) => s.put);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const options = useMemo(() => pickerOptions(catalog, kind, value), [catalog, kind, value]);
  const known = value.trim() === '' || inCatalog(catalog, kind, value);
  const pick = (option: PickerOption) => {
    onChange(option.name);
    setOpen(false);
  };
  const input = (
    <div className="wm-picker" data-testid={`${testId}-picker`}>
      <input
        className="wm-input wm-input--mono"
        role="combobox"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-label={typeof label === 'string' ? label : kind === 'event' ? 'Event' : 'Attribute'}
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        placeholder={placeholder ?? (kind === 'event' ? 'choose an event…' : 'choose an attribute…')}
        value={value}
        data-testid={testId}
        onFocus={() => (setOpen(true), setActive(0))}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, options.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === 'Enter' && open && options[active]) {
            e.preventDefault();
            pick(options[active]);
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {open && options.length > 0 ? (
        <ul className="wm-picker__list" role="listbox" id={listId} data-testid={`${testId}-options`}>
          {options.map((option, i) => (
            <li
              key={option.name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`wm-picker__option${i === active ? ' is-active' : ''}`}
              data-testid={`${testId}-option`}
              data-name={option.name}
              // Picking on mouse down keeps the input's focus, so its blur does not close the list first.
              onMouseDown={(e) => (e.preventDefault(), pick(option))}
              onMouseEnter={() => setActive(i)}
            >
              <span className="wm-picker__name">{option.name}</span>
              {option.type ? <span className="wm-picker__type">{option.type}</span> : null}
              {option.description ? <span className="wm-picker__description">{option.description}</span> : null}
              <span className="wm-picker__from">{option.from}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
  if (compact) return input;
  const note = known ? null : (
    <span data-testid={`${testId}-unknown`}>
      Not in the workspace catalog.{' '}
      <button type="button" className="wm-link-btn" data-testid={`${testId}-add-to-catalog`} onClick={() => void put({ kind, name: value, attribute_type: null, description: '' })}>
        Add “{value}” to the catalog
      </button>
    </span>
  );
  return (
    <Field label={label} hint={note}>
      {input}
    </Field>
  );
}

/** Picks a message step of the journey, shown by its label. */
export function MessagePicker({ value, options, onChange, testId }: { value: string; options: readonly MessageOption[]; onChange: (id: string) => void; testId: string }) {
  const known = options.some((o) => o.id === value);
  return (
    <select className="wm-input wm-select" value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)} aria-label="Message">
      {!known ? <option value={value}>{value ? `${value} (not a message of this journey)` : 'choose a message…'}</option> : null}
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {messageText(options, o)}
        </option>
      ))}
    </select>
  );
}
