//! A diff in words: the core's sentences, the changes that reach customers first and the cosmetic
//! ones after, each with the mark of the step it is about. Compare mode's changes list (where a
//! row shows its step on the canvas), the commit dialog and the publish confirmation use it.

import type { Sentence } from '../bindings';
import { MARK_LABEL, sentenceGroups, type NodeMark } from '../compare';

/**
 * The colour of a sentence's dot: its step's mark; a connection for a sentence about a step the
 * diff does not otherwise name (only its ports were rewired); a setting, or a layout move, for a
 * sentence about no step.
 */
function dotKind(s: Sentence, marks: ReadonlyMap<string, NodeMark> | undefined): string {
  if (s.node) return marks?.get(s.node) ?? 'rewired';
  return s.impact === 'behavioural' ? 'setting' : 'moved';
}

export function ChangeList({
  sentences,
  marks,
  selected,
  onFocus,
  testId,
}: {
  sentences: readonly Sentence[];
  /** The mark of each step the diff names, for the dot before its sentences. */
  marks?: ReadonlyMap<string, NodeMark>;
  selected?: string | null;
  /** Shows a sentence's step; rows without a step are not buttons. */
  onFocus?: (node: string) => void;
  testId?: string;
}) {
  const groups = sentenceGroups(sentences);
  let index = 0;
  const rows = (list: Sentence[]) =>
    list.map((s) => {
      const i = index++;
      const dot = <span className={`wm-change__dot is-${dotKind(s, marks)}`} title={s.node && marks?.get(s.node) ? MARK_LABEL[marks.get(s.node)!] : undefined} aria-hidden="true" />;
      const classes = `wm-change${s.node && s.node === selected ? ' is-selected' : ''}`;
      if (onFocus && s.node) {
        const node = s.node;
        return (
          <li key={i}>
            <button type="button" className={`${classes} is-link`} onClick={() => onFocus(node)} title="Show this step on the canvas" data-testid={`change-${i}`} data-node={node}>
              {dot}
              <span className="wm-change__text">{s.text}</span>
            </button>
          </li>
        );
      }
      return (
        <li key={i} className={classes} data-testid={`change-${i}`}>
          {dot}
          <span className="wm-change__text">{s.text}</span>
        </li>
      );
    });
  return (
    <div className="wm-changes" data-testid={testId}>
      {groups.behavioural.length > 0 ? (
        <section className="wm-changes__group">
          <h4 className="wm-changes__title">
            What customers get <span className="wm-changes__count">{groups.behavioural.length}</span>
          </h4>
          <ul className="wm-changes__list">{rows(groups.behavioural)}</ul>
        </section>
      ) : null}
      {groups.cosmetic.length > 0 ? (
        <section className="wm-changes__group">
          <h4 className="wm-changes__title">
            Labels and layout <span className="wm-changes__count">{groups.cosmetic.length}</span>
          </h4>
          <ul className="wm-changes__list">{rows(groups.cosmetic)}</ul>
        </section>
      ) : null}
    </div>
  );
}
