import { Controller, Get, ParseEnumPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiProduces, ApiQuery, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { DailyReportResponse } from './dto/compliance-response.dto.js';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { ConfigService } from '../config/config.service.js';
import { sendCsv as csv } from '../web/export/csv-response.js';
import { renderDailyReportPage } from '../web/pages/daily-report-page.js';
import { ExportQuery } from './dto/export.query.js';
import { ReportsService } from './reports.service.js';

const REDUCTION_CHOICES = { include: 'include', omit: 'omit' } as const;

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly config: ConfigService,
  ) {}

  /** Level per county, orders, acknowledgement and implementation rates, overdue, inspections, violations, penalties. */
  @Get('reports/daily')
  @Roles('commander', 'county_officer', 'viewer')
  @ApiQuery({ name: 'date', required: false, example: '2026-12-10' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'html'] })
  @ApiQuery({
    name: 'reduction',
    required: false,
    enum: ['include', 'omit'],
    description:
      'JSON only: omit leaves out the per-directive reduction accounting, which is costly at provincial scale (the overview polls the totals every few seconds). CSV and HTML always include it.',
  })
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiExtraModels(DailyReportResponse)
  @ApiResponse({
    status: 200,
    description: 'JSON by default; format=csv (UTF-8 with BOM) or format=html (printable page)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(DailyReportResponse) } }, 'text/csv': { schema: { type: 'string' } }, 'text/html': { schema: { type: 'string' } } },
  })
  async daily(
    @CurrentPrincipal() p: Principal,
    @Res() res: Response,
    @Query('date') date?: string,
    @Query('format') format?: string,
    @Query('reduction', new ParseEnumPipe(REDUCTION_CHOICES, { optional: true })) reduction?: keyof typeof REDUCTION_CHOICES,
  ) {
    const report = await this.reports.daily(p, date, { reduction: format === 'csv' || format === 'html' || reduction !== 'omit' });
    if (format === 'csv') return csv(res, `daily-report-${report.date}.csv`, this.reports.dailyCsv(report));
    if (format === 'html') {
      const { commandCenter, timezone } = this.config.city.city;
      return res.type('html').send(renderDailyReportPage(report, { commandCenter, timezone }));
    }
    res.json(report);
  }

  @Get('exports/orders.csv')
  @Roles('commander', 'county_officer', 'viewer')
  @ApiResponse({ status: 200, description: 'CSV, UTF-8 with BOM', content: { 'text/csv': { schema: { type: 'string' } } } })
  async orders(@CurrentPrincipal() p: Principal, @Query() q: ExportQuery, @Res() res: Response) {
    csv(res, 'orders.csv', await this.reports.ordersCsv(p, q));
  }

  @Get('exports/findings.csv')
  @Roles('commander', 'county_officer', 'viewer')
  @ApiResponse({ status: 200, description: 'CSV, UTF-8 with BOM', content: { 'text/csv': { schema: { type: 'string' } } } })
  async findings(@CurrentPrincipal() p: Principal, @Query() q: ExportQuery, @Res() res: Response) {
    csv(res, 'findings.csv', await this.reports.findingsCsv(p, q));
  }

  @Get('exports/ledger.csv')
  @Roles('commander', 'county_officer', 'viewer')
  @ApiResponse({ status: 200, description: 'CSV, UTF-8 with BOM', content: { 'text/csv': { schema: { type: 'string' } } } })
  async ledger(@CurrentPrincipal() p: Principal, @Query() q: ExportQuery, @Res() res: Response) {
    csv(res, 'ledger.csv', await this.reports.ledgerCsv(p, q));
  }
}
