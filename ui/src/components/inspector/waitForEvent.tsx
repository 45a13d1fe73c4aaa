//! The wait-for-event step's form: the events that end the wait, each with its port, and the
//! timeout.

import { freshPortName } from '../../forms';
import { namedPorts } from '../../kinds';
import { DurationField, moveItem, PortNameField, Section } from '../fields';
import { NamePicker } from '../NamePicker';
import { Icon } from '../icons';
import { ListTools, type Edit, type NodeOf } from './shared';

export function WaitForEventForm({ node, edit }: { node: NodeOf<'wait_for_event'>; edit: Edit<NodeOf<'wait_for_event'>> }) {
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
            <NamePicker kind="event" label="Event" value={ev.event} testId={`inspector-event-${i}-event`} onChange={(event) => setEvents(events.map((x, j) => (j === i ? { ...x, event } : x)), `event-${i}`)} />
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
