import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { FileStatusReportDto } from './dto/file-status-report.dto.js';
import { StatusReportsService } from './status-reports.service.js';

@ApiTags('status-reports')
@ApiBearerAuth()
@Controller('api/v1/status-reports')
export class StatusReportsController {
  constructor(private readonly reports: StatusReportsService) {}

  /** The enterprise's report for the next report time (09:00 / 17:00 by default). */
  @Post()
  @Roles('enterprise')
  file(@CurrentPrincipal() principal: Principal, @Body() dto: FileStatusReportDto) {
    return this.reports.file(principal, dto);
  }

  /** An enterprise sees its own reports, a county officer its county's. */
  @Get()
  @Roles('commander', 'county_officer', 'viewer', 'enterprise')
  @ApiQuery({ name: 'slot', required: false, description: 'A report time, ISO 8601' })
  @ApiQuery({ name: 'history', required: false, description: 'true: every correction too, not only the latest report per slot' })
  list(@CurrentPrincipal() principal: Principal, @Query('slot') slot?: string, @Query('history') history?: string) {
    return this.reports.list(principal, { slot: slot && !Number.isNaN(Date.parse(slot)) ? slot : undefined, history: history === 'true' || history === '1' });
  }
}
