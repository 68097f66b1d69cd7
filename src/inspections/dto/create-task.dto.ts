import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateTaskDto {
  @ApiProperty({ description: 'Unified social credit code of the enterprise' })
  @IsString()
  @MaxLength(18)
  enterpriseCode: string;

  @ApiProperty({ example: 'team-2' })
  @Matches(/^[A-Za-z0-9_-]{2,64}$/, { message: 'team must be a team key' })
  team: string;

  @ApiProperty({ description: 'Why this enterprise is inspected outside the draw', example: '群众举报夜间生产' })
  @IsString()
  @MinLength(2, { message: 'reason must say why the task is added by hand' })
  @MaxLength(1000)
  reason: string;
}
