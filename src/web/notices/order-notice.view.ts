import type { TemplateOrderLine } from '../shared/order-wording.js';

/**
 * An order version as people read it: the one view the order e-mail, the reminder e-mail and
 * the acknowledgement page are rendered from (built by `orderNoticeView`). Plain data, no
 * Node or browser imports (the phone pages use it too). Times are ISO instants with a zone.
 */
export interface OrderNoticeEnterprise {
  code: string;
  name: string;
  county: string;
}

export interface OrderNoticeLine extends TemplateOrderLine {
  /** When the enterprise confirmed the line is stopped/limited; null if not yet. */
  implementedAt: string | null;
}

export interface OrderNoticeView {
  cityName: string;
  commandCenter: string;
  /** Shown in an e-mail subject's 【】; default `${cityName}冬防指挥部`. */
  senderShortName?: string;
  /** IANA zone for every time shown, e.g. Asia/Shanghai. */
  timezone: string;
  directiveNumber: string;
  orderId: string;
  enterprise: OrderNoticeEnterprise;
  /** Version number, 1-based. */
  modification: number;
  /** The version this one replaces, or null for the first. */
  supersedes: number | null;
  levelName: string | null;
  phaseName: string | null;
  effectiveFrom: string;
  /** null: until lifted (直至解除). */
  effectiveTo: string | null;
  ackDeadline: string;
  lines: OrderNoticeLine[];
  stoppedCapacityPercent: number;
  maxLoadPercent: number | null;
  notes: string[];
}

/** The signed acknowledgement link sent with a notice (signed at send time, so not part of the view). */
export interface NoticeLink {
  url: string;
  expiresAt: string;
}
