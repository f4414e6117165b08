import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { CallsModule } from './calls/calls.module';
import { CommonModule } from './common/common.module';
import { RedisModule } from './common/redis.module';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { ConsensusModule } from './consensus/consensus.module';
import { dataSourceOptions } from './database/data-source-options';
import { DecisionModule } from './decision/decision.module';
import { ENTITIES } from './entities';
import { JobsModule } from './jobs/jobs.module';
import { MeetingsModule } from './meetings/meetings.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PrivacyModule } from './privacy/privacy.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ProposalsModule } from './proposals/proposals.module';
import { ReviewModule } from './review/review.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';
import { WorkflowModule } from './workflow/workflow.module';

/**
 * Everything but the web pages: configuration, database, Redis, the domain modules (with their
 * workflow hooks), mail and the queues. The worker process (src/worker.module.ts) runs exactly this.
 */
export function serviceModules(config: AppConfig): DynamicModule['imports'] {
  return [
    ConfigModule.forRoot(config),
    // Migrations are checked in and applied at start; never `synchronize`.
    TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl, ENTITIES), migrationsRun: true }),
    RedisModule,
    CommonModule,
    WorkflowModule,
    UsersModule,
    AuthModule,
    CallsModule,
    ProposalsModule,
    DecisionModule,
    ReviewModule,
    PrivacyModule,
    OrganisationsModule,
    MeetingsModule,
    ConsensusModule,
    NotificationsModule,
    JobsModule,
  ];
}

/** The web service: the API, the server-rendered pages and (WORKERS=on) the queue workers. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [...(serviceModules(config) ?? []), WebModule] };
  }
}
