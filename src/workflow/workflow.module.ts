import { Global, Module } from '@nestjs/common';
import { TransitionService } from './transition.service';

@Global()
@Module({ providers: [TransitionService], exports: [TransitionService] })
export class WorkflowModule {}
