import { Module } from '@nestjs/common';
import { EnterpriseRepository } from './enterprise.repository.js';
import { RegistryImportController } from './registry-import.controller.js';
import { RegistryImportService } from './registry-import.service.js';
import { RegistryQualityController } from './registry-quality.controller.js';
import { RegistryQualityService } from './registry-quality.service.js';
import { ReferenceController } from './reference.controller.js';
import { RegistryController } from './registry.controller.js';
import { RegistryService } from './registry.service.js';
import { RegistrySnapshotService } from './registry-snapshot.service.js';

@Module({
  controllers: [RegistryController, RegistryImportController, RegistryQualityController, ReferenceController],
  providers: [RegistryService, RegistryImportService, RegistryQualityService, EnterpriseRepository, RegistrySnapshotService],
  exports: [RegistryService, RegistryImportService, EnterpriseRepository, RegistrySnapshotService],
})
export class RegistryModule {}
