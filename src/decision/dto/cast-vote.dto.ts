import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '@/common/trim';
import { VOTE_CHOICES, type VoteChoice } from '../vote.entity';

export class CastVoteDto {
  @IsIn(VOTE_CHOICES)
  vote: VoteChoice;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
