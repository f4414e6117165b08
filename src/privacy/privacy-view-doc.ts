import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { ErasureRequestView } from './erasure.service';
import type { PersonalDataExport } from './privacy-export.service';
import type { RetentionDue } from './retention.service';

// Response classes for the OpenAPI document; `implements` keeps them in step with the views.

@ApiSchema({ name: 'PersonalDataExport' })
export class PersonalDataExportDoc implements PersonalDataExport {
  @ApiProperty({ format: 'date-time' })
  exportedAt: string;
  userId: string;
  privacyNoticeVersion: string;
  @ApiProperty({
    description: 'Per table, the rows of the caller (columns in camelCase; secrets such as hashes left out)',
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'object' } },
  })
  tables: Record<string, Record<string, unknown>[]>;
}

@ApiSchema({ name: 'ErasureRequest' })
export class ErasureRequestDoc implements ErasureRequestView {
  id: string;
  userId: string;
  name: string;
  @ApiProperty({ enum: ['requested', 'executed'] })
  state: string;
  @ApiProperty({ format: 'date-time' })
  requestedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  executedAt: string | null;
  @ApiProperty({ nullable: true, type: String })
  pseudonym: string | null;
}

@ApiSchema({ name: 'RetentionDue' })
export class RetentionDueDoc implements RetentionDue {
  proposalId: string;
  title: string;
  state: string;
  @ApiProperty({ enum: ['funded', 'unfunded'] })
  kind: 'funded' | 'unfunded';
  @ApiProperty({ format: 'date-time' })
  endedAt: string;
  @ApiProperty({ format: 'date-time' })
  dueAt: string;
  attachmentCount: number;
}

@ApiSchema({ name: 'FeedbackReceived' })
export class FeedbackReceivedDoc {
  @ApiProperty({ enum: ['received'] })
  status: 'received';
}
