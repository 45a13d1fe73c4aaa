//! The journey's settings, shown in the inspector when no step is selected: name and description,
//! re-entry, goals, exit criteria, messaging policies and declared attributes.

import { useMemo } from 'react';
import type { AttributeType, Channel, Condition, FrequencyCap, JourneyDocument, Policies, QuietAction, ReentryMode, Settings } from '../bindings';
import { channels } from '../core';
import { messageOptions } from '../catalog';
import { U32_MAX } from '../forms';
import { useEditorStore } from '../store';
import { ConditionBuilder, type ConditionContext } from './ConditionBuilder';
import { Checkbox, ChipToggles, DurationField, Field, IconButton, NumberField, Section, SelectField, setOptional, TextField, TimeField } from './fields';
import { CHANNEL_ICON, Icon } from './icons';

const NEW_CONDITION: Condition = { event: '' };
/** The channels as options, from the core's table (read when first drawn: the core loads before the first render, after modules). */
function channelOptions(): { value: Channel; label: string }[] {
  return channels().map((c) => ({ value: c.channel, label: c.title }));
}

export function SettingsForm({ doc }: { doc: JourneyDocument }) {
  const edit = useEditorStore((s) => s.edit);
  const editSettings = useEditorStore((s) => s.editSettings);
  const settings = doc.settings;
  const channelChoices = channelOptions();
  const policies: Policies = settings?.policies ?? {};
  const ctx: ConditionContext = useMemo(() => ({ messages: messageOptions(doc) }), [doc]);
  const setSettings = (update: (s: Settings) => Settings, key?: string) => editSettings(update, key && `settings:${key}`);
  const setPolicies = (update: (p: Policies) => Policies, key?: string) => setSettings((s) => ({ ...s, policies: update(s.policies ?? {}) }), key);
  const goals = settings.goals ?? [];
  const exits = settings.exit_criteria ?? [];
  const caps = policies.frequency_caps ?? [];
  const attributes = Object.entries(settings.attributes ?? {});

  return (
    <div className="wm-settings" data-testid="journey-settings">
      <header className="wm-inspector__head wm-inspector__head--settings">
        <span className="wm-node__icon">
          <Icon name="journey" size={16} />
        </span>
        <div>
          <div className="wm-inspector__title">Journey settings</div>
          <div className="wm-inspector__desc">Select a step on the canvas to edit it.</div>
        </div>
      </header>

      <Section title="Journey">
        <TextField label="Name" value={doc.name} testId="settings-name" onChange={(name) => edit((d) => ({ ...d, name }), 'doc:name')} />
        <TextField label="Description" value={doc.description} multiline rows={3} testId="settings-description" onChange={(description) => edit((d) => setOptional(d, 'description', description), 'doc:description')} />
        <Field label="Id">
          <input className="wm-input wm-input--mono" value={doc.id} readOnly data-testid="settings-id" />
        </Field>
      </Section>

      <Section title="Re-entry">
        <SelectField<ReentryMode>
          label="Customers may enter again"
          value={settings.reentry?.mode ?? 'never'}
          testId="settings-reentry-mode"
          options={[
            { value: 'never', label: 'Never' },
            { value: 'after_exit', label: 'After they have left' },
            { value: 'always', label: 'Always, even while in it' },
          ]}
          onChange={(mode) => setSettings((s) => ({ ...s, reentry: { ...(s.reentry ?? {}), mode } }))}
        />
        {settings.reentry?.mode && settings.reentry.mode !== 'never' ? (
          <>
            <Checkbox label="With a cooldown" checked={!!settings.reentry.cooldown} testId="settings-cooldown-on" onChange={(on) => setSettings((s) => ({ ...s, reentry: setOptional(s.reentry, 'cooldown', on ? 'P30D' : undefined) }))} />
            {settings.reentry.cooldown ? <DurationField label="Cooldown" value={settings.reentry.cooldown} testId="settings-cooldown" onChange={(cooldown) => setSettings((s) => ({ ...s, reentry: { ...s.reentry, cooldown } }), 'cooldown')} /> : null}
          </>
        ) : null}
      </Section>

      <Section
        title="Goals"
        testId="settings-goals"
        actions={
          <button type="button" className="wm-link-btn" data-testid="settings-add-goal" onClick={() => setSettings((s) => ({ ...s, goals: [...(s.goals ?? []), { id: `goal_${(s.goals ?? []).length + 1}`, condition: { ...NEW_CONDITION }, within: 'P14D' }] }))}>
            <Icon name="plus" size={12} /> Add goal
          </button>
        }
      >
        {goals.length === 0 ? <p className="wm-muted">A goal is a conversion: an event or condition customers reach within a window.</p> : null}
        {goals.map((g, i) => {
          const put = (update: (goal: typeof g) => typeof g, key?: string) => setSettings((s) => ({ ...s, goals: (s.goals ?? []).map((x, j) => (j === i ? update(x) : x)) }), key && `goal-${i}-${key}`);
          return (
            <div className="wm-card" key={i}>
              <div className="wm-card__head">
                <span className="wm-card__title">Goal {i + 1}</span>
                <IconButton icon="trash" label="Remove goal" tone="danger" testId={`settings-goal-${i}-remove`} onClick={() => setSettings((s) => ({ ...s, goals: (s.goals ?? []).filter((_, j) => j !== i) }))} />
              </div>
              <TextField label="Id" value={g.id} mono testId={`settings-goal-${i}-id`} onChange={(id) => put((x) => ({ ...x, id }), 'id')} />
              <Field label="Reached when">
                <ConditionBuilder value={g.condition} ctx={ctx} testId={`settings-goal-${i}-condition`} onChange={(condition) => put((x) => ({ ...x, condition }), 'condition')} />
              </Field>
              <Checkbox label="Within a window after entry" checked={!!g.within} testId={`settings-goal-${i}-within-on`} onChange={(on) => put((x) => setOptional(x, 'within', on ? 'P14D' : undefined))} />
              {g.within ? <DurationField value={g.within} testId={`settings-goal-${i}-within`} onChange={(within) => put((x) => ({ ...x, within }), 'within')} /> : null}
              <Checkbox label="Reaching it ends the journey for the customer" checked={!!g.exit} testId={`settings-goal-${i}-exit`} onChange={(on) => put((x) => setOptional(x, 'exit', on ? true : undefined))} />
            </div>
          );
        })}
      </Section>

      <Section
        title="Exit criteria"
        actions={
          <button type="button" className="wm-link-btn" data-testid="settings-add-exit" onClick={() => setSettings((s) => ({ ...s, exit_criteria: [...(s.exit_criteria ?? []), { id: `exit_${(s.exit_criteria ?? []).length + 1}`, condition: { event: 'unsubscribed' } }] }))}>
            <Icon name="plus" size={12} /> Add criterion
          </button>
        }
      >
        {exits.length === 0 ? <p className="wm-muted">Conditions that remove customers wherever they are, such as unsubscribing.</p> : null}
        {exits.map((x, i) => {
          const put = (update: (c: typeof x) => typeof x, key?: string) => setSettings((s) => ({ ...s, exit_criteria: (s.exit_criteria ?? []).map((c, j) => (j === i ? update(c) : c)) }), key && `exit-${i}-${key}`);
          return (
            <div className="wm-card" key={i}>
              <div className="wm-card__head">
                <span className="wm-card__title">{x.id || `Criterion ${i + 1}`}</span>
                <IconButton icon="trash" label="Remove criterion" tone="danger" testId={`settings-exit-${i}-remove`} onClick={() => setSettings((s) => ({ ...s, exit_criteria: (s.exit_criteria ?? []).filter((_, j) => j !== i) }))} />
              </div>
              <TextField label="Id" value={x.id} mono testId={`settings-exit-${i}-id`} onChange={(id) => put((c) => ({ ...c, id }), 'id')} />
              <ConditionBuilder value={x.condition} ctx={ctx} testId={`settings-exit-${i}-condition`} onChange={(condition) => put((c) => ({ ...c, condition }), 'condition')} />
            </div>
          );
        })}
      </Section>

      <Section
        title="Frequency caps"
        actions={
          <button type="button" className="wm-link-btn" data-testid="settings-add-cap" onClick={() => setPolicies((p) => ({ ...p, frequency_caps: [...(p.frequency_caps ?? []), { max: 3, window: 'P7D' }] }))}>
            <Icon name="plus" size={12} /> Add cap
          </button>
        }
      >
        {caps.length === 0 ? <p className="wm-muted">Limit how many messages a customer gets in a rolling window.</p> : null}
        {caps.map((cap, i) => {
          const put = (update: (c: FrequencyCap) => FrequencyCap, key?: string) => setPolicies((p) => ({ ...p, frequency_caps: (p.frequency_caps ?? []).map((c, j) => (j === i ? update(c) : c)) }), key && `cap-${i}-${key}`);
          return (
            <div className="wm-cap" key={i} data-testid={`settings-cap-${i}`}>
              <div className="wm-cap__line">
                <span className="wm-muted">At most</span>
                <NumberField compact value={cap.max} rules={{ integer: true, min: 0, max: U32_MAX }} testId={`settings-cap-${i}-max`} onCommit={(max) => put((c) => ({ ...c, max }), 'max')} />
                <select className="wm-input wm-select" value={cap.channel ?? ''} data-testid={`settings-cap-${i}-channel`} onChange={(e) => put((c) => setOptional(c, 'channel', (e.target.value || undefined) as Channel | undefined))}>
                  <option value="">messages, any channel</option>
                  {channelChoices.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label} messages
                    </option>
                  ))}
                </select>
                <IconButton icon="trash" label="Remove cap" tone="danger" testId={`settings-cap-${i}-remove`} onClick={() => setPolicies((p) => ({ ...p, frequency_caps: (p.frequency_caps ?? []).filter((_, j) => j !== i) }))} />
              </div>
              <div className="wm-cap__line">
                <span className="wm-muted">per</span>
                <DurationField value={cap.window} testId={`settings-cap-${i}-window`} onChange={(window) => put((c) => ({ ...c, window }), 'window')} />
              </div>
            </div>
          );
        })}
      </Section>

      <Section title="Quiet hours">
        <Checkbox
          label="No messages at night"
          checked={!!policies.quiet_hours}
          testId="settings-quiet-on"
          onChange={(on) => setPolicies((p) => setOptional(p, 'quiet_hours', on ? { start: '21:00', end: '08:00', action: 'defer' as QuietAction } : undefined))}
        />
        {policies.quiet_hours ? (
          <>
            <div className="wm-grid-2">
              <TimeField label="From" value={policies.quiet_hours.start} testId="settings-quiet-start" onChange={(start) => setPolicies((p) => ({ ...p, quiet_hours: { ...p.quiet_hours!, start } }), 'quiet-start')} />
              <TimeField label="Until" value={policies.quiet_hours.end} testId="settings-quiet-end" onChange={(end) => setPolicies((p) => ({ ...p, quiet_hours: { ...p.quiet_hours!, end } }), 'quiet-end')} />
            </div>
            <SelectField<QuietAction>
              label="Messages due in quiet hours"
              value={policies.quiet_hours.action}
              testId="settings-quiet-action"
              options={[
                { value: 'defer', label: 'Wait until quiet hours end' },
                { value: 'drop', label: 'Are not sent' },
              ]}
              onChange={(action) => setPolicies((p) => ({ ...p, quiet_hours: { ...p.quiet_hours!, action } }))}
            />
            <Field label="Channels" hint={(policies.quiet_hours.channels ?? []).length === 0 ? 'All channels.' : undefined}>
              <ChipToggles<Channel> options={channelChoices} icons={CHANNEL_ICON} selected={policies.quiet_hours.channels ?? []} testIdPrefix="settings-quiet-channel" onChange={(channels) => setPolicies((p) => ({ ...p, quiet_hours: setOptional({ ...p.quiet_hours! }, 'channels', channels.length ? channels : undefined) }))} />
            </Field>
          </>
        ) : null}
      </Section>

      <Section title="Minimum gap between messages">
        <Checkbox label="On the same channel" checked={!!policies.min_gap?.same_channel} testId="settings-gap-same-on" onChange={(on) => setPolicies((p) => ({ ...p, min_gap: setOptional({ ...(p.min_gap ?? {}) }, 'same_channel', on ? 'P1D' : undefined) }))} />
        {policies.min_gap?.same_channel ? <DurationField value={policies.min_gap.same_channel} testId="settings-gap-same" onChange={(same_channel) => setPolicies((p) => ({ ...p, min_gap: { ...(p.min_gap ?? {}), same_channel } }), 'gap-same')} /> : null}
        <Checkbox label="Across channels" checked={!!policies.min_gap?.across_channels} testId="settings-gap-across-on" onChange={(on) => setPolicies((p) => ({ ...p, min_gap: setOptional({ ...(p.min_gap ?? {}) }, 'across_channels', on ? 'PT4H' : undefined) }))} />
        {policies.min_gap?.across_channels ? <DurationField value={policies.min_gap.across_channels} testId="settings-gap-across" onChange={(across_channels) => setPolicies((p) => ({ ...p, min_gap: { ...(p.min_gap ?? {}), across_channels } }), 'gap-across')} /> : null}
      </Section>

      <Section title="Consent and priority">
        <Field label="Marketing needs consent on" hint="Customers without consent on these channels are not sent marketing messages.">
          <ChipToggles<Channel> options={channelChoices} icons={CHANNEL_ICON} selected={policies.consent_required ?? []} testIdPrefix="settings-consent" onChange={(consent_required) => setPolicies((p) => setOptional(p, 'consent_required', consent_required.length ? consent_required : undefined))} />
        </Field>
        <NumberField label="Priority" value={policies.priority ?? 0} rules={{ integer: true, min: 0, max: U32_MAX }} testId="settings-priority" hint="Higher wins when journeys compete for a capped slot." onCommit={(priority) => setPolicies((p) => setOptional(p, 'priority', priority === 0 ? undefined : priority), 'priority')} />
      </Section>

      <Section
        title="Customer attributes"
        actions={
          <button
            type="button"
            className="wm-link-btn"
            data-testid="settings-add-attribute"
            onClick={() =>
              setSettings((s) => {
                const taken = Object.keys(s.attributes ?? {});
                let n = taken.length + 1;
                while (taken.includes(`attribute_${n}`)) n++;
                return { ...s, attributes: { ...(s.attributes ?? {}), [`attribute_${n}`]: 'string' as AttributeType } };
              })
            }
          >
            <Icon name="plus" size={12} /> Declare
          </button>
        }
      >
        {attributes.length === 0 ? <p className="wm-muted">Declare attribute types so conditions are checked against them.</p> : null}
        {attributes.map(([name, type], i) => (
          <div className="wm-row wm-attr" key={name}>
            <AttributeName
              name={name}
              taken={attributes.map(([n]) => n).filter((n) => n !== name)}
              onRename={(to) => setSettings((s) => ({ ...s, attributes: Object.fromEntries(Object.entries(s.attributes ?? {}).map(([k, v]) => (k === name ? [to, v] : [k, v]))) }), `attr-name-${i}`)}
            />
            <select className="wm-input wm-select" value={type} onChange={(e) => setSettings((s) => ({ ...s, attributes: { ...(s.attributes ?? {}), [name]: e.target.value as AttributeType } }))}>
              {(['string', 'number', 'boolean', 'date', 'list'] as const).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <IconButton
              icon="trash"
              label="Remove"
              tone="danger"
              onClick={() =>
                setSettings((s) => {
                  const next = { ...(s.attributes ?? {}) };
                  delete next[name];
                  return setOptional(s, 'attributes', Object.keys(next).length ? next : undefined);
                })
              }
            />
          </div>
        ))}
      </Section>
    </div>
  );
}

function AttributeName({ name, taken, onRename }: { name: string; taken: string[]; onRename: (to: string) => void }) {
  return (
    <input
      className="wm-input wm-input--mono"
      defaultValue={name}
      aria-label="Attribute name"
      onBlur={(e) => {
        const to = e.target.value.trim();
        if (to && to !== name && !taken.includes(to)) onRename(to);
        else e.target.value = name;
      }}
    />
  );
}
