import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEVEL_OR_NONE } from '../../rules/levels/level-ladder.js';

/** Why a line is restricted: the rule key and the seed's clause (43 peak-shifting, 41 level measures). */
export class ReasonResponse {
  @ApiProperty({ type: 'string' })
  rule!: string;

  @ApiProperty({ type: 'string' })
  clause!: string;

  @ApiProperty({ type: 'string' })
  text!: string;
}

export class OrderPreviewResponseLine {
  @ApiProperty({ type: 'string' })
  code!: string;

  @ApiProperty({ type: 'string', enum: ['stop', 'limit', 'run'] })
  action!: string;

  @ApiProperty({ type: 'number', nullable: true })
  maxLoadPercent!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  stoppedCells!: number | null;

  @ApiProperty({ type: 'boolean' })
  noKilnBanking!: boolean;

  @ApiProperty({ type: () => ReasonResponse, isArray: true })
  reasons!: ReasonResponse[];
}

export class OrderPreviewResponse {
  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  at!: string;

  @ApiProperty({ type: 'string', enum: LEVEL_OR_NONE })
  level!: string;

  @ApiProperty({ type: 'string', nullable: true })
  phase!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  seasonGroup!: string | null;

  @ApiProperty({ type: 'string' })
  season!: string;

  @ApiProperty({ type: () => OrderPreviewResponseLine, isArray: true })
  lines!: OrderPreviewResponseLine[];

  @ApiProperty({ type: 'number' })
  stoppedCapacityPercent!: number;

  @ApiProperty({ type: 'number', nullable: true })
  maxLoadPercent!: number | null;

  @ApiProperty({ type: 'array', items: { type: 'string' } })
  notes!: string[];
}

export class OrderEnterpriseResponse {
  @ApiProperty({ type: 'string' })
  code!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string', nullable: true })
  webhookUrl!: string | null;
}

export class OrderVersionLineResponse {
  @ApiProperty({ type: 'string' })
  code!: string;

  @ApiProperty({ type: 'string', enum: ['stop', 'limit', 'run'] })
  action!: string;

  @ApiProperty({ type: () => ReasonResponse, isArray: true })
  reasons!: ReasonResponse[];

  @ApiProperty({ type: 'integer', nullable: true })
  stoppedCells!: number | null;

  @ApiProperty({ type: 'boolean' })
  noKilnBanking!: boolean;

  @ApiProperty({ type: 'number', nullable: true })
  maxLoadPercent!: number | null;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  implementedAt!: string | null;
}

export class ReplacedByResponse {
  @ApiProperty({ type: 'string', format: 'uuid' })
  orderId!: string;

  @ApiProperty({ type: 'integer' })
  modification!: number;

  @ApiProperty({ type: 'string', format: 'uuid' })
  versionId!: string;
}

export class OrderVersionResponse {
  @ApiProperty({
    type: 'object',
    nullable: true,
    description: 'The version that replaced this one',
    required: ['orderId', 'modification', 'versionId'],
    properties: { orderId: { type: 'string', format: 'uuid' }, modification: { type: 'integer' }, versionId: { type: 'string', format: 'uuid' } },
  })
  replacedBy!: ReplacedByResponse | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  notifiedAt!: string | null;

  @ApiPropertyOptional({ type: 'string', enum: ['ahead', 'in_force', 'replaced', 'ended'], description: 'In lists: where the version stands on the timeline at the listed instant' })
  state?: string;

  @ApiProperty({ type: 'string' })
  versionId!: string;

  @ApiProperty({ type: 'string' })
  orderId!: string;

  @ApiProperty({ type: 'integer' })
  modification!: number;

  @ApiProperty({ type: 'string', enum: ['current', 'superseded'] })
  status!: string;

  @ApiProperty({ type: 'boolean' })
  ends!: boolean;

  @ApiProperty({ type: 'string' })
  directiveId!: string;

  @ApiProperty({ type: 'string' })
  directiveNumber!: string;

  @ApiProperty({ type: 'string' })
  directiveKind!: string;

  @ApiProperty({ type: () => OrderEnterpriseResponse })
  enterprise!: OrderEnterpriseResponse;

  @ApiProperty({ type: 'string', enum: LEVEL_OR_NONE })
  level!: string;

  @ApiProperty({ type: 'string', nullable: true })
  phase!: string | null;

  @ApiProperty({ type: () => OrderVersionLineResponse, isArray: true })
  lines!: OrderVersionLineResponse[];

  @ApiProperty({ type: 'number' })
  stoppedCapacityPercent!: number;

  @ApiProperty({ type: 'number', nullable: true })
  maxLoadPercent!: number | null;

  @ApiProperty({ type: 'array', items: { type: 'string' } })
  notes!: string[];

  @ApiProperty({ type: 'string', format: 'date-time' })
  effectiveFrom!: string;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  effectiveTo!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time' })
  ackDeadline!: string;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  acknowledgedAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  acknowledgedBy!: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  implementedAt!: string | null;

  @ApiProperty({ type: 'integer' })
  currentModification!: number;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: string;
}

export class OrderPageResponse {
  @ApiProperty({ type: 'string', format: 'date-time', description: 'The instant the states refer to' })
  at!: string;

  @ApiProperty({ type: () => OrderVersionResponse, isArray: true })
  items!: OrderVersionResponse[];

  @ApiProperty({ type: 'number' })
  total!: number;

  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class OrderDetailResponseVersion {
  @ApiProperty({ type: 'string', enum: ['ahead', 'in_force', 'replaced', 'ended'] })
  state!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  effectiveFrom!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  effectiveTo!: string | null;

  @ApiProperty({ type: 'integer' })
  modification!: number;

  @ApiProperty({ type: 'string' })
  versionId!: string;

  @ApiProperty({ type: 'string', enum: ['current', 'superseded'] })
  status!: string;

  @ApiProperty({ type: 'string' })
  directiveNumber!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  acknowledgedAt!: string | null;
}

export class OrderDetailResponse {
  @ApiProperty({ type: () => OrderVersionResponse })
  current!: OrderVersionResponse;

  @ApiProperty({ type: () => OrderDetailResponseVersion, isArray: true })
  versions!: OrderDetailResponseVersion[];
}
