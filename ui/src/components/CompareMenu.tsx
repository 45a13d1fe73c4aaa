//! "Compare with…" on a version in the history drawer: the draft or any other version, picked from
//! a small menu, opens compare mode on the two.

import { useEffect, useRef, useState } from 'react';
import { sideLabel, type Side } from '../compare';
import { useCompareStore } from '../compareStore';
import { statusTitle } from '../core';
import { useEditorStore } from '../store';
import { Icon } from './icons';

export function CompareMenu({ number }: { number: number }) {
  const versions = useEditorStore((s) => s.versions);
  const open = useCompareStore((s) => s.open);
  const [shown, setShown] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!shown) return;
    const close = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setShown(false);
    };
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && setShown(false);
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', escape);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', escape);
    };
  }, [shown]);

  const others: { side: Side; text: string }[] = [
    { side: 'draft', text: 'the draft' },
    ...[...versions]
      .reverse()
      .filter((v) => v.number !== number)
      .map((v) => ({ side: v.number as Side, text: v.status === 'draft' ? `version ${v.number}` : `version ${v.number} · ${statusTitle(v.status).toLowerCase()}` })),
  ];

  return (
    <div className="wm-compare-menu" ref={box}>
      <button type="button" className="wm-link-btn" onClick={() => setShown(!shown)} aria-expanded={shown} title="Compare this version with the draft or another version" data-testid={`history-compare-${number}`}>
        Compare…
      </button>
      {shown ? (
        <div className="wm-menu wm-compare-menu__list" role="menu">
          <div className="wm-sim__menu-hint wm-muted">Compare v{number} with</div>
          {others.map((o) => (
            <button
              key={String(o.side)}
              type="button"
              role="menuitem"
              className="wm-menu__item"
              onClick={() => {
                setShown(false);
                void open(number, o.side);
              }}
              data-testid={`history-compare-${number}-with-${o.side}`}
            >
              <Icon name="history" size={13} /> {o.text}
              <span className="wm-muted wm-compare-menu__side">{sideLabel(o.side)}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
