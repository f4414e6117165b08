import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '@/common/trim';

/** `POST /api/me/erasure`: the person confirms that they want their data erased. */
export class ErasureRequestDto {
  @ApiProperty({ enum: [true], description: 'Must be true: the person confirms the request.' })
  @Equals(true)
  confirm: boolean;
}

/** `POST /api/users/:id/erase`: the office's reason (kept in the record of the erasure). */
export class EraseUserDto {
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

/** `POST /api/accessibility-feedback`: a barrier someone met; anonymous unless `contact` is given. */
export class AccessibilityFeedbackDto {
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  message: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(254)
  contact?: string;

  @IsOptional()
  @IsIn(['de', 'en'])
  locale?: 'de' | 'en';
}

export class ExportQuery {
  @IsOptional()
  @IsIn(['zip'])
  attachments?: 'zip';
}
