import { IsBoolean, IsObject, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { Omittable } from '@/common/field-rules';

export class NameRapporteurDto {
  /** A reviewer of the proposal's current round with a submitted review, not conflicted. */
  @IsUUID()
  reviewerId: string;
}

/**
 * The rapporteur's draft; PUT replaces it. Scores are checked against the call's rubric by the service
 * (scale and step, one field error per bad score).
 */
export class ConsensusDraftDto {
  @Omittable()
  @IsObject()
  scores?: Record<string, unknown>;

  @Omittable()
  @IsString()
  @MaxLength(10000)
  commentToApplicant?: string;
}

export class SignConsensusDto {
  /** true: signs the report; false: dissents, with a minority view (required then). */
  @IsBoolean()
  agree: boolean;

  @ValidateIf((o: SignConsensusDto) => o.agree === false || o.minorityView !== undefined)
  @IsString()
  @MaxLength(5000)
  minorityView?: string;
}
