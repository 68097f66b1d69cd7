import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { FileStatusReportDto } from './dto/file-status-report.dto.js';
import { ListStatusReportsQuery } from './dto/list-status-reports.query.js';
import { StatusReportsService } from './status-reports.service.js';
import { StatusReportFiledResponse, StatusReportResponse } from './dto/ack-response.dto.js';

@ApiTags('status-reports')
@ApiBearerAuth()
@Controller('api/v1/status-reports')
export class StatusReportsController {
  constructor(private readonly reports: StatusReportsService) {}

  /** The enterprise's report for the next report time (09:00 / 17:00 by default). */
  @Post()
  @Roles('enterprise')
  @ApiResponse({ status: 201, type: StatusReportFiledResponse })
  file(@CurrentPrincipal() principal: Principal, @Body() dto: FileStatusReportDto) {
    return this.reports.file(principal, dto);
  }

  /** An enterprise sees its own reports, a county officer its county's. */
  @Get()
  @Roles('commander', 'county_officer', 'viewer', 'enterprise')
  @ApiResponse({ status: 200, type: StatusReportResponse, isArray: true })
  list(@CurrentPrincipal() principal: Principal, @Query() q: ListStatusReportsQuery) {
    return this.reports.list(principal, { slot: q.slot, history: q.history });
  }
}
