//! The exit step's form: the outcome reports count customers by.

import { Section, setOptional, TextField } from '../fields';
import type { Edit, NodeOf } from './shared';

export function ExitForm({ node, edit }: { node: NodeOf<'exit'>; edit: Edit<NodeOf<'exit'>> }) {
  return (
    <Section title="Exit">
      <TextField label="Outcome" value={node.outcome} mono placeholder="optional, e.g. converted" testId="inspector-outcome" hint="Reports count customers per outcome." onChange={(v) => edit((n) => setOptional(n, 'outcome', v), 'outcome')} />
    </Section>
  );
}
