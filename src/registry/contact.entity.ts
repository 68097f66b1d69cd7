import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EnterpriseEntity } from './enterprise.entity.js';

@Entity('contacts')
export class ContactEntity {
  @PrimaryColumn({ name: 'enterprise_code', type: 'varchar', length: 18 })
  enterpriseCode: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  role: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  /** Mainland mobile number (11 digits), validated at the door. */
  @Column({ type: 'varchar', length: 11, nullable: true })
  mobile: string | null;

  /** The channels the contact accepts: email, sms, phone (in that order). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  channels: string[];

  @ManyToOne(() => EnterpriseEntity, (e) => e.contacts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_code' })
  enterprise: Relation<EnterpriseEntity>;
}
