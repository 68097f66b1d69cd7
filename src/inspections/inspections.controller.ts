import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PowerReadingsDoc } from './dto/power-readings.dto.js';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/role.js';
import { InspectionErrorCode } from './inspections.errors.js';
import { DomainError } from '../common/domain-error.js';
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
import {
  DrawResponse,
  DrawVerifyResponse,
  EvidenceListItemResponse,
  EvidenceResponse,
  FindingResponse,
  FindingResultResponse,
  PowerIngestResponse,
  TaskDetailResponse,
  TaskResponse,
  TeamResponse,
} from './dto/inspection-response.dto.js';

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
  @ApiResponse({ status: 201, type: TeamResponse })
  createTeam(@CurrentPrincipal() p: Principal, @Body() dto: CreateTeamDto) {
    return this.teams.create(p, dto);
  }

  @Get('teams')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  @ApiResponse({ status: 200, type: TeamResponse, isArray: true })
  listTeams() {
    return this.teams.list();
  }

  @Post('draws')
  @Roles('commander')
  @ApiResponse({ status: 201, type: DrawResponse })
  createDraw(@CurrentPrincipal() p: Principal, @Body() dto: CreateDrawDto) {
    return this.draws.create(p, dto);
  }

  /** The published list: enterprise, team and time. */
  @Get('draws/:id')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  @ApiResponse({ status: 200, type: DrawResponse })
  getDraw(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.draws.get(id);
  }

  @Post('draws/:id/verify')
  @HttpCode(200)
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  @ApiResponse({ status: 200, type: DrawVerifyResponse })
  verifyDraw(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.draws.verify(id);
  }

  @Post('tasks')
  @Roles('commander')
  @ApiResponse({ status: 201, type: TaskResponse })
  createTask(@CurrentPrincipal() p: Principal, @Body() dto: CreateTaskDto) {
    return this.tasks.createTargeted(p, dto);
  }

  @Get('tasks')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  @ApiResponse({ status: 200, type: TaskResponse, isArray: true })
  @ApiQuery({ name: 'status', required: false, type: 'string', description: 'Only tasks in this status, e.g. open' })
  listTasks(@CurrentPrincipal() p: Principal, @Query('status') status?: string) {
    return this.tasks.list(p, status === 'open' || status === 'done' ? status : undefined);
  }

  @Get('tasks/:id')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  @ApiResponse({ status: 200, type: TaskDetailResponse })
  getTask(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.tasks.get(p, id);
  }

  @Post('tasks/:id/findings')
  @Roles('inspector', 'commander')
  @ApiResponse({ status: 201, type: FindingResultResponse })
  createFinding(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateFindingDto) {
    return this.findings.create(p, id, dto);
  }

  @Get('findings')
  @Roles('commander', 'county_officer', 'viewer', 'inspector', 'enterprise')
  @ApiResponse({ status: 200, type: FindingResponse, isArray: true })
  @ApiQuery({ name: 'verdict', required: false, enum: ['violation', 'compliant'] })
  @ApiQuery({ name: 'county', required: false, type: 'string' })
  listFindings(@CurrentPrincipal() p: Principal, @Query('verdict') verdict?: string, @Query('county') county?: string) {
    return this.findings.list(p, { verdict: verdict === 'violation' || verdict === 'compliant' ? verdict : undefined, county });
  }

  /** The photo itself as the body (image/jpeg, image/png or image/webp). */
  @Post('findings/:id/evidence')
  @Roles('inspector', 'commander')
  @ApiConsumes('image/jpeg', 'image/png', 'image/webp')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, type: EvidenceResponse })
  addEvidence(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Headers('content-type') type: string | undefined, @Body() body: unknown) {
    return this.evidence.upload(p, id, type, body);
  }

  @Get('findings/:id/evidence')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  @ApiResponse({ status: 200, type: EvidenceListItemResponse, isArray: true })
  listEvidence(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.evidence.list(p, id);
  }

  @Get('findings/:id/evidence/:evidenceId')
  @Roles('commander', 'county_officer', 'viewer', 'inspector')
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiResponse({
    status: 200,
    description: 'The photo as stored',
    content: {
      'image/jpeg': { schema: { type: 'string', format: 'binary' } },
      'image/png': { schema: { type: 'string', format: 'binary' } },
      'image/webp': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async photo(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string, @Res() res: Response) {
    const { mime, bytes } = await this.evidence.read(p, id, evidenceId);
    res.type(mime).setHeader('Cache-Control', 'private, max-age=3600').send(bytes);
  }

  /** JSON `{ "readings": [{ enterpriseCode, lineCode, at, kw }] }` or CSV `enterprise_code,line_code,at,kw`. */
  @Post('power-readings')
  @Roles('commander', 'county_officer')
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: PowerReadingsDoc, description: 'JSON { readings: [...] }, or text/csv with the header enterprise_code,line_code,at,kw' })
  @ApiResponse({ status: 201, type: PowerIngestResponse })
  ingestPower(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    const readings = Buffer.isBuffer(body) ? this.power.parseCsv(body) : (body as { readings?: unknown })?.readings;
    if (!Array.isArray(readings))
      throw new DomainError(InspectionErrorCode.READINGS_UNREADABLE, 'Send { "readings": [ { enterpriseCode, lineCode, at, kw } ] } or a CSV with enterprise_code,line_code,at,kw.');
    return this.power.ingest(p, readings, Buffer.isBuffer(body) ? 'csv' : 'api');
  }
}
