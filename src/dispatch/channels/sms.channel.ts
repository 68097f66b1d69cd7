import { Injectable } from '@nestjs/common';
import { ConfigService } from '../../config/config.service.js';
import type { SmsMessageKind, SmsParamSource, SmsTemplate } from '../../config/sms-config.js';
import type { SmsMessage } from '../outbound-message.js';
import { SmsOutboxRepository } from '../sms-outbox.repository.js';
import { AliyunSmsProvider } from './aliyun-sms.provider.js';
import type { SmsAccepted, SmsProvider } from './sms-provider.js';
import { TencentSmsProvider } from './tencent-sms.provider.js';
import { PermanentDeliveryError } from './webhook.channel.js';

/** The text the handset will show: 【signature】 and the template with its variables filled in. */
export function renderSmsText(kind: 'aliyun' | 'tencent', signName: string, template: SmsTemplate, params: Record<string, string>): string {
  let text = template.text;
  template.params.forEach((p, i) => {
    text = text.split(kind === 'aliyun' ? `\${${p.name}}` : `{${i + 1}}`).join(params[p.name] ?? '');
  });
  return `【${signName}】${text}`;
}

/** What a send came to: accepted by the provider, or held back by the number's rate limit (nothing sent). */
export type SmsSendOutcome = ({ kind: 'accepted' } & SmsAccepted) | { kind: 'deferred'; notBefore: Date; why: string };

/**
 * SMS through the configured provider (Alibaba Cloud or Tencent Cloud): the template's variables
 * filled from the message, the length checked, and the number's rate limits counted before the
 * provider is asked.
 */
@Injectable()
export class SmsChannel {
  readonly provider: SmsProvider | null;

  constructor(
    private readonly config: ConfigService,
    private readonly sends: SmsOutboxRepository,
  ) {
    const p = config.dispatch.sms.provider;
    this.provider = p === null ? null : p.kind === 'aliyun' ? new AliyunSmsProvider(p) : new TencentSmsProvider(p);
  }

  get configured(): boolean {
    return this.provider !== null;
  }

  /** The template of a message kind, or null when the provider has none for it (such SMS are not queued). */
  template(kind: SmsMessageKind): SmsTemplate | null {
    return this.config.dispatch.sms.provider?.templates[kind] ?? null;
  }

  async send(message: SmsMessage, outboxId: string): Promise<SmsSendOutcome> {
    const p = this.config.dispatch.sms.provider;
    if (!p || !this.provider) throw new Error('no SMS provider is configured');
    const template = p.templates[message.kind];
    if (!template) throw new PermanentDeliveryError(`sms: the ${p.kind} provider has no template for ${message.kind}`);
    const params: Record<string, string> = {};
    for (const t of template.params) params[t.name] = message.values[t.value as SmsParamSource] ?? '';
    const text = renderSmsText(p.kind, p.signName, template, params);
    const max = this.config.dispatch.sms.maxChars;
    if ([...text].length > max) throw new PermanentDeliveryError(`sms: ${[...text].length} characters exceed sms.maxChars ${max}: ${text}`);
    const reserved = await this.sends.reserve(message.to, outboxId, this.config.dispatch.sms.rateLimits);
    if ('notBefore' in reserved) return { kind: 'deferred', notBefore: reserved.notBefore, why: `sms rate limit ${reserved.limit} for this number: waits until ${reserved.notBefore.toISOString()}` };
    try {
      return { kind: 'accepted', ...(await this.provider.send({ mobile: message.to, signName: p.signName, template, params, reference: outboxId })) };
    } catch (err) {
      await this.sends.release(reserved.id);
      throw err;
    }
  }
}
