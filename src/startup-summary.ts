import { resolve } from 'node:path';
import type { AppConfig } from './config/config';
import type { OfficeSignIn } from './users/users.service';

/** Where the mails go, without the SMTP credentials. */
export function mailOutput(config: Pick<AppConfig, 'smtpUrl' | 'mailDir'>): string {
  if (!config.smtpUrl) {
    return `Mail: written as .eml files to ${resolve(config.mailDir)} (SMTP_URL is not set)`;
  }
  const url = new URL(config.smtpUrl);
  return `Mail: sent through SMTP at ${url.protocol}//${url.host}`;
}

export function officeSignInLine(signIn: OfficeSignIn): string {
  if (signIn.password) {
    return `Office sign-in: ${signIn.email} / ${signIn.password} (generated now and shown once; change it)`;
  }
  if (signIn.created) return `Office sign-in: ${signIn.email} (password from BOOTSTRAP_OFFICE_PASSWORD)`;
  return `Office sign-in: ${signIn.email} (password as set when that user was created)`;
}

/** The lines `npm start` ends its start-up with: where to open it, how to sign in, where mail goes. */
export function startupSummary(
  config: Pick<AppConfig, 'appUrl' | 'smtpUrl' | 'mailDir'> &
    Partial<Pick<AppConfig, 'totpEncryptionKey' | 'requireTotpFor'>>,
  signIn: OfficeSignIn,
): string[] {
  return [
    `Beirat is running at ${config.appUrl} (API docs at ${config.appUrl}/api/docs, JSON at ${config.appUrl}/api/docs-json)`,
    officeSignInLine(signIn),
    mailOutput(config),
    secondFactorLine(config),
  ];
}

/** Whether the TOTP second factor is offered (it needs TOTP_ENCRYPTION_KEY), and for whom it is required. */
export function secondFactorLine(
  config: Partial<Pick<AppConfig, 'totpEncryptionKey' | 'requireTotpFor'>>,
): string {
  if (!config.totpEncryptionKey) return 'Second factor (TOTP): not offered (TOTP_ENCRYPTION_KEY is not set)';
  const required = config.requireTotpFor ?? [];
  return required.length > 0
    ? `Second factor (TOTP): offered; required for ${required.join(', ')}`
    : 'Second factor (TOTP): offered to every user';
}
