import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service.js';
import { UsersService } from '../accounts/users.service.js';
import type { CreateUserDto } from '../accounts/dto/create-user.dto.js';
import { ConfigService } from '../config/config.service.js';
import type { TeamEntity } from '../inspections/team.entity.js';
import { TeamRepository } from '../inspections/team.repository.js';
import { EnterpriseRepository } from '../registry/enterprise.repository.js';
import { RegistryImportService } from '../registry/registry-import.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { DutyErrorCode } from '../duty/duty.errors.js';
import { DutyService } from '../duty/duty.service.js';
import { UserRepository } from '../auth/user.repository.js';
import { demoRosterSlots } from './demo-roster.js';

/** The demo's command-center duty people: four duty officers (值班员) and two shift leaders (值班长). */
const DEMO_DUTY = [
  { username: 'duty1', displayName: '值班员 王明', mobile: '13903910001' },
  { username: 'duty2', displayName: '值班员 李娜', mobile: '13903910002' },
  { username: 'duty3', displayName: '值班员 张伟', mobile: '13903910003' },
  { username: 'duty4', displayName: '值班员 刘洋', mobile: '13903910004' },
] as const;
const DEMO_LEADERS = [
  { username: 'leader1', displayName: '值班长 陈刚', mobile: '13903910011' },
  { username: 'leader2', displayName: '值班长 赵敏', mobile: '13903910012' },
] as const;
/** Where demo e-mail goes: a reserved example domain, so nothing leaves a demo by accident. */
const DEMO_MAIL_DOMAIN = 'demo.hazeops.example';

