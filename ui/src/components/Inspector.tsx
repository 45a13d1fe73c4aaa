// The inspector: a form for the selected step, or the journey's settings when nothing is
// selected. Every change is a document edit (undoable, validated, autosaved). Viewing an old
// version shows the same forms disabled.

import { useMemo } from 'react';
import type { Channel, Change, Condition, Delay, JourneyDocument, Node, Trigger, Weekday } from '../bindings';
import { dateTimeProblem, evenWeights, freshPortName, splitWeightsProblem } from '../forms';
import { kindInfo, namedPorts } from '../kinds';
import { CHANNEL_LABEL, CHANNELS, KIND_TITLE, messageNodeIds, WEEKDAYS } from '../model';
import { smsSegments } from '../sms';
import { shownDiagnostics, shownDocument, useEditorStore } from '../store';
import { ConditionBuilder, ValueEditor, type ConditionContext } from './ConditionBuilder';
import { CheckedTextField, Checkbox, ChipToggles, DurationField, Field, IconButton, moveItem, NumberField, PortNameField, Section, SelectField, setOptional, TextField, TimeField } from './fields';
import { CHANNEL_ICON, Icon, KIND_ICON } from './icons';
import { SettingsForm } from './SettingsForm';

type NodeOf<K extends Node['kind']> = Extract<Node, { kind: K }>;
type Edit<N> = (update: (node: N) => N, key?: string) => void;

