//! The scenario choice shared by the simulation form and the behavioural diff's form: the core's
//! example scenarios, and the one the form names (its population and horizon are what a blank
//! customers or days field means).

import type { ScenarioInfo } from '../bindings';
import { useSimulationStore } from '../simulationStore';

/** The example scenario the simulation form names, once the scenarios are loaded. */
export function useChosenScenario(): ScenarioInfo | undefined {
  const scenarios = useSimulationStore((s) => s.scenarios);
  const scenario = useSimulationStore((s) => s.form.scenario);
  return scenarios?.find((s) => s.name === scenario);
}

export function ScenarioField({ testId }: { testId: string }) {
  const scenarios = useSimulationStore((s) => s.scenarios);
  const scenario = useSimulationStore((s) => s.form.scenario);
  const setForm = useSimulationStore((s) => s.setForm);
  const chosen = useChosenScenario();
  const hasDefault = !!scenarios?.some((s) => s.name === 'default');
  return (
    <label className="wm-sim__field wm-sim__field--scenario">
      <span>Scenario</span>
      <select className="wm-input wm-select" value={scenario ?? ''} onChange={(e) => setForm({ scenario: e.target.value || null })} title={chosen?.description} data-testid={testId}>
        {!hasDefault ? <option value="">Default population</option> : null}
        {(scenarios ?? []).map((s) => (
          <option key={s.name} value={s.name}>
            {s.title}
          </option>
        ))}
      </select>
    </label>
  );
}
