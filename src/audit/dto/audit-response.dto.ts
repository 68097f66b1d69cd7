import { ApiProperty } from '@nestjs/swagger';

export class AuditPageResponseItem {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  at!: string;

  @ApiProperty({ type: 'string' })
  actor!: string;

  @ApiProperty({ type: 'string', nullable: true })
  actorRole!: string | null;

  @ApiProperty({ type: 'string' })
  action!: string;

  @ApiProperty({ type: 'string' })
  entityType!: string;

  @ApiProperty({ type: 'string' })
  entityId!: string;

  @ApiProperty({ nullable: true, description: 'Any JSON value' })
  before!: unknown;

  @ApiProperty({ nullable: true, description: 'The entity after the change (any JSON)' })
  after!: unknown;

  @ApiProperty({ type: 'string', nullable: true })
  requestId!: string | null;
}

export class AuditPageResponse {
  @ApiProperty({ type: () => AuditPageResponseItem, isArray: true })
  items!: AuditPageResponseItem[];

  @ApiProperty({ type: 'number' })
  total!: number;
}

