import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { nullableRef } from '../../common/dto/nullable-ref.js';
import { OrderVersionLineResponse } from '../../orders/dto/order-response.dto.js';
import { ALERT_KINDS } from '../alert.types.js';

export class StatusReportFiledResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  slot!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  reportedAt!: string;
}

export class StatusReportResponseLine {
  @ApiProperty({ type: 'string' })
  line!: string;

  @ApiProperty({ type: 'string' })
  state!: string;

  @ApiProperty({ type: 'number', nullable: true })
  loadPercent!: number | null;
}

export class StatusReportDiscrepancyResponse {
  @ApiProperty({ type: 'string' })
  line!: string;

  @ApiProperty({ type: 'string', description: 'What the enterprise reported' })
  reported!: string;

  @ApiProperty({ type: 'string', description: 'What the order in force requires' })
  required!: string;

  @ApiProperty({ type: 'string' })
  message!: string;
}

export class StatusReportResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  slot!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  reportedAt!: string;

  @ApiProperty({ type: () => StatusReportResponseLine, isArray: true })
  lines!: StatusReportResponseLine[];

  @ApiProperty({ type: 'string', nullable: true })
  note!: string | null;

  @ApiProperty({ type: 'string' })
  reportedBy!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The order version in force when it was filed' })
  orderVersionId!: string | null;

  @ApiProperty({ type: () => StatusReportDiscrepancyResponse, isArray: true })
  discrepancies!: StatusReportDiscrepancyResponse[];

  @ApiProperty({ type: 'boolean', description: 'The report that counts for its enterprise and slot (false: an earlier one, listed with history=true)' })
  latest!: boolean;
}

export class AlertResponse {
  @ApiProperty({ type: 'string', description: 'Numeric id' })
  id!: string;

  @ApiProperty({ type: 'string', enum: ALERT_KINDS })
  kind!: string;

  @ApiProperty({ type: 'integer' })
  stage!: number;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string', nullable: true })
  enterpriseCode!: string | null;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  orderVersionId!: string | null;

  @ApiProperty({ type: 'string' })
  message!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  resolvedAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Who resolved it' })
  resolvedBy!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'The resolution note' })
  note!: string | null;
}

export class AlertPageResponse {
  @ApiProperty({ type: () => AlertResponse, isArray: true })
  items!: AlertResponse[];

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  page!: number;

  @ApiProperty({ type: 'integer' })
  pageSize!: number;
}

/** One of pending, acknowledged (with acknowledgedAt, acknowledgedBy) or superseded (with currentModification). */
export class AckPageStateResponse {
  @ApiProperty({ type: 'string', enum: ['pending', 'acknowledged', 'superseded'] })
  kind!: string;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'kind=acknowledged' })
  acknowledgedAt?: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'kind=acknowledged: who signed, in words' })
  acknowledgedBy?: string | null;

  @ApiPropertyOptional({ type: 'integer', description: 'kind=superseded: the version that governs now' })
  currentModification?: number;
}

export class AckPageReplacedByResponse {
  @ApiProperty({ type: 'integer' })
  modification!: number;
}

@ApiExtraModels(AckPageReplacedByResponse)
export class AckPageTimelineResponse {
  @ApiProperty({ type: 'string', enum: ['ahead', 'in_force', 'replaced', 'ended'] })
  state!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'null: until lifted' })
  endsAt!: string | null;

  @ApiProperty(nullableRef(AckPageReplacedByResponse, 'For replaced: the version that governs from its planned start instead'))
  replacedBy!: AckPageReplacedByResponse | null;
}

export class AckPageEnterpriseResponse {
  @ApiProperty({ type: 'string' })
  code!: string;

  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'string' })
  county!: string;
}

/** The acknowledgement page's view model (src/web/shared/ack-page-model.ts). */
export class AckPageResponse {
  @ApiProperty({ type: 'string' })
  commandCenter!: string;

  @ApiProperty({ type: 'string', description: 'IANA time zone of the city' })
  timezone!: string;

  @ApiProperty({ type: 'string' })
  directiveNumber!: string;

  @ApiProperty({ type: () => AckPageEnterpriseResponse })
  enterprise!: AckPageEnterpriseResponse;

  @ApiProperty({ type: 'integer' })
  modification!: number;

  @ApiProperty({ type: 'integer', nullable: true })
  supersedes!: number | null;

  @ApiProperty({ type: 'string', nullable: true })
  levelName!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  phaseName!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time' })
  effectiveFrom!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  effectiveTo!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time' })
  ackDeadline!: string;

  @ApiProperty({ type: () => OrderVersionLineResponse, isArray: true })
  lines!: OrderVersionLineResponse[];

  @ApiProperty({ type: 'number' })
  stoppedCapacityPercent!: number;

  @ApiProperty({ type: 'number', nullable: true })
  maxLoadPercent!: number | null;

  @ApiProperty({ type: 'string', isArray: true })
  notes!: string[];

  @ApiProperty({ type: () => AckPageStateResponse })
  state!: AckPageStateResponse;

  @ApiProperty({ type: () => AckPageTimelineResponse })
  timeline!: AckPageTimelineResponse;

  @ApiProperty({ type: 'string', format: 'date-time', description: 'The server time of the answer' })
  now!: string;
}
