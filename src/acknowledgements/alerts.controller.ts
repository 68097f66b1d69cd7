import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { AlertsService } from './alerts.service.js';
import { ListAlertsQuery } from './dto/list-alerts.query.js';
import { AlertResponse } from './dto/ack-response.dto.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/v1/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  /** Unreachable enterprises, overdue acknowledgements, missing reports; a county officer sees its county. */
  @Get()
  @Roles('commander', 'county_officer', 'viewer')
  @ApiResponse({ status: 200, type: AlertResponse, isArray: true })
  list(@CurrentPrincipal() principal: Principal, @Query() q: ListAlertsQuery) {
    return this.alerts.list({ county: principal.role === 'county_officer' ? principal.county : (q.county ?? null), kind: q.kind, open: q.open, limit: q.limit });
  }
}
