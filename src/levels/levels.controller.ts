import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { RecommendLevelDto } from './dto/recommend-level.dto.js';
import { LevelRecommendationService } from './level-recommendation.service.js';
import { RecommendationsResponse } from './dto/level-recommendation-response.dto.js';

@ApiTags('levels')
@ApiBearerAuth()
@Controller('api/v1/levels')
export class LevelsController {
  constructor(private readonly recommendation: LevelRecommendationService) {}

  /** What RULES.md §2's criteria recommend for a forecast; the command center decides. */
  @Post('recommend')
  @HttpCode(200)
  @Roles('commander', 'county_officer')
  @ApiResponse({ status: 200, type: RecommendationsResponse })
  recommend(@Body() dto: RecommendLevelDto) {
    return this.recommendation.recommend(dto);
  }
}
