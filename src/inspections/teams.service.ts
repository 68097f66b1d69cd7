import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { InspectionErrorCode } from './inspections.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import type { CreateTeamDto } from './dto/create-team.dto.js';
import { TeamEntity } from './team.entity.js';

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateTeamDto) {
    if (dto.homeCounty && !this.config.city.counties.some((c) => c.name === dto.homeCounty)) {
      throw new DomainError(InspectionErrorCode.TEAM_COUNTY_UNKNOWN, `homeCounty must be a configured county (got ${dto.homeCounty}).`);
    }
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(TeamEntity);
      if (await repo.existsBy({ key: dto.key })) throw new DomainError(InspectionErrorCode.TEAM_EXISTS, `A team with key ${dto.key} exists.`);
      const team = await repo.save(repo.create({ key: dto.key, name: dto.name, homeCounty: dto.homeCounty ?? null }));
      await this.audit.record(manager, actor, [{ action: 'team.create', entityType: 'team', entityId: team.key, before: null, after: team }]);
      return { key: team.key, name: team.name, homeCounty: team.homeCounty, members: [] as string[] };
    });
  }

  async list() {
    const teams = await this.dataSource.getRepository(TeamEntity).find({ order: { key: 'ASC' } });
    const members: Array<{ team: string; username: string }> = await this.dataSource.query(`SELECT team, username FROM users WHERE role = 'inspector' AND active ORDER BY username`);
    return teams.map((t) => ({ key: t.key, name: t.name, homeCounty: t.homeCounty, members: members.filter((m) => m.team === t.key).map((m) => m.username) }));
  }
}
