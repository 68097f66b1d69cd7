import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TeamEntity } from './team.entity.js';

/** The teams table. */
@Injectable()
export class TeamRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  exists(key: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.getRepository(TeamEntity).existsBy({ key });
  }

  find(key: string, manager: EntityManager = this.dataSource.manager): Promise<TeamEntity | null> {
    return manager.getRepository(TeamEntity).findOneBy({ key });
  }

  insert(manager: EntityManager, team: Pick<TeamEntity, 'key' | 'name' | 'homeCounty'>): Promise<TeamEntity> {
    const repo = manager.getRepository(TeamEntity);
    return repo.save(repo.create(team));
  }

  /** Every team, by key. */
  all(manager: EntityManager = this.dataSource.manager): Promise<TeamEntity[]> {
    return manager.getRepository(TeamEntity).find({ order: { key: 'ASC' } });
  }

  /**
   * The team with the fewest open tasks (then the lowest key) that may inspect in `county`:
   * any team when home-county teams are allowed, otherwise one from elsewhere. Null: no team.
   */
  async leastBusyFor(manager: EntityManager, county: string, allowHomeCounty: boolean): Promise<string | null> {
    const [team] = await manager.query(
      `SELECT t.key FROM teams t WHERE $2 OR t.home_county IS DISTINCT FROM $1
       ORDER BY (SELECT count(*) FROM inspection_tasks x WHERE x.team = t.key AND x.status = 'open'), t.key LIMIT 1`,
      [county, allowHomeCounty],
    );
    return team?.key ?? null;
  }
}
