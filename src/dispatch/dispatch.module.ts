import { Global, Module } from '@nestjs/common';
import { EmailChannel } from './channels/email.channel.js';
import { RobotChannel } from './channels/robot.channel.js';
import { WebhookChannel } from './channels/webhook.channel.js';
import { DispatchWorker } from './dispatch.worker.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';
import { RobotBatchService } from './robot-batch.service.js';
import { RobotOutboxRepository } from './robot-outbox.repository.js';

@Global()
@Module({
  providers: [EmailChannel, WebhookChannel, RobotChannel, RobotBatchService, RobotOutboxRepository, DispatchWorker, OutboxRepository, OutboxService],
  exports: [DispatchWorker, OutboxService, OutboxRepository],
})
export class DispatchModule {}
