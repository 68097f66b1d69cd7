import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { ComplianceErrorCode } from './compliance.errors.js';
import { DomainError } from '../common/domain-error.js';
import { ConfigService } from '../config/config.service.js';
import type { NoticeEvidence } from '../acknowledgements/delivery-evidence.js';
import { rankCounties } from '../rules/inspection/county-ranking.js';
import { localDateOf, localMidnightMs } from '../rules/time/local-time.js';
import { Clock } from '../common/clock.js';
import { LedgerRepository } from './ledger.repository.js';
import { ReportFigures } from './report-figures.repository.js';

export interface LedgerEntryView {
  id: string;
  county: string;
  enterpriseCode: string | null;
  findingId: string | null;
  item: string;
  itemName: string;
  /** The order version the violation broke, and the proof it had been delivered. */
  orderVersionId: string | null;
  evidence: NoticeEvidence | null;
  amount: number;
  description: string;
  createdAt: string;
  voidedAt: string | null;
  voidReason: string | null;
  voidedBy: string | null;
}

/** The county penalty ledger (item 51): entries from violations, voidable by the commander with a reason. */
@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: LedgerRepository,
    private readonly figures: ReportFigures,
    private readonly config: ConfigService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
  ) {}

  /** [start, end) of a local calendar month. */
  monthRange(month: string | undefined): { month: string; from: Date; to: Date } {
    const tz = this.config.city.city.timezone;
    const m = month ?? localDateOf(this.clock.now().getTime(), tz).slice(0, 7);
    const [y, mo] = m.split('-').map(Number);
    const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    return { month: m, from: new Date(localMidnightMs(`${m}-01`, tz)), to: new Date(localMidnightMs(`${next}-01`, tz)) };
  }

  /** Only with proof of notice: the entry stores the version and how and when it was delivered. */
  async add(
    manager: EntityManager,
    entry: { county: string; enterpriseCode: string | null; findingId: string | null; item: string; description: string; orderVersionId: string; evidence: NoticeEvidence | null },
  ): Promise<{ id: string; item: string; amount: number; evidence: NoticeEvidence | null }> {
    const penalty = this.config.inspection.penalties[entry.item];
    if (!penalty) throw new Error(`penalty item ${entry.item} is not configured`);
    const id = await this.entries.insert(manager, { ...entry, amount: penalty.amountYuan, createdAt: this.clock.now() });
    return { id, item: entry.item, amount: penalty.amountYuan, evidence: entry.evidence };
  }

  async list(p: Principal, q: { month?: string; county?: string }): Promise<{ month: string; items: LedgerEntryView[]; total: number }> {
    const { month, from, to } = this.monthRange(q.month);
    // An enterprise reads the penalties recorded against it, nothing else.
    const scope = this.access.scope(p);
    const enterprise = scope.kind === 'enterprise' ? scope.code : null;
    const county = enterprise ? null : this.access.countyFilter(p, q.county ?? null);
    const rows = await this.entries.between(from, to, { county, enterpriseCode: enterprise });
    const items = rows.map((r) => this.view(r));
    return { month, items, total: items.filter((i) => !i.voidedAt).reduce((n, i) => n + i.amount, 0) };
  }

  private view(r: Record<string, unknown>): LedgerEntryView {
    const item = String(r.item);
    return {
      id: String(r.id),
      county: String(r.county),
      enterpriseCode: (r.enterprise_code as string | null) ?? null,
      findingId: (r.finding_id as string | null) ?? null,
      item,
      itemName: this.config.inspection.penalties[item]?.name ?? item,
      orderVersionId: (r.order_version_id as string | null) ?? null,
      evidence: (r.evidence as NoticeEvidence | null) ?? null,
      amount: Number(r.amount),
      description: String(r.description),
      createdAt: (r.created_at as Date).toISOString(),
      voidedAt: (r.voided_at as Date | null)?.toISOString() ?? null,
      voidReason: (r.void_reason as string | null) ?? null,
      voidedBy: (r.voided_by as string | null) ?? null,
    };
  }

  async void(actor: Actor, id: string, reason: string): Promise<LedgerEntryView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.entries.lock(manager, id);
      if (!row) throw new DomainError(ComplianceErrorCode.LEDGER_ENTRY_NOT_FOUND, `No ledger entry ${id}.`);
      if (row.voided_at) throw new DomainError(ComplianceErrorCode.LEDGER_ENTRY_VOIDED, `Ledger entry ${id} was already voided (${row.void_reason}).`);
      const now = this.clock.now();
      await this.entries.markVoided(manager, id, now, reason, actor.username);
      await this.audit.record(manager, actor, [{ action: 'ledger.void', entityType: 'ledger_entry', entityId: id, before: { voidedAt: null }, after: { voidedAt: now.toISOString(), reason } }]);
      return this.view({ ...row, voided_at: now, void_reason: reason, voided_by: actor.username });
    });
  }

  async ranking(month: string | undefined) {
    const { month: m, from, to } = this.monthRange(month);
    const [rows, { orders, findings }] = await Promise.all([this.entries.amounts(from, to), this.figures.conduct(from, to)]);
    const counties = this.config.city.counties.map((c) => c.name);
    const conduct = counties.map((county) => {
      const o = orders.find((r) => r.county === county);
      const f = findings.find((r) => r.county === county);
      return { county, orders: o?.orders ?? 0, acknowledged: o?.acknowledged ?? 0, implemented: o?.implemented ?? 0, inspected: f?.inspected ?? 0, violations: f?.violations ?? 0 };
    });
    return {
      month: m,
      ranking: rankCounties(
        rows.map((r) => ({ ...r, amount: Number(r.amount) })),
        conduct,
        counties,
      ),
    };
  }
}
