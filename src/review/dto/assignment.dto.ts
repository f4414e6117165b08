import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@/common/pagination';
import { Trim } from '@/common/trim';
import { ASSIGNMENT_STATES, type AssignmentState } from '../assignment.entity';

export class CreateAssignmentDto {
  @IsUUID()
  reviewerId: string;

  /** Defaults to now + the call's reviewPeriodDays; must lie in the future. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
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
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  /** A new due date for the reopened review (in the future); the old one stays when not given. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  dueAt?: Date;
}

export class ListAssignmentsQuery extends PageQuery {
  /** `1`/`true`: only the caller's own assignments (the only list a non-office user gets anyway). */
  @IsOptional()
  @IsIn(['1', 'true', '0', 'false'])
  mine?: string;

  @IsOptional()
  @IsUUID()
  proposalId?: string;

  @IsOptional()
  @IsUUID()
  callId?: string;

  @IsOptional()
  @IsIn(ASSIGNMENT_STATES)
  state?: AssignmentState;
}
