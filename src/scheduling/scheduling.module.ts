import { Global, Module } from '@nestjs/common';
import { CronService } from './cron.service.js';

@Global()
@Module({ providers: [CronService], exports: [CronService] })
export class SchedulingModule {}
