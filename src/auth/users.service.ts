import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { AuthErrorCode, CommonErrorCode, DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { EnterpriseEntity } from '../registry/enterprise.entity.js';
import type { CreateUserDto } from './dto/create-user.dto.js';
import { hashPassword } from './password.js';
import { UserEntity } from './user.entity.js';

export interface UserView {
  id: string;
  username: string;
  role: string;
  county: string | null;
  enterpriseCode: string | null;
  team: string | null;
  displayName: string | null;
  active: boolean;
}

export function toUserView(u: UserEntity): UserView {
  return { id: u.id, username: u.username, role: u.role, county: u.county, enterpriseCode: u.enterpriseCode, team: u.team, displayName: u.displayName, active: u.active };
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
  ) {}

  /** Checks that the role's binding (county, enterprise, team) is present and real. */
  private async bindings(dto: CreateUserDto): Promise<Pick<UserEntity, 'county' | 'enterpriseCode' | 'team'>> {
    const problems: Array<{ field: string; message: string }> = [];
    const county = dto.role === 'county_officer' ? (dto.county ?? null) : null;
    const enterpriseCode = dto.role === 'enterprise' ? (dto.enterpriseCode?.trim().toUpperCase() ?? null) : null;
    const team = dto.role === 'inspector' ? (dto.team?.trim() ?? null) : null;
    if (dto.role === 'county_officer' && !this.config.city.counties.some((c) => c.name === county)) {
      problems.push({ field: 'county', message: `a county officer needs a configured county: ${this.config.city.counties.map((c) => c.name).join(', ')}` });
    }
    if (dto.role === 'enterprise') {
      const exists = enterpriseCode ? await this.dataSource.getRepository(EnterpriseEntity).existsBy({ code: enterpriseCode }) : false;
      if (!exists) problems.push({ field: 'enterpriseCode', message: 'an enterprise user needs the code of an enterprise in the registry' });
    }
    if (dto.role === 'inspector' && !team) problems.push({ field: 'team', message: 'an inspector needs a team' });
    if (problems.length > 0) throw new DomainError(CommonErrorCode.UNPROCESSABLE, problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    return { county, enterpriseCode, team };
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    const bound = await this.bindings(dto);
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(UserEntity);
      if (await repo.existsBy({ username: dto.username })) {
        throw new DomainError(AuthErrorCode.USERNAME_TAKEN, `The username "${dto.username}" is taken; choose another.`);
      }
      const saved = await repo.save(repo.create({ username: dto.username, passwordHash, role: dto.role, displayName: dto.displayName ?? null, ...bound }));
      const view = toUserView(saved);
      await this.audit.record(manager, actor, [{ action: 'user.create', entityType: 'user', entityId: saved.id, before: null, after: view }]);
      return view;
    });
  }

  async list(): Promise<UserView[]> {
    const users = await this.dataSource.getRepository(UserEntity).find({ order: { username: 'ASC' } });
    return users.map(toUserView);
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).count();
  }
}
