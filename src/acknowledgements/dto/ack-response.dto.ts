import { ApiProperty } from '@nestjs/swagger';

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

export class StatusReportResponse {
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
}

export class AlertResponse {
  @ApiProperty({ type: 'string', description: 'Numeric id' })
  id!: string;

  @ApiProperty({ type: 'string' })
  dedupeKey!: string;

  @ApiProperty({ type: 'string', enum: ['no_channel', 'ack_reminder', 'ack_overdue', 'report_missing'] })
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
}
