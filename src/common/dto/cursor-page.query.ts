import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from './page.query.js';

/** `page`/`pageSize`, and `cursor` for keyset paging: every page in the same time, however deep. */
export class CursorPageQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      'Opaque keyset cursor: the `nextCursor` of the previous page. With it `page` is ignored, the next `pageSize` rows after the last one served come back (rows written meanwhile before that point are not repeated, none after it are skipped) and `total` is the count when the walk began. Answers in the same time on any page; `page` costs more the deeper it goes.',
    example: 'WyJvcmRlcnMiLDUwLCLkv67mrabljr8iXQ',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be the nextCursor of a previous page, unchanged' })
  cursor?: string;
}
