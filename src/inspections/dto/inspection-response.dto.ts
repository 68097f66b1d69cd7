import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { nullableRef } from '../../common/dto/nullable-ref.js';
import { NoticeEvidenceResponse } from '../../acknowledgements/dto/notice-response.dto.js';
import { ReasonResponse } from '../../orders/dto/order-response.dto.js';
import { LEVEL_OR_NONE } from '../../rules/levels/level-ladder.js';

export class PowerAnomalyResponse {
  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  lineCode!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  at!: string;

  @ApiProperty({ type: 'number' })
  kw!: number;

  @ApiProperty({ type: 'number' })
  baselineKw!: number;

  @ApiProperty({ type: 'string' })
  explanation!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  taskId!: string | null;
}

export class DrawUnassignedResponse {
  @ApiProperty({ type: 'string' })
  code!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string' })
  reason!: string;
}

export class TaskFindingResponse {
  @ApiProperty({ type: 'string', format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'string' })
  lineCode!: string;

  @ApiProperty({ type: 'string', enum: ['running', 'stopped', 'banked', 'reduced'] })
  observedState!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  observedAt!: string;

  @ApiProperty({ type: 'string', enum: ['violation', 'compliant'] })
  verdict!: string;

  @ApiProperty({ type: 'string', nullable: true })
  reason!: string | null;
}

export class PowerIngestResponse {
  @ApiProperty({ type: 'integer' })
  received!: number;

  @ApiProperty({ type: 'integer' })
  stored!: number;

  @ApiProperty({ type: 'integer' })
  duplicates!: number;

  @ApiProperty({ type: () => PowerAnomalyResponse, isArray: true })
  anomalies!: PowerAnomalyResponse[];
}

export class TeamResponse {
  @ApiProperty({ type: 'string' })
  key!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  homeCounty!: string;

  @ApiProperty({ type: 'string', isArray: true, description: 'Usernames of the active inspectors' })
  members!: string[];
}

export class DrawResponseList {
  @ApiProperty({ type: 'integer' })
  order!: number;

  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  enterpriseName!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string' })
  team!: string;
}

export class DrawResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  seed!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  drawnAt!: string;

  @ApiProperty({ type: 'object', description: 'Picks per county', additionalProperties: { type: 'integer' } })
  allocation!: Record<string, number>;

  @ApiProperty({ type: () => DrawResponseList, isArray: true })
  list!: DrawResponseList[];

  @ApiProperty({ type: () => DrawUnassignedResponse, isArray: true })
  unassigned!: DrawUnassignedResponse[];
}

export class DrawVerifyResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  seed!: string;

  @ApiProperty({ type: 'boolean' })
  reproduced!: boolean;

  @ApiProperty({ type: 'integer' })
  picks!: number;
}

export class TaskResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string', nullable: true })
  drawId!: string | null;

  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  enterpriseName!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string' })
  team!: string;

  @ApiProperty({ type: 'string' })
  kind!: string;

  @ApiProperty({ type: 'string' })
  reason!: string;

  @ApiProperty({ type: 'string' })
  status!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: string;
}

export class TaskDetailResponseEnterpriseLine {
  @ApiProperty({ type: 'string' })
  code!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'number' })
  capacity!: number;

  @ApiProperty({ type: 'string' })
  unit!: string;
}

export class TaskDetailResponseEnterprise {
  @ApiProperty({ type: 'string' })
  code!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: () => TaskDetailResponseEnterpriseLine, isArray: true })
  lines!: TaskDetailResponseEnterpriseLine[];
}

export class TaskDetailResponseOrderLine {
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
}

export class TaskDetailResponseOrder {
  @ApiProperty({ type: 'string' })
  orderId!: string;

  @ApiProperty({ type: 'integer' })
  modification!: number;

  @ApiProperty({ type: 'string', enum: LEVEL_OR_NONE })
  level!: string;

  @ApiProperty({ type: 'string', nullable: true })
  phase!: string | null;

  @ApiProperty({ type: () => TaskDetailResponseOrderLine, isArray: true })
  lines!: TaskDetailResponseOrderLine[];
}

@ApiExtraModels(TaskDetailResponseOrder)
export class TaskDetailResponse {
  @ApiProperty({ type: () => TaskResponse })
  task!: TaskResponse;

  @ApiProperty({ type: () => TaskDetailResponseEnterprise })
  enterprise!: TaskDetailResponseEnterprise;

  @ApiProperty(nullableRef(TaskDetailResponseOrder))
  order!: TaskDetailResponseOrder | null;

  @ApiProperty({ type: () => TaskFindingResponse, isArray: true })
  findings!: TaskFindingResponse[];
}

export class FindingResultResponsePenalty {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  item!: string;

  @ApiProperty({ type: 'number' })
  amount!: number;
}

@ApiExtraModels(FindingResultResponsePenalty, NoticeEvidenceResponse)
export class FindingResultResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string', nullable: true })
  taskId!: string | null;

  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  lineCode!: string;

  @ApiProperty({ type: 'string', enum: ['violation', 'compliant'] })
  verdict!: string;

  @ApiProperty({ type: 'string', nullable: true })
  kind!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  reason!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  orderVersionId!: string | null;

  @ApiProperty(nullableRef(FindingResultResponsePenalty, 'null when no penalty applies (not a violation, or no proof of notice)'))
  penalty!: FindingResultResponsePenalty | null;

  @ApiProperty({ type: 'boolean', description: 'A violation for which no proof of notice existed at the observation: no penalty, an alert instead' })
  noticeMissing!: boolean;

  @ApiProperty(nullableRef(NoticeEvidenceResponse, 'The proof of notice of the version in force; null when no version governs'))
  evidence!: NoticeEvidenceResponse | null;
}

export class EvidenceResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  findingId!: string;

  @ApiProperty({ type: 'string' })
  sha256!: string;

  @ApiProperty({ type: 'string' })
  mime!: string;

  @ApiProperty({ type: 'integer' })
  size!: number;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: string;
}

export class EvidenceListItemResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  sha256!: string;

  @ApiProperty({ type: 'string' })
  mime!: string;

  @ApiProperty({ type: 'integer' })
  size!: number;

  @ApiProperty({ type: 'string' })
  uploadedBy!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: string;
}

export class FindingResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string', nullable: true })
  taskId!: string | null;

  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  enterpriseName!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string' })
  lineCode!: string;

  @ApiProperty({ type: 'string', enum: ['running', 'stopped', 'banked', 'reduced'] })
  observedState!: string;

  @ApiProperty({ type: 'number', nullable: true })
  loadPercent!: number | null;

  @ApiProperty({ type: 'string', format: 'date-time' })
  observedAt!: string;

  @ApiProperty({ type: 'number', nullable: true })
  powerKw!: number | null;

  @ApiProperty({ type: 'string' })
  inspector!: string;

  @ApiProperty({ type: 'string' })
  team!: string;

  @ApiProperty({ type: 'string', enum: ['violation', 'compliant'] })
  verdict!: string;

  @ApiProperty({ type: 'string', nullable: true })
  reason!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  penaltyItem!: string | null;

  @ApiProperty({ type: 'boolean', description: 'A violation without proof of notice (no penalty)' })
  noticeMissing!: boolean;

  @ApiProperty({ type: 'integer' })
  photos!: number;
}
