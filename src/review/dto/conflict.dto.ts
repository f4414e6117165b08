import { IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Omittable } from '@/common/field-rules';
import { Trim } from '@/common/trim';

export class DeclareConflictDto {
  /** Whom the conflict concerns; the caller when left out. Only the office declares for others. */
  @Omittable()
  @IsUUID()
  userId?: string;

  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class BidDto {
  /** −2 ("rather not") … +2 ("eager"); 0 is neutral. */
  @IsInt()
  @Min(-2)
  @Max(2)
  bid: number;
}
