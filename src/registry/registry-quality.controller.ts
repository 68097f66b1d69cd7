import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { sendCsv } from '../web/export/csv-response.js';
import { RegistryQualityQuery } from './dto/registry-quality.query.js';
import { RegistryQualityResponse } from './dto/registry-quality-response.dto.js';
import { RegistryQualityService } from './registry-quality.service.js';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/registry')
export class RegistryQualityController {
  constructor(private readonly quality: RegistryQualityService) {}

  /** The 清单 quality report: each problem of the air-emitting enterprises in scope, with what to fix. */
  @Get('quality')
  @Roles('commander', 'county_officer', 'viewer')
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(RegistryQualityResponse)
  @ApiResponse({
    status: 200,
    description: 'JSON (summary and a page of problems) by default; format=csv or Accept: text/csv for every matching problem as CSV (UTF-8 with BOM)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(RegistryQualityResponse) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async report(@CurrentPrincipal() principal: Principal, @Query() q: RegistryQualityQuery, @Req() req: Request, @Res() res: Response) {
    const csv = q.format === 'csv' || (q.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (csv) return sendCsv(res, 'registry-quality.csv', await this.quality.csv(principal, q));
    res.json(await this.quality.report(principal, q));
  }
}
