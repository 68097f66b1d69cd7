import { ApiProperty } from '@nestjs/swagger';

// Response bodies as documented in OpenAPI (checked against real answers in test/e2e/openapi-responses).

export class HealthResponseDatabase {
  @ApiProperty({ type: 'string' })
  status!: string;

  @ApiProperty({ type: 'integer' })
  ms!: number;
}

export class HealthResponse {
  @ApiProperty({ type: 'string' })
  status!: string;

  @ApiProperty({ type: () => HealthResponseDatabase })
  database!: HealthResponseDatabase;
}

export class LiveResponse {
  @ApiProperty({ type: 'string' })
  status!: string;
}
