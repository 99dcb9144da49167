/**
 * The Cache Lab board in Grafana's own types (@grafana/schema, the package Grafana's frontend is
 * built on): the dashboard model, and each panel's options and field config as its plugin declares
 * them. observability/grafana/dashboard.test.ts compiles the JSON file against `CacheLabBoard`, so
 * a panel Grafana would not understand (a missing type, a grid position without a height, a legend
 * placement that does not exist, a misspelt option) fails the test. Types only: nothing imports
 * this at run time.
 */
import type { Dashboard, FieldConfig, Panel } from '@grafana/schema';
import type { Options as StatOptions } from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type {
  FieldConfig as StateTimelineFieldConfig,
  Options as StateTimelineOptions,
} from '@grafana/schema/dist/esm/raw/composable/statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen';
import type {
  FieldConfig as TimeSeriesFieldConfig,
  Options as TimeSeriesOptions,
} from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

/** JSON spells an enum by its value: Grafana's string enums become their literals, numeric ones numbers. */
export type AsJson<T> = T extends string
  ? `${T}`
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer Item)[]
        ? AsJson<Item>[]
        : T extends object
          ? { [Key in keyof T]: AsJson<T[Key]> }
          : T;

/**
 * A panel of one plugin: Grafana's Panel with that plugin's options and custom field config in
 * place of the open records (`custom` exactly the plugin's, without the veneer's catch-all record).
 */
type PluginPanel<Type extends string, Options, Custom> = Omit<Panel, 'type' | 'options' | 'fieldConfig' | 'gridPos' | 'targets'> & {
  type: Type;
  options: Options;
  fieldConfig: { defaults: Omit<FieldConfig, 'custom'> & { custom?: Custom }; overrides: NonNullable<Panel['fieldConfig']>['overrides'] };
  /** Required here: a board laid out by Grafana's defaults would stack every panel at the top left. */
  gridPos: NonNullable<Panel['gridPos']>;
  /** Prometheus queries: the e2e test evaluates each `expr` against a real Prometheus. */
  targets: PrometheusTarget[];
};

/** The fields of a Prometheus query Grafana's Prometheus data source reads (its DataQuery). */
interface PrometheusTarget {
  refId: string;
  datasource: NonNullable<Panel['datasource']>;
  expr: string;
  legendFormat?: string;
  editorMode?: 'code' | 'builder';
  range?: boolean;
  instant?: boolean;
}

export type BoardPanel =
  | PluginPanel<'timeseries', TimeSeriesOptions, TimeSeriesFieldConfig>
  | PluginPanel<'stat', StatOptions, never>
  | PluginPanel<'state-timeline', StateTimelineOptions, StateTimelineFieldConfig>;

/** The dashboard file: uid and title required (provisioning keys it by uid), panels of the plugins above. */
export type CacheLabBoard = AsJson<Omit<Dashboard, 'panels' | 'uid' | 'title'> & { uid: string; title: string; panels: BoardPanel[] }>;
