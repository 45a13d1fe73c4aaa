//! The Simulation tab of the dock under the canvas: the form (scenario, size, horizon, seed, other
//! journeys, Live), the run's progress, and the results: headline figures, cadence and local-hour
//! charts, messages per customer, goals, conflicts with example customers, and one customer's
//! timeline. The per-node counts are drawn on the canvas by `nodes.tsx`.

import { useEffect, useMemo, useRef, useState } from 'react';
import type { Report, Trace } from '../bindings';
import { cadenceChart, distributionChart, goalsChart, heatmapChart } from '../simulationCharts';
import { customerId, limits } from '../core';
import {
  chartPalette,
  conflictRows,
  reportNames,
  findTrace,
  fmtCount,
  fmtHours,
  fmtPercent,
  goalRows,
  hourHeatmap,
  progressFraction,
  reasonParts,
  STEP_INFO,
  summaryFigures,
  traceDays,
} from '../simulation';
import { useSimulationStore } from '../simulationStore';
import { shownDocument, useEditorStore } from '../store';
import { useFocusNode } from './focusNode';
import { Icon } from './icons';
import { Chart } from './Chart';
import { ScenarioField, useChosenScenario } from './ScenarioField';

export function SimulationPanel() {
  const report = useSimulationStore((s) => s.report);
  const error = useSimulationStore((s) => s.error);
  const running = useSimulationStore((s) => s.running);
  return (
    <div className="wm-sim" data-testid="simulation-panel">
      <SimulationForm />
      <ProgressBar />
      <div className="wm-sim__body">
        {error ? (
          <div className="wm-sim__notice is-error" role="alert" data-testid="simulate-error">
            <Icon name="error" size={14} /> {error}
          </div>
        ) : null}
        {report ? <Results report={report} /> : running ? <div className="wm-sim__empty wm-muted">Simulating…</div> : !error ? <EmptyResults /> : null}
      </div>
    </div>
  );
}

function EmptyResults() {
  return (
    <div className="wm-sim__empty">
      <strong>See what customers would receive</strong>
      <span className="wm-muted">Run synthetic customers through this journey — with your other journeys if you add them — to see counts on every step, cadence, conflicts and goals.</span>
    </div>
  );
}

// The form ------------------------------------------------------------------------------------

function SimulationForm() {
  const form = useSimulationStore((s) => s.form);
  const errors = useSimulationStore((s) => s.formErrors);
  const live = useSimulationStore((s) => s.live);
  const running = useSimulationStore((s) => s.running);
  const setForm = useSimulationStore((s) => s.setForm);
  const setLive = useSimulationStore((s) => s.setLive);
  const run = useSimulationStore((s) => s.run);
  const cancel = useSimulationStore((s) => s.cancel);
  const chosen = useChosenScenario();
  const liveCustomers = fmtCount(limits().live_customers);

  return (
    <form
      className="wm-sim__form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!running) void run({ live });
      }}
    >
      <ScenarioField testId="simulate-scenario" />
      <NumberField
        label="Customers"
        value={live ? liveCustomers : form.customers}
        placeholder={chosen ? fmtCount(chosen.customers) : ''}
        error={errors.customers}
        disabled={live}
        title={live ? `Live runs simulate ${liveCustomers} customers` : undefined}
        onChange={(customers) => setForm({ customers })}
        testId="simulate-customers"
        wide
      />
      <NumberField label="Days" value={form.days} placeholder={chosen ? String(chosen.days) : ''} error={errors.days} onChange={(days) => setForm({ days })} testId="simulate-days" />
      <NumberField label="Seed" value={form.seed} placeholder="default" error={errors.seed} onChange={(seed) => setForm({ seed })} testId="simulate-seed" />
      <JourneyPicker />
      <span className="wm-sim__spacer" />
      <label className={`wm-sim__live${live ? ' is-on' : ''}`} title={`Simulate ${liveCustomers} customers again after each edit`}>
        <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} data-testid="simulate-live" />
        <span className="wm-sim__switch" aria-hidden="true" />
        Live
      </label>
      {running ? (
        <button type="button" className="wm-btn" onClick={() => void cancel()} data-testid="simulate-cancel">
          <Icon name="x" size={14} /> Cancel
        </button>
      ) : (
        <button type="submit" className="wm-btn wm-btn--primary" data-testid="simulate-run">
          <Icon name="play" size={13} /> Run
        </button>
      )}
    </form>
  );
}

