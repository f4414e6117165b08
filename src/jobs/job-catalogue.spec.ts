import { OUTBOX } from '@/workflow/outbox-kinds';
import { JobCatalogue } from './job-catalogue';
import { JOB_DECLARATIONS } from './job-declarations';
import { JOB } from './job-names';
import { QUEUES } from './queues';

describe('job catalogue', () => {
  const catalogue = new JobCatalogue(JOB_DECLARATIONS);

  it('declares every outbox kind and every scheduled job exactly once', () => {
    for (const name of [...Object.values(OUTBOX), ...Object.values(JOB)]) {
      expect(catalogue.find(name)?.name).toBe(name);
    }
    expect(JOB_DECLARATIONS).toHaveLength(Object.values(OUTBOX).length + Object.values(JOB).length);
  });

  it('names jobs <area>.<action>, and still runs jobs queued under a former name', () => {
    for (const { name } of JOB_DECLARATIONS)
      expect(name).toMatch(/^(mail|reminder|deadline|redis|privacy)\.[a-z-]+$/);
    expect(catalogue.find('reminders.schedule')?.name).toBe(OUTBOX.scheduleReminders);
    expect(catalogue.find('reminders.cancel')?.name).toBe(OUTBOX.cancelReminders);
    expect(catalogue.find('deadlines.sweep')?.name).toBe(JOB.sweepDeadlines);
    expect(catalogue.find('no.such-job')).toBeUndefined();
  });

  it('derives the queues and the BullMQ options from the declarations', () => {
    expect(catalogue.queues()).toEqual([QUEUES.notifications, QUEUES.reminders, QUEUES.deadlines]);
    expect(catalogue.options(OUTBOX.invitation, { jobId: 'x' })).toEqual({
      attempts: 10,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 7 * 86_400, count: 20_000 },
      removeOnFail: false,
      jobId: 'x',
    });
    expect(catalogue.options(JOB.sweepDeadlines)).toMatchObject({
      attempts: 1,
      removeOnComplete: { count: 10 },
    });
    expect(catalogue.get(JOB.remindOverdue).queue).toBe(QUEUES.reminders);
    const schedules = JOB_DECLARATIONS.filter((d) => d.schedule).map((d) => [d.name, d.schedule]);
    expect(schedules).toEqual([
      [JOB.officeDigest, { id: 'office-digest', pattern: '0 7 * * *', tz: 'Europe/Berlin' }],
      [JOB.sweepDeadlines, { id: 'deadline-sweep', every: 10_000 }],
      [JOB.reconcileRedis, { id: 'redis-reconcile', pattern: '30 3 * * *', tz: 'Europe/Berlin' }],
      [JOB.retention, { id: 'privacy-retention', pattern: '15 2 * * *', tz: 'Europe/Berlin' }],
    ]);
  });
});
