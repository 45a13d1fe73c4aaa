//! The message step's form: channel and category, then the content the channel has (template,
//! subject, title, body, URL, audience), with a live segment counter for SMS (counted by the core).

import type { Channel } from '../../bindings';
import { channels, smsSegments } from '../../core';
import { NumberField, Section, SelectField, setOptional, TextField } from '../fields';
import { CHANNEL_ICON, Icon } from '../icons';
import type { Edit, NodeOf } from './shared';

export function MessageForm({ node, edit }: { node: NodeOf<'message'>; edit: Edit<NodeOf<'message'>> }) {
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
          {channels().map(({ channel: c, title }) => (
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
              <span>{title}</span>
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
  const limit = count.per_segment * (count.segments > 1 ? count.segments : 1);
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
