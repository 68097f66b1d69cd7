import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { Clock } from '../common/clock.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import { QUALITY_KINDS, type QualityProblem } from '../rules/registry-quality/quality-problem.js';
import { checkRegistryQuality } from '../rules/registry-quality/registry-quality.js';
import { registryQualityCsv } from '../web/export/registry-quality-csv.js';
import { QUALITY_KIND_TEXT, label, qualityFixText } from '../web/shared/wording.js';
import type { RegistryQualityQuery } from './dto/registry-quality.query.js';
import type { QualityProblemResponse, QualitySummaryResponse, RegistryQualityResponse } from './dto/registry-quality-response.dto.js';
import { EnterpriseRepository } from './enterprise.repository.js';

interface Checked {
  checkedAt: string;
  county: string | null;
  summary: QualitySummaryResponse;
  /** Every problem of the requested kind (or all), in report order, worded. */
  items: QualityProblemResponse[];
}

/** The 清单 quality report over the active enterprises the principal may read. */
@Injectable()
export class RegistryQualityService {
  constructor(
    private readonly enterprises: EnterpriseRepository,
    private readonly config: ConfigService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  async report(principal: Principal, q: RegistryQualityQuery): Promise<RegistryQualityResponse> {
    const r = await this.check(principal, q);
    const from = (q.page - 1) * q.pageSize;
    return { checkedAt: r.checkedAt, county: r.county, summary: r.summary, items: r.items.slice(from, from + q.pageSize), total: r.items.length, page: q.page, pageSize: q.pageSize };
  }

  async csv(principal: Principal, q: RegistryQualityQuery): Promise<string> {
    return registryQualityCsv((await this.check(principal, q)).items);
  }

  private async check(principal: Principal, q: RegistryQualityQuery): Promise<Checked> {
    const counties = this.config.city.counties.map((c) => c.name);
    if (q.county !== undefined && !counties.includes(q.county)) {
      throw new DomainError(CommonErrorCode.INVALID_INPUT, `Unknown county ${JSON.stringify(q.county)}; use one of ${counties.join(', ')}.`, [{ field: 'county', message: 'not a configured county' }]);
    }
    const county = this.access.countyFilter(principal, q.county ?? null);
    const now = this.clock.now().toISOString();
    const enterprises = await this.enterprises.activeOf(county === null ? counties : [county]);
    const orders = this.config.orderConfigFor(this.config.seasonAt(now));
    const report = checkRegistryQuality(enterprises, { quality: this.config.rules.registryQuality, orders }, now);
    const order = new Map(counties.map((c, i) => [c, i]));
    // Stable: the repository reads by code, so within a county the enterprise codes stay in order.
    const problems = [...report.problems].sort((a, b) => (order.get(a.county) ?? 0) - (order.get(b.county) ?? 0));
    return {
      checkedAt: now,
      county,
      summary: summarize(problems, report.enterprises, report.airEmitting),
      items: problems.filter((p) => q.kind === undefined || p.kind === q.kind).map((p) => this.view(p)),
    };
  }

  private view(p: QualityProblem): QualityProblemResponse {
    const levelName = p.level === null ? null : this.config.levelName(p.level);
    const worded = { ...p, levelName };
    return { ...worded, kindName: label(QUALITY_KIND_TEXT, p.kind), gaps: p.gaps ?? [], fix: qualityFixText(worded) };
  }
}

function summarize(problems: readonly QualityProblem[], enterprises: number, airEmitting: number): QualitySummaryResponse {
  const byKind = QUALITY_KINDS.map((kind) => {
    const of = problems.filter((p) => p.kind === kind);
    return { kind, kindName: label(QUALITY_KIND_TEXT, kind), problems: of.length, enterprises: new Set(of.map((p) => p.enterpriseCode)).size };
  });
  return { enterprises, airEmitting, enterprisesWithProblems: new Set(problems.map((p) => p.enterpriseCode)).size, problems: problems.length, byKind };
}
