import { Type } from 'class-transformer';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsSaneDate, Omittable } from '@/common/field-rules';
import { PageQuery } from '@/common/pagination';
import { Trim } from '@/common/trim';
import { ASSIGNMENT_STATES, type AssignmentState } from '../assignment.entity';

export class CreateAssignmentDto {
  @IsUUID()
  reviewerId: string;

  /** Defaults to now + the call's reviewPeriodDays; must lie in the future. */
  @Omittable()
  @Type(() => Date)
  @IsSaneDate()
  dueAt?: Date;
}

export class DeclineAssignmentDto {
  /** Told to the office; matches assignments.decline_reason. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class ReopenReviewDto {
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  /** A new due date for the reopened review (in the future); the old one stays when not given. */
  @Omittable()
  @Type(() => Date)
  @IsSaneDate()
  dueAt?: Date;
}

export class ListAssignmentsQuery extends PageQuery {
  /** `1`/`true`: only the caller's own assignments (the only list a non-office user gets anyway). */
  @Omittable()
  @IsIn(['1', 'true', '0', 'false'])
  mine?: string;

  @Omittable()
  @IsUUID()
  proposalId?: string;

  @Omittable()
  @IsUUID()
  callId?: string;

  @Omittable()
  @IsIn(ASSIGNMENT_STATES)
  state?: AssignmentState;
}
