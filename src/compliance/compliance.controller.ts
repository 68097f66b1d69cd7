import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { MonthQuery } from './dto/month.query.js';
import { VoidEntryDto } from './dto/void-entry.dto.js';
import { LedgerService } from './ledger.service.js';
import { LedgerEntryResponse, LedgerResponse, RankingResponse } from './dto/compliance-response.dto.js';

@ApiTags('compliance')
@ApiBearerAuth()
@Controller('api/v1/ledger')
export class ComplianceController {
  constructor(private readonly ledger: LedgerService) {}

  /** An enterprise sees the penalties recorded against it; a county officer its county's. */
  @Get()
  @Roles('commander', 'county_officer', 'viewer', 'enterprise')
  @ApiResponse({ status: 200, type: LedgerResponse })
  list(@CurrentPrincipal() p: Principal, @Query() q: MonthQuery) {
    return this.ledger.list(p, q);
  }

  @Get('ranking')
  @Roles('commander', 'county_officer', 'viewer')
  @ApiResponse({ status: 200, type: RankingResponse })
  ranking(@Query() q: MonthQuery) {
    return this.ledger.ranking(q.month);
  }

  /** Only with a reason; the voiding is audited and the entry stays visible as voided. */
  @Post(':id/void')
  @HttpCode(200)
  @Roles('commander')
  @ApiResponse({ status: 200, type: LedgerEntryResponse })
  void(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: VoidEntryDto) {
    return this.ledger.void(p, id, dto.reason);
  }
}
