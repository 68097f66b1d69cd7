import { Injectable } from '@nestjs/common';
import type { AppConfig } from './app-config.js';
import type { CityConfig } from './city-config.js';

/** Typed, already-validated configuration; built once in main/bootstrap and injected everywhere. */
@Injectable()
export class ConfigService {
  constructor(
    readonly app: AppConfig,
    readonly city: CityConfig,
  ) {}
}
