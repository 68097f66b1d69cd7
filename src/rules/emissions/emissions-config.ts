// What the reduction accounting reads from rules.yaml (`emissions`); config/rules-config.ts parses it.

export interface EmissionsConfig {
  /** Operating hours per day that turn a line's kg/h into tonnes per day. */
  hoursPerDay: number;
  /** How many enterprises a shortfall lists per pollutant (those that could add the most). */
  shortfallCandidates: number;
  /** How many lines without emission figures a dry run names (all are counted). */
  listedUnknownLines: number;
}
