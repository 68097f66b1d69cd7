import { Module } from '@nestjs/common';
import { AckLinkController, AckLinkPageController } from './ack-link.controller.js';
import { AckEscalationService } from './ack-escalation.service.js';
import { AckLinkService } from './ack-link.service.js';
import { AcknowledgementService } from './acknowledgement.service.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';
import { StatusReportsController } from './status-reports.controller.js';
import { StatusReportsService } from './status-reports.service.js';

@Module({
  controllers: [AckLinkPageController, AckLinkController, AlertsController, StatusReportsController],
  providers: [AlertsService, AcknowledgementService, AckLinkService, AckEscalationService, StatusReportsService],
  exports: [AlertsService, AcknowledgementService, AckEscalationService, StatusReportsService],
})
export class AcknowledgementsModule {}
