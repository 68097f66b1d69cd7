import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every post to a work-chat robot (issue 13): the rate limit per robot is counted from these rows. */
export class RobotPosts1796500013300 implements MigrationInterface {
  name = 'RobotPosts1796500013300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "robot_posts" ("id" BIGSERIAL NOT NULL, "robot" character varying(100) NOT NULL, "posted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "rows" integer NOT NULL, "ok" boolean, "response" text, CONSTRAINT "PK_robot_posts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_robot_posts_robot_at" ON "robot_posts" ("robot", "posted_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_robot_posts_robot_at"`);
    await queryRunner.query(`DROP TABLE "robot_posts"`);
  }
}
