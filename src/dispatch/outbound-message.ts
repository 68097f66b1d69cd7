import type { SmsMessageKind, SmsParamSource } from '../config/sms-config.js';

/** What a channel sends: rendered once per attempt from an outbox row. */
export interface EmailMessage {
  channel: 'email';
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface WebhookMessage {
  channel: 'webhook';
  url: string;
  body: unknown;
  /** Per-enterprise signing key (webhookSecretFor), for the deprecated X-HazeOps-Signature. */
  signingKey: string;
}

/** An SMS by template: the values its variables take (dispatch.yaml `sms.<provider>.templates`). */
export interface SmsMessage {
  channel: 'sms';
  /** 11-digit mainland mobile number. */
  to: string;
  kind: SmsMessageKind;
  values: Partial<Record<SmsParamSource, string>>;
}

/**
 * Messages to one recipient go out one after another in this order (an order version's start), then by row.
 * A renderer that answers the same message object for several rows of one recipient has it sent once for all of them (a summary).
 */
export type OutboundMessage = (EmailMessage | WebhookMessage | SmsMessage) & { sequence?: number };

/** Nothing to send any more, on purpose (the order version was replaced before it began, or its interval is over). */
export interface SkippedMessage {
  channel: 'skip';
  reason: string;
}

/** An outbox row as the worker claimed it. */
export interface ClaimedRow {
  id: string;
  idempotencyKey: string;
  kind: string;
  channel: 'email' | 'webhook' | 'sms';
  recipient: string;
  enterpriseCode: string | null;
  orderVersionId: string | null;
  payload: Record<string, unknown> | null;
  attempts: number;
}

/** Turns claimed rows of one kind into messages, loading what it needs in one go per batch. */
export interface OutboxRenderer {
  kind: string;
  /** A row missing from the answer is failed for good (its subject no longer exists). */
  render(rows: ClaimedRow[]): Promise<Map<string, OutboundMessage | SkippedMessage>>;
}

export interface NewOutboxRow {
  idempotencyKey: string;
  kind: string;
  /** robot: recipient names a configured robot (robotRecipient); payload is one summary item. */
  channel: 'email' | 'webhook' | 'robot' | 'sms';
  recipient: string;
  enterpriseCode: string | null;
  orderVersionId: string | null;
  payload: Record<string, unknown> | null;
  /** Written as skipped, never sent, with this reason (the recipient lacks the channel): a record, not a failure. */
  skippedBecause?: string;
}
