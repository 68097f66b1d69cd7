import { Module } from '@nestjs/common';
import { DutyController } from './duty.controller.js';
import { DutyRepository } from './duty.repository.js';
import { DutyService } from './duty.service.js';
import { EscalationRecipients } from './escalation-recipients.service.js';

/** The command center's duty roster (值班表) and who the escalation reaches (EscalationRecipients). */
@Module({
  controllers: [DutyController],
  providers: [DutyRepository, DutyService, EscalationRecipients],
  exports: [DutyService, EscalationRecipients],
})
export class DutyModule {}
