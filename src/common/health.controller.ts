import { Controller, Get, Inject, OnModuleInit, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { HealthService } from './health.service';
import { Public } from './public-route';
import { REDIS } from './redis.module';
import { HealthDoc } from './health-doc';

@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleInit {
  constructor(
    private readonly health: HealthService,
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onModuleInit(): void {
    this.health.register('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
    this.health.register('redis', async () => {
      if ((await this.redis.ping()) !== 'PONG') throw new Error('unexpected PING answer');
    });
  }

  /** 200 when every dependency answers, 503 otherwise; for load balancers and operators. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDoc })
  @ApiServiceUnavailableResponse({ type: HealthDoc, description: 'A dependency does not answer.' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const result = await this.health.run();
    reply.status(result.status === 'ok' ? 200 : 503);
    return result;
  }
}
