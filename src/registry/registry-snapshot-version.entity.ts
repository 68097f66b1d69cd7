import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The registry's one version counter, bumped by the triggers of migration 1796600014600 in every registry write's transaction. */
@Entity('registry_snapshot_version')
export class RegistrySnapshotVersionEntity {
  @PrimaryColumn({ type: 'boolean', default: true })
  id: boolean;

  @Column({ type: 'bigint' })
  version: string;
}
