import { Global, Module } from '@nestjs/common';
import { EmailChannel } from './channels/email.channel.js';
import { RobotChannel } from './channels/robot.channel.js';
import { WebhookChannel } from './channels/webhook.channel.js';
import { DispatchWorker } from './dispatch.worker.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';
import { RobotBatchService } from './robot-batch.service.js';
import { RobotOutboxRepository } from './robot-outbox.repository.js';
import { SmsChannel } from './channels/sms.channel.js';
import { SmsOutboxRepository } from './sms-outbox.repository.js';
import { SmsReceiptService } from './sms-receipt.service.js';

@Global()
@Module({
  providers: [
    EmailChannel,
    WebhookChannel,
    RobotChannel,
    RobotBatchService,
    RobotOutboxRepository,
    SmsChannel,
    SmsOutboxRepository,
    SmsReceiptService,
    DispatchWorker,
    OutboxRepository,
    OutboxService,
  ],
  exports: [DispatchWorker, OutboxService, OutboxRepository, SmsChannel, SmsReceiptService],
})
export class DispatchModule {}
