import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './app-config.js';
import { ConfigService } from './config.service.js';
import type { DomainConfig } from './domain-config.js';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(app: AppConfig, domain: DomainConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: ConfigService, useValue: new ConfigService(app, domain) }],
      exports: [ConfigService],
    };
  }
}
