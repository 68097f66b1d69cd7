import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { DutyModule } from '../duty/duty.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AccessModule } from '../auth/access-policy.js';
import { AuthModule } from '../auth/auth.module.js';
import { HttpErrorFilter } from './http-error.filter.js';
import type { AppConfig } from '../config/app-config.js';
import type { DomainConfig } from '../config/domain-config.js';
import { ConfigModule } from '../config/config.module.js';
import { prepareDatabase } from '../database/app-role.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { checkReplica, replicaConnectionUrl } from '../database/replica.js';
import { HealthModule } from '../health/health.module.js';
import { EnterpriseContactsChanged } from '../registry/enterprise-contacts-changed.js';
import { RegistryModule } from '../registry/registry.module.js';
import { BootstrapService } from './bootstrap.service.js';
import { LevelsModule } from '../levels/levels.module.js';
import { SimulationsModule } from '../simulations/simulations.module.js';
import { AcknowledgementsModule } from '../acknowledgements/acknowledgements.module.js';
import { ContactRedeliveryService } from '../acknowledgements/contact-redelivery.service.js';
import { DirectivesModule } from '../directives/directives.module.js';
import { DispatchModule } from '../dispatch/dispatch.module.js';
import { WarningsModule } from '../warnings/warnings.module.js';
import { ComplianceModule } from '../compliance/compliance.module.js';
import { InspectionTaskRepository } from '../inspections/inspection-task.repository.js';
import { InspectionsModule } from '../inspections/inspections.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import type { Clock } from '../common/clock.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { SeasonsModule } from '../seasons/seasons.module.js';
import { InspectorPageModule } from '../web/inspector/inspector-page.module.js';
import { ConsoleHostModule } from '../web/console-host/console-host.module.js';

/** What tests may substitute: only the clock. */
export interface AppOverrides {
  clock?: Clock;
}

/**
 * What lower modules declare and higher ones implement: the registry announces contact
 * changes, acknowledgements re-send the notices in force to the new addresses.
 */
@Global()
@Module({
  imports: [AcknowledgementsModule],
  providers: [{ provide: EnterpriseContactsChanged, useExisting: ContactRedeliveryService }],
  exports: [EnterpriseContactsChanged],
})
class BindingsModule {}

@Module({})
export class AppModule {
  /** The database URL is resolved before the module is built (embedded or configured). */
  static forRoot(app: AppConfig, domain: DomainConfig, databaseUrl: string, overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(app, domain),
        HealthModule,
        // Migrations as the owner (databaseUrl); the service's queries as a role that owns nothing;
        // report reads, where asked for, on the replica (DATABASE_REPLICA_URL) as that same role.
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            const roles = await prepareDatabase(databaseUrl, app.secret, app.databaseAppUrl);
            const replicaUrl = app.databaseReplicaUrl === null ? null : replicaConnectionUrl(app.databaseReplicaUrl, roles.appUrl);
            if (replicaUrl !== null && !(await checkReplica(replicaUrl)).standby)
              new Logger('Database').warn('DATABASE_REPLICA_URL answers but is not a standby (pg_is_in_recovery() is false); reports read it anyway');
            return { ...dataSourceOptions(roles.appUrl, replicaUrl), migrationsRun: false, logging: ['error', 'warn'] };
          },
        }),
        AuditModule,
        // The access policy asks the inspections module which enterprises a team has tasks at.
        AccessModule.forRoot(InspectionTaskRepository),
        BindingsModule,
        AuthModule,
        AccountsModule,
        RegistryModule,
        SchedulingModule.forRoot(overrides.clock),
        SeasonsModule,
        OrdersModule,
        LevelsModule,
        SimulationsModule,
        DispatchModule,
        DutyModule,
        AcknowledgementsModule,
        DirectivesModule,
        WarningsModule,
        ComplianceModule,
        InspectionsModule,
        InspectorPageModule,
        ConsoleHostModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }, BootstrapService],
    };
  }
}
