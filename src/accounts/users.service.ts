import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { AuthErrorCode } from '../auth/auth.errors.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import { isUuid } from '../common/uuid.js';
import { ConfigService } from '../config/config.service.js';
import { TeamRepository } from '../inspections/team.repository.js';
import { EnterpriseRepository } from '../registry/enterprise.repository.js';
import type { CreateUserDto } from './dto/create-user.dto.js';
import type { ListUsersQuery } from './dto/list-users.query.js';
import type { UpdateUserDto } from './dto/update-user.dto.js';
import type { UserContactsDto } from './dto/user-contacts.dto.js';
import { checkMobileNumber } from '../rules/contacts/mobile-number.js';
import { isPlausibleEmail } from '../registry/validation/field-readers.js';
import { hashPassword } from '../auth/password.js';
import type { Principal, Role } from '../auth/role.js';
import type { UserEntity } from '../auth/user.entity.js';
import { UserRepository } from '../auth/user.repository.js';
import { CredentialCache } from '../auth/credential-cache.js';

export interface UserView {
  id: string;
  username: string;
  role: string;
  county: string | null;
  enterpriseCode: string | null;
  team: string | null;
  displayName: string | null;
  mobile: string | null;
  email: string | null;
  workChatId: string | null;
  active: boolean;
  mustChangePassword: boolean;
}

export function toUserView(u: UserEntity): UserView {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    county: u.county,
    enterpriseCode: u.enterpriseCode,
    team: u.team,
    displayName: u.displayName,
    mobile: u.mobile ?? null,
    email: u.email ?? null,
    workChatId: u.workChatId ?? null,
    active: u.active,
    mustChangePassword: u.mustChangePassword ?? false,
  };
}

