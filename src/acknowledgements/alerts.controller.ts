import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { AlertsService } from './alerts.service.js';
import { ListAlertsQuery } from './dto/list-alerts.query.js';
import { ResolveAlertDto } from './dto/resolve-alert.dto.js';
import { AlertResponse } from './dto/ack-response.dto.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly access: AccessPolicy,
  ) {}

  /** What needs a person (open by default); a county officer sees its county. Resolved alerts stay listed under status=resolved|all. */
  @Get()
  @Roles('commander', 'county_officer', 'viewer')
  @ApiResponse({ status: 200, type: AlertResponse, isArray: true })
  list(@CurrentPrincipal() principal: Principal, @Query() q: ListAlertsQuery) {
    return this.alerts.list(principal, { ...q, county: this.access.countyFilter(principal, q.county ?? null) ?? undefined });
  }

  /** Closes an alert with a note; resolving twice answers 409. */
  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('commander', 'county_officer')
  resolve(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: ResolveAlertDto) {
    return this.alerts.resolve(principal, id, dto.note);
  }
}
