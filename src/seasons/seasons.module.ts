import { Module } from '@nestjs/common';
import { SeasonClockScheduler } from './season-clock.scheduler.js';
import { SeasonClockRepository } from './season-clock.repository.js';
import { SeasonClockService } from './season-clock.service.js';
import { SeasonsController } from './seasons.controller.js';
import { SeasonsService } from './seasons.service.js';

@Module({
  controllers: [SeasonsController],
  providers: [SeasonsService, SeasonClockService, SeasonClockRepository, SeasonClockScheduler],
  exports: [SeasonClockService],
})
export class SeasonsModule {}
