import { LimitQuery } from '../../common/dto/limit.query.js';

export class ListDirectivesQuery extends LimitQuery {}
