import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/role.js';
import { DirectiveErrorCode } from './directives.errors.js';
import { DomainError } from '../common/domain-error.js';
import { Clock } from '../common/clock.js';
import { DirectiveProgressRepository } from './directive-progress.repository.js';
import { DirectivesRepository } from './directives.repository.js';

/** How far a directive has come, per county, and who is late. */
@Injectable()
export class DirectiveProgressService {
  constructor(
    private readonly directives: DirectivesRepository,
    private readonly readModel: DirectiveProgressRepository,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
  ) {}

  async progress(principal: Principal, directiveId: string) {
    // The id is a UUID (the controller's pipe); a missing directive is the only "not found".
    const directive = await this.directives.head(directiveId);
    if (!directive) throw new DomainError(DirectiveErrorCode.DIRECTIVE_NOT_FOUND, `No directive ${directiveId}.`);
    const countyFilter = this.access.countyFilter(principal);
    const now = this.clock.now();
    const counties = await this.readModel.counties(directiveId, now, countyFilter);
    const overdue = await this.readModel.overdue(directiveId, now, countyFilter);
    return {
      directive: {
        id: directive.id,
        number: directive.number,
        kind: directive.kind,
        level: directive.level,
        counties: directive.counties,
        startsAt: directive.starts_at,
        endsAt: directive.ends_at,
        issuedAt: directive.issued_at,
        issuedBy: directive.issued_by,
      },
      counties,
      overdue: overdue.map((o) => ({
        enterpriseCode: o.enterprise_code,
        name: o.name,
        county: o.county,
        orderId: o.order_id,
        modification: o.modification,
        ackDeadline: o.ack_deadline.toISOString(),
      })),
    };
  }
}
