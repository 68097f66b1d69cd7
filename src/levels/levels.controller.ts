import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { RecommendLevelDto } from './dto/recommend-level.dto.js';
import { LevelRecommendationService } from './level-recommendation.service.js';

@ApiTags('levels')
@ApiBearerAuth()
@Controller('api/v1/levels')
export class LevelsController {
  constructor(private readonly recommendation: LevelRecommendationService) {}

  /** What RULES.md §2's criteria recommend for a forecast; the command center decides. */
  @Post('recommend')
  @HttpCode(200)
  @Roles('commander', 'county_officer')
  recommend(@Body() dto: RecommendLevelDto) {
    return this.recommendation.recommend(dto);
  }
}
