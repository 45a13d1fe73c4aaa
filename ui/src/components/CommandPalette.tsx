//! The command palette (Ctrl+K): type to filter the commands, the journeys and the open journey's
//! steps; arrows to choose, Enter to run.

import { useEffect, useMemo, useRef, useState } from 'react';
import { useEditorStore } from '../store';
import { paletteMatches, useCommands } from './commands';
import { Icon } from './icons';

export function CommandPalette() {
  const open = useEditorStore((s) => s.paletteOpen);
  if (!open) return null;
  return <PaletteBody />;
}

function PaletteBody() {
  const setOpen = useEditorStore((s) => s.setPaletteOpen);
  const commands = useCommands();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const shown = useMemo(() => {
    return paletteMatches(commands, query);
  }, [commands, query]);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => setIndex(0), [query]);
  const run = (i: number) => {
    const c = shown[i];
    if (!c) return;
    setOpen(false);
    c.run();
  };
  return (
    <div className="wm-modal-backdrop wm-modal-backdrop--top" onPointerDown={(e) => e.target === e.currentTarget && setOpen(false)}>
      <div className="wm-palette-dialog" role="dialog" aria-label="Command palette" data-testid="command-palette">
        <div className="wm-palette-dialog__search">
          <Icon name="search" size={16} />
          <input
            ref={input}
            value={query}
            placeholder="Type a command, a journey or a step…"
            data-testid="command-palette-input"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setIndex((i) => Math.min(shown.length - 1, i + 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setIndex((i) => Math.max(0, i - 1));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                run(index);
              } else if (e.key === 'Escape') {
                e.preventDefault();
                setOpen(false);
              }
            }}
          />
        </div>
        <ul className="wm-palette-dialog__list" role="listbox">
          {shown.length === 0 ? <li className="wm-muted wm-palette-dialog__empty">Nothing matches.</li> : null}
          {shown.map((c, i) => (
            <li
              key={c.id}
              role="option"
              aria-selected={i === index}
              className={`wm-palette-dialog__item${i === index ? ' is-active' : ''}`}
              data-testid={`command-${c.id}`}
              onPointerMove={() => setIndex(i)}
              onClick={() => run(i)}
            >
              {c.icon ? <Icon name={c.icon} size={15} /> : <span />}
              <span className="wm-palette-dialog__title">{c.title}</span>
              {c.shortcut ? <kbd>{c.shortcut}</kbd> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
