import { folderEdges, importSpecifiers, type SourceFile } from './import-graph';
import { layerViolations } from './layer-rules';

/** The violations of a small in-memory tree: path → the specifiers it imports. */
const violationsOf = (tree: Record<string, string[]>): string[] =>
  layerViolations(
    folderEdges(Object.entries(tree).map(([path, imports]): SourceFile => ({ path, imports }))),
  );

describe('importSpecifiers', () => {
  it('finds every import form, type-only ones included', () => {
    const text = [
      "import type { AuthUser } from '@/auth/auth-user';",
      "import { a } from './a';",
      "export { b } from '../b';",
      "export * from './c';",
      "const d = require('./d');",
      "type E = import('./e').E;",
      "// import { f } from './commented-out';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['@/auth/auth-user', './a', '../b', './c', './d', './e']);
  });
});

describe('layerViolations', () => {
  it('accepts imports that point down the layers', () => {
    expect(
      violationsOf({
        'src/app.module.ts': ['./web/web.module', '@/proposals/proposals.module'],
        'src/web/pages.ts': ['@/notifications/mails', '@/proposals/proposal', '@nestjs/common'],
        'src/notifications/mails.ts': ['@/proposals/proposal', '@/workflow/outbox'],
        'src/proposals/proposal.ts': ['@/workflow/outbox', '../common/problem', './proposal-access'],
        'src/proposals/proposal-access.ts': [],
        'src/workflow/outbox.ts': ['@/common/problem', '../../migrations'],
        'src/common/problem.ts': [],
      }),
    ).toEqual([]);
  });

  it('fails when the core imports a domain folder, naming the file and the import', () => {
    expect(
      violationsOf({
        'src/workflow/transition.service.ts': ['@/auth/auth-user'],
        'src/common/health.controller.ts': ['../auth/auth.decorators'],
        'src/auth/auth-user.ts': [],
        'src/auth/auth.decorators.ts': [],
      }),
    ).toEqual([
      "src/workflow/transition.service.ts imports '@/auth/auth-user': workflow/ is core and must not import auth/ (declare what the core needs in the core)",
      "src/common/health.controller.ts imports '../auth/auth.decorators': common/ is core and must not import auth/ (declare what the core needs in the core)",
    ]);
  });

  it('fails when an aggregate imports notifications/, jobs/ or web/', () => {
    expect(
      violationsOf({
        'src/review/assignment-creation.ts': ['@/jobs/job-catalogue', '@/notifications/mail-data'],
      }),
    ).toEqual([
      "src/review/assignment-creation.ts imports '@/jobs/job-catalogue': review/ is a domain folder and must not import jobs/ (write an outbox row instead)",
      "src/review/assignment-creation.ts imports '@/notifications/mail-data': review/ is a domain folder and must not import notifications/ (write an outbox row instead)",
    ]);
  });

  it('fails when anything but the composition root imports web/', () => {
    expect(
      violationsOf({
        'src/main.ts': ['./web/web.module'],
        'src/notifications/actions.ts': ['@/web/html'],
      }),
    ).toEqual([
      "src/notifications/actions.ts imports '@/web/html': only the composition root (src/*.ts) may import web/, not notifications/",
    ]);
  });

  it('fails on an import cycle between folders, naming one import per arrow', () => {
    expect(
      violationsOf({
        'src/auth/auth-user.ts': ['@/users/user.entity'],
        'src/auth/auth.service.ts': ['@/users/users.service'],
        'src/users/user.dto.ts': ['../auth/passwords'],
      }),
    ).toEqual([
      "import cycle between folders auth → users → auth: src/auth/auth-user.ts imports '@/users/user.entity' and 1 more; src/users/user.dto.ts imports '../auth/passwords'",
    ]);
  });

  it('counts the composition root as a folder in cycles', () => {
    expect(
      violationsOf({
        'src/worker.ts': ['./notifications/worker-app'],
        'src/notifications/worker-app.ts': ['@/app.module'],
        'src/app.module.ts': [],
      }),
    ).toEqual([
      "import cycle between folders (root) → notifications → (root): src/worker.ts imports './notifications/worker-app'; src/notifications/worker-app.ts imports '@/app.module'",
    ]);
  });
});
