import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReasonResponse } from '../../orders/dto/order-response.dto.js';
import { LEVEL_KEYS, LEVEL_OR_NONE } from '../../rules/levels/level-ladder.js';
import { DryRunReductionResponse } from '../../common/dto/reduction-response.dto.js';

export class UnreachableEnterpriseResponse {
  @ApiProperty({ type: 'string' })
  code!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  county!: string;
}

export class OverdueEnterpriseResponse {
  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string', format: 'uuid' })
  orderId!: string;

  @ApiProperty({ type: 'integer' })
  modification!: number;

  @ApiProperty({ type: 'string', format: 'date-time' })
  ackDeadline!: string;
}

export class DirectiveResultResponseSummaryCounty {
  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'integer' })
  enterprises!: number;

  @ApiProperty({ type: 'integer' })
  orders!: number;

  @ApiProperty({ type: 'integer' })
  ended!: number;

  @ApiProperty({ type: 'integer' })
  linesStopped!: number;

  @ApiProperty({ type: 'number' })
  meanStoppedCapacityPercent!: number;

  @ApiProperty({ type: 'integer' })
  unreachable!: number;
}

export class DirectiveResultResponseSummaryTotals {
  @ApiProperty({ type: 'integer' })
  enterprises!: number;

  @ApiProperty({ type: 'integer' })
  orders!: number;

  @ApiProperty({ type: 'integer' })
  ended!: number;

  @ApiProperty({ type: 'integer' })
  linesStopped!: number;

  @ApiProperty({ type: 'integer' })
  unreachable!: number;
}

export class DirectiveResultResponseSummary {
  @ApiProperty({ type: () => DirectiveResultResponseSummaryCounty, isArray: true })
  counties!: DirectiveResultResponseSummaryCounty[];

  @ApiProperty({ type: () => DirectiveResultResponseSummaryTotals })
  totals!: DirectiveResultResponseSummaryTotals;

  @ApiProperty({ type: () => UnreachableEnterpriseResponse, isArray: true })
  unreachable!: UnreachableEnterpriseResponse[];
}

export class LineRequirementResponse {
  @ApiProperty({ type: 'string', enum: ['run', 'limit', 'stop'] })
  action!: string;

  @ApiProperty({ type: 'number', nullable: true })
  maxLoadPercent!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  stoppedCells!: number | null;
}

export class RequirementChangeResponse {
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

  @ApiProperty({ type: () => LineRequirementResponse })
  before!: LineRequirementResponse;

  @ApiProperty({ type: () => LineRequirementResponse })
  after!: LineRequirementResponse;

  @ApiProperty({ type: () => ReasonResponse, isArray: true })
  reasons!: ReasonResponse[];
}

export class DryRunChangesPageResponse {
  @ApiProperty({ type: () => RequirementChangeResponse, isArray: true })
  items!: RequirementChangeResponse[];

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  page!: number;

  @ApiProperty({ type: 'integer' })
  pageSize!: number;
}

export class DirectiveResultResponse {
  @ApiProperty({ type: 'string', nullable: true })
  id!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  number!: string | null;

  @ApiProperty({ type: 'string', enum: ['issue', 'adjust', 'lift', 'expire', 'season', 'reconcile'] })
  kind!: string;

  @ApiProperty({ type: 'boolean' })
  dryRun!: boolean;

  @ApiProperty({ type: 'string', enum: [...LEVEL_KEYS, null], nullable: true })
  level!: string | null;

  @ApiProperty({ type: 'string', isArray: true })
  counties!: string[];

