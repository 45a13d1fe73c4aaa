//! The inspector: a form for the selected step, or the journey's settings when nothing is
//! selected. Every change is a document edit (undoable, validated, autosaved). Viewing an old
//! version shows the same forms disabled. Each node kind's form is in its own module here; this
//! one holds what every step has (header, problems, id, label, lifecycle stage) and picks the form.

import { useMemo } from 'react';
import type { JourneyDocument, Node } from '../../bindings';
import { kindInfo } from '../../core';
import { messageOptions } from '../../catalog';
import { shownDiagnostics, shownDocument, useEditorStore } from '../../store';
import type { ConditionContext } from '../ConditionBuilder';
import { Field, Section, setOptional, TextField } from '../fields';
import { CHANNEL_ICON, Icon, KIND_ICON } from '../icons';
import { SettingsForm } from '../SettingsForm';
import { BranchForm } from './branch';
import { EntryForm } from './entry';
import { ExitForm } from './exit';
import { MessageForm } from './message';
import { ParallelForm } from './parallel';
import type { Edit, NodeOf } from './shared';
import { SplitForm } from './split';
import { UpdateForm } from './update';
import { WaitForm } from './wait';
import { WaitForEventForm } from './waitForEvent';

const STAGES = ['awareness', 'consideration', 'decision', 'onboarding', 'activation', 'retention', 'advocacy'];

export function Inspector() {
  const doc = useEditorStore(shownDocument);
  const selected = useEditorStore((s) => s.selectedNodeIds);
  const readOnly = useEditorStore((s) => !!s.viewing);
  const node = selected.length === 1 ? doc?.nodes.find((n) => n.id === selected[0]) : undefined;

  if (!doc) return null;
  return (
    <aside className="wm-inspector" data-testid="inspector">
      <fieldset className="wm-inspector__fieldset" disabled={readOnly}>
        {selected.length > 1 ? <MultiSelection count={selected.length} /> : node ? <NodeInspector key={node.id} node={node} doc={doc} /> : <SettingsForm doc={doc} />}
      </fieldset>
    </aside>
  );
}

function MultiSelection({ count }: { count: number }) {
  const deleteSelection = useEditorStore((s) => s.deleteSelection);
  const copySelection = useEditorStore((s) => s.copySelection);
  return (
    <div className="wm-inspector__multi">
      <div className="wm-inspector__title">{count} steps selected</div>
      <p className="wm-muted">Drag any of them to move them together. Copy with Ctrl+C and paste with Ctrl+V.</p>
      <div className="wm-row">
        <button type="button" className="wm-btn" onClick={copySelection}>
          <Icon name="copy" size={14} /> Copy
        </button>
        <button type="button" className="wm-btn wm-btn--danger" onClick={deleteSelection}>
          <Icon name="trash" size={14} /> Delete
        </button>
      </div>
    </div>
  );
}

function NodeInspector({ node, doc }: { node: Node; doc: JourneyDocument }) {
  const editNode = useEditorStore((s) => s.editNode);
  const diagnostics = useEditorStore(shownDiagnostics);
  const problems = diagnostics.filter((d) => d.node === node.id);
  const info = kindInfo(node.kind);
  const edit = (update: (n: Node) => Node, key?: string) => editNode(node.id, update, key && `${node.id}:${key}`);
  const ctx: ConditionContext = useMemo(() => ({ messages: messageOptions(doc) }), [doc]);
  const icon = node.kind === 'message' && node.channel ? CHANNEL_ICON[node.channel] : KIND_ICON[node.kind];

  return (
    <div className="wm-inspector__node" data-testid={`inspector-node-${node.id}`}>
      <header className={`wm-inspector__head wm-kind-${node.kind}`}>
        <span className="wm-node__icon">
          <Icon name={icon} size={16} />
        </span>
        <div>
          <div className="wm-inspector__title">{info.title}</div>
          <div className="wm-inspector__desc">{info.description}</div>
        </div>
      </header>
      {problems.length > 0 ? (
        <ul className="wm-inspector__problems">
          {problems.map((p, i) => (
            <li key={i} className={`is-${p.severity}`}>
              <Icon name={p.severity === 'error' ? 'error' : 'warning'} size={13} />
              <span>
                {p.message}
                {p.hint ? <span className="wm-inspector__problem-hint">{p.hint}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <Section title="Step">
        <Field label="Id" hint="Ids are fixed; connections and reports refer to them.">
          <input className="wm-input wm-input--mono" value={node.id} readOnly data-testid="inspector-id" />
        </Field>
        <TextField label="Label" value={node.label} placeholder={node.id} testId="inspector-label" onChange={(v) => edit((n) => setOptional(n, 'label', v), 'label')} />
        <TextField label="Lifecycle stage" value={node.stage} placeholder="none" list="wm-stages" testId="inspector-stage" onChange={(v) => edit((n) => setOptional(n, 'stage', v), 'stage')} />
        <datalist id="wm-stages">
          {STAGES.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </Section>
      {node.kind === 'entry' ? <EntryForm node={node} edit={edit as Edit<NodeOf<'entry'>>} ctx={ctx} /> : null}
      {node.kind === 'wait' ? <WaitForm node={node} edit={edit as Edit<NodeOf<'wait'>>} /> : null}
      {node.kind === 'wait_for_event' ? <WaitForEventForm node={node} edit={edit as Edit<NodeOf<'wait_for_event'>>} /> : null}
      {node.kind === 'branch' ? <BranchForm node={node} edit={edit as Edit<NodeOf<'branch'>>} ctx={ctx} /> : null}
      {node.kind === 'split' ? <SplitForm node={node} edit={edit as Edit<NodeOf<'split'>>} /> : null}
      {node.kind === 'parallel' ? <ParallelForm node={node} edit={edit as Edit<NodeOf<'parallel'>>} /> : null}
      {node.kind === 'message' ? <MessageForm node={node} edit={edit as Edit<NodeOf<'message'>>} /> : null}
      {node.kind === 'update' ? <UpdateForm node={node} edit={edit as Edit<NodeOf<'update'>>} /> : null}
      {node.kind === 'exit' ? <ExitForm node={node} edit={edit as Edit<NodeOf<'exit'>>} /> : null}
    </div>
  );
}
