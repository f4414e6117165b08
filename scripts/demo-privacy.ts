import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErasureService } from '@/privacy/erasure.service';

/**
 * Privacy in the demo (issue 18): the last demo applicant has asked for the erasure of their data, so
 * the office's page `/office/privacy` shows an open request to execute.
 */
export async function seedPrivacyDemo(app: INestApplication, applicantEmails: string[]): Promise<void> {
  const email = applicantEmails.at(-1);
  if (!email) return;
  const [user]: { id: string }[] = await app
    .get(DataSource)
    .query('SELECT id FROM users WHERE email = $1', [email.toLowerCase()]);
  if (user) await app.get(ErasureService, { strict: false }).request(user.id);
}
