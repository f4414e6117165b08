import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsSaneDate, Omittable } from '@/common/field-rules';
import { Trim } from '@/common/trim';

export class CreateMeetingDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Type(() => Date)
  @IsDate()
  @IsSaneDate()
  startsAt: Date;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(200)
  location?: string;

  /** The calls whose proposals awaiting decision make up the agenda. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  callIds: string[];
}

export class UpdateMeetingDto extends PartialType(CreateMeetingDto) {
  /** Optimistic concurrency: refused with 409 when the meeting changed meanwhile. */
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  expectedVersion?: number;
}

export class MeetingAgendaDto {
  /** The agenda in the order to discuss it: proposals awaiting decision in the meeting's calls. */
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposalIds: string[];
}

export class MeetingAttendanceDto {
  /** The steering members present (replaces the list). */
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  present: string[];
}

export class MeetingResultDto {
  @IsInt()
  @Min(0)
  @Max(200)
  approve: number;

  @IsInt()
  @Min(0)
  @Max(200)
  reject: number;

  @IsInt()
  @Min(0)
  @Max(200)
  revise: number;

  @IsInt()
  @Min(0)
  @Max(200)
  abstain: number;

  /** Optionally, who was counted: every one present and not conflicted, as many as the counts add up to. */
  @Omittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  counted?: string[];
}

export class MeetingEventDto {
  /** Why (e.g. of a cancellation); kept in the audit trail. */
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  expectedVersion?: number;
}
