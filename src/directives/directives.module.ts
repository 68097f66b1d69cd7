import { Module } from '@nestjs/common';
import { AcknowledgementsModule } from '../acknowledgements/acknowledgements.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { SeasonsModule } from '../seasons/seasons.module.js';
import { CountyLevelsRepository } from './county-levels.repository.js';
import { CountyLevelsService } from './county-levels.service.js';
import { DirectiveJobsService } from './directive-jobs.service.js';
import { DirectiveOrdersRepository } from './directive-orders.repository.js';
import { DirectiveOrdersService } from './directive-orders.service.js';
import { DirectiveProgressCompactionService } from './directive-progress-compaction.service.js';
import { DirectiveProgressRepository } from './directive-progress.repository.js';
import { DirectiveProgressService } from './directive-progress.service.js';
import { DirectiveReductionService } from './directive-reduction.service.js';
import { DirectivesQueryService } from './directives-query.service.js';
import { DirectivesController } from './directives.controller.js';
import { DirectivesRepository } from './directives.repository.js';
import { DirectivesService } from './directives.service.js';

@Module({
  imports: [AcknowledgementsModule, OrdersModule, RegistryModule, SeasonsModule],
  controllers: [DirectivesController],
  providers: [
    DirectivesService,
    DirectivesRepository,
    CountyLevelsService,
    CountyLevelsRepository,
    DirectiveProgressService,
    DirectiveProgressRepository,
    DirectiveReductionService,
    DirectiveProgressCompactionService,
    DirectivesQueryService,
    DirectiveJobsService,
    DirectiveOrdersService,
    DirectiveOrdersRepository,
  ],
  exports: [DirectivesService, CountyLevelsService, DirectiveJobsService],
})
export class DirectivesModule {}
