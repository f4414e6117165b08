import { DynamicModule, Module } from '@nestjs/common';
import { serviceModules } from './app.module';
import type { AppConfig } from './config/config';

/**
 * The worker process's composition root: the service's modules without the web pages, with the queue
 * workers and the outbox relay always on. (The domain modules bring their API controllers along; an
 * application context has no HTTP server, so they are never routed.)
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: serviceModules({ ...config, workers: true }) };
  }
}
