import { IsBoolean, Matches } from 'class-validator';
import { Omittable } from '@/common/field-rules';

export class AutoAssignDto {
  /** true: only preview; false: create the assignments. */
  @IsBoolean()
  dryRun: boolean;

  /**
   * The `fingerprint` of a preview: the commit is refused (409) when the solution it would create now
   * differs from that preview, so the office never commits something it has not seen.
   */
  @Omittable()
  @Matches(/^[0-9a-f]{64}$/, { message: 'fingerprint must be the 64 hex digits of a preview' })
  fingerprint?: string;
}