type Binding = Pick<UserEntity, 'county' | 'enterpriseCode' | 'team'>;
type UserContacts = Pick<UserEntity, 'mobile' | 'email' | 'workChatId'>;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
    private readonly users: UserRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly teams: TeamRepository,
    private readonly credentials: CredentialCache,
  ) {}

  /** Checks that the role's binding (county, enterprise, team) is present and real; the others are cleared. */
  private async bindings(role: Role, wanted: { county?: string | null; enterpriseCode?: string | null; team?: string | null }): Promise<Binding> {
    const problems: Array<{ field: string; message: string }> = [];
    const county = role === 'county_officer' ? (wanted.county ?? null) : null;
    const enterpriseCode = role === 'enterprise' ? (wanted.enterpriseCode?.trim().toUpperCase() ?? null) : null;
    const team = role === 'inspector' ? (wanted.team?.trim() ?? null) : null;
    if (role === 'county_officer' && !this.config.city.counties.some((c) => c.name === county)) {
      problems.push({ field: 'county', message: `a county officer needs a configured county: ${this.config.city.counties.map((c) => c.name).join(', ')}` });
    }
    if (role === 'enterprise') {
      const exists = enterpriseCode ? await this.enterprises.exists(enterpriseCode) : false;
      if (!exists) problems.push({ field: 'enterpriseCode', message: 'an enterprise user needs the code of an enterprise in the registry' });
    }
    if (role === 'inspector') {
      const found = team ? await this.teams.exists(team) : false;
      if (!found) problems.push({ field: 'team', message: 'an inspector needs the key of an existing team (GET /api/v1/teams)' });
    }
    if (problems.length > 0) throw new DomainError(CommonErrorCode.UNPROCESSABLE, problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    return { county, enterpriseCode, team };
  }

  /** A person's contacts as given (undefined keeps the stored one, null or "" clears it), checked together. */
  private contacts(wanted: UserContactsDto, stored: UserContacts): UserContacts {
    const problems: Array<{ field: string; message: string }> = [];
    const blank = (v: string | null | undefined) => v === null || (typeof v === 'string' && v.trim() === '');
    let mobile = stored.mobile;
    if (wanted.mobile !== undefined) {
      if (blank(wanted.mobile)) mobile = null;
      else {
        const checked = checkMobileNumber(wanted.mobile!);
        if (checked.ok) mobile = checked.mobile;
        else problems.push({ field: 'mobile', message: `mobile ${checked.reason}` });
      }
    }
    let email = stored.email;
    if (wanted.email !== undefined) {
      if (blank(wanted.email)) email = null;
      else if (!isPlausibleEmail(wanted.email!.trim())) problems.push({ field: 'email', message: 'email must be an e-mail address like name@example.gov.cn' });
      else email = wanted.email!.trim();
    }
    const workChatId = wanted.workChatId === undefined ? stored.workChatId : blank(wanted.workChatId) ? null : wanted.workChatId!.trim();
    if (problems.length > 0) throw new DomainError(CommonErrorCode.UNPROCESSABLE, problems.map((p) => p.message).join('; '), problems);
    return { mobile, email, workChatId };
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    const bound = await this.bindings(dto.role, dto);
    const contacts = this.contacts(dto, { mobile: null, email: null, workChatId: null });
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      if (await this.users.usernameTaken(manager, dto.username)) {
        throw new DomainError(AuthErrorCode.USERNAME_TAKEN, `The username "${dto.username}" is taken; choose another.`);
      }
      const saved = await this.users.insert(manager, { username: dto.username, passwordHash, role: dto.role, displayName: dto.displayName ?? null, ...bound, ...contacts });
      const view = toUserView(saved);
      await this.audit.record(manager, actor, [{ action: 'user.create', entityType: 'user', entityId: saved.id, before: null, after: view }]);
      return view;
    });
  }

  async list(q: ListUsersQuery): Promise<{ items: UserView[]; total: number; page: number; pageSize: number }> {
    const { users, total } = await this.users.page(q);
    return { items: users.map(toUserView), total, page: q.page, pageSize: q.pageSize };
  }

  /** Changes role and binding; the guard reads them from the row, so the next request already uses them. */
  async update(actor: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.change(actor, id, 'user.update', async (user) => {
      const role = dto.role ?? user.role;
      if (user.id === actor.userId && role !== user.role) throw new DomainError(CommonErrorCode.UNPROCESSABLE, 'You cannot change your own role; ask another commander.');
      const bound = await this.bindings(role, {
        county: dto.county ?? user.county,
        enterpriseCode: dto.enterpriseCode ?? user.enterpriseCode,
        team: dto.team ?? user.team,
      });
      return { role, ...bound };
    });
  }

  /** A person's own contacts (mobile, e-mail, work-chat id): every user for themselves, a commander for anyone. */
  updateContacts(actor: Principal, id: string, dto: UserContactsDto): Promise<UserView> {
    return this.change(actor, id, 'user.contacts', async (user) => this.contacts(dto, { mobile: user.mobile ?? null, email: user.email ?? null, workChatId: user.workChatId ?? null }));
  }

  /** A deactivated user's next request answers 401 (the guard checks the row on every request). */
  setActive(actor: Principal, id: string, active: boolean): Promise<UserView> {
    return this.change(actor, id, active ? 'user.activate' : 'user.deactivate', async (user) => {
      if (!active && user.id === actor.userId) throw new DomainError(CommonErrorCode.UNPROCESSABLE, 'You cannot deactivate yourself; ask another commander.');
      return { active };
    });
  }

  /** A temporary password, shown once; the user must replace it at the next sign-in, older tokens end now. */
  async resetPassword(actor: Principal, id: string): Promise<{ temporaryPassword: string }> {
    const temporaryPassword = randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(temporaryPassword);
    await this.change(actor, id, 'user.reset-password', async (user) => ({ passwordHash, mustChangePassword: true, credentialVersion: user.credentialVersion + 1 }));
    return { temporaryPassword };
  }

  private async change(actor: Principal, id: string, action: string, patch: (user: UserEntity, manager: EntityManager) => Promise<Partial<UserEntity>>): Promise<UserView> {
    if (!isUuid(id)) throw new DomainError(CommonErrorCode.NOT_FOUND, 'No such user.');
    const view = await this.dataSource.transaction(async (manager) => {
      // Locked: two commanders changing one user at once apply one after the other.
      const user = await this.users.lockById(manager, id);
      if (!user) throw new DomainError(CommonErrorCode.NOT_FOUND, 'No such user.');
      const before = toUserView(user);
      const saved = await this.users.save(manager, { ...user, ...(await patch(user, manager)) });
      const after = toUserView(saved);
      await this.audit.record(manager, actor, [{ action, entityType: 'user', entityId: id, before, after }]);
      return after;
    });
    // Answer only once every instance has dropped the old row: the user's next request, wherever it goes, sees the change.
    await this.credentials.propagated();
    return view;
  }

  count(): Promise<number> {
    return this.users.count();
  }
}
