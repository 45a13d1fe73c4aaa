//! The update step's form: the changes it makes to the customer (set an attribute, increase a
//! number, add or remove a tag, set the lifecycle stage), in order. The stage field suggests the
//! stages the inspector lists for every step (`wm-stages`).

import type { Change } from '../../bindings';
import { ValueEditor } from '../ConditionBuilder';
import { Field, moveItem, NumberField, Section, SelectField, TextField } from '../fields';
import { Icon } from '../icons';
import { NamePicker } from '../NamePicker';
import { ListTools, type Edit, type NodeOf } from './shared';

type ChangeType = 'set' | 'increment' | 'add_tag' | 'remove_tag' | 'lifecycle_stage';

export function UpdateForm({ node, edit }: { node: NodeOf<'update'>; edit: Edit<NodeOf<'update'>> }) {
  const changes = node.changes;
  const setChanges = (next: Change[], key?: string) => edit((n) => ({ ...n, changes: next }), key);
  const put = (i: number, c: Change, key?: string) => setChanges(changes.map((x, j) => (j === i ? c : x)), key);
  return (
    <Section
      title="Changes"
      actions={
        <button type="button" className="wm-link-btn" data-testid="inspector-add-change" onClick={() => setChanges([...changes, defaultChange('add_tag')])}>
          <Icon name="plus" size={12} /> Add change
        </button>
      }
    >
      {changes.map((c, i) => {
        const t = changeType(c);
        return (
          <div className="wm-card" key={i}>
            <div className="wm-card__head">
              <SelectField<ChangeType>
                value={t}
                testId={`inspector-change-${i}-type`}
                options={[
                  { value: 'set', label: 'Set attribute' },
                  { value: 'increment', label: 'Increase number' },
                  { value: 'add_tag', label: 'Add tag' },
                  { value: 'remove_tag', label: 'Remove tag' },
                  { value: 'lifecycle_stage', label: 'Set lifecycle stage' },
                ]}
                onChange={(v) => put(i, defaultChange(v))}
              />
              <ListTools i={i} count={changes.length} onMove={(delta) => setChanges(moveItem(changes, i, delta))} onRemove={() => setChanges(changes.filter((_, j) => j !== i))} testId={`inspector-change-${i}`} />
            </div>
            {'set' in c ? (
              <>
                <NamePicker kind="attribute" label="Attribute" value={c.set.attr} testId={`inspector-change-${i}-attr`} onChange={(attr) => put(i, { set: { ...c.set, attr } }, `change-attr-${i}`)} />
                <Field label="Value">
                  <ValueEditor value={c.set.value} list={false} testId={`inspector-change-${i}-value`} onChange={(value) => put(i, { set: { ...c.set, value } }, `change-value-${i}`)} />
                </Field>
              </>
            ) : null}
            {'increment' in c ? (
              <div className="wm-grid-2">
                <NamePicker kind="attribute" label="Attribute" value={c.increment.attr} testId={`inspector-change-${i}-attr`} onChange={(attr) => put(i, { increment: { ...c.increment, attr } }, `change-attr-${i}`)} />
                <NumberField label="By" value={c.increment.by} testId={`inspector-change-${i}-by`} onCommit={(by) => put(i, { increment: { ...c.increment, by } }, `change-by-${i}`)} />
              </div>
            ) : null}
            {'add_tag' in c ? <TextField label="Tag" value={c.add_tag} mono testId={`inspector-change-${i}-tag`} onChange={(tag) => put(i, { add_tag: tag }, `change-tag-${i}`)} /> : null}
            {'remove_tag' in c ? <TextField label="Tag" value={c.remove_tag} mono testId={`inspector-change-${i}-tag`} onChange={(tag) => put(i, { remove_tag: tag }, `change-tag-${i}`)} /> : null}
            {'lifecycle_stage' in c ? <TextField label="Stage" value={c.lifecycle_stage} list="wm-stages" testId={`inspector-change-${i}-stage`} onChange={(stage) => put(i, { lifecycle_stage: stage }, `change-stage-${i}`)} /> : null}
          </div>
        );
      })}
    </Section>
  );
}

function changeType(c: Change): ChangeType {
  if ('set' in c) return 'set';
  if ('increment' in c) return 'increment';
  if ('add_tag' in c) return 'add_tag';
  if ('remove_tag' in c) return 'remove_tag';
  return 'lifecycle_stage';
}

function defaultChange(t: ChangeType): Change {
  switch (t) {
    case 'set':
      return { set: { attr: '', value: '' } };
    case 'increment':
      return { increment: { attr: '', by: 1 } };
    case 'add_tag':
      return { add_tag: '' };
    case 'remove_tag':
      return { remove_tag: '' };
    case 'lifecycle_stage':
      return { lifecycle_stage: '' };
  }
}
