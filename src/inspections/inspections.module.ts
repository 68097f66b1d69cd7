import { Module } from '@nestjs/common';
import { AcknowledgementsModule } from '../acknowledgements/acknowledgements.module.js';
import { DrawsService } from './draws.service.js';
import { EvidenceService } from './evidence.service.js';
import { FindingsService } from './findings.service.js';
import { InspectionsController } from './inspections.controller.js';
import { PowerService } from './power.service.js';
import { TasksService } from './tasks.service.js';
import { TeamsService } from './teams.service.js';

@Module({
  imports: [AcknowledgementsModule],
  controllers: [InspectionsController],
  providers: [TeamsService, DrawsService, TasksService, FindingsService, EvidenceService, PowerService],
})
export class InspectionsModule {}
