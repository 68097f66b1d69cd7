import { DailyReductionResponse } from '../../common/dto/reduction-response.dto.js';
import { ApiProperty } from '@nestjs/swagger';
import { LEVEL_OR_NONE } from '../../rules/levels/level-ladder.js';

export class LedgerResponseItem {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  findingId!: string;

  @ApiProperty({ type: 'string' })
  item!: string;

  @ApiProperty({ type: 'string' })
  itemName!: string;

  @ApiProperty({ type: 'number' })
  amount!: number;

  @ApiProperty({ type: 'string' })
  description!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  voidedAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  voidReason!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  voidedBy!: string | null;
}

export class LedgerResponse {
  @ApiProperty({ type: 'string' })
  month!: string;

  @ApiProperty({ type: () => LedgerResponseItem, isArray: true })
  items!: LedgerResponseItem[];

  @ApiProperty({ type: 'number' })
  total!: number;
}

export class RankingResponseRanking {
  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'integer', description: 'Competition ranking, best first: equal figures share a rank (1, 1, 3)' })
  rank!: number;

  @ApiProperty({ type: 'integer', description: 'Penalty entries that stand' })
  penalties!: number;

  @ApiProperty({ type: 'number', description: 'Their money (yuan)' })
  amount!: number;

  @ApiProperty({ type: 'integer', description: 'The same as penalties (kept for earlier readers)' })
  violations!: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'Percent, one decimal; null when the county had no order in the month' })
  acknowledgementRate!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'Percent, one decimal; null when the county had no order in the month' })
  implementationRate!: number | null;

  @ApiProperty({ type: 'integer', description: 'Enterprises inspected' })
  inspected!: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'Violations per hundred inspected enterprises; null when none was inspected' })
  violationsPerHundred!: number | null;

  @ApiProperty({ type: 'integer' })
  violationFindings!: number;
}

export class RankingResponse {
  @ApiProperty({ type: 'string' })
  month!: string;

  @ApiProperty({ type: () => RankingResponseRanking, isArray: true })
  ranking!: RankingResponseRanking[];
}

export class LedgerEntryResponse {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string' })
  enterpriseCode!: string;

  @ApiProperty({ type: 'string' })
  findingId!: string;

  @ApiProperty({ type: 'string' })
  item!: string;

  @ApiProperty({ type: 'string' })
  itemName!: string;

  @ApiProperty({ type: 'number' })
  amount!: number;

  @ApiProperty({ type: 'string' })
  description!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  voidedAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  voidReason!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  voidedBy!: string | null;
}

export class DailyReportResponseTotals {
  @ApiProperty({ type: 'integer' })
  orders!: number;

  @ApiProperty({ type: 'integer' })
  acknowledged!: number;

  @ApiProperty({ type: 'number' })
  acknowledgementRate!: number;

  @ApiProperty({ type: 'integer' })
  implemented!: number;

  @ApiProperty({ type: 'number' })
  implementationRate!: number;

  @ApiProperty({ type: 'integer' })
  overdue!: number;

  @ApiProperty({ type: 'integer' })
  inspections!: number;

  @ApiProperty({ type: 'integer' })
  findings!: number;

  @ApiProperty({ type: 'integer' })
  violations!: number;

  @ApiProperty({ type: 'number' })
  penaltyYuan!: number;

  @ApiProperty({ type: 'integer', description: 'Status reports that contradicted the order in force' })
  reportDiscrepancies!: number;
}

/** A county's row: the totals' figures for one county, with its level. */
export class DailyReportResponseCounty extends DailyReportResponseTotals {
  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string', enum: LEVEL_OR_NONE })
  level!: string;

  @ApiProperty({ type: 'string', nullable: true })
  levelName!: string | null;
}

export class DailyReportResponse {
  @ApiProperty({ type: 'string', format: 'date' })
  date!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  generatedAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  asOf!: string;

  @ApiProperty({ type: () => DailyReportResponseCounty, isArray: true })
  counties!: DailyReportResponseCounty[];

  @ApiProperty({ type: () => DailyReportResponseTotals })
  totals!: DailyReportResponseTotals;

  @ApiProperty({
    type: () => DailyReductionResponse,
    isArray: true,
    required: false,
    description: 'Per level directive in force that day: per pollutant, the reduction planned, confirmed and verified (absent with reduction=omit)',
  })
  reduction?: DailyReductionResponse[];
}
