//! The parallel step's form: the paths every customer goes down at the same time.

import { freshPortName } from '../../forms';
import { namedPorts } from '../../kinds';
import { moveItem, PortNameField, Section, setOptional, TextField } from '../fields';
import { Icon } from '../icons';
import { ListTools, type Edit, type NodeOf } from './shared';

export function ParallelForm({ node, edit }: { node: NodeOf<'parallel'>; edit: Edit<NodeOf<'parallel'>> }) {
  const paths = node.paths;
  const ports = namedPorts(node);
  const setPaths = (next: typeof paths, key?: string) => edit((n) => ({ ...n, paths: next }), key);
  return (
    <Section
      title="Paths"
      actions={
        <button type="button" className="wm-link-btn" data-testid="inspector-add-path" onClick={() => setPaths([...paths, { port: freshPortName('path', ports) }])}>
          <Icon name="plus" size={12} /> Add path
        </button>
      }
    >
      <p className="wm-muted">Every customer goes down all of these paths at the same time.</p>
      {paths.map((p, i) => (
        <div className="wm-card" key={i}>
          <div className="wm-card__head">
            <span className="wm-card__title">Path {i + 1}</span>
            <ListTools i={i} count={paths.length} onMove={(delta) => setPaths(moveItem(paths, i, delta))} onRemove={() => setPaths(paths.filter((_, j) => j !== i))} testId={`inspector-path-${i}`} />
          </div>
          <div className="wm-grid-2">
            <PortNameField label="Port" value={p.port} others={ports.filter((_, j) => j !== i)} testId={`inspector-path-${i}-port`} onCommit={(port) => setPaths(paths.map((x, j) => (j === i ? { ...x, port } : x)), `ppath-port-${i}`)} />
            <TextField label="Label" value={p.label} placeholder="optional" testId={`inspector-path-${i}-label`} onChange={(label) => setPaths(paths.map((x, j) => (j === i ? setOptional(x, 'label', label) : x)), `ppath-label-${i}`)} />
          </div>
        </div>
      ))}
    </Section>
  );
}
