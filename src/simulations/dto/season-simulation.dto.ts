import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEVEL_OR_NONE } from '../../rules/levels/level-ladder.js';

/** The JSON form of POST /simulations/season, for the OpenAPI document; the service checks it (and the text/csv form) itself. */
export class SeasonSimulationDoc {
  @ApiProperty({
    type: 'string',
    description:
      'The season AQI as CSV: a header with date (日期; daily) or datetime (时间; hourly, local or with offset), county (区县: code or name) and aqi (AQI), then one row per county and day or hour',
    example: 'date,county,aqi\n2026-12-10,410821,320\n2026-12-11,410821,330\n',
  })
  csv!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'A what-if over the configuration: { rules?: { recommendation?: { windowHours?, levels? }, lift?: { belowHours?, thresholds? }, simulation?: { forecastDays? } }, grading?: { grades: { <grade>: { levels } } } } in the forms of rules.yaml and grading.yaml',
    example: { rules: { recommendation: { levels: { orange: [[{ above: 250, hours: 72 }]] } } }, grading: { grades: { D: { levels: { orange: 'listed' } } } } },
  })
  overlay?: Record<string, unknown>;
}

export class TonnesResponse {
  @ApiProperty({ type: 'number' })
  so2!: number;

  @ApiProperty({ type: 'number' })
  nox!: number;

  @ApiProperty({ type: 'number' })
  pm!: number;

  @ApiProperty({ type: 'number' })
  vocs!: number;
}

export class SimulationEffectResponse {
  @ApiProperty({ type: 'integer', description: 'Σ over days of the enterprises with at least one line stopped or limited' })
  enterpriseDaysRestricted!: number;

  @ApiProperty({ type: 'integer', description: 'Σ over days of the enterprises with every line stopped' })
  enterpriseDaysStopped!: number;

  @ApiProperty({ type: 'number', description: "Σ over days of the share of each enterprise's capacity its order takes away (1 = one enterprise's whole capacity for a day)" })
  capacityDaysLost!: number;

  @ApiProperty({ type: () => TonnesResponse, description: 'Tonnes of each pollutant avoided (lines with emission figures)' })
  tonnesAvoided!: TonnesResponse;

  @ApiProperty({ type: 'integer', description: 'Orders issued: enterprises whose requirement differs from the day before (lifts included)' })
  ordersIssued!: number;
}

export class LevelDaysResponse {
  @ApiProperty({ type: 'string', enum: LEVEL_OR_NONE })
  level!: string;

  @ApiProperty({ type: 'string', description: 'Chinese name (无 for none)' })
  levelName!: string;

  @ApiProperty({ type: 'integer' })
  days!: number;
}

export class CountySimulationResponse extends SimulationEffectResponse {
  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string', description: 'Division code' })
  code!: string;

  @ApiProperty({ type: 'integer' })
  enterprises!: number;

  @ApiProperty({ type: 'integer', description: 'Days with AQI' })
  days!: number;

  @ApiProperty({ type: () => LevelDaysResponse, isArray: true, description: 'Days at each level, mildest first' })
  levelDays!: LevelDaysResponse[];
}

export class IndustrySimulationResponse extends SimulationEffectResponse {
  @ApiProperty({ type: 'string' })
  industry!: string;

  @ApiProperty({ type: 'string', description: 'Chinese name' })
  industryName!: string;

  @ApiProperty({ type: 'integer' })
  enterprises!: number;
}

export class CitySimulationResponse extends SimulationEffectResponse {
  @ApiProperty({ type: 'integer' })
  enterprises!: number;
}

export class DayCountyResponse extends SimulationEffectResponse {
  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string', enum: LEVEL_OR_NONE })
  level!: string;
}

export class SimulationDayResponse {
  @ApiProperty({ type: 'string', format: 'date' })
  date!: string;

  @ApiProperty({ type: () => DayCountyResponse, isArray: true })
  counties!: DayCountyResponse[];

  @ApiProperty({ type: () => SimulationEffectResponse })
  city!: SimulationEffectResponse;
}

export class SeasonSimulationResponse {
  @ApiProperty({ type: 'string', format: 'date' })
  firstDate!: string;

  @ApiProperty({ type: 'string', format: 'date' })
  lastDate!: string;

  @ApiProperty({ type: 'integer' })
  days!: number;

  @ApiProperty({ type: 'string', description: 'The season calendar applied ("none": no season configured for these dates, only the level measures)' })
  season!: string;

  @ApiProperty({ type: 'integer', description: 'Days of AQI read as each morning’s forecast' })
  forecastDays!: number;

  @ApiProperty({ type: 'number', description: 'Operating hours per day behind the tonnes (rules.yaml emissions.hoursPerDay)' })
  hoursPerDay!: number;

  @ApiProperty({ type: 'boolean', description: 'An overlay changed the configuration' })
  overlay!: boolean;

  @ApiProperty({ type: () => CitySimulationResponse })
  city!: CitySimulationResponse;

  @ApiProperty({ type: () => CountySimulationResponse, isArray: true, description: 'The counties of the CSV, in the city’s order' })
  counties!: CountySimulationResponse[];

  @ApiProperty({ type: () => IndustrySimulationResponse, isArray: true, description: 'In the order of city.yaml industries' })
  industries!: IndustrySimulationResponse[];

  @ApiProperty({ type: () => SimulationDayResponse, isArray: true, description: 'Day by day' })
  series!: SimulationDayResponse[];

  @ApiProperty({ type: 'integer', description: 'Distinct (county, season phases, level, approvals) situations: one derivation pass each' })
  situations!: number;

  @ApiProperty({ type: 'integer', description: 'Orders derived' })
  derivations!: number;

  @ApiProperty({ type: 'integer', description: 'Lines without emission figures (not counted in the tonnes)' })
  unknownLines!: number;

  @ApiProperty({ type: 'integer', description: 'Time the replay took in process, ms' })
  elapsedMs!: number;
}
