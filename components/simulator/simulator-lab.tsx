'use client';

import { RunPanel } from './run-panel';
import { requestBody, SimulationForm, type SimulatedScenario, type SimulatorLimits } from './simulation-form';
import { useSimulation } from './use-simulation';

/** The simulator: set up or pick a run on the left, watch it on the right. */
export function SimulatorLab({ scenarios, limits }: { scenarios: SimulatedScenario[]; limits: SimulatorLimits }) {
  const { snapshot, problem, start, cancel } = useSimulation();
  const running = snapshot?.status === 'running';
  return (
    <div className="grid gap-6 lg:grid-cols-[24rem_minmax(0,1fr)]">
      <div className="space-y-4">
        <SimulationForm scenarios={scenarios} limits={limits} busy={running} onStart={(values) => void start(requestBody(values))} />
        {problem && (
          <p role="alert" className="rounded-2xl border border-rose-200 bg-rose-50 p-4 text-sm font-medium text-rose-800">
            {problem}
          </p>
        )}
      </div>
      {snapshot ? (
        <RunPanel snapshot={snapshot} onCancel={() => void cancel()} />
      ) : (
        <section className="grid place-items-center rounded-2xl border border-dashed border-slate-300 bg-white/60 p-10 text-center text-slate-600">
          <p>
            No run yet. Pick one of the three demonstrations: the progress, the live figures and the hit-ratio curve appear here.
          </p>
        </section>
      )}
    </div>
  );
}
