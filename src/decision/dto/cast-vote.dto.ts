import { IsIn, IsString, MaxLength } from 'class-validator';
import { Omittable } from '@/common/field-rules';
import { Trim } from '@/common/trim';
import { VOTE_CHOICES, type VoteChoice } from '../vote.entity';

export class CastVoteDto {
  @IsIn(VOTE_CHOICES)
  vote: VoteChoice;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
