// The season simulator's input and answer (issue 12, item 6). Pure data: the service parses
// the AQI CSV into `CountyAqi` and loads the registry; the rules replay the season.
import type { Enterprise, Pollutant } from '../enterprise.js';
import type { LevelOrNone } from '../levels/level-ladder.js';
import type { OrderConfig } from '../orders/order.types.js';

/** One county's AQI over the season: one value per local day, or per local hour, from `firstDate`'s midnight, without gaps. */
export interface CountyAqi {
  /** The county's name (city.yaml `counties`). */
  county: string;
  resolution: 'daily' | 'hourly';
  /** Local date (YYYY-MM-DD) of the first value. */
  firstDate: string;
  /** AQI values in time order: one per day (daily) or 24 per day (hourly; the last day may be partial). */
  values: readonly number[];
}

export interface SeasonSimulationInput {
  aqi: readonly CountyAqi[];
  /** The active enterprises; those of counties without AQI are not simulated. */
  enterprises: readonly Enterprise[];
}

export interface SeasonSimulationConfig {
  /** The derivation config (season calendar, rules with the recommendation criteria, levels, grading table). */
  orders: OrderConfig;
  /** Days of AQI from each midnight read as that morning's forecast (rules.yaml `simulation.forecastDays`). */
  forecastDays: number;
}

export type PollutantTonnes = Record<Pollutant, number>;

/** What the orders of a stretch of days cost and achieve. */
export interface SimulationEffect {
  /** Σ over days of the enterprises with at least one line stopped or limited. */
  enterpriseDaysRestricted: number;
  /** Σ over days of the enterprises with every line stopped. */
  enterpriseDaysStopped: number;
  /** Σ over days and enterprises of the share of the enterprise's capacity its order takes away (1 = one enterprise's whole capacity for one day). */
  capacityDaysLost: number;
  /** Tonnes of each pollutant the orders avoid (lines with emission figures; emissions proportional to load). */
  tonnesAvoided: PollutantTonnes;
  /** Orders issued: enterprises whose requirement differs from the day before (the first day: from no order). */
  ordersIssued: number;
}

export interface CountySimulation extends SimulationEffect {
  county: string;
  /** Enterprises of the county in the simulation. */
  enterprises: number;
  /** Days replayed (days with AQI). */
  days: number;
  /** Days at each level (`none` included), by level key. */
  levelDays: Partial<Record<LevelOrNone, number>>;
}

export interface IndustrySimulation extends SimulationEffect {
  industry: string;
  enterprises: number;
}

export interface DayCounty extends SimulationEffect {
  county: string;
  level: LevelOrNone;
}

export interface SimulationDay {
  /** Local date. */
  date: string;
  /** The counties with AQI that day, in the order of the input. */
  counties: DayCounty[];
  city: SimulationEffect;
}

export interface SeasonSimulationResult {
  firstDate: string;
  lastDate: string;
  /** Days from the first to the last date. */
  days: number;
  counties: CountySimulation[];
  /** Industries in order of their first enterprise in the input. */
  industries: IndustrySimulation[];
  city: SimulationEffect & { enterprises: number };
  series: SimulationDay[];
  /** Distinct (county, season phases, level, provincial approvals in force) situations: one derivation pass each. */
  situations: number;
  /** Orders derived (Σ over situations of the county's enterprises). */
  derivations: number;
  /** Lines without emission figures among the simulated enterprises (their tonnes are not counted). */
  unknownLines: number;
}
