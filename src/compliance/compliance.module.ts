import { Global, Module } from '@nestjs/common';
import { ComplianceController } from './compliance.controller.js';
import { LedgerService } from './ledger.service.js';

@Global()
@Module({ controllers: [ComplianceController], providers: [LedgerService], exports: [LedgerService] })
export class ComplianceModule {}
