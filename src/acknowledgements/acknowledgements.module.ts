import { Module } from '@nestjs/common';
import { DutyModule } from '../duty/duty.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { AckLinkController, AckLinkPageController } from './ack-link.controller.js';
import { AckEscalationService } from './ack-escalation.service.js';
import { AckLinkService } from './ack-link.service.js';
import { AcknowledgementService } from './acknowledgement.service.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';
import { ContactRedeliveryService } from './contact-redelivery.service.js';
import { OrderAcknowledgementsController } from './order-acknowledgements.controller.js';
import { LadderMessageRenderer } from './ladder-message.renderer.js';
import { OrderMessageRenderer } from './order-message.renderer.js';
import { OrderNoticesService } from './order-notices.service.js';
import { PhoneNoticesRepository } from './phone-notices.repository.js';
import { PhoneNoticesService } from './phone-notices.service.js';
import { ReductionAccountingService } from './reduction-accounting.service.js';
import { ReductionEvidenceReadModel } from './reduction-evidence.read-model.js';
import { StatusReportsController } from './status-reports.controller.js';
import { StatusReportsRepository } from './status-reports.repository.js';
import { StatusReportsService } from './status-reports.service.js';
import { AckShortLinksRepository } from './ack-short-links.repository.js';
import { ShortLinkController, SmsCallbacksController } from './sms-callbacks.controller.js';
import { SmsRepliesRepository } from './sms-replies.repository.js';
import { SmsRepliesService } from './sms-replies.service.js';

@Module({
  imports: [OrdersModule, DutyModule, RegistryModule],
  controllers: [OrderAcknowledgementsController, AckLinkPageController, AckLinkController, AlertsController, StatusReportsController, SmsCallbacksController, ShortLinkController],
  providers: [
    AlertsRepository,
    AlertsService,
    AcknowledgementService,
    AckLinkService,
    AckEscalationService,
    StatusReportsRepository,
    StatusReportsService,
    PhoneNoticesRepository,
    PhoneNoticesService,
    OrderMessageRenderer,
    LadderMessageRenderer,
    OrderNoticesService,
    ContactRedeliveryService,
    ReductionEvidenceReadModel,
    ReductionAccountingService,
    AckShortLinksRepository,
    SmsRepliesRepository,
    SmsRepliesService,
  ],
  exports: [ReductionAccountingService, AlertsService, AcknowledgementService, AckEscalationService, StatusReportsService, OrderNoticesService, ContactRedeliveryService],
})
export class AcknowledgementsModule {}
