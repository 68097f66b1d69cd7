import { Global, Module } from '@nestjs/common';
import { AcknowledgementsModule } from '../acknowledgements/acknowledgements.module.js';
import { ComplianceController } from './compliance.controller.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';
import { ReportFigures } from './report-figures.repository.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Global()
@Module({
  imports: [AcknowledgementsModule],
  controllers: [ComplianceController, ReportsController],
  providers: [LedgerService, ReportsService, LedgerRepository, ReportFigures],
  exports: [LedgerService],
})
export class ComplianceModule {}
