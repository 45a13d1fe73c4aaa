//! The behavioural diff: both compared versions simulated on the simulation form's population, and
//! what changes for customers, as figures and charts (before in grey, after in the accent colour):
//! messages per channel, per customer, goal conversion, conflicts and suppressions, traffic per
//! step, and a few customers whose story changed with both timelines side by side. `BehaviourDock`
//! is compare mode's dock under the canvas; `BehaviourResults` is also in the publish confirmation.

import { useEffect, useMemo, useState } from 'react';
import { channelRows, conflictShiftRows, exampleTimelines, goalShiftRows, nodeRows, perCustomerRows, shiftFigures, type MarkedDay, type ShiftRow } from '../behaviour';
import { shiftChartHeight, shiftChart } from '../behaviourCharts';
import type { BehaviourDiff, ExampleCustomer, JourneyDocument } from '../bindings';
import { MARK_LABEL, nodeMarks, sideLabel, type NodeMark } from '../compare';
import { useCompareStore } from '../compareStore';
import { fmtCount, progressFraction, reasonParts, STEP_INFO } from '../simulation';
import { useSimulationStore } from '../simulationStore';
import { useEditorStore } from '../store';
import { Icon } from './icons';
import { Chart } from './Chart';
import { ScenarioField, useChosenScenario } from './ScenarioField';
import { DockResizer } from './ProblemsPanel';

/** Compare mode's dock under the canvas: a tab that folds, and the behavioural diff. */
export function BehaviourDock() {
  const open = useCompareStore((s) => s.behaviourOpen);
  const setOpen = useCompareStore((s) => s.setBehaviourOpen);
  const behaviour = useCompareStore((s) => s.behaviour);
  const height = useSimulationStore((s) => s.height);
  const result = behaviour.result;
  return (
    <section className={`wm-problems${open ? ' is-open is-sim' : ''}`} style={open ? { height } : undefined} data-testid="behaviour-dock" aria-label="What changes for customers">
      {open ? <DockResizer /> : null}
      <header className="wm-problems__head">
        <div className="wm-dock__tabs" role="tablist">
          <button type="button" role="tab" aria-selected={open} className={`wm-problems__toggle${open ? ' is-active' : ''}`} onClick={() => setOpen(!open)} data-testid="behaviour-tab">
            <Icon name={open ? 'down' : 'up'} size={14} />
            <span className="wm-problems__title">What changes for customers</span>
            {behaviour.running ? (
              <span className="wm-count is-running">{behaviour.progress ? `${Math.round(progressFraction(behaviour.progress) * 100)}%` : 'simulating…'}</span>
            ) : result ? (
              <span className="wm-count">
                {fmtCount(result.changed_customers)} of {fmtCount(result.customers)} customers affected
              </span>
            ) : null}
          </button>
        </div>
      </header>
      {open ? <BehaviourBody /> : null}
    </section>
  );
}

function BehaviourBody() {
  const behaviour = useCompareStore((s) => s.behaviour);
  const run = useCompareStore((s) => s.runBehaviour);
  const cancel = useCompareStore((s) => s.cancelBehaviour);
  const old = useCompareStore((s) => s.old);
  const next = useCompareStore((s) => s.next);
  const oldDoc = useCompareStore((s) => s.oldDoc);
  const nextDoc = useCompareStore((s) => s.nextDoc);
  const diff = useCompareStore((s) => s.diff);
  const marks = useMemo(() => (diff ? nodeMarks(diff) : new Map<string, NodeMark>()), [diff]);
  if (old === null || next === null) return null;
  return (
    <div className="wm-sim" data-testid="behaviour-panel">
      <PopulationForm running={behaviour.running} onRun={() => void run()} onCancel={() => void cancel()} />
      <div className={`wm-sim__progress${behaviour.running ? ` is-running${behaviour.progress ? '' : ' is-indeterminate'}` : ''}`}>
        {behaviour.running ? <div className="wm-sim__progress-bar" style={{ width: behaviour.progress ? `${progressFraction(behaviour.progress) * 100}%` : undefined }} /> : null}
      </div>
      <div className="wm-sim__body">
        {behaviour.error ? (
          <div className="wm-sim__notice is-error" role="alert" data-testid="behaviour-error">
            <Icon name="error" size={14} /> {behaviour.error}
          </div>
        ) : null}
        {behaviour.result && oldDoc && nextDoc ? (
          <div className={`wm-sim__results${behaviour.running ? ' is-updating' : ''}`}>
            <BehaviourResults result={behaviour.result} names={{ before: sideLabel(old), after: sideLabel(next) }} oldDoc={oldDoc} nextDoc={nextDoc} marks={marks} />
          </div>
        ) : behaviour.running ? (
          <div className="wm-sim__empty wm-muted">Simulating both versions on the same customers…</div>
        ) : null}
      </div>
    </div>
  );
}

