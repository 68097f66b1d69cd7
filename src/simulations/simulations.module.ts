import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module.js';
import { SeasonSimulationService } from './season-simulation.service.js';
import { SimulationsController } from './simulations.controller.js';

@Module({ imports: [RegistryModule], controllers: [SimulationsController], providers: [SeasonSimulationService] })
export class SimulationsModule {}
