import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { ListEnterprisesQuery } from './dto/list-enterprises.query.js';
import { RegistryService } from './registry.service.js';
import { EnterpriseInputDoc, EnterprisePageResponse, EnterpriseResponse, EnterpriseUpdateDoc, WebhookSecretResponse } from './dto/registry-response.dto.js';

const ENTERPRISE_EXAMPLE = {
  code: '91410821MA3X4Y5Z6K',
  name: '焦作示例水泥有限公司',
  county: '修武县',
  industry: 'cement_clinker',
  process: null,
  fuel: null,
  airEmitting: true,
  grade: 'B',
  gradedOn: '2026-09-15',
  gradingAuthority: '河南省生态环境厅',
  livelihood: null,
  provincialApproval: null,
  contacts: [{ name: '张三', role: 'env_officer', email: 'a@example.com', phone: '13800000000' }],
  lines: [{ code: 'L1', name: '4500t/d 熟料线', capacity: 4500, unit: 't/d', cells: null }],
  measures: { orange: [{ line: 'L1', action: 'stop', maxLoadPercent: null }] },
  webhookUrl: null,
};

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/enterprises')
export class RegistryController {
  constructor(private readonly registry: RegistryService) {}

  @Get()
  @Roles('commander', 'county_officer', 'viewer', 'inspector', 'enterprise')
  @ApiResponse({ status: 200, type: EnterprisePageResponse })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListEnterprisesQuery) {
    return this.registry.list(principal, query);
  }

  @Get(':code')
  @Roles('commander', 'county_officer', 'viewer', 'inspector', 'enterprise')
  @ApiResponse({ status: 200, type: EnterpriseResponse })
  get(@CurrentPrincipal() principal: Principal, @Param('code') code: string) {
    return this.registry.get(principal, code);
  }

  @Post()
  @Roles('commander', 'county_officer')
  @ApiBody({ type: EnterpriseInputDoc, examples: { cement: { value: ENTERPRISE_EXAMPLE } } })
  @ApiResponse({ status: 201, type: EnterpriseResponse })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.registry.create(principal, body);
  }

  @Put(':code')
  @Roles('commander', 'county_officer')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version you read, if not given as "version" in the body' })
  @ApiBody({ type: EnterpriseUpdateDoc, examples: { cement: { value: { ...ENTERPRISE_EXAMPLE, version: 1 } } } })
  @ApiResponse({ status: 200, type: EnterpriseResponse })
  update(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() body: unknown, @Headers('if-match') ifMatch?: string) {
    return this.registry.update(principal, code, body, ifMatch);
  }

  /** The key that signs this enterprise's webhooks (X-HazeOps-Signature), for its receiver to verify. */
  @Get(':code/webhook-secret')
  @Roles('commander', 'enterprise')
  @ApiResponse({ status: 200, type: WebhookSecretResponse })
  webhookSecret(@CurrentPrincipal() principal: Principal, @Param('code') code: string) {
    return this.registry.webhookSecret(principal, code);
  }

  @Post(':code/deactivate')
  @HttpCode(200)
  @Roles('commander', 'county_officer')
  @ApiResponse({ status: 200, type: EnterpriseResponse })
  deactivate(@CurrentPrincipal() principal: Principal, @Param('code') code: string) {
    return this.registry.setActive(principal, code, false);
  }

  @Post(':code/activate')
  @HttpCode(200)
  @Roles('commander', 'county_officer')
  @ApiResponse({ status: 200, type: EnterpriseResponse })
  activate(@CurrentPrincipal() principal: Principal, @Param('code') code: string) {
    return this.registry.setActive(principal, code, true);
  }
}
