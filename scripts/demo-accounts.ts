import type { INestApplication } from '@nestjs/common';
import { UsersService } from '@/users/users.service';
import { translator } from '@/web/i18n/i18n';

const de = translator('de');

/**
 * The demo's accounts part (issue 14): one board member invited the normal way, without a password.
 * The invitation mail (MAIL_DIR or SMTP) carries the set-password link; the other demo users keep
 * their passwords. Answers the row of the printed sign-in table.
 */
export async function seedDemoAccounts(app: INestApplication, officeId: string): Promise<string[]> {
  const users = app.get(UsersService);
  const invited = await users.create(
    {
      email: 'nora.neumann@hs-beispiel.example',
      name: 'Prof. Dr. Nora Neumann',
      organisation: 'Hochschule Beispielstadt',
      roles: ['reviewer'],
      expertise: ['hydrogen', 'recycling'],
      locale: 'de',
    },
    officeId,
  );
  return [
    `${de('role.reviewer')} — ${invited.name} (${de('users.statusInvited')})`,
    invited.email,
    '(Link per Mail)',
  ];
}
