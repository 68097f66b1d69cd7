import { ApiProperty } from '@nestjs/swagger';
import { POLLUTANTS } from '../../rules/enterprise.js';
import { LEVEL_KEYS, LEVEL_OR_NONE } from '../../rules/levels/level-ladder.js';

export class PollutantReductionResponse {
  @ApiProperty({ type: 'string', enum: POLLUTANTS })
  pollutant!: string;

  @ApiProperty({ type: 'number', description: 'Emissions of the enterprises in scope at normal load (lines with figures), t/day' })
  baselineTonnesPerDay!: number;

  @ApiProperty({ type: 'number', description: 'What the orders remove, t/day' })
  reductionTonnesPerDay!: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'Reduction / baseline × 100; null when the baseline is 0' })
  percent!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: "The level's target (rules.yaml emissionTargets); for the city, the counties' targets weighted by baseline" })
  targetPercent!: number | null;

  @ApiProperty({ type: 'boolean', description: 'The target is not reached' })
  shortfall!: boolean;

  @ApiProperty({ type: 'number', description: 'Still missing to reach the target, t/day (0 when reached)' })
  shortfallTonnesPerDay!: number;
}

export class ShortfallActionResponse {
  @ApiProperty({ type: 'string' })
  lineCode!: string;

  @ApiProperty({ type: 'string', enum: ['stop', 'limit'] })
  action!: string;

  @ApiProperty({ type: 'number', nullable: true })
  maxLoadPercent!: number | null;

  @ApiProperty({ type: 'string', enum: [...LEVEL_KEYS, null], nullable: true, description: 'The higher level whose listed measure this is; null: stop a line the order only limits' })
  level!: string | null;
}

export class ShortfallCandidateResponse {
  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  enterpriseName!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'number', description: 'What the actions would add to the reduction of the pollutant, t/day' })
  addTonnesPerDay!: number;

  @ApiProperty({ type: () => ShortfallActionResponse, isArray: true })
  actions!: ShortfallActionResponse[];
}

export class PollutantShortfallResponse {
  @ApiProperty({ type: 'string', enum: POLLUTANTS })
  pollutant!: string;

  @ApiProperty({ type: () => ShortfallCandidateResponse, isArray: true, description: 'Most first; at most rules.yaml emissions.shortfallCandidates' })
  candidates!: ShortfallCandidateResponse[];
}

export class ScopeReductionResponse {
  @ApiProperty({ type: 'string', nullable: true, description: 'The county; null for the city' })
  county!: string | null;

  @ApiProperty({ type: 'string', enum: [...LEVEL_OR_NONE, null], nullable: true, description: 'For the city: null when the counties are at different levels' })
  level!: string | null;

  @ApiProperty({ type: 'integer' })
  enterprises!: number;

  @ApiProperty({ type: () => PollutantReductionResponse, isArray: true })
  emissions!: PollutantReductionResponse[];

  @ApiProperty({ type: () => PollutantShortfallResponse, isArray: true, description: 'Pollutants short of their target, with the enterprises that could still add the most' })
  shortfalls!: PollutantShortfallResponse[];

  @ApiProperty({ type: 'integer', description: 'Lines without emission figures (not in the baseline)' })
  unknownLines!: number;
}

export class UnknownLineResponse {
  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  enterpriseName!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string' })
  lineCode!: string;

  @ApiProperty({ type: 'string' })
  lineName!: string;
}

export class UnknownLinesResponse {
  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: () => UnknownLineResponse, isArray: true, description: 'The first rules.yaml emissions.listedUnknownLines of them' })
  items!: UnknownLineResponse[];
}

export class DryRunReductionResponse {
  @ApiProperty({ type: 'number', description: 'Operating hours per day behind every t/day figure' })
  hoursPerDay!: number;

  @ApiProperty({ type: () => ScopeReductionResponse, isArray: true })
  counties!: ScopeReductionResponse[];

  @ApiProperty({ type: () => ScopeReductionResponse })
  city!: ScopeReductionResponse;

  @ApiProperty({ type: () => UnknownLinesResponse })
  unknownLines!: UnknownLinesResponse;
}
