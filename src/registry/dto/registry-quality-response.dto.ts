import { ApiProperty } from '@nestjs/swagger';
import { POLLUTANTS } from '../../rules/enterprise.js';
import { LEVEL_KEYS } from '../../rules/levels/level-ladder.js';
import { QUALITY_KINDS } from '../../rules/registry-quality/quality-problem.js';

export class PollutantGapResponse {
  @ApiProperty({ type: 'string', enum: POLLUTANTS })
  pollutant!: string;

  @ApiProperty({ type: 'number', description: "What the level's measures remove from the enterprise's own emissions, %" })
  percent!: number;

  @ApiProperty({ type: 'number', description: "The level's target (rules.yaml emissionTargets), %" })
  targetPercent!: number;
}

export class QualityProblemResponse {
  @ApiProperty({ type: 'string', enum: QUALITY_KINDS })
  kind!: string;

  @ApiProperty({ type: 'string', description: 'Chinese name of the kind' })
  kindName!: string;

  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  enterpriseName!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'The line concerned (emission figures); null otherwise' })
  lineCode!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  lineName!: string | null;

  @ApiProperty({ type: 'string', enum: [...LEVEL_KEYS, null], nullable: true, description: 'The level concerned (measures); null otherwise' })
  level!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: "The level's Chinese name" })
  levelName!: string | null;

  @ApiProperty({ type: () => PollutantGapResponse, isArray: true, description: 'target_not_met: the pollutants short of the target; empty otherwise' })
  gaps!: PollutantGapResponse[];

  @ApiProperty({ type: 'integer', nullable: true, description: 'line_emissions_outdated: the year the figures describe' })
  year!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'line_emissions_outdated: the oldest year still accepted' })
  oldestYear!: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'grade_expired: the grading date (YYYY-MM-DD)' })
  gradedOn!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'grade_expired: the last day the grading was current' })
  validUntil!: string | null;

  @ApiProperty({ type: 'string', description: 'What to fix, in Chinese' })
  fix!: string;
}

export class QualityKindCountResponse {
  @ApiProperty({ type: 'string', enum: QUALITY_KINDS })
  kind!: string;

  @ApiProperty({ type: 'string' })
  kindName!: string;

  @ApiProperty({ type: 'integer', description: 'Problems of this kind in scope' })
  problems!: number;

  @ApiProperty({ type: 'integer', description: 'Enterprises with at least one problem of this kind' })
  enterprises!: number;
}

export class QualitySummaryResponse {
  @ApiProperty({ type: 'integer', description: 'Active enterprises checked' })
  enterprises!: number;

  @ApiProperty({ type: 'integer', description: 'Of them air-emitting (the only ones checked for problems)' })
  airEmitting!: number;

  @ApiProperty({ type: 'integer', description: 'Enterprises with at least one problem' })
  enterprisesWithProblems!: number;

  @ApiProperty({ type: 'integer', description: 'Problems in scope, every kind' })
  problems!: number;

  @ApiProperty({ type: () => QualityKindCountResponse, isArray: true, description: 'One row per kind, in the order of the kinds' })
  byKind!: QualityKindCountResponse[];
}

export class RegistryQualityResponse {
  @ApiProperty({ type: 'string', description: 'When the report was computed (ISO 8601)' })
  checkedAt!: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'The county of the report; null for the whole city' })
  county!: string | null;

  @ApiProperty({ type: () => QualitySummaryResponse })
  summary!: QualitySummaryResponse;

  @ApiProperty({ type: () => QualityProblemResponse, isArray: true, description: 'This page of the problems (of `kind` when given): counties in the configured order, then enterprise code' })
  items!: QualityProblemResponse[];

  @ApiProperty({ type: 'integer', description: 'Problems matching the filters' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  page!: number;

  @ApiProperty({ type: 'integer' })
  pageSize!: number;
}
