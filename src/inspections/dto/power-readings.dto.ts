import { ApiProperty } from '@nestjs/swagger';

/**
 * The JSON form of POST /power-readings, for the OpenAPI document; the service validates
 * every reading itself (all or nothing, every problem listed), as it does for the CSV form.
 */
export class PowerReadingDoc {
  @ApiProperty({ type: 'string', example: '91410821MA3XABCD1X' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string', example: 'L1' })
  lineCode!: string;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-12-10T08:00:00+08:00' })
  at!: string;

  @ApiProperty({ type: 'number', minimum: 0, example: 1200 })
  kw!: number;
}

export class PowerReadingsDoc {
  @ApiProperty({ type: () => PowerReadingDoc, isArray: true })
  readings!: PowerReadingDoc[];
}
