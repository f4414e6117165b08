import { TEMPLATES } from '@/notifications/mail-catalogue';
import { MAIL_STATUSES, type MailStatus } from '@/notifications/mail-log.entity';

/** The mail log page's filter (the to-do list links to it); unknown values are dropped, not refused. */
export interface MailLogFilter {
  status?: MailStatus;
  template?: string;
}

export function mailLogFilter(status?: string, template?: string): MailLogFilter {
  const filter: MailLogFilter = {};
  if ((MAIL_STATUSES as readonly string[]).includes(status ?? '')) filter.status = status as MailStatus;
  if ((TEMPLATES as readonly string[]).includes(template ?? '')) filter.template = template;
  return filter;
}

/** `&status=…&template=…` for the "more" link, so paging keeps the filter. */
export function mailLogFilterQuery(filter: MailLogFilter): string {
  return Object.entries(filter)
    .map(([key, value]) => `&${key}=${encodeURIComponent(String(value))}`)
    .join('');
}
