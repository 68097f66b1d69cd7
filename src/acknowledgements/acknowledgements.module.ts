import { Module } from '@nestjs/common';
import { AckLinkController } from './ack-link.controller.js';
import { AckEscalationService } from './ack-escalation.service.js';
import { AckLinkService } from './ack-link.service.js';
import { AcknowledgementService } from './acknowledgement.service.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';

@Module({
  controllers: [AckLinkController, AlertsController],
  providers: [AlertsService, AcknowledgementService, AckLinkService, AckEscalationService],
  exports: [AlertsService, AcknowledgementService, AckEscalationService],
})
export class AcknowledgementsModule {}
