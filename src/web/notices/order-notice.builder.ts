import type { ConfigService } from '../../config/config.service.js';
import type { OrderNoticeLine, OrderNoticeView } from './order-notice.view.js';

/** What the callers have of a version, as loaded (the orders module's version view has these fields). */
export interface OrderNoticeSource {
  orderId: string;
  directiveNumber: string;
  enterprise: { code: string; name: string; county: string };
  modification: number;
  /** A closing version (lifts the requirements). */
  ends: boolean;
  level: string;
  phase: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  ackDeadline: string;
  lines: OrderNoticeLine[];
  stoppedCapacityPercent: number;
  maxLoadPercent: number | null;
  notes: string[];
}

/** The city's names and wording the notice needs. */
export type NoticeConfig = Pick<ConfigService, 'city' | 'levelName' | 'phaseName'>;

/** The one assembly of an order as people read it, for the e-mails and the acknowledgement page alike. */
export function orderNoticeView(config: NoticeConfig, version: OrderNoticeSource): OrderNoticeView {
  const { city } = config.city;
  return {
    cityName: city.name,
    commandCenter: city.commandCenter,
    timezone: city.timezone,
    directiveNumber: version.directiveNumber,
    orderId: version.orderId,
    enterprise: { code: version.enterprise.code, name: version.enterprise.name, county: version.enterprise.county },
    modification: version.modification,
    supersedes: version.modification > 1 ? version.modification - 1 : null,
    levelName: config.levelName(version.level),
    phaseName: config.phaseName(version.phase),
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
    ackDeadline: version.ackDeadline,
    lines: version.lines,
    stoppedCapacityPercent: version.stoppedCapacityPercent,
    maxLoadPercent: version.maxLoadPercent,
    // A closing version says so first: the lines may run again.
    notes: version.ends ? ['本版指令解除此前的生产调控要求，各生产线可恢复正常生产。', ...version.notes] : version.notes,
  };
}
