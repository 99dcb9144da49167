/** What the dashboard's client components know of a scenario (from lib/scenarios/registry.ts). */
export interface ScenarioOption {
  id: string;
  title: string;
  namespace: string;
}
