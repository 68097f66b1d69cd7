import { Global, Module } from '@nestjs/common';
import { ComplianceController } from './compliance.controller.js';
import { LedgerService } from './ledger.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Global()
@Module({ controllers: [ComplianceController, ReportsController], providers: [LedgerService, ReportsService], exports: [LedgerService] })
export class ComplianceModule {}
