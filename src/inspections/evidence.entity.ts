import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A photo of a finding: the bytes live in the data folder, the row holds where and their checksum. */
@Entity('evidence')
@Index('idx_evidence_finding', ['findingId'])
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId: string;

  /** Relative to the evidence folder. */
  @Column({ type: 'varchar', length: 300 })
  path: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 64 })
  mime: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 64 })
  uploadedBy: string;

  @Column({ type: 'integer', nullable: true })
  width: number | null;

  @Column({ type: 'integer', nullable: true })
  height: number | null;

  /** The camera's EXIF time (DateTimeOriginal), read in the city's zone when it carries none. */
  @Column({ name: 'exif_taken_at', type: 'timestamptz', nullable: true })
  exifTakenAt: Date | null;

  @Column({ name: 'exif_lat', type: 'double precision', nullable: true })
  exifLat: number | null;

  @Column({ name: 'exif_lng', type: 'double precision', nullable: true })
  exifLng: number | null;

  /** ok, far (EXIF time beyond the tolerance from the observed time), no_exif_time, or unchecked (older rows). */
  @Column({ name: 'time_check', type: 'varchar', length: 16, default: 'unchecked' })
  timeCheck: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
