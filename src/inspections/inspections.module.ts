import { Module } from '@nestjs/common';
import { AcknowledgementsModule } from '../acknowledgements/acknowledgements.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { DrawRepository } from './draw.repository.js';
import { DrawsService } from './draws.service.js';
import { EvidenceRepository } from './evidence.repository.js';
import { FindingRepository } from './finding.repository.js';
import { InspectionTaskRepository } from './inspection-task.repository.js';
import { PowerReadingRepository } from './power-reading.repository.js';
import { TeamRepository } from './team.repository.js';
import { EvidenceService } from './evidence.service.js';
import { FindingsService } from './findings.service.js';
import { InspectionsController } from './inspections.controller.js';
import { PowerService } from './power.service.js';
import { TasksService } from './tasks.service.js';
import { TeamsService } from './teams.service.js';

@Module({
  imports: [AcknowledgementsModule, RegistryModule],
  controllers: [InspectionsController],
  providers: [
    TeamsService,
    DrawsService,
    TasksService,
    FindingsService,
    EvidenceService,
    PowerService,
    TeamRepository,
    DrawRepository,
    InspectionTaskRepository,
    FindingRepository,
    EvidenceRepository,
    PowerReadingRepository,
  ],
  exports: [TeamRepository],
})
export class InspectionsModule {}
