import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@/config/config';

/** docs/CONFIGURATION.md stays true: its table of the service names exactly what loadConfig reads. */
describe('docs/CONFIGURATION.md', () => {
  it('lists every environment variable the service reads, and no other', () => {
    const read = new Set<string>();
    // Every variable loadConfig asks for, seen through an environment that records each read.
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_target, name) => {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    });
    loadConfig(env);

    const doc = readFileSync(join(__dirname, '..', 'docs', 'CONFIGURATION.md'), 'utf8');
    const section = doc.split('## The service')[1]?.split('\n## ')[0] ?? '';
    const documented = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]);

    expect([...documented].sort()).toEqual([...read].sort());
    expect(new Set(documented).size).toBe(documented.length);
  });
});
