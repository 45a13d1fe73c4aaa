//! The wait step's form: for a duration, until a time of day (on some weekdays, in a time zone), or
//! until a date attribute.

import type { Delay, Weekday } from '../../bindings';
import { WEEKDAYS } from '../../model';
import { Checkbox, ChipToggles, DurationField, Field, Section, SelectField, setOptional, TextField, TimeField } from '../fields';
import { NamePicker } from '../NamePicker';
import { TimezoneList, type Edit, type NodeOf } from './shared';

type WaitMode = 'duration' | 'until_time' | 'until_date';

export function WaitForm({ node, edit }: { node: NodeOf<'wait'>; edit: Edit<NodeOf<'wait'>> }) {
  const d = node.delay;
  const mode: WaitMode = 'duration' in d ? 'duration' : 'until_time' in d ? 'until_time' : 'until_date';
  const setDelay = (delay: Delay, key?: string) => edit((n) => ({ ...n, delay }), key);
  const defaults: Record<WaitMode, Delay> = {
    duration: { duration: 'P1D' },
    until_time: { until_time: { time: '09:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], timezone: 'customer' } },
    until_date: { until_date: { attr: '', offset: '-P7D' } },
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
          <NamePicker kind="attribute" label="Date attribute" value={d.until_date.attr} testId="inspector-until-date-attr" onChange={(attr) => setDelay({ until_date: { ...d.until_date, attr } }, 'until-date-attr')} />
          <Checkbox label="Offset from the date" checked={!!d.until_date.offset} onChange={(on) => setDelay({ until_date: setOptional(d.until_date, 'offset', on ? '-P1D' : undefined) })} />
          {d.until_date.offset ? <DurationField signed value={d.until_date.offset} testId="inspector-until-date-offset" onChange={(offset) => setDelay({ until_date: { ...d.until_date, offset } }, 'until-date-offset')} /> : null}
        </>
      ) : null}
    </Section>
  );
}
