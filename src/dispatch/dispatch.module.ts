import { Global, Module } from '@nestjs/common';
import { EmailChannel } from './channels/email.channel.js';
import { WebhookChannel } from './channels/webhook.channel.js';
import { DispatchWorker } from './dispatch.worker.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';

@Global()
@Module({ providers: [EmailChannel, WebhookChannel, DispatchWorker, OutboxRepository, OutboxService], exports: [DispatchWorker, OutboxService, OutboxRepository] })
export class DispatchModule {}
