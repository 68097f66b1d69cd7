import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { nullableRef } from '../../common/dto/nullable-ref.js';

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

  @ApiProperty({ type: 'integer', nullable: true, description: 'Which hash chain the row is in; null for rows written before the chains existed' })
  chain!: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Place in its chain (a bigint as a string); null before the chains existed' })
  seq!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: "The previous row's hash (hex)" })
  prevHash!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'HMAC-SHA256 over the row and prevHash (hex)' })
  hash!: string | null;
}

export class AuditPageResponse {
  @ApiProperty({ type: () => AuditPageResponseItem, isArray: true })
  items!: AuditPageResponseItem[];

  @ApiProperty({ type: 'number' })
  total!: number;
}

export class AuditChainBreakResponse {
  @ApiProperty({ type: 'integer', nullable: true })
  chain!: number | null;

  @ApiProperty({ type: 'string', nullable: true })
  seq!: string | null;

  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string', description: 'Why the link or hash does not hold' })
  reason!: string;
}

@ApiExtraModels(AuditChainBreakResponse)
export class AuditVerifyResponse {
  @ApiProperty({ type: 'boolean' })
  ok!: boolean;

  @ApiProperty({ type: 'integer', description: 'Rows checked in the chains' })
  checked!: number;

  @ApiProperty({ type: 'integer', description: 'Rows written before the chains existed, not covered' })
  unchained!: number;

  @ApiProperty(nullableRef(AuditChainBreakResponse, 'The first row whose link or hash does not hold; null when the chains hold'))
  firstBroken!: AuditChainBreakResponse | null;
}
