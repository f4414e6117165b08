import { Module } from '@nestjs/common';
import { CallsModule } from '@/calls/calls.module';
import { DecisionModule } from '@/decision/decision.module';
import { ReviewModule } from '@/review/review.module';
import { MeetingAgenda } from './meeting-agenda';
import { MeetingItemsService } from './meeting-items.service';
import { MeetingMinutesService } from './meeting-minutes.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

/** Steering meetings: agenda, attendance, results and decisions, minutes and packs (DESIGN §13). */
@Module({
  imports: [CallsModule, DecisionModule, ReviewModule],
  controllers: [MeetingsController],
  providers: [MeetingAgenda, MeetingsService, MeetingItemsService, MeetingMinutesService],
  exports: [MeetingsService, MeetingAgenda, MeetingItemsService, MeetingMinutesService],
})
export class MeetingsModule {}
