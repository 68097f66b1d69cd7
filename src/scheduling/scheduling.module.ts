import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { CronService } from './cron.service.js';
import { JobRunRepository } from './job-run.repository.js';
import { JobRunner } from './job-runner.js';

@Global()
@Module({})
export class SchedulingModule {
  /** Tests pass a ControllableClock; everything else runs on the real one. */
  static forRoot(clock: Clock = new Clock()): DynamicModule {
    return {
      module: SchedulingModule,
      providers: [CronService, JobRunner, JobRunRepository, { provide: Clock, useValue: clock }],
      exports: [CronService, JobRunner, JobRunRepository, Clock],
    };
  }
}
