import { type FolderEdge, ROOT } from './import-graph';

/** The core: generic and knows no aggregate. */
const CORE = ['workflow', 'database', 'common', 'config'];
/** Folders the core must never reach (domain folders and everything above them). */
const ABOVE_CORE = [
  'auth',
  'users',
  'calls',
  'proposals',
  'review',
  'consensus',
  'decision',
  'organisations',
  'meetings',
  'notifications',
  'jobs',
  'web',
  'privacy',
];
/** The aggregates' folders: they publish through the outbox and never call mail, queues or pages. */
const AGGREGATES = ['proposals', 'review', 'consensus', 'decision', 'calls', 'privacy', 'meetings'];
const ABOVE_AGGREGATES = ['notifications', 'jobs', 'web'];

/** Why `edge` breaks a layer rule, or undefined when it is allowed (cycles are checked apart). */
function ruleBroken(edge: FolderEdge): string | undefined {
  if (CORE.includes(edge.from) && ABOVE_CORE.includes(edge.to))
    return `${edge.from}/ is core and must not import ${edge.to}/ (declare what the core needs in the core)`;
  if (AGGREGATES.includes(edge.from) && ABOVE_AGGREGATES.includes(edge.to))
    return `${edge.from}/ is a domain folder and must not import ${edge.to}/ (write an outbox row instead)`;
  if (edge.to === 'web' && edge.from !== ROOT)
    return `only the composition root (src/*.ts) may import web/, not ${edge.from}/`;
  return undefined;
}

/**
 * Every broken rule of the folder layering, one line each naming the file and the import:
 * core → domain, aggregate → notifications/jobs/web, anything but the root → web, and cycles
 * between folders (the root counts as a folder there, so `x/ → app.module` is a cycle).
 */
export function layerViolations(edges: FolderEdge[]): string[] {
  const broken = edges.flatMap((edge) => {
    const why = ruleBroken(edge);
    return why === undefined ? [] : [`${edge.file} imports '${edge.specifier}': ${why}`];
  });
  return [...broken, ...folderCycles(edges)];
}

/** One line per shortest cycle through each folder of a strongly connected group, with an import per arrow. */
function folderCycles(edges: FolderEdge[]): string[] {
  const targets = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (!targets.has(edge.from)) targets.set(edge.from, new Set());
    targets.get(edge.from)!.add(edge.to);
  }
  const cycles = new Map<string, string[]>();
  for (const group of stronglyConnected(targets).filter((g) => g.length > 1)) {
    for (const start of [...group].sort()) {
      const cycle = shortestCycle(start, targets, new Set(group));
      const first = cycle.indexOf([...cycle].sort()[0]);
      const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
      cycles.set(rotated.join(' → '), rotated);
    }
  }
  return [...cycles.values()].map((cycle) => {
    const arrows = cycle.map((from, i) => {
      const to = cycle[(i + 1) % cycle.length];
      const examples = edges.filter((e) => e.from === from && e.to === to);
      const more = examples.length > 1 ? ` and ${examples.length - 1} more` : '';
      return `${examples[0].file} imports '${examples[0].specifier}'${more}`;
    });
    return `import cycle between folders ${[...cycle, cycle[0]].join(' → ')}: ${arrows.join('; ')}`;
  });
}

/** The folders of the shortest way from `start` back to itself inside `group` (breadth first). */
function shortestCycle(start: string, targets: Map<string, Set<string>>, group: Set<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of [...(targets.get(node) ?? [])].sort()) {
      if (!group.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0])!);
        return path;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

/** Tarjan's algorithm: the strongly connected components of a directed graph. */
function stronglyConnected(targets: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of targets.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      groups.push(group);
    }
  };
  for (const node of [...targets.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}
