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

/** One stage of one pollutant's reduction (issue 12, item 4). */
export class StageFigureResponse {
  @ApiProperty({ type: 'number', description: 't/day' })
  tonnesPerDay!: number;

  @ApiProperty({ type: 'number', description: 'kg/h (t/day × 1000 / hoursPerDay)' })
  kgPerHour!: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'Of the baseline; null when the baseline is 0' })
  percent!: number | null;

  @ApiProperty({ type: 'boolean', description: 'Short of the target at this stage' })
  shortfall!: boolean;
}

export class PollutantStagesResponse {
  @ApiProperty({ type: 'string', enum: POLLUTANTS })
  pollutant!: string;

  @ApiProperty({ type: 'number' })
  baselineTonnesPerDay!: number;

  @ApiProperty({ type: 'number' })
  baselineKgPerHour!: number;

  @ApiProperty({ type: 'number', nullable: true })
  targetPercent!: number | null;

  @ApiProperty({ type: () => StageFigureResponse, description: 'What the orders in force plan' })
  planned!: StageFigureResponse;

  @ApiProperty({ type: () => StageFigureResponse, description: 'On lines the enterprise confirmed (implementation confirmation or a consistent status report), or verified' })
  confirmed!: StageFigureResponse;

  @ApiProperty({ type: () => StageFigureResponse, description: 'On lines an inspection found compliant or the meter shows the drop' })
  verified!: StageFigureResponse;
}

export class StageLineCountsResponse {
  @ApiProperty({ type: 'integer', description: 'Lines whose requirement removes something' })
  planned!: number;

  @ApiProperty({ type: 'integer' })
  confirmed!: number;

  @ApiProperty({ type: 'integer' })
  verified!: number;

  @ApiProperty({ type: 'integer', description: 'Lines whose latest finding is a violation (planned only)' })
  violated!: number;
}

export class ScopeStagesResponse extends ScopeReductionResponse {
  @ApiProperty({ type: () => PollutantStagesResponse, isArray: true })
  stages!: PollutantStagesResponse[];

  @ApiProperty({ type: () => StageLineCountsResponse })
  lines!: StageLineCountsResponse;
}

export class ReductionDirectiveResponse {
  @ApiProperty({ type: 'string', format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'string' })
  number!: string;

  @ApiProperty({ type: 'string' })
  kind!: string;

  @ApiProperty({ type: 'string', nullable: true })
  level!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  levelName!: string | null;

  @ApiProperty({ type: 'string', isArray: true })
  counties!: string[];

  @ApiProperty({ type: 'string', format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  endsAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time' })
  issuedAt!: string;
}

export class DirectiveReductionResponse {
  @ApiProperty({ type: () => ReductionDirectiveResponse })
  directive!: ReductionDirectiveResponse;

  @ApiProperty({ type: 'string', format: 'date-time', description: 'The instant accounted' })
  at!: string;

  @ApiProperty({ type: 'boolean', description: 'The directive was issued, had started, had not ended and still held some county at `at`; where it did not, nothing of it is counted' })
  inForce!: boolean;

  @ApiProperty({ type: 'string', isArray: true, description: 'Its counties still under it at `at`: a later level directive (issue, adjust, lift, expiry) takes a county over from its start' })
  countiesInForce!: string[];

  @ApiProperty({ type: 'number' })
  hoursPerDay!: number;

  @ApiProperty({ type: () => ScopeStagesResponse, isArray: true })
  counties!: ScopeStagesResponse[];

  @ApiProperty({ type: () => ScopeStagesResponse })
  city!: ScopeStagesResponse;

  @ApiProperty({ type: () => UnknownLinesResponse })
  unknownLines!: UnknownLinesResponse;
}

/** The daily report's line per directive in force that day. */
export class DailyReductionResponse {
  @ApiProperty({ type: 'string', format: 'uuid' })
  directiveId!: string;

  @ApiProperty({ type: 'string' })
  number!: string;

  @ApiProperty({ type: 'string', nullable: true })
  level!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  levelName!: string | null;

  @ApiProperty({ type: 'string', isArray: true, description: 'Its counties (a county officer: its own)' })
  counties!: string[];

  @ApiProperty({ type: 'string', format: 'date-time', description: 'Accounted as of this instant: the end of the day, now, or the directive’s end, the earliest' })
  at!: string;

  @ApiProperty({ type: () => PollutantStagesResponse, isArray: true })
  stages!: PollutantStagesResponse[];

  @ApiProperty({ type: () => StageLineCountsResponse })
  lines!: StageLineCountsResponse;
}