function NumberField(props: {
  label: string;
  value: string;
  placeholder: string;
  error?: string;
  disabled?: boolean;
  title?: string;
  wide?: boolean;
  testId: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className={`wm-sim__field${props.wide ? ' wm-sim__field--wide' : ''}${props.error ? ' has-error' : ''}`} title={props.error ? `Expected ${props.error}` : props.title}>
      <span>
        {props.label}
        {props.error ? <em className="wm-error-text"> · {props.error}</em> : null}
      </span>
      <input
        className="wm-input wm-input--number"
        inputMode="numeric"
        value={props.value}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-invalid={!!props.error}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
    </label>
  );
}

/** "Add other journeys": the journeys simulated together with the open one. */
function JourneyPicker() {
  const journeys = useEditorStore((s) => s.journeys);
  const currentId = useEditorStore((s) => s.current?.id);
  const others = useSimulationStore((s) => s.others);
  const setOthers = useSimulationStore((s) => s.setOthers);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const candidates = journeys.filter((j) => j.id !== currentId && !j.archived);
  const chosen = others.filter((id) => id !== currentId);

  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', escape);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', escape);
    };
  }, [open]);

  return (
    <div className="wm-sim__field wm-sim__journeys" ref={box}>
      <span>With journeys</span>
      <button type="button" className={`wm-input wm-sim__picker${chosen.length ? ' is-set' : ''}`} onClick={() => setOpen(!open)} aria-expanded={open} data-testid="simulate-journeys">
        <Icon name="journey" size={13} />
        <span className="wm-sim__picker-text">{chosen.length === 0 ? 'This one only' : `+ ${chosen.length} other${chosen.length === 1 ? '' : 's'}`}</span>
        <Icon name="down" size={12} />
      </button>
      {open ? (
        <div className="wm-menu wm-sim__menu" role="listbox" aria-multiselectable="true">
          <div className="wm-sim__menu-hint wm-muted">Simulate on the same customers, to see conflicts across journeys.</div>
          {candidates.length === 0 ? <div className="wm-sim__menu-hint wm-muted">No other journeys.</div> : null}
          {candidates.map((j) => {
            const on = chosen.includes(j.id);
            return (
              <label key={j.id} className="wm-menu__item wm-sim__menu-item" data-testid={`simulate-journey-${j.id}`}>
                <input type="checkbox" checked={on} onChange={() => setOthers(on ? chosen.filter((id) => id !== j.id) : [...chosen, j.id])} />
                <span>{j.name}</span>
              </label>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}

function ProgressBar() {
  const running = useSimulationStore((s) => s.running);
  const progress = useSimulationStore((s) => s.progress);
  if (!running) return <div className="wm-sim__progress" />;
  const fraction = progressFraction(progress);
  return (
    <div className={`wm-sim__progress is-running${progress ? '' : ' is-indeterminate'}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)} data-testid="simulate-progress">
      <div className="wm-sim__progress-track">
        <div className="wm-sim__progress-bar" style={{ width: progress ? `${fraction * 100}%` : undefined }} />
      </div>
      {progress ? (
        <span className="wm-sim__progress-text">
          {fmtCount(progress.done)} / {fmtCount(progress.total)} customers
        </span>
      ) : null}
    </div>
  );
}

// Results -------------------------------------------------------------------------------------

function Results({ report }: { report: Report }) {
  const theme = useEditorStore((s) => s.theme);
  const journeyId = useEditorStore((s) => shownDocument(s)?.id ?? null);
  const stale = useSimulationStore((s) => s.reportDoc) !== useEditorStore(shownDocument);
  const running = useSimulationStore((s) => s.running);
  const elapsed = useSimulationStore((s) => s.elapsedMs);
  const palette = useMemo(() => chartPalette(theme), [theme]);
  const figures = useMemo(() => summaryFigures(report, journeyId), [report, journeyId]);
  const cadence = useMemo(() => cadenceChart(report.cadence, palette), [report, palette]);
  const heat = useMemo(() => heatmapChart(report.cadence, palette), [report, palette]);
  const dist = useMemo(() => distributionChart(report.cadence.per_customer, palette), [report, palette]);
  const goals = useMemo(() => goalRows(report), [report]);
  const goalsSpec = useMemo(() => goalsChart(report, palette), [report, palette]);
  const peak = useMemo(() => hourHeatmap(report.cadence).peak, [report]);
  const warnings = report.warnings ?? [];
  const sent = report.totals.messages_sent;

  return (
    <div className={`wm-sim__results${running ? ' is-updating' : ''}`}>
      <div className="wm-sim__meta wm-muted" data-testid="simulate-meta">
        <span>
          {report.run.scenario} · {fmtCount(report.run.customers)} customers · {report.run.days} days from {report.run.start} · seed {report.run.seed}
          {report.run.journeys.length > 1 ? ` · ${report.run.journeys.length} journeys` : ''}
        </span>
        {elapsed !== null ? <span>ran in {elapsed < 1000 ? `${elapsed} ms` : `${(elapsed / 1000).toFixed(1)} s`}</span> : null}
        {stale && !running ? <span className="wm-sim__stale">The journey changed since this run</span> : null}
      </div>
      {!report.run.complete ? (
        <div className="wm-sim__notice is-warning" data-testid="simulate-partial">
          <Icon name="warning" size={14} /> Cancelled: these figures cover {fmtCount(report.totals.customers)} of {fmtCount(report.run.customers)} customers.
        </div>
      ) : null}
      {warnings.map((w, i) => (
        <div key={i} className="wm-sim__notice is-warning">
          <Icon name="warning" size={14} /> {w}
        </div>
      ))}
      <StoppedCustomers report={report} journeyId={journeyId} />
      <div className="wm-sim__summary" data-testid="simulate-summary">
        {figures.map((f) => (
          <div key={f.key} className={`wm-stat wm-stat--${f.key}`} data-testid={`simulate-figure-${f.key}`}>
            <span className="wm-stat__label">{f.label}</span>
            <span className="wm-stat__value">{f.value}</span>
            <span className="wm-stat__detail" title={f.title ?? f.detail}>
              {f.detail}
            </span>
          </div>
        ))}
      </div>
      {report.journeys.length > 1 ? <JourneysTable report={report} current={journeyId} /> : null}
      <div className="wm-sim__grid">
        <section className="wm-sim__card wm-sim__card--wide">
          <CardHead title="Messages per day" hint="by channel, UTC days" />
          {sent > 0 ? <Chart spec={cadence} height={190} label="Messages per channel per day" testId="chart-cadence" /> : <NoMessages />}
        </section>
        <section className="wm-sim__card">
          <CardHead title="When messages arrive" hint={peak ? `local hour · peak ${String(peak.hour).padStart(2, '0')}:00` : 'customer’s local hour'} />
          {sent > 0 ? <Chart spec={heat} height={Math.max(130, 56 + 26 * report.cadence.local_hour.filter((r) => r.messages.some((n) => n > 0)).length)} label="Messages by local hour and channel" testId="chart-heatmap" /> : <NoMessages />}
        </section>
        <section className="wm-sim__card">
          <CardHead title="Messages per customer" hint="customers who entered" />
          <Chart spec={dist} height={170} label="Messages per customer: p50, p95 and max" testId="chart-distribution" />
        </section>
        <section className="wm-sim__card" data-testid="simulate-conflicts">
          <CardHead title="Conflicts" hint="click a customer for their timeline" />
          <Conflicts report={report} />
        </section>
        <section className="wm-sim__card" data-testid="simulate-goals">
          <CardHead title="Goals" hint="conversion, treatment vs holdout" />
          {goals.length === 0 ? (
            <div className="wm-sim__none wm-muted">No goals in {report.journeys.length > 1 ? 'these journeys' : 'this journey'}. Add one in the journey settings to measure conversion.</div>
          ) : (
            <>
              <Chart spec={goalsSpec} height={Math.max(70, 34 + goals.length * (goals.some((g) => g.holdout !== null) ? 40 : 26))} label="Goal conversion" testId="chart-goals" />
              <ul className="wm-sim__goals">
                {goals.map((g) => (
                  <li key={`${g.journey}:${g.goal}`} data-testid={`goal-${g.journey}-${g.goal}`}>
                    <strong>{g.goal}</strong>
                    <span className="wm-muted">
                      {fmtCount(g.converted)} of {fmtCount(g.entries)} · median {fmtHours(g.medianHours)}
                    </span>
                    {g.liftPoints !== null ? (
                      <span className={`wm-sim__lift${g.liftPoints > 0 ? ' is-up' : g.liftPoints < 0 ? ' is-down' : ''}`}>
                        {g.liftPoints > 0 ? '+' : ''}
                        {g.liftPoints.toFixed(1)} pts vs holdout
                      </span>
                    ) : (
                      <span className="wm-muted">no holdout</span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <TraceCard report={report} />
      </div>
    </div>
  );
}

/** Customers a limit stopped before the horizon: who, where and why, with the step to look at. */
function StoppedCustomers({ report, journeyId }: { report: Report; journeyId: string | null }) {
  const focus = useFocusNode();
  const doc = useEditorStore(shownDocument);
  const stopped = report.stopped ?? [];
  if (stopped.length === 0) return null;
  return (
    <div className="wm-sim__notice is-warning wm-sim__stopped" data-testid="simulate-stopped">
      <Icon name="warning" size={14} />
      <ul>
        {stopped.map((s) => {
          const here = s.journey === journeyId && s.node !== undefined ? doc?.nodes.find((n) => n.id === s.node) : undefined;
          return (
            <li key={`${s.customer}-${s.t}`}>
              Customer {s.customer}
              {here ? ` at “${here.label || here.id}”` : ''} {s.message}
              {here ? (
                <button type="button" className="wm-btn wm-btn--small wm-btn--ghost" onClick={() => focus(here.id)}>
                  Show “{here.label || here.id}”
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function CardHead({ title, hint }: { title: string; hint?: string }) {
  return (
    <header className="wm-sim__card-head">
      <h3>{title}</h3>
      {hint ? <span className="wm-muted">{hint}</span> : null}
    </header>
  );
}

function NoMessages() {
  return <div className="wm-sim__none wm-muted">No messages were sent.</div>;
}

function JourneysTable({ report, current }: { report: Report; current: string | null }) {
  return (
    <table className="wm-sim__journeys-table" data-testid="simulate-journeys-table">
      <thead>
        <tr>
          <th>Journey</th>
          <th>Priority</th>
          <th>Customers</th>
          <th>Entries</th>
          <th>Messages sent</th>
        </tr>
      </thead>
      <tbody>
        {report.journeys.map((j) => (
          <tr key={j.id} className={j.id === current ? 'is-current' : undefined}>
            <td>{j.name}</td>
            <td>{j.priority}</td>
            <td>{fmtCount(j.customers)}</td>
            <td>{fmtCount(j.entries)}</td>
            <td>{fmtCount(j.messages_sent)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Conflicts({ report }: { report: Report }) {
  const rows = useMemo(() => conflictRows(report.conflicts), [report]);
  const showTrace = useSimulationStore((s) => s.showTrace);
  const trace = useSimulationStore((s) => s.trace);
  const max = Math.max(1, ...rows.map((r) => r.count));
  const journeyName = useMemo(() => reportNames(report).journey, [report]);
  return (
    <ul className="wm-conflicts">
      {rows.map((c) => (
        <li key={c.kind} className={`wm-conflict is-${c.tone}${c.count === 0 ? ' is-none' : ''}`} data-testid={`conflict-${c.kind}`} title={c.description}>
          <div className="wm-conflict__top">
            <span className="wm-conflict__title">{c.title}</span>
            <span className="wm-conflict__count">{c.count === 0 ? 'none' : fmtCount(c.count)}</span>
          </div>
          {c.count > 0 ? (
            <>
              <div className="wm-conflict__bar">
                <span style={{ width: `${Math.max(2, (100 * c.count) / max)}%` }} />
              </div>
              {c.between.length > 0 ? (
                <ul className="wm-conflict__between" data-testid={`conflict-${c.kind}-between`}>
                  {c.between.map((b) => (
                    <li key={`${b.journey}-${b.other_journey}`}>
                      {journeyName(b.other_journey)} → {journeyName(b.journey)}: {fmtCount(b.count)}
                    </li>
                  ))}
                </ul>
              ) : null}
              <div className="wm-conflict__examples">
                {c.examples.map((id) => (
                  <button
                    key={id}
                    type="button"
                    className={`wm-customer${trace === id ? ' is-on' : ''}`}
                    onClick={() => void showTrace(id)}
                    title={`Show ${id}’s timeline`}
                    data-testid={`conflict-${c.kind}-${id}`}
                  >
                    {id}
                  </button>
                ))}
              </div>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

// A customer's timeline -----------------------------------------------------------------------

function TraceCard({ report }: { report: Report }) {
  const customer = useSimulationStore((s) => s.trace);
  const running = useSimulationStore((s) => s.running);
  const showTrace = useSimulationStore((s) => s.showTrace);
  const trace = findTrace(report, customer);
  const card = useRef<HTMLElement>(null);
  const [typed, setTyped] = useState('');
  const typedId = customerId(typed);

  // Bring the timeline into view when a customer's first arrives, not on every (live) re-run.
  const shown = useRef<string | null>(null);
  const arrived = trace?.customer ?? null;
  useEffect(() => {
    if (arrived && arrived !== shown.current) card.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    shown.current = arrived;
  }, [arrived]);

  const samples = report.traces.map((t) => t.customer).filter((c) => c !== customer);

  return (
    <section className="wm-sim__card wm-sim__card--wide wm-sim__trace" ref={card} data-testid="simulate-trace">
      <header className="wm-sim__card-head">
        <h3>Customer timeline</h3>
        <form
          className="wm-sim__trace-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (typedId) {
              setTyped('');
              void showTrace(typedId);
            }
          }}
        >
          <input className="wm-input wm-input--mono" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="c42" aria-label="Customer id" data-testid="trace-input" />
          <button type="submit" className="wm-btn wm-btn--small" disabled={!typedId} data-testid="trace-go">
            Trace
          </button>
        </form>
      </header>
      {!customer ? (
        <div className="wm-sim__none wm-muted">
          Click a customer in the conflicts, or try a sampled one:{' '}
          {samples.map((c) => (
            <button key={c} type="button" className="wm-customer" onClick={() => void showTrace(c)} data-testid={`trace-sample-${c}`}>
              {c}
            </button>
          ))}
        </div>
      ) : trace ? (
        <Timeline trace={trace} report={report} onClose={() => void showTrace(null)} />
      ) : running ? (
        <div className="wm-sim__none wm-muted">Simulating {customer}…</div>
      ) : (
        <div className="wm-sim__none wm-muted">No timeline for {customer}: there is no such customer in this run.</div>
      )}
    </section>
  );
}

function Timeline({ trace, report, onClose }: { trace: Trace; report: Report; onClose: () => void }) {
  const multi = report.journeys.length > 1;
  const names = useMemo(() => reportNames(report), [report]);
  const focus = useFocusNode();
  const nodeIds = useEditorStore((s) => s.nodes);
  const known = useMemo(() => new Set(nodeIds.map((n) => n.id)), [nodeIds]);
  const journeyId = useEditorStore((s) => shownDocument(s)?.id);
  const days = useMemo(() => traceDays(trace), [trace]);
  const sent = trace.steps.filter((s) => s.what === 'sent').length;
  const suppressed = trace.steps.filter((s) => s.what === 'suppressed').length;
  return (
    <div className="wm-timeline" data-testid="trace-timeline">
      <div className="wm-timeline__head">
        <span className="wm-customer is-on">{trace.customer}</span>
        <span className="wm-muted">
          {trace.timezone} · local times · {trace.steps.length} steps · {sent} sent{suppressed ? ` · ${suppressed} suppressed` : ''}
        </span>
        <button type="button" className="wm-icon-btn" onClick={onClose} title="Close the timeline" aria-label="Close the timeline" data-testid="trace-close">
          <Icon name="x" size={13} />
        </button>
      </div>
      {trace.steps.length === 0 ? <div className="wm-sim__none wm-muted">Nothing happened to this customer in the simulated days.</div> : null}
      <ol className="wm-timeline__days">
        {days.map((day) => (
          <li key={day.date} className="wm-timeline__day">
            <div className="wm-timeline__date">{day.label}</div>
            <ol className="wm-timeline__steps">
              {day.steps.map((step, i) => {
                const info = STEP_INFO[step.what] ?? { label: step.what, tone: 'muted' };
                const here = step.node && (!step.journey || step.journey === journeyId) && known.has(step.node);
                return (
                  <li key={i} className={`wm-step is-${info.tone}`} data-testid={`trace-step-${step.what}`}>
                    <span className="wm-step__time" title={`${step.at} UTC`}>
                      {step.time}
                    </span>
                    <span className="wm-step__dot" />
                    <span className="wm-step__kind">{info.label}</span>
                    <span className="wm-step__where">
                      {step.node ? (
                        here ? (
                          <button type="button" className="wm-link-btn wm-step__node" onClick={() => focus(step.node!)} title="Show this step on the canvas">
                            {names.step(step.journey ?? journeyId, step.node)}
                          </button>
                        ) : (
                          <span className="wm-step__node">{names.step(step.journey ?? journeyId, step.node)}</span>
                        )
                      ) : null}
                      {step.port ? <span className="wm-port-pill">{step.port}</span> : null}
                      {multi && step.journey && step.journey !== journeyId ? <span className="wm-tag">{names.journey(step.journey)}</span> : null}
                    </span>
                    <span className="wm-step__reason" title={step.reason}>
                      {reasonParts(step.reason).map((p, k) => (p.code ? <code key={k}>{p.text}</code> : <span key={k}>{p.text}</span>))}
                    </span>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
      {trace.truncated ? <div className="wm-sim__none wm-muted">The timeline was cut at the step limit.</div> : null}
    </div>
  );
}

/** What the dock's Simulation tab says about the run. */
export function SimulationTabStatus() {
  const running = useSimulationStore((s) => s.running);
  const progress = useSimulationStore((s) => s.progress);
  const report = useSimulationStore((s) => s.report);
  const live = useSimulationStore((s) => s.live);
  if (running) return <span className="wm-count is-running">{progress ? fmtPercent(progressFraction(progress), 0) : 'running…'}</span>;
  return (
    <>
      {live ? <span className="wm-live-dot" title="Live: re-runs after each edit" /> : null}
      {report ? <span className="wm-count">{fmtCount(report.totals.messages_sent)} messages</span> : null}
    </>
  );
}
