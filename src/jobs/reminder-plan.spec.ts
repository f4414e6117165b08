import { planReminders, reminderJobIds } from './reminder-plan';

const settings = {
  remindRespondAfterMs: 3 * 86_400_000,
  remindBeforeDueMs: [7 * 86_400_000, 86_400_000],
  remindOverdueAfterMs: 86_400_000,
  escalateAfterMs: 3 * 86_400_000,
};
const DAY = 86_400_000;

describe('planReminders', () => {
  const createdAt = new Date('2026-03-01T09:00:00Z');
  const dueAt = new Date('2026-03-22T09:00:00Z');
  const now = createdAt.getTime();

  it('plans respond, each due-soon, overdue and escalation with deterministic three-part ids', () => {
    const plan = planReminders({ id: 'a1', state: 'invited', createdAt, dueAt }, settings, now);
    expect(plan.map((r) => [r.name, r.jobId, r.at])).toEqual([
      ['reminder.respond', 'assignment:a1:respond', createdAt.getTime() + 3 * DAY],
      ['reminder.due-soon', 'assignment:a1:due-soon-7d', dueAt.getTime() - 7 * DAY],
      ['reminder.due-soon', 'assignment:a1:due-soon-1d', dueAt.getTime() - DAY],
      ['reminder.overdue', 'assignment:a1:overdue', dueAt.getTime() + DAY],
      ['reminder.escalate', 'assignment:a1:escalate', dueAt.getTime() + 3 * DAY],
    ]);
    for (const r of plan) expect(r.jobId.split(':')).toHaveLength(3);
    expect(plan[0].data).toEqual({ assignmentId: 'a1', at: plan[0].at, dueAt: dueAt.toISOString() });
  });

  it('leaves out the respond reminder once accepted, and due-soon reminders already past', () => {
    const plan = planReminders(
      { id: 'a1', state: 'accepted', createdAt, dueAt },
      settings,
      dueAt.getTime() - 3 * DAY,
    );
    expect(plan.map((r) => r.jobId)).toEqual([
      'assignment:a1:due-soon-1d',
      'assignment:a1:overdue',
      'assignment:a1:escalate',
    ]);
  });

  it('lists every id an assignment can have, for cancelling', () => {
    expect(reminderJobIds('a1', settings)).toEqual([
      'assignment:a1:respond',
      'assignment:a1:due-soon-7d',
      'assignment:a1:due-soon-1d',
      'assignment:a1:overdue',
      'assignment:a1:escalate',
    ]);
  });
});
