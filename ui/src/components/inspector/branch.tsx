//! The branch step's form: cases checked in order, each a port, a label and a condition, and the
//! else port for everyone else.

import { freshPortName } from '../../forms';
import { namedPorts } from '../../kinds';
import { ConditionBuilder, type ConditionContext } from '../ConditionBuilder';
import { Field, moveItem, PortNameField, Section, setOptional, TextField } from '../fields';
import { Icon } from '../icons';
import { DEFAULT_CONDITION, ListTools, type Edit, type NodeOf } from './shared';

export function BranchForm({ node, edit, ctx }: { node: NodeOf<'branch'>; edit: Edit<NodeOf<'branch'>>; ctx: ConditionContext }) {
  const cases = node.cases;
  const ports = namedPorts(node);
  const setCases = (next: typeof cases, key?: string) => edit((n) => ({ ...n, cases: next }), key);
  return (
    <Section
      title="Cases"
      actions={
        <button type="button" className="wm-link-btn" data-testid="inspector-add-case" onClick={() => setCases([...cases, { port: freshPortName('case', ports), when: { ...DEFAULT_CONDITION } }])}>
          <Icon name="plus" size={12} /> Add case
        </button>
      }
    >
      <p className="wm-muted">Checked in order; the first case that matches wins.</p>
      {cases.map((c, i) => (
        <div className="wm-card" key={i} data-testid={`inspector-case-${i}`}>
          <div className="wm-card__head">
            <span className="wm-card__title">
              <span className="wm-case-no">{i + 1}</span> {c.label || c.port}
            </span>
            <ListTools i={i} count={cases.length} onMove={(delta) => setCases(moveItem(cases, i, delta))} onRemove={() => setCases(cases.filter((_, j) => j !== i))} testId={`inspector-case-${i}`} />
          </div>
          <div className="wm-grid-2">
            <PortNameField label="Port" value={c.port} others={ports.filter((_, j) => j !== i)} testId={`inspector-case-${i}-port`} onCommit={(port) => setCases(cases.map((x, j) => (j === i ? { ...x, port } : x)), `case-port-${i}`)} />
            <TextField label="Label" value={c.label} placeholder="optional" testId={`inspector-case-${i}-label`} onChange={(label) => setCases(cases.map((x, j) => (j === i ? setOptional(x, 'label', label) : x)), `case-label-${i}`)} />
          </div>
          <Field label="When">
            <ConditionBuilder value={c.when} ctx={ctx} testId={`inspector-case-${i}-when`} onChange={(when) => setCases(cases.map((x, j) => (j === i ? { ...x, when } : x)), `case-when-${i}`)} />
          </Field>
        </div>
      ))}
      <div className="wm-else">
        <span className="wm-port-pill">else</span> Everyone who matches no case.
      </div>
    </Section>
  );
}
