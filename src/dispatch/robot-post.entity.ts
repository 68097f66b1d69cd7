import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One post to a work-chat robot, reserved before it is sent: the per-robot rate limit counts these. */
@Entity('robot_posts')
@Index('idx_robot_posts_robot_at', ['robot', 'postedAt'])
export class RobotPostEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** The outbox recipient naming the robot (robot:county:<code> or robot:command_center). */
  @Column({ type: 'varchar', length: 100 })
  robot: string;

  @Column({ name: 'posted_at', type: 'timestamptz', default: () => 'now()' })
  postedAt: Date;

  /** How many outbox rows the post summarised. */
  @Column({ type: 'integer' })
  rows: number;

  /** null while the post is in flight. */
  @Column({ type: 'boolean', nullable: true })
  ok: boolean | null;

  @Column({ type: 'text', nullable: true })
  response: string | null;
}
