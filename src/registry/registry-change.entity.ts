import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which enterprise codes a registry version touched: an instance behind reloads only those (README, "Registry snapshot"). */
@Entity('registry_changes')
export class RegistryChangeEntity {
  @PrimaryColumn({ type: 'bigint' })
  version: string;

  @Column({ type: 'text', array: true })
  codes: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
