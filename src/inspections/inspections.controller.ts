import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { CommonErrorCode, DomainError } from '../common/domain-error.js';
import { CreateDrawDto } from './dto/create-draw.dto.js';
import { CreateFindingDto } from './dto/create-finding.dto.js';
import { CreateTaskDto } from './dto/create-task.dto.js';
import { CreateTeamDto } from './dto/create-team.dto.js';
import { DrawsService } from './draws.service.js';
import { EvidenceService } from './evidence.service.js';
import { FindingsService } from './findings.service.js';
import { PowerService } from './power.service.js';
import { TasksService } from './tasks.service.js';
import { TeamsService } from './teams.service.js';

@ApiTags('inspections')
@ApiBearerAuth()
@Controller('api/v1')
export class InspectionsController {
  constructor(
    private readonly teams: TeamsService,
    private readonly draws: DrawsService,
    private readonly tasks: TasksService,
    private readonly findings: FindingsService,
    private readonly evidence: EvidenceService,
    private readonly power: PowerService,
  ) {}

  @Post('teams')
  @Roles('commander')
  createTeam(@CurrentPrincipal() p: Principal, @Body() dto: CreateTeamDto) {
    return this.teams.create(p, dto);
  }

  @Get('teams')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  listTeams() {
    return this.teams.list();
  }

  @Post('draws')
  @Roles('commander')
  createDraw(@CurrentPrincipal() p: Principal, @Body() dto: CreateDrawDto) {
    return this.draws.create(p, dto);
  }

  /** The published list: enterprise, team and time. */
  @Get('draws/:id')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  getDraw(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.draws.get(id);
  }

  @Post('draws/:id/verify')
  @HttpCode(200)
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  verifyDraw(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.draws.verify(id);
  }

  @Post('tasks')
  @Roles('commander')
  createTask(@CurrentPrincipal() p: Principal, @Body() dto: CreateTaskDto) {
    return this.tasks.createTargeted(p, dto);
  }

  @Get('tasks')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  listTasks(@CurrentPrincipal() p: Principal, @Query('status') status?: string) {
    return this.tasks.list(p, status === 'open' || status === 'done' ? status : undefined);
  }

  @Get('tasks/:id')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  getTask(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.tasks.get(p, id);
  }

  @Post('tasks/:id/findings')
  @Roles('inspector', 'commander')
  createFinding(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateFindingDto) {
    return this.findings.create(p, id, dto);
  }

  @Get('findings')
  @Roles('commander', 'county_officer', 'viewer', 'inspector', 'enterprise')
  listFindings(@CurrentPrincipal() p: Principal, @Query('verdict') verdict?: string, @Query('county') county?: string) {
    return this.findings.list(p, { verdict: verdict === 'violation' || verdict === 'compliant' ? verdict : undefined, county });
  }

  /** The photo itself as the body (image/jpeg, image/png or image/webp). */
  @Post('findings/:id/evidence')
  @Roles('inspector', 'commander')
  @ApiConsumes('image/jpeg', 'image/png', 'image/webp')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  addEvidence(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Headers('content-type') type: string | undefined, @Body() body: unknown) {
    return this.evidence.upload(p, id, type, body);
  }

  @Get('findings/:id/evidence')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  listEvidence(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.evidence.list(p, id);
  }

  @Get('findings/:id/evidence/:evidenceId')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  async photo(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string, @Res() res: Response) {
    const { mime, bytes } = await this.evidence.read(p, id, evidenceId);
    res.type(mime).setHeader('Cache-Control', 'private, max-age=3600').send(bytes);
  }

  /** JSON `{ "readings": [{ enterpriseCode, lineCode, at, kw }] }` or CSV `enterprise_code,line_code,at,kw`. */
  @Post('power-readings')
  @Roles('commander', 'county_officer')
  @ApiConsumes('application/json', 'text/csv')
  ingestPower(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    const readings = Buffer.isBuffer(body) ? this.power.parseCsv(body) : (body as { readings?: unknown })?.readings;
    if (!Array.isArray(readings)) throw new DomainError(CommonErrorCode.INVALID_INPUT, 'Send { "readings": [ { enterpriseCode, lineCode, at, kw } ] } or a CSV with enterprise_code,line_code,at,kw.');
    return this.power.ingest(p, readings, Buffer.isBuffer(body) ? 'csv' : 'api');
  }
}
