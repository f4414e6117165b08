import { Module } from '@nestjs/common';
import { CallDeadline } from './call-deadline';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';

@Module({
  controllers: [CallsController],
  providers: [CallsService, CallDeadline],
  exports: [CallsService, CallDeadline],
})
export class CallsModule {}