/** First-boot duties: the configured commander, and in demo mode the demo registry and users. */
@Injectable()
export class BootstrapService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('bootstrap');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly users: UsersService,
    private readonly importer: RegistryImportService,
    private readonly audit: AuditService,
    private readonly enterprises: EnterpriseRepository,
    private readonly teams: TeamRepository,
    private readonly duty: DutyService,
    private readonly userRows: UserRepository,
    private readonly clock: Clock,
  ) {}

  /** Before any job's bootstrap hook: the season directives at boot must see the demo registry. */
  async onModuleInit(): Promise<void> {
    const { app } = this.config;
    if (app.demo && (await this.enterprises.count()) === 0) {
      // Loaded only when needed: the generator is demo tooling, not part of a normal boot.
      const { demoRegistry } = await import('../registry/demo/registry-generator.js');
      const enterprises = demoRegistry(this.config.city);
      const summary = await this.importer.import(SYSTEM_ACTOR, 'json', { enterprises });
      this.logger.log(`loaded the demo registry: ${summary.created} enterprises`);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const { app } = this.config;
    if ((await this.users.count()) > 0) {
      if (app.demo) await this.topUpDemoRoster();
      return;
    }
    if (app.admin) {
      await this.users.create(SYSTEM_ACTOR, { username: app.admin.username, password: app.admin.password, role: 'commander' });
      this.logger.log(`created the commander "${app.admin.username}" from HAZEOPS_ADMIN_USER`);
    } else if (app.demo) {
      await this.createDemoUsers();
      await this.topUpDemoRoster();
    } else {
      this.logger.warn('no users exist: set HAZEOPS_ADMIN_USER and HAZEOPS_ADMIN_PASSWORD to create the first commander');
    }
  }

  /** Demo accounts share one random password, written beside the embedded database with what each is bound to. */
  private async createDemoUsers(): Promise<void> {
    const password = randomBytes(9).toString('base64url');
    const first = await this.enterprises.first();
    const county = this.config.city.counties[0]?.name;
    const team = await this.demoTeam();
    const accounts: Array<CreateUserDto & { boundTo: string }> = [
      { username: 'admin', password, role: 'commander', displayName: '指挥部值班员', boundTo: 'whole city' },
      { username: 'viewer', password, role: 'viewer', displayName: '观察员', boundTo: 'whole city (read only)' },
      { username: 'inspector', password, role: 'inspector', team: team.key, displayName: '督导员', boundTo: `team ${team.key} (${team.name})` },
      ...(county
        ? [
            {
              username: 'county',
              password,
              role: 'county_officer' as const,
              county,
              displayName: `${county}联络员`,
              email: `county@${DEMO_MAIL_DOMAIN}`,
              mobile: '13903910100',
              boundTo: `county ${county}`,
            },
          ]
        : []),
      ...(first
        ? [{ username: 'enterprise', password, role: 'enterprise' as const, enterpriseCode: first.code, displayName: first.name, boundTo: `enterprise ${first.code} (${first.name}, ${first.county})` }]
        : []),
    ];
    // The people escalation reaches: the duty roster's officers and leaders, and an officer per county (stage 1).
    for (const p of [...DEMO_DUTY, ...DEMO_LEADERS]) accounts.push({ ...p, password, role: 'commander', email: `${p.username}@${DEMO_MAIL_DOMAIN}`, boundTo: 'command center duty roster (值班表)' });
    this.config.city.counties.forEach((c, i) => {
      if (c.name === county) return;
      accounts.push({
        username: `county-${c.code}`,
        password,
        role: 'county_officer',
        county: c.name,
        displayName: `${c.name}联络员`,
        email: `county-${c.code}@${DEMO_MAIL_DOMAIN}`,
        mobile: `139039102${String(i).padStart(2, '0')}`,
        boundTo: `county ${c.name}`,
      });
    });
    for (const { boundTo: _, ...a } of accounts) await this.users.create(SYSTEM_ACTOR, a);
    mkdirSync(this.config.app.dataDir, { recursive: true });
    const file = join(this.config.app.dataDir, 'demo-credentials.txt');
    // username, role, password, binding: one account per line, tab-separated.
    writeFileSync(file, accounts.map((a) => `${a.username}\t${a.role}\t${password}\t${a.boundTo}`).join('\n') + '\n', { mode: 0o600 });
    this.logger.log(`demo accounts ${accounts.map((a) => a.username).join(', ')} created; password in ${file}`);
  }

  /**
   * Keeps the demo's roster 14 days ahead (day 08:00–20:00, night 20:00–08:00, local): slots that
   * meet an existing shift are left alone, so a roster edited in the console is never overwritten.
   */
  private async topUpDemoRoster(): Promise<void> {
    const ids = await Promise.all([...DEMO_DUTY, ...DEMO_LEADERS].map(async (p) => (await this.userRows.findByUsername(p.username))?.id ?? null));
    const officers = ids.slice(0, DEMO_DUTY.length);
    const leaders = ids.slice(DEMO_DUTY.length);
    if ([...officers, ...leaders].some((id) => id === null)) return;
    let added = 0;
    for (const slot of demoRosterSlots(this.clock.now(), this.config.city.city.timezone)) {
      try {
        await this.duty.create(SYSTEM_ACTOR, {
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          dutyOfficerId: officers[slot.index % officers.length]!,
          shiftLeaderId: leaders[Math.floor(slot.index / 2) % leaders.length]!,
        });
        added++;
      } catch (e) {
        if (!(e instanceof DomainError && e.code === DutyErrorCode.SHIFT_OVERLAP)) throw e;
      }
    }
    if (added > 0) this.logger.log(`demo duty roster: ${added} shifts added (14 days ahead)`);
  }

  /** A city-wide team (no home county), so that every draw may give it tasks. */
  private async demoTeam(): Promise<TeamEntity> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.teams.find('demo-team-1', manager);
      if (existing) return existing;
      const team = await this.teams.insert(manager, { key: 'demo-team-1', name: '督导一组', homeCounty: null });
      await this.audit.record(manager, SYSTEM_ACTOR, [{ action: 'team.create', entityType: 'team', entityId: team.key, before: null, after: team }]);
      return team;
    });
  }
}
