import { Module } from '@nestjs/common';
import { LevelRecommendationService } from './level-recommendation.service.js';
import { LevelsController } from './levels.controller.js';

@Module({ controllers: [LevelsController], providers: [LevelRecommendationService] })
export class LevelsModule {}
