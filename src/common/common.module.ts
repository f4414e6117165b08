import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { UuidPipe } from './uuid.pipe';

@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthService, UuidPipe],
  exports: [HealthService, UuidPipe],
})
export class CommonModule {}
