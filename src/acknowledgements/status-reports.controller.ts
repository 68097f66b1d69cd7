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

  @Get()
  @Roles('commander', 'county_officer', 'viewer')
  @ApiQuery({ name: 'slot', required: false, description: 'A report time, ISO 8601' })
  list(@CurrentPrincipal() principal: Principal, @Query('slot') slot?: string) {
    return this.reports.list(principal, slot && !Number.isNaN(Date.parse(slot)) ? slot : undefined);
  }
}
