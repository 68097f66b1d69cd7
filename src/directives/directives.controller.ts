import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { sendCsv } from '../web/export/csv-response.js';
import { DirectiveOrdersService } from './directive-orders.service.js';
import { DirectiveOrdersQuery } from './dto/directive-orders.query.js';
import { DirectiveProgressService } from './directive-progress.service.js';
import { DirectiveReductionService } from './directive-reduction.service.js';
import { DirectiveReductionQuery } from './dto/directive-reduction.query.js';
import { DirectiveReductionResponse } from '../common/dto/reduction-response.dto.js';
import { DirectivesQueryService } from './directives-query.service.js';
import { DirectivesService } from './directives.service.js';
import { IssueDirectiveDto } from './dto/issue-directive.dto.js';
import { ListDirectivesQuery } from './dto/list-directives.query.js';
import { CountyLevelResponse, DirectiveListResponse, DirectiveOrdersPageResponse, DirectiveProgressResponse, DirectiveResultResponse } from './dto/directive-response.dto.js';

@ApiTags('directives')
@ApiBearerAuth()
@Controller('api/v1/directives')
export class DirectivesController {
  constructor(
    private readonly directives: DirectivesService,
    private readonly progressService: DirectiveProgressService,
    private readonly query: DirectivesQueryService,
    private readonly orders: DirectiveOrdersService,
    private readonly reductions: DirectiveReductionService,
  ) {}

  /** Issue, adjust or lift a level; `dryRun: true` shows the effect and writes nothing. */
  @Post()
  @HttpCode(200)
  @Roles('commander')
  @ApiResponse({ status: 200, type: DirectiveResultResponse })
  decide(@CurrentPrincipal() principal: Principal, @Body() dto: IssueDirectiveDto) {
    return this.directives.decide(principal, dto);
  }

  /** The dry run's full list of per-line changes as CSV (same body as a directive; nothing is written). */
  @Post('dry-run/changes.csv')
  @HttpCode(200)
  @Roles('commander')
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, description: 'CSV, UTF-8 with BOM', content: { 'text/csv': { schema: { type: 'string' } } } })
  async changesCsv(@CurrentPrincipal() principal: Principal, @Body() dto: IssueDirectiveDto, @Res() res: Response) {
    const body = await this.directives.dryRunChangesCsv(principal, dto); // before the headers: a refusal stays JSON
    sendCsv(res, 'dry-run-changes.csv', body);
  }

  @Get()
  @Roles('commander', 'county_officer', 'viewer')
  @ApiResponse({ status: 200, type: DirectiveListResponse })
  list(@Query() q: ListDirectivesQuery) {
    return this.query.list(q);
  }

  @Get('levels')
  @Roles('commander', 'county_officer', 'viewer')
  @ApiResponse({ status: 200, type: CountyLevelResponse, isArray: true })
  levels() {
    return this.query.levels();
  }

  @Get(':id/progress')
  @Roles('commander', 'county_officer', 'viewer')
  @ApiResponse({ status: 200, type: DirectiveProgressResponse })
  progress(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.progressService.progress(principal, id);
  }

  /** The order versions this directive made: lines and deliveries per enterprise, paged. */
  @Get(':id/orders')
  @Roles('commander', 'county_officer', 'viewer')
  @ApiResponse({ status: 200, type: DirectiveOrdersPageResponse })
  directiveOrders(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: DirectiveOrdersQuery) {
    return this.orders.list(principal, id, q);
  }

  /** Per county and for the city, per pollutant: baseline, and the reduction planned, confirmed and verified by the orders in force at `at`. */
  @Get(':id/reduction')
  @Roles('commander', 'county_officer', 'viewer')
  @ApiResponse({ status: 200, type: DirectiveReductionResponse })
  reduction(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: DirectiveReductionQuery) {
    return this.reductions.reduction(principal, id, q.at);
  }
}