/** The simulation panel's scenario, size, horizon and seed: the same form, so both panels agree. */
function PopulationForm({ running, onRun, onCancel }: { running: boolean; onRun: () => void; onCancel: () => void }) {
  const scenarios = useSimulationStore((s) => s.scenarios);
  const loadScenarios = useSimulationStore((s) => s.loadScenarios);
  const form = useSimulationStore((s) => s.form);
  const setForm = useSimulationStore((s) => s.setForm);
  const chosen = useChosenScenario();
  useEffect(() => {
    if (!scenarios) loadScenarios();
  }, [scenarios, loadScenarios]);
  const field = (key: 'customers' | 'days' | 'seed', label: string, placeholder: string) => (
    <label className={`wm-sim__field${key === 'customers' ? ' wm-sim__field--wide' : ''}`}>
      <span>{label}</span>
      <input className="wm-input wm-input--number" inputMode="numeric" value={form[key]} placeholder={placeholder} onChange={(e) => setForm({ [key]: e.target.value })} data-testid={`behaviour-${key}`} />
    </label>
  );
  return (
    <form
      className="wm-sim__form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!running) onRun();
      }}
    >
      <ScenarioField testId="behaviour-scenario" />
      {field('customers', 'Customers', chosen ? fmtCount(chosen.customers) : '')}
      {field('days', 'Days', chosen ? String(chosen.days) : '')}
      {field('seed', 'Seed', 'default')}
      <span className="wm-sim__spacer" />
      {running ? (
        <button type="button" className="wm-btn" onClick={onCancel} data-testid="behaviour-cancel">
          <Icon name="x" size={14} /> Cancel
        </button>
      ) : (
        <button type="submit" className="wm-btn wm-btn--primary" data-testid="behaviour-run">
          <Icon name="play" size={13} /> Run both
        </button>
      )}
    </form>
  );
}

