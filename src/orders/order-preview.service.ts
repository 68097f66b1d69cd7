import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/role.js';
import { CommonErrorCode } from '../common/common.errors.js';
import { DomainError } from '../common/domain-error.js';
import { RegistryErrorCode } from '../registry/registry.errors.js';
import { withRules } from '../common/rules-error.js';
import { ConfigService } from '../config/config.service.js';
import { RegistryService } from '../registry/registry.service.js';
import { validateEnterprise, validationContextAt } from '../registry/validation/enterprise.validator.js';
import { Clock } from '../common/clock.js';
import type { Enterprise } from '../rules/enterprise.js';
import { deriveOrder } from '../rules/orders/order-derivation.js';
import type { OrderLine } from '../rules/orders/order.types.js';
import type { PreviewOrderDto } from './dto/preview-order.dto.js';

export interface OrderPreview {
  enterpriseCode: string;
  at: string;
  level: string;
  /** The phase of the enterprise's season rule group at `at`, or "none" when no group applies. */
  phase: string;
  seasonGroup: string | null;
  season: string | null;
  lines: OrderLine[];
  stoppedCapacityPercent: number;
  maxLoadPercent: number | null;
  notes: string[];
}

/** The stateless "what if": an enterprise, a moment and a level in, its order out. */
@Injectable()
export class OrderPreviewService {
  constructor(
    private readonly config: ConfigService,
    private readonly registry: RegistryService,
    private readonly clock: Clock,
  ) {}

  async preview(principal: Principal, dto: PreviewOrderDto): Promise<OrderPreview> {
    if ((dto.enterprise === undefined) === (dto.enterpriseCode === undefined)) {
      throw new DomainError(CommonErrorCode.INVALID_INPUT, 'Send either "enterprise" (the registry JSON form) or "enterpriseCode", not both and not neither.');
    }
    // A registered enterprise is read within the caller's scope (another county's answers 404).
    const enterprise = dto.enterprise !== undefined ? this.validated(dto.enterprise) : await this.registry.get(principal, dto.enterpriseCode!);
    const season = this.config.seasonAt(dto.at);
    const notes: string[] = [];
    if (!season) notes.push('该时间所在采暖季没有错峰生产配置，仅按响应级别的应急减排措施计算。');
    const cfg = this.config.orderConfigFor(season);
    const order = withRules(() => deriveOrder(enterprise, dto.at, dto.level, cfg));
    return {
      enterpriseCode: order.enterpriseCode,
      at: order.at,
      level: order.level,
      phase: order.phase?.phase ?? 'none',
      seasonGroup: order.phase?.group ?? null,
      season: season?.season ?? null,
      lines: order.lines,
      stoppedCapacityPercent: order.stoppedCapacityPercent,
      maxLoadPercent: order.maxLoadPercent,
      notes: [...notes, ...order.notes],
    };
  }

  private validated(input: Record<string, unknown>): Enterprise {
    const result = validateEnterprise(input, this.config.city, validationContextAt(this.clock.now(), this.config.city));
    if (!result.ok) {
      throw new DomainError(
        RegistryErrorCode.ENTERPRISE_INVALID,
        `The enterprise has ${result.errors.length} problem(s): ` + result.errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        result.errors.map((e) => ({ ...e, field: `enterprise.${e.field}` })),
      );
    }
    return result.value;
  }
}
