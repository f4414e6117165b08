import type { AppConfig } from '@/config/config';
import { JOB } from './job-names';

export type ReminderJobName =
  typeof JOB.remindRespond | typeof JOB.remindDueSoon | typeof JOB.remindOverdue | typeof JOB.escalate;

export interface PlannedReminder {
  name: ReminderJobName;
  /** Deterministic, so the reminder can be found and removed: `assignment:<id>:<kind>`. */
  jobId: string;
  /** When it is due (epoch ms). */
  at: number;
  data: { assignmentId: string; at: number; dueAt: string };
}

/** What the plan reads of an assignment. */
export interface ReminderAssignment {
  id: string;
  state: string;
  createdAt: Date;
  dueAt: Date;
}

export type ReminderSettings = Pick<
  AppConfig,
  'remindRespondAfterMs' | 'remindBeforeDueMs' | 'remindOverdueAfterMs' | 'escalateAfterMs'
>;

/**
 * BullMQ 6 accepts a custom job id with ':' only when it has exactly three parts, so the kind is one
 * part: `assignment:<id>:due-soon-7d` (not `…:due-soon:7d`).
 */
export const reminderJobId = (assignmentId: string, kind: string) => `assignment:${assignmentId}:${kind}`;

/** `7d`, `1d`, `12h`, `30s` — in the largest unit that divides the offset (no weeks: REMIND_BEFORE_DUE says 7d). */
export function offsetLabel(ms: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [unit, size] of units) if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/** Every reminder job id an assignment can have under these settings (for cancelling). */
export function reminderJobIds(assignmentId: string, settings: ReminderSettings): string[] {
  return [
    reminderJobId(assignmentId, 'respond'),
    ...settings.remindBeforeDueMs.map((ms) => reminderJobId(assignmentId, `due-soon-${offsetLabel(ms)}`)),
    reminderJobId(assignmentId, 'overdue'),
    reminderJobId(assignmentId, 'escalate'),
  ];
}

/**
 * The reminders of one assignment (docs/CONTRACT.md §6): "no answer yet" REMIND_RESPOND_AFTER after the
 * invitation (only while invited), "due soon" at each REMIND_BEFORE_DUE before the due date (those
 * already past are left out: a later one covers them), "overdue" REMIND_OVERDUE_AFTER and the office's
 * escalation ESCALATE_AFTER after the due date. Late ones (the schedule ran late) go out at once.
 */
export function planReminders(
  assignment: ReminderAssignment,
  settings: ReminderSettings,
  now: number,
): PlannedReminder[] {
  const due = assignment.dueAt.getTime();
  const data = (at: number) => ({ assignmentId: assignment.id, at, dueAt: assignment.dueAt.toISOString() });
  const plan = (name: ReminderJobName, kind: string, at: number): PlannedReminder => ({
    name,
    jobId: reminderJobId(assignment.id, kind),
    at,
    data: data(at),
  });
  const reminders: PlannedReminder[] = [];
  if (assignment.state === 'invited') {
    reminders.push(
      plan(JOB.remindRespond, 'respond', assignment.createdAt.getTime() + settings.remindRespondAfterMs),
    );
  }
  for (const before of settings.remindBeforeDueMs) {
    const at = due - before;
    if (at > now) reminders.push(plan(JOB.remindDueSoon, `due-soon-${offsetLabel(before)}`, at));
  }
  reminders.push(plan(JOB.remindOverdue, 'overdue', due + settings.remindOverdueAfterMs));
  reminders.push(plan(JOB.escalate, 'escalate', due + settings.escalateAfterMs));
  return reminders;
}