/** The figures and charts of a behavioural diff; `compact` keeps the headline and the channels (the publish confirmation). */
export function BehaviourResults({
  result,
  names,
  oldDoc,
  nextDoc,
  marks,
  compact,
}: {
  result: BehaviourDiff;
  names: { before: string; after: string };
  oldDoc: JourneyDocument;
  nextDoc: JourneyDocument;
  marks: ReadonlyMap<string, NodeMark>;
  compact?: boolean;
}) {
  const theme = useEditorStore((s) => s.theme);
  const figures = useMemo(() => shiftFigures(result), [result]);
  const channels = useMemo(() => channelRows(result), [result]);
  const nodes = useMemo(() => nodeRows(result, oldDoc, nextDoc, marks), [result, oldDoc, nextDoc, marks]);
  const goals = useMemo(() => goalShiftRows(result), [result]);
  const conflicts = useMemo(() => conflictShiftRows(result), [result]);
  const perCustomer = useMemo(() => perCustomerRows(result), [result]);
  const labelled = (rows: ShiftRow[]) => rows.map((r) => (r.mark === 'added' || r.mark === 'removed' ? { ...r, label: `${r.label} (${MARK_LABEL[r.mark].toLowerCase()})` } : r));
  const chart = (rows: ShiftRow[], horizontal: boolean, percent = false) => shiftChart(rows, theme, { horizontal, percent, names });

  return (
    <>
      <div className="wm-sim__meta wm-muted" data-testid="behaviour-meta">
        <span>
          {result.scenario} · the same {fmtCount(result.customers)} customers in both · {result.days} days from {result.start} · seed {result.seed}
        </span>
        <span className="wm-shift-key">
          <span className="wm-shift-key__swatch is-before" /> {names.before}
          <span className="wm-shift-key__swatch is-after" /> {names.after}
        </span>
      </div>
      {!result.complete ? (
        <div className="wm-sim__notice is-warning">
          <Icon name="warning" size={14} /> Cancelled: the figures cover part of the population.
        </div>
      ) : null}
      {result.warnings.map((w, i) => (
        <div key={i} className="wm-sim__notice is-warning">
          <Icon name="warning" size={14} /> {w}
        </div>
      ))}
      <div className="wm-shift-figures" data-testid="behaviour-figures">
        {figures.map((f) => (
          <div key={f.key} className={`wm-stat wm-shift-stat is-${f.tone}`} data-testid={`behaviour-figure-${f.key}`}>
            <span className="wm-stat__label">{f.label}</span>
            <span className="wm-stat__value">
              {f.before ? (
                <>
                  <span className="wm-shift-stat__before">{f.before}</span>
                  <span className="wm-shift-stat__arrow">→</span>
                </>
              ) : null}
              <span className="wm-shift-stat__after">{f.after}</span>
            </span>
            <span className="wm-stat__detail" title={f.detail}>
              <span className="wm-shift-stat__delta">{f.delta}</span>
              {f.detail ? ` · ${f.detail}` : ''}
            </span>
          </div>
        ))}
      </div>
      <div className="wm-sim__grid">
        <section className="wm-sim__card">
          <CardHead title="Messages per channel" hint="sent, whole run" />
          {channels.length ? <Chart spec={chart(channels, false)} height={180} label="Messages per channel before and after" testId="behaviour-chart-channels" /> : <None text="Neither version sends a message." />}
        </section>
        {compact ? null : (
          <>
            <section className="wm-sim__card">
              <CardHead title="Messages per customer" hint="customers who entered" />
              <Chart spec={chart(perCustomer, false)} height={180} label="Messages per customer before and after" testId="behaviour-chart-per-customer" />
            </section>
            <section className="wm-sim__card">
              <CardHead title="Goal conversion" hint="treatment, and holdout where there is one" />
              {goals.length ? (
                <Chart spec={chart(goals, true, true)} height={shiftChartHeight(goals.length)} label="Goal conversion before and after" testId="behaviour-chart-goals" />
              ) : (
                <None text="Neither version has a goal." />
              )}
            </section>
            <section className="wm-sim__card">
              <CardHead title="Conflicts and suppressions" hint="either version" />
              {conflicts.length ? (
                <Chart spec={chart(conflicts, true)} height={shiftChartHeight(conflicts.length)} label="Conflicts and suppressions before and after" testId="behaviour-chart-conflicts" />
              ) : (
                <None text="No conflicts and nothing suppressed in either version." />
              )}
            </section>
            <section className="wm-sim__card wm-sim__card--wide">
              <CardHead title="Traffic per step" hint={nodes.unchanged ? `arrivals · ${nodes.unchanged} step${nodes.unchanged === 1 ? '' : 's'} unchanged, not shown` : 'arrivals'} />
              {nodes.rows.length ? (
                <Chart spec={chart(labelled(nodes.rows), true)} height={shiftChartHeight(nodes.rows.length)} label="Arrivals per step before and after" testId="behaviour-chart-nodes" />
              ) : (
                <None text="No step gains or loses customers." />
              )}
            </section>
            <Examples examples={result.examples} names={names} />
          </>
        )}
      </div>
    </>
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

function None({ text }: { text: string }) {
  return <div className="wm-sim__none wm-muted">{text}</div>;
}

function Examples({ examples, names }: { examples: ExampleCustomer[]; names: { before: string; after: string } }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const example = examples.find((e) => e.customer === chosen) ?? examples[0];
  const timelines = useMemo(() => (example ? exampleTimelines(example) : null), [example]);
  return (
    <section className="wm-sim__card wm-sim__card--wide" data-testid="behaviour-examples">
      <header className="wm-sim__card-head">
        <h3>Customers whose story changed</h3>
        <span className="wm-shift-examples__pick">
          {examples.map((e) => (
            <button key={e.customer} type="button" className={`wm-customer${e === example ? ' is-on' : ''}`} onClick={() => setChosen(e.customer)} data-testid={`behaviour-example-${e.customer}`}>
              {e.customer}
            </button>
          ))}
        </span>
      </header>
      {!example || !timelines ? (
        <None text="No customer’s story changed." />
      ) : (
        <div className="wm-xtrace" data-testid="behaviour-timelines">
          <TraceColumn title={names.before} days={timelines.before} sent={timelines.sentBefore} timezone={example.before.timezone} side="before" />
          <TraceColumn title={names.after} days={timelines.after} sent={timelines.sentAfter} timezone={example.after.timezone} side="after" />
        </div>
      )}
    </section>
  );
}

function TraceColumn({ title, days, sent, timezone, side }: { title: string; days: MarkedDay[]; sent: number; timezone: string; side: 'before' | 'after' }) {
  return (
    <div className={`wm-xtrace__col is-${side}`} data-testid={`behaviour-timeline-${side}`}>
      <div className="wm-xtrace__head">
        <span className={`wm-shift-key__swatch is-${side}`} />
        <strong>{title}</strong>
        <span className="wm-muted">
          {sent} sent · {timezone} local times
        </span>
      </div>
      {days.length === 0 ? <None text="Nothing happened to this customer." /> : null}
      <ol className="wm-xtrace__days">
        {days.map((day) => (
          <li key={day.date}>
            <div className="wm-xtrace__date">{day.label}</div>
            <ol className="wm-xtrace__steps">
              {day.steps.map((step, i) => {
                const info = STEP_INFO[step.what] ?? { label: step.what, tone: 'muted' };
                return (
                  <li key={i} className={`wm-xstep is-${info.tone}${step.differs ? ' is-different' : ''}`} title={step.differs ? `Only in ${title}: ${step.reason}` : step.reason}>
                    <span className="wm-step__time">{step.time}</span>
                    <span className="wm-step__kind">{info.label}</span>
                    <span className="wm-xstep__where">
                      {step.node ? <span className="wm-step__node">{step.node}</span> : null}
                      {step.port ? <span className="wm-port-pill">{step.port}</span> : null}
                      {!step.node ? reasonParts(step.reason).map((p, k) => (p.code ? <code key={k}>{p.text}</code> : <span key={k}>{p.text}</span>)) : null}
                    </span>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
    </div>
  );
}
