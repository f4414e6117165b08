import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class SetCapacityDto {
  /** The most reviews of this call the board member takes on; 0 = none this time. */
  @IsInt()
  @Min(0)
  @Max(1000)
  maxLoad: number;
}

export class CapacityView {
  @ApiProperty({ format: 'uuid' })
  callId: string;
  callTitle: string;
  /** The board member's own limit. */
  maxLoad: number;
  /** The call's cap for everyone (`maxLoadPerReviewer`). */
  callMaxLoad: number;
  /** What auto-assign uses: the smaller of the two. */
  effectiveMaxLoad: number;
}
