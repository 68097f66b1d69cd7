import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserRepository } from '../auth/user.repository.js';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { InspectionErrorCode } from './inspections.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import type { CreateTeamDto } from './dto/create-team.dto.js';
import { TeamRepository } from './team.repository.js';

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly teams: TeamRepository,
    private readonly users: UserRepository,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateTeamDto) {
    if (dto.homeCounty && !this.config.city.counties.some((c) => c.name === dto.homeCounty)) {
      throw new DomainError(InspectionErrorCode.TEAM_COUNTY_UNKNOWN, `homeCounty must be a configured county (got ${dto.homeCounty}).`);
    }
    return this.dataSource.transaction(async (manager) => {
      if (await this.teams.exists(dto.key, manager)) throw new DomainError(InspectionErrorCode.TEAM_EXISTS, `A team with key ${dto.key} exists.`);
      const team = await this.teams.insert(manager, { key: dto.key, name: dto.name, homeCounty: dto.homeCounty ?? null });
      await this.audit.record(manager, actor, [{ action: 'team.create', entityType: 'team', entityId: team.key, before: null, after: team }]);
      return { key: team.key, name: team.name, homeCounty: team.homeCounty, members: [] as string[] };
    });
  }

  async list() {
    const teams = await this.teams.all();
    const members = await this.users.activeInspectorsByTeam();
    return teams.map((t) => ({ key: t.key, name: t.name, homeCounty: t.homeCounty, members: members.get(t.key) ?? [] }));
  }
}
