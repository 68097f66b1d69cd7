import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OrderLine } from '../rules/orders/order.types.js';

/** One numbered version of an order; a later version supersedes it. */
@Entity('order_versions')
@Index('uq_order_versions_modification', ['orderId', 'modification'], { unique: true })
@Index('idx_order_versions_enterprise', ['enterpriseCode', 'createdAt'])
@Index('idx_order_versions_directive', ['directiveId'])
@Index('idx_order_versions_directive_keyset', ['directiveId', 'county', 'enterpriseCode', 'id'])
@Index('idx_order_versions_directive_unacked', ['directiveId', 'ackDeadline', 'enterpriseCode'], { where: "status = 'current' AND acknowledged_at IS NULL" })
@Index('idx_order_versions_list', ['county', 'enterpriseCode', 'effectiveFrom', 'id'], { where: "status <> 'superseded' AND NOT ends" })
@Index('idx_order_versions_interval', ['enterpriseCode', 'effectiveFrom'])
@Index('idx_order_versions_pending_ack', ['ackDeadline'], { where: "status = 'current' AND acknowledged_at IS NULL" })
export class OrderVersionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ type: 'integer' })
  modification: number;

  @Column({ name: 'directive_id', type: 'uuid' })
  directiveId: string;

  @Column({ name: 'enterprise_code', type: 'varchar', length: 18 })
  enterpriseCode: string;

  @Column({ type: 'varchar', length: 64 })
  county: string;

  /** current | superseded (replaced before it began: its interval is empty). */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  /** true for the version that ends the order (nothing left to restrict). */
  @Column({ type: 'boolean', default: false })
  ends: boolean;

  @Column({ type: 'varchar', length: 16 })
  level: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  phase: string | null;

  @Column({ type: 'jsonb' })
  lines: OrderLine[];

  @Column({ name: 'stopped_capacity_percent', type: 'double precision' })
  stoppedCapacityPercent: number;

  @Column({ name: 'max_load_percent', type: 'double precision', nullable: true })
  maxLoadPercent: number | null;

  @Column({ type: 'jsonb' })
  notes: string[];

  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom: Date;

  @Column({ name: 'effective_to', type: 'timestamptz', nullable: true })
  effectiveTo: Date | null;

  /** The first successful delivery of its notice; the acknowledgement deadline counts from it. */
  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true })
  notifiedAt: Date | null;

  @Column({ name: 'ack_deadline', type: 'timestamptz' })
  ackDeadline: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  /** Username, or `link` for the signed e-mail link. */
  @Column({ name: 'acknowledged_by', type: 'varchar', length: 64, nullable: true })
  acknowledgedBy: string | null;

  /** Per line: when the enterprise confirmed it stopped / limited. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  implementation: Record<string, { at: string; confirmedAt: string; by: string }>;

  @Column({ name: 'implemented_at', type: 'timestamptz', nullable: true })
  implementedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
