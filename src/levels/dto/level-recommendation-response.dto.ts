import { ApiProperty } from '@nestjs/swagger';
import { LEVEL_OR_NONE } from '../../rules/levels/level-ladder.js';

export class RecommendationsResponseRecommendationLift {
  @ApiProperty({ type: 'string', nullable: true })
  reference!: string | null;

  @ApiProperty({ type: 'boolean' })
  recommended!: boolean;

  @ApiProperty({ type: 'string', nullable: true })
  at!: string | null;
}

export class RecommendationsResponseRecommendation {
  @ApiProperty({ type: 'string' })
  county!: string;

  @ApiProperty({ type: 'string', enum: LEVEL_OR_NONE })
  level!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  from!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  to!: string | null;

  @ApiProperty({ type: 'number' })
  maxWindowMean!: number;

  @ApiProperty({ type: () => RecommendationsResponseRecommendationLift })
  lift!: RecommendationsResponseRecommendationLift;
}

export class AqiThresholdResponse {
  @ApiProperty({ type: 'number' })
  aqi!: number;

  @ApiProperty({ type: 'string', isArray: true, description: 'The levels this AQI can justify' })
  levels!: string[];
}

export class RecommendationsResponse {
  @ApiProperty({ type: () => RecommendationsResponseRecommendation, isArray: true })
  recommendations!: RecommendationsResponseRecommendation[];

  @ApiProperty({ type: 'integer', description: 'Hours of the moving window' })
  windowHours!: number;

  @ApiProperty({ type: () => AqiThresholdResponse, isArray: true })
  thresholds!: AqiThresholdResponse[];
}
