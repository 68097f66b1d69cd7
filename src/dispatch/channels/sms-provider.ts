import type { SmsProviderKind, SmsTemplate } from '../../config/sms-config.js';

/** One SMS to one mainland number through the provider's approved signature and template. */
export interface SmsSendRequest {
  /** 11 digits, no country code. */
  mobile: string;
  signName: string;
  template: SmsTemplate;
  /** Template variable name → value, for every variable of the template. */
  params: Record<string, string>;
  /** Our reference, echoed in receipts where the provider supports it (Alibaba OutId, Tencent SessionContext). */
  reference: string;
}

/** The provider accepted the message: it is sent, not yet delivered to the handset. */
export interface SmsAccepted {
  messageId: string;
  code: string;
  response: string;
}

/** The provider answered but refused this number's message, with its own code. */
export class SmsRefusal extends Error {
  constructor(
    readonly code: string,
    readonly rateLimited: boolean,
    message: string,
  ) {
    super(message);
  }
}

/** A delivery receipt: what the carrier said about one message on the handset. */
export interface SmsReceipt {
  /** Alibaba BizId, Tencent SerialNo (null when a callback lacks it; then mobile and time decide). */
  messageId: string | null;
  mobile: string;
  status: 'delivered' | 'failed';
  code: string;
  at: Date;
}

/** A reply (上行短信) from a handset. */
export interface SmsReply {
  mobile: string;
  content: string;
  sentAt: Date | null;
  raw: Record<string, unknown>;
}

/** A sent message still waiting for its receipt. */
export interface PendingReceipt {
  messageId: string;
  mobile: string;
  sentAt: Date;
}

/** What every SMS provider does: send by template, and fetch the receipts of what it sent. */
export interface SmsProvider {
  readonly kind: SmsProviderKind;
  /** Resolves when accepted; rejects with SmsRefusal when the provider refuses (or with any other error when it does not answer). */
  send(request: SmsSendRequest): Promise<SmsAccepted>;
  /** The receipts the provider has for these messages now (some may have none yet). */
  receipts(pending: PendingReceipt[]): Promise<SmsReceipt[]>;
}

/** "2026-12-03 08:03:04" in China Standard Time (the providers' time stamps), or null. */
export function chinaTime(value: unknown): Date | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000);
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A mainland number as the providers write it (+8613800000000, 8613800000000, 13800000000) → 11 digits, or null. */
export function mainlandMobile(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const m = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(String(value).replace(/[\s-]/g, ''));
  return m ? m[1]! : null;
}

/** A phone number with its middle hidden, for logs and audit actors: 138****0000. */
export function maskedMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '***';
}
