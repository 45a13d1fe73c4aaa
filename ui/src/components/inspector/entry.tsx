//! The entry step's form: how customers enter (an event, a segment, a schedule or a date
//! attribute) and the details of that trigger.

import type { Trigger } from '../../bindings';
import { localDateTimeProblem } from '../../core';
import { ConditionBuilder, type ConditionContext } from '../ConditionBuilder';
import { NamePicker } from '../NamePicker';
import { CheckedTextField, Checkbox, DurationField, Field, Section, SelectField, setOptional, TextField, TimeField } from '../fields';
import { DEFAULT_CONDITION, TimezoneList, type Edit, type NodeOf } from './shared';

type TriggerType = 'event' | 'segment' | 'schedule' | 'date_attribute';

export function EntryForm({ node, edit, ctx }: { node: NodeOf<'entry'>; edit: Edit<NodeOf<'entry'>>; ctx: ConditionContext }) {
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
          <NamePicker kind="event" label="Event" value={t.event.name} testId="inspector-trigger-event" onChange={(name) => setTrigger({ event: { ...t.event, name } }, 'trigger-event')} />
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
          <CheckedTextField label="First run (local time)" value={t.schedule.start} check={localDateTimeProblem} placeholder="2026-12-04T09:00" testId="inspector-schedule-start" onChange={(start) => setTrigger({ schedule: { ...t.schedule, start } }, 'schedule-start')} />
          <Checkbox label="Repeat" checked={!!t.schedule.repeat} testId="inspector-schedule-repeat-on" onChange={(on) => setTrigger({ schedule: setOptional(t.schedule, 'repeat', on ? 'P1W' : undefined) })} />
          {t.schedule.repeat ? <DurationField label="Every" value={t.schedule.repeat} testId="inspector-schedule-repeat" onChange={(repeat) => setTrigger({ schedule: { ...t.schedule, repeat } }, 'schedule-repeat')} /> : null}
          <TextField label="Time zone" value={t.schedule.timezone} list="wm-timezones" hint="“customer” uses each customer's own time zone." testId="inspector-schedule-timezone" onChange={(timezone) => setTrigger({ schedule: { ...t.schedule, timezone } }, 'schedule-tz')} />
          <Checkbox label="Limit the audience" checked={!!t.schedule.audience} testId="inspector-schedule-audience-on" onChange={(on) => setTrigger({ schedule: setOptional(t.schedule, 'audience', on ? DEFAULT_CONDITION : undefined) })} />
          {t.schedule.audience ? <ConditionBuilder value={t.schedule.audience} ctx={ctx} testId="inspector-schedule-audience" onChange={(audience) => setTrigger({ schedule: { ...t.schedule, audience } }, 'schedule-audience')} /> : null}
        </>
      ) : null}
      {'date_attribute' in t ? (
        <>
          <NamePicker kind="attribute" label="Date attribute" value={t.date_attribute.attr} testId="inspector-date-attr" onChange={(attr) => setTrigger({ date_attribute: { ...t.date_attribute, attr } }, 'date-attr')} />
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

function triggerType(t: Trigger): TriggerType {
  if ('event' in t) return 'event';
  if ('segment' in t) return 'segment';
  if ('schedule' in t) return 'schedule';
  return 'date_attribute';
}

function defaultTrigger(type: TriggerType): Trigger {
  switch (type) {
    case 'event':
      return { event: { name: '' } };
    case 'segment':
      return { segment: { condition: DEFAULT_CONDITION } };
    case 'schedule':
      return { schedule: { start: '2026-01-05T09:00', timezone: 'customer' } };
    case 'date_attribute':
      return { date_attribute: { attr: '', time: '09:00' } };
  }
}
