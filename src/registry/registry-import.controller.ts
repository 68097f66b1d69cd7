import { Body, Controller, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { RegistryImportQuery } from './dto/registry-import.query.js';
import { RegistryImportService } from './registry-import.service.js';
import { importKindOf } from './import-kind.js';
import { ImportSummaryResponse, RegistryImportDoc } from './dto/registry-response.dto.js';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/registry')
export class RegistryImportController {
  constructor(private readonly importer: RegistryImportService) {}

  /** JSON `{ "enterprises": [...] }`, CSV (text/csv) or XLSX as the raw request body. */
  @Post('import')
  @HttpCode(200)
  @Roles('commander')
  @ApiConsumes('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiBody({ type: RegistryImportDoc, description: 'JSON as below, or the CSV / XLSX layout of import-format.md as the raw body' })
  @ApiResponse({ status: 200, type: ImportSummaryResponse })
  import(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Query() query: RegistryImportQuery, @Headers('content-type') contentType?: string) {
    return this.importer.import(principal, importKindOf(contentType, query.format, body), body, { dryRun: query.dryRun });
  }
}
