import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { AlertsService } from './alerts.service.js';
import { ListAlertsQuery } from './dto/list-alerts.query.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly access: AccessPolicy,
  ) {}

  /** Unreachable enterprises, overdue acknowledgements, missing reports; a county officer sees its county. */
  @Get()
  @Roles('commander', 'county_officer', 'viewer')
  list(@CurrentPrincipal() principal: Principal, @Query() q: ListAlertsQuery) {
    return this.alerts.list({ county: this.access.countyFilter(principal, q.county ?? null), kind: q.kind, open: q.open, limit: q.limit });
  }
}
