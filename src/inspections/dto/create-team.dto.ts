import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateTeamDto {
  @ApiProperty({ example: 'team-1' })
  @Matches(/^[A-Za-z0-9_-]{2,64}$/, { message: 'key must be 2–64 letters, digits, _ or -' })
  key: string;

  @ApiProperty({ example: '市督导一组' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: 'The county the team comes from (it does not inspect it by default)', example: '修武县' })
  @IsOptional()
  @IsString()
  homeCounty?: string;
}
