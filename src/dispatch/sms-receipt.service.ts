import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { ConfigService } from '../config/config.service.js';
import { pollCron } from '../config/sms-config.js';
import { CronService } from '../scheduling/cron.service.js';
import { JobRunner } from '../scheduling/job-runner.js';
import { SmsChannel } from './channels/sms.channel.js';
import type { SmsReceipt } from './channels/sms-provider.js';
import { DispatchWorker } from './dispatch.worker.js';
import { SmsOutboxRepository, type ReceiptApplied } from './sms-outbox.repository.js';

/**
 * Delivery receipts of SMS: polled from the provider (Alibaba QuerySendDetails, Tencent
 * PullSmsSendStatus) every `sms.receiptPollSeconds` once across instances, or pushed by its
 * callback; recorded against the attempt that sent the message. Only "delivered to the handset"
 * makes an order notice delivered (its deadline starts, it proves notice).
 */
@Injectable()
export class SmsReceiptService implements OnApplicationBootstrap {
  private readonly logger = new Logger('sms-receipts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    private readonly channel: SmsChannel,
    private readonly repository: SmsOutboxRepository,
    private readonly worker: DispatchWorker,
    private readonly jobs: JobRunner,
    private readonly cron: CronService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.channel.configured) return;
    this.cron.register('sms-receipts', pollCron(this.config.dispatch.sms.receiptPollSeconds), () => this.poll());
  }

  /** One poll for the current slot (a no-op when another instance ran it). */
  async poll(): Promise<ReceiptApplied[]> {
    const provider = this.channel.provider;
    if (!provider) return [];
    const seconds = this.config.dispatch.sms.receiptPollSeconds;
    const slot = new Date(Math.floor(this.clock.now().getTime() / (seconds * 1000)) * seconds * 1000).toISOString().slice(0, 19);
    const { result } = await this.jobs.runOnce('sms-receipts', slot, async (manager) => {
      const pending = await this.repository.pendingReceipts(manager, this.config.dispatch.sms.receiptMaxAgeHours);
      if (pending.length === 0) return [];
      return this.record(manager, await provider.receipts(pending));
    });
    return result ?? [];
  }

  /** Receipts from a provider callback. */
  receive(receipts: SmsReceipt[]): Promise<ReceiptApplied[]> {
    return this.dataSource.transaction((manager) => this.record(manager, receipts));
  }

  private async record(manager: EntityManager, receipts: SmsReceipt[]): Promise<ReceiptApplied[]> {
    const applied = await this.repository.applyReceipts(manager, receipts);
    const delivered = applied.filter((a) => a.status === 'delivered' && a.kind === 'order' && a.orderVersionId !== null);
    // The deadline counts from the earliest handset receipt among these (the listener keeps an earlier delivery).
    for (const a of delivered) await this.worker.notifyDelivered(manager, [a.orderVersionId!], a.at);
    if (applied.length > 0) this.logger.log(`${applied.length} SMS receipts recorded (${applied.filter((a) => a.status === 'delivered').length} delivered)`);
    return applied;
  }
}
