//! The split step's form: random paths by weight, with holdouts, and whether the weights sum to 100.

import { splitWeightsProblem } from '../../core';
import { evenWeights, freshPortName } from '../../forms';
import { namedPorts } from '../../kinds';
import { Checkbox, IconButton, NumberField, PortNameField, Section, setOptional } from '../fields';
import { Icon } from '../icons';
import type { Edit, NodeOf } from './shared';

export function SplitForm({ node, edit }: { node: NodeOf<'split'>; edit: Edit<NodeOf<'split'>> }) {
  const paths = node.paths;
  const ports = namedPorts(node);
  const problem = splitWeightsProblem(paths);
  const setPaths = (next: typeof paths, key?: string) => edit((n) => ({ ...n, paths: next }), key);
  const nextName = () => {
    for (const c of 'abcdefghijklmnopqrstuvwxyz') if (!ports.includes(c)) return c;
    return freshPortName('path', ports);
  };
  return (
    <Section
      title="Paths"
      actions={
        <button type="button" className="wm-link-btn" data-testid="inspector-add-path" onClick={() => setPaths([...paths, { port: nextName(), weight: 0 }])}>
          <Icon name="plus" size={12} /> Add path
        </button>
      }
    >
      <p className="wm-muted">Each customer is assigned a path at random, by weight, and keeps it.</p>
      <div className="wm-table wm-table--split">
        <div className="wm-table__head">
          <span>Port</span>
          <span>Weight</span>
          <span>Holdout</span>
          <span />
        </div>
        {paths.map((p, i) => (
          <div className="wm-table__row" key={i}>
            <PortNameField value={p.port} others={ports.filter((_, j) => j !== i)} testId={`inspector-path-${i}-port`} onCommit={(port) => setPaths(paths.map((x, j) => (j === i ? { ...x, port } : x)), `path-port-${i}`)} />
            <NumberField compact value={p.weight} suffix="%" rules={{ min: 0 }} testId={`inspector-path-${i}-weight`} onCommit={(weight) => setPaths(paths.map((x, j) => (j === i ? { ...x, weight } : x)), `path-weight-${i}`)} />
            <Checkbox label="" checked={!!p.holdout} testId={`inspector-path-${i}-holdout`} hint="A control group: customers on this path receive nothing." onChange={(on) => setPaths(paths.map((x, j) => (j === i ? setOptional(x, 'holdout', on ? true : undefined) : x)))} />
            <IconButton icon="trash" label="Remove path" tone="danger" onClick={() => setPaths(paths.filter((_, j) => j !== i))} testId={`inspector-path-${i}-remove`} />
          </div>
        ))}
      </div>
      <div className={`wm-sum${problem ? ' is-bad' : ''}`} data-testid="split-weights">
        {problem ? (
          <>
            <Icon name="warning" size={13} /> <span data-testid="split-weights-problem">{problem}</span>
            <button type="button" className="wm-link-btn" onClick={() => setPaths(paths.map((p, i) => ({ ...p, weight: evenWeights(paths.length)[i] })))}>
              Split evenly
            </button>
          </>
        ) : (
          <>
            <Icon name="check" size={13} /> Weights sum to 100
          </>
        )}
      </div>
    </Section>
  );
}