  @ApiProperty({ type: 'string', format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  endsAt!: string | null;

  @ApiProperty({ type: () => DirectiveResultResponseSummary })
  summary!: DirectiveResultResponseSummary;

  @ApiPropertyOptional({ type: () => DryRunChangesPageResponse, description: 'Dry run only: the page asked for of every line whose requirement changes' })
  changes?: DryRunChangesPageResponse;

  @ApiPropertyOptional({
    type: () => DryRunReductionResponse,
    description: "Dry run only: baseline emissions in scope and what the orders remove, per pollutant, per county and for the city, beside the level's target",
  })
  reduction?: DryRunReductionResponse;
}

export class DirectiveListResponseItemSummary {
  @ApiProperty({ type: 'integer' })
  ended!: number;

  @ApiProperty({ type: 'integer' })
  orders!: number;

  @ApiProperty({ type: 'integer' })
  enterprises!: number;

  @ApiProperty({ type: 'integer' })
  unreachable!: number;

  @ApiProperty({ type: 'integer' })
  linesStopped!: number;
}

export class DirectiveListResponseItem {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  number!: string;

  @ApiProperty({ type: 'string', enum: ['issue', 'adjust', 'lift', 'expire', 'season', 'reconcile'] })
  kind!: string;

  @ApiProperty({ type: 'string', enum: [...LEVEL_KEYS, null], nullable: true })
  level!: string | null;

  @ApiProperty({ type: 'string', isArray: true })
  counties!: string[];

  @ApiProperty({ type: 'boolean' })
  city!: boolean;

  @ApiProperty({ type: 'string', format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  endsAt!: string | null;

  @ApiProperty({ type: 'string' })
  basis!: string;

  @ApiProperty({ type: 'string' })
  issuedBy!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  issuedAt!: string;

  @ApiProperty({ type: () => DirectiveListResponseItemSummary })
  summary!: DirectiveListResponseItemSummary;
}

export class DirectiveListResponse {
  @ApiProperty({ type: () => DirectiveListResponseItem, isArray: true })
  items!: DirectiveListResponseItem[];
}

/** A change of level ahead: from when (and until when) it is directed. */
export class LevelSegmentResponse {
  @ApiProperty({ type: 'string', enum: LEVEL_OR_NONE })
  level!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  from!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  to!: string | null;
}

export class CountyLevelResponse {
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the level now changes, if something is directed' })
  levelNowUntil!: string | null;

  @ApiProperty({ type: () => LevelSegmentResponse, isArray: true })
  next!: LevelSegmentResponse[];

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string', enum: LEVEL_OR_NONE })
  levelNow!: string;

  @ApiProperty({ type: 'string', enum: [...LEVEL_KEYS, null], nullable: true })
  directed!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  startsAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  endsAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  episodeId!: string | null;
}

export class DirectiveProgressResponseDirective {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  number!: string;

  @ApiProperty({ type: 'string', enum: ['issue', 'adjust', 'lift', 'expire', 'season', 'reconcile'] })
  kind!: string;

  @ApiProperty({ type: 'string', enum: [...LEVEL_KEYS, null], nullable: true })
  level!: string | null;

  @ApiProperty({ type: 'string', isArray: true })
  counties!: string[];

  @ApiProperty({ type: 'string', format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  endsAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time' })
  issuedAt!: string;

  @ApiProperty({ type: 'string' })
  issuedBy!: string;
}

export class DirectiveProgressResponseCounty {
  @ApiProperty({ type: 'integer' })
  inForce!: number;

  @ApiProperty({ type: 'integer' })
  ahead!: number;

  @ApiProperty({ type: 'integer' })
  replaced!: number;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'integer' })
  orders!: number;

  @ApiProperty({ type: 'integer' })
  delivered!: number;

  @ApiProperty({ type: 'integer' })
  failed!: number;

  @ApiProperty({ type: 'integer' })
  acknowledged!: number;

  @ApiProperty({ type: 'integer' })
  implemented!: number;

  @ApiProperty({ type: 'integer' })
  overdue!: number;
}

export class DirectiveProgressResponse {
  @ApiProperty({ type: () => DirectiveProgressResponseDirective })
  directive!: DirectiveProgressResponseDirective;

  @ApiProperty({ type: () => DirectiveProgressResponseCounty, isArray: true })
  counties!: DirectiveProgressResponseCounty[];

  @ApiProperty({ type: () => OverdueEnterpriseResponse, isArray: true })
  overdue!: OverdueEnterpriseResponse[];
}

export class DirectiveOrderLineResponse {
  @ApiProperty({ type: 'string' })
  code!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string', enum: ['stop', 'limit', 'run'] })
  action!: string;

  @ApiProperty({ type: 'number', nullable: true })
  maxLoadPercent!: number | null;
}

export class DirectiveOrderDeliveryResponse {
  @ApiProperty({ type: 'string' })
  channel!: string;

  @ApiProperty({ type: 'string' })
  recipient!: string;

  @ApiProperty({ type: 'string' })
  status!: string;

  @ApiProperty({ type: 'integer' })
  attempts!: number;

  @ApiProperty({ type: 'string', nullable: true })
  lastError!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  lastAttemptAt!: string | null;
}

export class DirectiveOrderResponse {
  @ApiProperty({ type: 'string', format: 'uuid' })
  versionId!: string;

  @ApiProperty({ type: 'string', format: 'uuid' })
  orderId!: string;

  @ApiProperty({ type: 'integer' })
  modification!: number;

  @ApiProperty({ type: 'string' })
  status!: string;

  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  enterpriseName!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: () => DirectiveOrderLineResponse, isArray: true })
  lines!: DirectiveOrderLineResponse[];

  @ApiProperty({ type: 'string', format: 'date-time' })
  ackDeadline!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  acknowledgedAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  implementedAt!: string | null;

  @ApiProperty({ type: () => DirectiveOrderDeliveryResponse, isArray: true })
  deliveries!: DirectiveOrderDeliveryResponse[];
}

export class DirectiveOrdersPageResponse {
  @ApiProperty({ type: () => DirectiveOrderResponse, isArray: true })
  items!: DirectiveOrderResponse[];

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  page!: number;

  @ApiProperty({ type: 'integer' })
  pageSize!: number;

  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}
