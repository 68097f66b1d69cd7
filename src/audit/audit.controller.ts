import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { AuditService } from './audit.service.js';
import { ListAuditQuery } from './dto/list-audit.query.js';
import { AuditPageResponse } from './dto/audit-response.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('commander')
  @ApiResponse({ status: 200, type: AuditPageResponse })
  list(@Query() query: ListAuditQuery) {
    return this.audit.list(query);
  }

  /** Walks the hash chain; answers the first broken link, if any. */
  @Get('verify')
  @Roles('commander')
  verify() {
    return this.audit.verify();
  }
}
