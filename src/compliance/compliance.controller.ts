import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { MonthQuery } from './dto/month.query.js';
import { VoidEntryDto } from './dto/void-entry.dto.js';
import { LedgerService } from './ledger.service.js';

@ApiTags('compliance')
@ApiBearerAuth()
@Controller('api/v1/ledger')
export class ComplianceController {
  constructor(private readonly ledger: LedgerService) {}

  /** An enterprise sees the penalties recorded against it; a county officer its county's. */
  @Get()
  @Roles('commander', 'county_officer', 'viewer', 'enterprise')
  list(@CurrentPrincipal() p: Principal, @Query() q: MonthQuery) {
    return this.ledger.list(p, q);
  }

  @Get('ranking')
  @Roles('commander', 'county_officer', 'viewer')
  ranking(@Query() q: MonthQuery) {
    return this.ledger.ranking(q.month);
  }

  /** Only with a reason; the voiding is audited and the entry stays visible as voided. */
  @Post(':id/void')
  @HttpCode(200)
  @Roles('commander')
  void(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: VoidEntryDto) {
    return this.ledger.void(p, id, dto.reason);
  }
}
