import { Module } from '@nestjs/common';
import { AckLinkController } from './ack-link.controller.js';
import { AckLinkService } from './ack-link.service.js';
import { AcknowledgementService } from './acknowledgement.service.js';
import { AlertsService } from './alerts.service.js';

@Module({
  controllers: [AckLinkController],
  providers: [AlertsService, AcknowledgementService, AckLinkService],
  exports: [AlertsService, AcknowledgementService],
})
export class AcknowledgementsModule {}
