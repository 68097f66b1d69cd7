import { Injectable } from '@nestjs/common';
import { ReductionAccountingService, type DirectiveReduction } from '../acknowledgements/reduction-accounting.service.js';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { DirectiveErrorCode } from './directives.errors.js';
import { DirectivesRepository } from './directives.repository.js';

/** An issued directive's reduction at an instant: planned, confirmed, verified, beside the targets. */
@Injectable()
export class DirectiveReductionService {
  constructor(
    private readonly directives: DirectivesRepository,
    private readonly accounting: ReductionAccountingService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  async reduction(principal: Principal, directiveId: string, at: string | undefined): Promise<DirectiveReduction> {
    const d = await this.directives.head(directiveId);
    if (!d) throw new DomainError(DirectiveErrorCode.DIRECTIVE_NOT_FOUND, `No directive ${directiveId}.`);
    const instant = at === undefined ? this.clock.now() : new Date(at);
    return this.accounting.forDirective(
      { id: d.id, number: d.number, kind: d.kind, level: d.level, counties: d.counties, startsAt: d.starts_at, endsAt: d.ends_at, issuedAt: d.issued_at },
      instant,
      this.access.countyFilter(principal),
    );
  }
}
