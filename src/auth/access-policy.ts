import { Injectable, Module, type DynamicModule, type Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthErrorCode } from './auth.errors.js';
import { DomainError } from '../common/domain-error.js';
import type { Principal } from './role.js';

/**
 * What a principal may see, as a small value: the whole city, one county, one enterprise, or
 * (inspectors) the enterprises of the team's tasks. Services that filter lists in SQL take it
 * from the policy instead of deciding roles themselves.
 */
export type AccessScope = { kind: 'city' } | { kind: 'county'; county: string } | { kind: 'enterprise'; code: string } | { kind: 'team'; team: string };

/** Column names of the rows a scope filters: the enterprise code, its county, and (tasks) the team. */
export interface ScopeColumns {
  code: string;
  county: string;
  team?: string;
}

export interface EnterpriseRef {
  code: string;
  county: string;
}

export interface TaskRef {
  county: string;
  team: string | null;
}

/**
 * Which enterprises an inspection team has tasks at. Answered by the inspections module,
 * which owns the tasks; the composition root names the implementation (AccessModule.forRoot).
 */
export abstract class TeamAssignments {
  /** The codes of the enterprises the team has a task at. */
  abstract enterpriseCodesOf(team: string, manager?: EntityManager): Promise<string[]>;
  abstract hasTaskAt(team: string, enterpriseCode: string, manager?: EntityManager): Promise<boolean>;
}

// A value no real county, code or team has: an account missing its binding sees nothing.
// Parentheses: no county name, credit code or team key has them. Not a NUL byte, which
// PostgreSQL refuses in a text parameter (the query would fail instead of matching nothing).
const NONE = '(none)';

/**
 * The one place that answers "may this principal read / write this enterprise, county, team,
 * order or task". Reads out of scope answer like absence (404, decided by the caller); writes
 * out of scope answer 403 here.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly teams: TeamAssignments) {}

  scope(p: Principal): AccessScope {
    switch (p.role) {
      case 'commander':
      case 'viewer':
        return { kind: 'city' };
      case 'county_officer':
        return { kind: 'county', county: p.county ?? NONE };
      case 'enterprise':
        return { kind: 'enterprise', code: p.enterpriseCode ?? NONE };
      case 'inspector':
        return { kind: 'team', team: p.team ?? NONE };
      default: {
        const unhandled: never = p.role;
        throw new Error(`no access scope for role ${String(unhandled)}`);
      }
    }
  }

  /**
   * A SQL condition for rows carrying an enterprise (code, county columns), pushing its values
   * onto `params`. For a team scope on rows with a team column, the row's own team decides
   * (tasks, findings); otherwise the enterprise must have a task of the team (its codes are
   * asked of the inspections module first, so the condition names no other module's table).
   */
  async sql(scope: AccessScope, cols: ScopeColumns, params: unknown[], manager?: EntityManager): Promise<string> {
    switch (scope.kind) {
      case 'city':
        return 'TRUE';
      case 'county':
        params.push(scope.county);
        return `${cols.county} = $${params.length}`;
      case 'enterprise':
        params.push(scope.code);
        return `${cols.code} = $${params.length}`;
      case 'team':
        if (cols.team) {
          params.push(scope.team);
          return `${cols.team} = $${params.length}`;
        }
        params.push(await this.teams.enterpriseCodesOf(scope.team, manager));
        return `${cols.code} = ANY($${params.length}::text[])`;
    }
  }

  /** The county a county-level list (ledger, reports, alerts, progress) is limited to; null for the whole city. */
  countyFilter(p: Principal, requested: string | null = null): string | null {
    const s = this.scope(p);
    if (s.kind === 'city') return requested;
    if (s.kind === 'county') return s.county;
    // Enterprise and team scopes are not county-level readers: they see no county's totals.
    return NONE;
  }

  async mayReadEnterprise(p: Principal, e: EnterpriseRef, manager?: EntityManager): Promise<boolean> {
    const s = this.scope(p);
    switch (s.kind) {
      case 'city':
        return true;
      case 'county':
        return e.county === s.county;
      case 'enterprise':
        return e.code === s.code;
      case 'team':
        return this.teams.hasTaskAt(s.team, e.code, manager);
    }
  }

  /** Registry and meter data: commanders everywhere, county officers in their county, nobody else. */
  mayWriteEnterprise(p: Principal, e: EnterpriseRef): boolean {
    if (p.role === 'commander') return true;
    return p.role === 'county_officer' && p.county !== null && e.county === p.county;
  }

  assertMayWriteEnterprises(p: Principal, enterprises: EnterpriseRef[]): void {
    const outside = enterprises.filter((e) => !this.mayWriteEnterprise(p, e));
    if (outside.length === 0) return;
    const where = p.role === 'county_officer' ? `outside your county (${p.county ?? 'none'})` : 'outside what your role may change';
    throw new DomainError(
      AuthErrorCode.FORBIDDEN,
      `You may not write data of ${outside.length} enterprise(s) ${where}: ${[...new Set(outside.map((e) => e.code))].slice(0, 20).join(', ')}.`,
      outside.slice(0, 100).map((e) => ({ enterpriseCode: e.code, county: e.county })),
    );
  }

  /** Orders are acknowledged, implemented and reported on by their own enterprise only. */
  mayActForEnterprise(p: Principal, enterpriseCode: string): boolean {
    return p.role === 'enterprise' && p.enterpriseCode !== null && p.enterpriseCode === enterpriseCode;
  }

  mayReadTask(p: Principal, t: TaskRef): boolean {
    const s = this.scope(p);
    if (s.kind === 'city') return true;
    if (s.kind === 'county') return t.county === s.county;
    if (s.kind === 'team') return t.team === s.team;
    return false;
  }

  /** Findings and evidence: the task's own team, or a commander. */
  mayWriteTask(p: Principal, t: TaskRef): boolean {
    if (p.role === 'commander') return true;
    return p.role === 'inspector' && p.team !== null && t.team === p.team;
  }
}

/** The access policy for every module; the composition root says who answers for the teams' tasks. */
@Module({})
export class AccessModule {
  static forRoot(teamAssignments: Type<TeamAssignments>): DynamicModule {
    return { module: AccessModule, global: true, providers: [AccessPolicy, { provide: TeamAssignments, useClass: teamAssignments }], exports: [AccessPolicy] };
  }
}
