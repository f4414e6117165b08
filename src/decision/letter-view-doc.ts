import { ApiProperty } from '@nestjs/swagger';
import { DECISION_OUTCOMES } from './decision.entity';
import type { PendingLetter, ReleaseResult } from './letters.service';

// Response classes for the OpenAPI document; `implements` keeps them in step with the views.

export class PendingLetterDoc implements PendingLetter {
  @ApiProperty({ format: 'uuid' })
  proposalId: string;
  acronym: string;
  title: string;
  round: number;
  @ApiProperty({ enum: DECISION_OUTCOMES })
  outcome: string;
  /** The office's personal paragraph ('' when none). */
  paragraph: string;
  /** The letter's text in the applicant's language, exactly what the PDF says. */
  text: string;
}

export class ReleaseResultDoc implements ReleaseResult {
  /** Letters released by this request (0 when pressed again or released elsewhere meanwhile). */
  released: number;
  @ApiProperty({ type: [String] })
  proposalIds: string[];
}
