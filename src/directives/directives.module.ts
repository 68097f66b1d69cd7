import { Module } from '@nestjs/common';
import { AcknowledgementsModule } from '../acknowledgements/acknowledgements.module.js';
import { CountyLevelsService } from './county-levels.service.js';
import { DirectiveOrdersService } from './directive-orders.service.js';
import { DirectiveJobsService } from './directive-jobs.service.js';
import { DirectiveProgressService } from './directive-progress.service.js';
import { DirectivesQueryService } from './directives-query.service.js';
import { DirectivesController } from './directives.controller.js';
import { DirectivesService } from './directives.service.js';

@Module({
  imports: [AcknowledgementsModule],
  controllers: [DirectivesController],
  providers: [DirectivesService, CountyLevelsService, DirectiveProgressService, DirectivesQueryService, DirectiveJobsService, DirectiveOrdersService],
  exports: [DirectivesService, CountyLevelsService, DirectiveJobsService],
})
export class DirectivesModule {}