const STAGES = ['awareness', 'consideration', 'decision', 'onboarding', 'activation', 'retention', 'advocacy'];
const TIMEZONES = ['customer', 'UTC', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];

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
  const ctx: ConditionContext = useMemo(() => ({ messages: messageNodeIds(doc), attributes: Object.keys(doc.settings?.attributes ?? {}) }), [doc]);
  const icon = node.kind === 'message' && node.channel ? CHANNEL_ICON[node.channel] : KIND_ICON[node.kind];

  return (
    <div className="wm-inspector__node" data-testid={`inspector-node-${node.id}`}>
      <header className={`wm-inspector__head wm-kind-${node.kind}`}>
        <span className="wm-node__icon">
          <Icon name={icon} size={16} />
        </span>
        <div>
          <div className="wm-inspector__title">{KIND_TITLE[node.kind]}</div>
          <div className="wm-inspector__desc">{info?.description}</div>
        </div>
      </header>
      {problems.length > 0 ? (
        <ul className="wm-inspector__problems">
          {problems.map((p, i) => (
            <li key={i} className={`is-${p.severity}`}>
              <Icon name={p.severity === 'error' ? 'error' : 'warning'} size={13} />
              <span>{p.message}</span>
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

// ---------------------------------------------------------------------------------------------

type TriggerType = 'event' | 'segment' | 'schedule' | 'date_attribute';

function triggerType(t: Trigger): TriggerType {
  if ('event' in t) return 'event';
  if ('segment' in t) return 'segment';
  if ('schedule' in t) return 'schedule';
  return 'date_attribute';
}

function defaultTrigger(type: TriggerType): Trigger {
  switch (type) {
    case 'event':
      return { event: { name: 'signed_up' } };
    case 'segment':
      return { segment: { condition: { attr: 'plan', op: 'eq', value: 'free' } } };
    case 'schedule':
      return { schedule: { start: '2026-01-05T09:00', timezone: 'customer' } };
    case 'date_attribute':
      return { date_attribute: { attr: 'birthday', time: '09:00' } };
  }
}

const DEFAULT_CONDITION: Condition = { attr: '', op: 'eq', value: '' };

function EntryForm({ node, edit, ctx }: { node: NodeOf<'entry'>; edit: Edit<NodeOf<'entry'>>; ctx: ConditionContext }) {
  const t = node.trigger;
  const type = triggerType(t);
  const setTrigger = (trigger: Trigger, key?: string) => edit((n) => ({ ...n, trigger }), key);
  return (
    <Section title="Customers enter">
      <SelectField<TriggerType>
        label="Trigger"
        value={type}
        testId="inspector-trigger-type"
        options={[
          { value: 'event', label: 'When they do an event' },
          { value: 'segment', label: 'When they join a segment' },
          { value: 'schedule', label: 'On a schedule' },
          { value: 'date_attribute', label: 'On a date (birthday, renewal…)' },
        ]}
        onChange={(v) => setTrigger(defaultTrigger(v))}
      />
      {'event' in t ? (
        <>
          <TextField label="Event name" value={t.event.name} testId="inspector-trigger-event" onChange={(name) => setTrigger({ event: { ...t.event, name } }, 'trigger-event')} />
          <Checkbox label="Only when the event matches a filter" checked={!!t.event.filter} testId="inspector-trigger-filter-on" onChange={(on) => setTrigger({ event: setOptional(t.event, 'filter', on ? DEFAULT_CONDITION : undefined) })} />
          {t.event.filter ? <ConditionBuilder value={t.event.filter} ctx={ctx} testId="inspector-trigger-filter" onChange={(filter) => setTrigger({ event: { ...t.event, filter } }, 'trigger-filter')} /> : null}
        </>
      ) : null}
      {'segment' in t ? (
        <Field label="Segment condition">
          <ConditionBuilder value={t.segment.condition} ctx={ctx} testId="inspector-trigger-segment" onChange={(condition) => setTrigger({ segment: { condition } }, 'trigger-segment')} />
        </Field>
      ) : null}
      {'schedule' in t ? (
        <>
          <CheckedTextField label="First run (local time)" value={t.schedule.start} check={dateTimeProblem} placeholder="2026-12-04T09:00" testId="inspector-schedule-start" onChange={(start) => setTrigger({ schedule: { ...t.schedule, start } }, 'schedule-start')} />
          <Checkbox label="Repeat" checked={!!t.schedule.repeat} testId="inspector-schedule-repeat-on" onChange={(on) => setTrigger({ schedule: setOptional(t.schedule, 'repeat', on ? 'P1W' : undefined) })} />
          {t.schedule.repeat ? <DurationField label="Every" value={t.schedule.repeat} testId="inspector-schedule-repeat" onChange={(repeat) => setTrigger({ schedule: { ...t.schedule, repeat } }, 'schedule-repeat')} /> : null}
          <TextField label="Time zone" value={t.schedule.timezone} list="wm-timezones" hint="“customer” uses each customer's own time zone." testId="inspector-schedule-timezone" onChange={(timezone) => setTrigger({ schedule: { ...t.schedule, timezone } }, 'schedule-tz')} />
          <Checkbox label="Limit the audience" checked={!!t.schedule.audience} testId="inspector-schedule-audience-on" onChange={(on) => setTrigger({ schedule: setOptional(t.schedule, 'audience', on ? DEFAULT_CONDITION : undefined) })} />
          {t.schedule.audience ? <ConditionBuilder value={t.schedule.audience} ctx={ctx} testId="inspector-schedule-audience" onChange={(audience) => setTrigger({ schedule: { ...t.schedule, audience } }, 'schedule-audience')} /> : null}
        </>
      ) : null}
      {'date_attribute' in t ? (
        <>
          <TextField label="Date attribute" value={t.date_attribute.attr} testId="inspector-date-attr" onChange={(attr) => setTrigger({ date_attribute: { ...t.date_attribute, attr } }, 'date-attr')} />
          <Checkbox label="Offset from the date" checked={!!t.date_attribute.offset} testId="inspector-date-offset-on" onChange={(on) => setTrigger({ date_attribute: setOptional(t.date_attribute, 'offset', on ? '-P7D' : undefined) })} />
          {t.date_attribute.offset ? <DurationField signed value={t.date_attribute.offset} testId="inspector-date-offset" onChange={(offset) => setTrigger({ date_attribute: { ...t.date_attribute, offset } }, 'date-offset')} /> : null}
          <Checkbox label="At a time of day" checked={!!t.date_attribute.time} testId="inspector-date-time-on" onChange={(on) => setTrigger({ date_attribute: setOptional(t.date_attribute, 'time', on ? '09:00' : undefined) })} />
          {t.date_attribute.time ? <TimeField value={t.date_attribute.time} testId="inspector-date-time" onChange={(time) => setTrigger({ date_attribute: { ...t.date_attribute, time } }, 'date-time')} /> : null}
        </>
      ) : null}
      <TimezoneList />
    </Section>
  );
}

function TimezoneList() {
  return (
    <datalist id="wm-timezones">
      {TIMEZONES.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}

// ---------------------------------------------------------------------------------------------

type WaitMode = 'duration' | 'until_time' | 'until_date';

function WaitForm({ node, edit }: { node: NodeOf<'wait'>; edit: Edit<NodeOf<'wait'>> }) {
  const d = node.delay;
  const mode: WaitMode = 'duration' in d ? 'duration' : 'until_time' in d ? 'until_time' : 'until_date';
  const setDelay = (delay: Delay, key?: string) => edit((n) => ({ ...n, delay }), key);
  const defaults: Record<WaitMode, Delay> = {
    duration: { duration: 'P1D' },
    until_time: { until_time: { time: '09:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], timezone: 'customer' } },
    until_date: { until_date: { attr: 'renewal_date', offset: '-P7D' } },
  };
  return (
    <Section title="Wait">
      <SelectField<WaitMode>
        label="Wait"
        value={mode}
        testId="inspector-wait-mode"
        options={[
          { value: 'duration', label: 'For a duration' },
          { value: 'until_time', label: 'Until a time of day' },
          { value: 'until_date', label: 'Until a date attribute' },
        ]}
        onChange={(m) => setDelay(defaults[m])}
      />
      {'duration' in d ? <DurationField label="Duration" value={d.duration} testId="inspector-duration" onChange={(duration) => setDelay({ duration }, 'duration')} /> : null}
      {'until_time' in d ? (
        <>
          <TimeField label="Time of day" value={d.until_time.time} testId="inspector-until-time" onChange={(time) => setDelay({ until_time: { ...d.until_time, time } }, 'until-time')} />
          <Field label="On" hint={(d.until_time.weekdays ?? []).length === 0 ? 'Any day.' : undefined}>
            <ChipToggles<Weekday>
              options={WEEKDAYS.map((w) => ({ value: w, label: w.charAt(0).toUpperCase() + w.slice(1) }))}
              selected={d.until_time.weekdays ?? []}
              testIdPrefix="inspector-weekday"
              onChange={(weekdays) => setDelay({ until_time: setOptional({ ...d.until_time }, 'weekdays', weekdays.length ? weekdays : undefined) })}
            />
          </Field>
          <TextField label="Time zone" value={d.until_time.timezone} list="wm-timezones" testId="inspector-until-timezone" onChange={(timezone) => setDelay({ until_time: { ...d.until_time, timezone } }, 'until-tz')} />
          <TimezoneList />
        </>
      ) : null}
      {'until_date' in d ? (
        <>
          <TextField label="Date attribute" value={d.until_date.attr} testId="inspector-until-date-attr" onChange={(attr) => setDelay({ until_date: { ...d.until_date, attr } }, 'until-date-attr')} />
          <Checkbox label="Offset from the date" checked={!!d.until_date.offset} onChange={(on) => setDelay({ until_date: setOptional(d.until_date, 'offset', on ? '-P1D' : undefined) })} />
          {d.until_date.offset ? <DurationField signed value={d.until_date.offset} testId="inspector-until-date-offset" onChange={(offset) => setDelay({ until_date: { ...d.until_date, offset } }, 'until-date-offset')} /> : null}
        </>
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------

function WaitForEventForm({ node, edit }: { node: NodeOf<'wait_for_event'>; edit: Edit<NodeOf<'wait_for_event'>> }) {
  const events = node.events;
  const ports = namedPorts(node);
  const setEvents = (next: typeof events, key?: string) => edit((n) => ({ ...n, events: next }), key);
  return (
    <>
      <Section
        title="Events"
        actions={
          <button type="button" className="wm-link-btn" data-testid="inspector-add-event" onClick={() => setEvents([...events, { port: freshPortName('event', ports), event: '' }])}>
            <Icon name="plus" size={12} /> Add event
          </button>
        }
      >
        <p className="wm-muted">Customers leave through the first of these events they do, or through timeout.</p>
        {events.map((ev, i) => (
          <div className="wm-card" key={i}>
            <div className="wm-card__head">
              <span className="wm-card__title">Event {i + 1}</span>
              <ListTools i={i} count={events.length} onMove={(delta) => setEvents(moveItem(events, i, delta))} onRemove={() => setEvents(events.filter((_, j) => j !== i))} testId={`inspector-event-${i}`} />
            </div>
            <TextField label="Event" value={ev.event} testId={`inspector-event-${i}-event`} onChange={(event) => setEvents(events.map((x, j) => (j === i ? { ...x, event } : x)), `event-${i}`)} />
            <PortNameField label="Port" value={ev.port} others={ports.filter((_, j) => j !== i)} testId={`inspector-event-${i}-port`} onCommit={(port) => setEvents(events.map((x, j) => (j === i ? { ...x, port } : x)), `event-port-${i}`)} />
          </div>
        ))}
      </Section>
      <Section title="Timeout">
        {node.timeout ? (
          <DurationField label="Give up after" value={node.timeout} testId="inspector-timeout" onChange={(timeout) => edit((n) => ({ ...n, timeout }), 'timeout')} hint="Customers who did none of the events leave through timeout." />
        ) : (
          <div className="wm-row">
            <span className="wm-error-text">No timeout: customers could wait forever.</span>
            <button type="button" className="wm-btn wm-btn--small" onClick={() => edit((n) => ({ ...n, timeout: 'P1D' }))}>
              Add timeout
            </button>
          </div>
        )}
      </Section>
    </>
  );
}

function ListTools({ i, count, onMove, onRemove, testId, canRemove = true }: { i: number; count: number; onMove: (delta: number) => void; onRemove: () => void; testId: string; canRemove?: boolean }) {
  return (
    <div className="wm-list-tools">
      <IconButton icon="up" label="Move up" disabled={i === 0} onClick={() => onMove(-1)} testId={`${testId}-up`} />
      <IconButton icon="down" label="Move down" disabled={i === count - 1} onClick={() => onMove(1)} testId={`${testId}-down`} />
      <IconButton icon="trash" label="Remove" tone="danger" disabled={!canRemove} onClick={onRemove} testId={`${testId}-remove`} />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

function BranchForm({ node, edit, ctx }: { node: NodeOf<'branch'>; edit: Edit<NodeOf<'branch'>>; ctx: ConditionContext }) {
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

// ---------------------------------------------------------------------------------------------

function SplitForm({ node, edit }: { node: NodeOf<'split'>; edit: Edit<NodeOf<'split'>> }) {
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

function ParallelForm({ node, edit }: { node: NodeOf<'parallel'>; edit: Edit<NodeOf<'parallel'>> }) {
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

// ---------------------------------------------------------------------------------------------

function MessageForm({ node, edit }: { node: NodeOf<'message'>; edit: Edit<NodeOf<'message'>> }) {
  const channel = node.channel ?? null;
  const content = node.content ?? {};
  const setContent = (key: 'subject' | 'title' | 'body', value: string) => edit((n) => ({ ...n, content: setOptional({ ...(n.content ?? {}) }, key, value) }), `content-${key}`);
  const fields: Record<Channel, ('subject' | 'title' | 'body')[]> = {
    email: ['subject', 'body'],
    sms: ['body'],
    push: ['title', 'body'],
    in_app: ['title', 'body'],
    webhook: ['body'],
    ads: [],
    crm: ['title', 'body'],
  };
  const labels = { subject: 'Subject', title: channel === 'crm' ? 'Task' : 'Title', body: channel === 'webhook' ? 'Payload (preview)' : 'Body' };
  return (
    <>
      <Section title="Channel">
        <div className="wm-channels" role="radiogroup" aria-label="Channel">
          {CHANNELS.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={channel === c}
              className={`wm-channel${channel === c ? ' is-on' : ''}`}
              data-testid={`inspector-channel-${c}`}
              onClick={() => edit((n) => ({ ...n, channel: c }))}
            >
              <Icon name={CHANNEL_ICON[c]} size={16} />
              <span>{CHANNEL_LABEL[c]}</span>
            </button>
          ))}
        </div>
        <SelectField
          label="Category"
          value={node.category ?? 'marketing'}
          testId="inspector-category"
          hint={node.category === 'transactional' ? 'Transactional messages are not subject to marketing consent.' : 'Marketing messages need consent where your policy requires it.'}
          options={[
            { value: 'marketing', label: 'Marketing' },
            { value: 'transactional', label: 'Transactional' },
          ]}
          onChange={(category) => edit((n) => ({ ...n, category }))}
        />
      </Section>
      <Section title="Content">
        <TextField label="Template" value={node.template} mono placeholder="tpl_welcome" testId="inspector-template" hint="The template id in your sending platform." onChange={(v) => edit((n) => setOptional(n, 'template', v), 'template')} />
        {channel === 'webhook' ? <TextField label="URL" value={node.url} mono placeholder="https://example.com/hook" testId="inspector-url" onChange={(v) => edit((n) => setOptional(n, 'url', v), 'url')} /> : null}
        {channel === 'ads' ? <TextField label="Audience" value={node.audience} placeholder="winback_lookalike" testId="inspector-audience" onChange={(v) => edit((n) => setOptional(n, 'audience', v), 'audience')} /> : null}
        {(channel ? fields[channel] : ['subject', 'title', 'body'] as const).map((f) => (
          <TextField key={f} label={labels[f]} value={content[f]} multiline={f === 'body'} rows={f === 'body' ? 4 : undefined} testId={`inspector-${f}`} onChange={(v) => setContent(f, v)} />
        ))}
        {channel === 'sms' ? <SmsCounter body={content.body ?? ''} maxSegments={node.max_segments ?? 1} /> : null}
        {channel === 'sms' ? (
          <NumberField label="Segment limit" value={node.max_segments ?? 1} rules={{ integer: true, min: 1, max: 10 }} testId="inspector-max-segments" onCommit={(n) => edit((m) => setOptional(m, 'max_segments', n === 1 ? undefined : n), 'max-segments')} />
        ) : null}
      </Section>
    </>
  );
}

function SmsCounter({ body, maxSegments }: { body: string; maxSegments: number }) {
  const count = smsSegments(body);
  const over = count.segments > maxSegments;
  const limit = count.perSegment * (count.segments > 1 ? count.segments : 1);
  return (
    <div className={`wm-sms${over ? ' is-bad' : ''}`} data-testid="sms-counter">
      <span>
        {count.units} / {limit} {count.encoding === 'GSM-7' ? 'characters' : 'UCS-2 units'}
      </span>
      <span>
        {count.segments} segment{count.segments === 1 ? '' : 's'} · {count.encoding}
      </span>
      {over ? <span className="wm-error-text">over the limit of {maxSegments}</span> : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

type ChangeType = 'set' | 'increment' | 'add_tag' | 'remove_tag' | 'lifecycle_stage';

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

function UpdateForm({ node, edit }: { node: NodeOf<'update'>; edit: Edit<NodeOf<'update'>> }) {
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
                <TextField label="Attribute" value={c.set.attr} mono testId={`inspector-change-${i}-attr`} onChange={(attr) => put(i, { set: { ...c.set, attr } }, `change-attr-${i}`)} />
                <Field label="Value">
                  <ValueEditor value={c.set.value} list={false} testId={`inspector-change-${i}-value`} onChange={(value) => put(i, { set: { ...c.set, value } }, `change-value-${i}`)} />
                </Field>
              </>
            ) : null}
            {'increment' in c ? (
              <div className="wm-grid-2">
                <TextField label="Attribute" value={c.increment.attr} mono testId={`inspector-change-${i}-attr`} onChange={(attr) => put(i, { increment: { ...c.increment, attr } }, `change-attr-${i}`)} />
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

function ExitForm({ node, edit }: { node: NodeOf<'exit'>; edit: Edit<NodeOf<'exit'>> }) {
  return (
    <Section title="Exit">
      <TextField label="Outcome" value={node.outcome} mono placeholder="optional, e.g. converted" testId="inspector-outcome" hint="Reports count customers per outcome." onChange={(v) => edit((n) => setOptional(n, 'outcome', v), 'outcome')} />
    </Section>
  );
}
