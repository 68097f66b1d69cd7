import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import type { AppConfig } from './config/app-config.js';
import type { DomainConfig } from './config/domain-config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { HealthController } from './health/health.controller.js';
import { RegistryModule } from './registry/registry.module.js';
import { BootstrapService } from './bootstrap.service.js';
import { LevelsModule } from './levels/levels.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { SchedulingModule } from './scheduling/scheduling.module.js';
import { SeasonsModule } from './seasons/seasons.module.js';

@Module({})
export class AppModule {
  /** The database URL is resolved before the module is built (embedded or configured). */
  static forRoot(app: AppConfig, domain: DomainConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(app, domain),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrationsRun: true, logging: ['error', 'warn'] }),
        AuditModule,
        AuthModule,
        RegistryModule,
        SchedulingModule,
        SeasonsModule,
        OrdersModule,
        LevelsModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }, BootstrapService],
    };
  }
}
