import { formatHumanLine } from './human-log';

describe('formatHumanLine', () => {
  const line = (fields: Record<string, unknown>) => JSON.stringify({ time: 1, service: 'beirat', ...fields });

  it('shows info as the bare message and warnings with their level', () => {
    expect(formatHumanLine(line({ level: 30, msg: 'Beirat is running', context: 'Main' }))).toBe(
      'Beirat is running\n',
    );
    expect(formatHumanLine(line({ level: 40, msg: 'SESSION_SECRET is not set' }))).toBe(
      'Warning: SESSION_SECRET is not set\n',
    );
  });

  it('keeps the context of debug lines and the stack of errors', () => {
    expect(
      formatHumanLine(line({ level: 20, msg: 'Mapped {/health, GET}', context: 'RouterExplorer' })),
    ).toBe('debug: [RouterExplorer] Mapped {/health, GET}\n');
    expect(formatHumanLine(line({ level: 50, msg: 'job failed', trace: 'Error: x\n    at y' }))).toBe(
      'Error: job failed\nError: x\n    at y\n',
    );
    expect(
      formatHumanLine(line({ level: 50, err: { message: 'boom', stack: 'Error: boom\n    at z' } })),
    ).toBe('Error: boom\nError: boom\n    at z\n');
  });

  it('passes a line that is not JSON through', () => {
    expect(formatHumanLine('plain text')).toBe('plain text\n');
  });
});
