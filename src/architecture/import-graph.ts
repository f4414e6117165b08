import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/** A source file and the module specifiers it imports (value, type-only, re-export, require, import()). */
export interface SourceFile {
  /** Path from the repository root, with forward slashes: `src/auth/auth.guard.ts`. */
  path: string;
  imports: string[];
}

/** One import from a file in one top-level folder of src/ into another (or into the root files). */
export interface FolderEdge {
  file: string;
  specifier: string;
  from: string;
  to: string;
}

/** The name used for the files directly in src/ (main.ts, app.module.ts, …): the composition root. */
export const ROOT = '(root)';

/** Every `.ts` file under `src/` of the repository at `repoRoot`, with its import specifiers. */
export function readSourceFiles(repoRoot: string): SourceFile[] {
  const srcDir = join(repoRoot, 'src');
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .sort();
  return files.map((name) => {
    const imports = importSpecifiers(readFileSync(join(srcDir, name), 'utf8'));
    return { path: posix.join('src', ...name.split(/[\\/]/)), imports };
  });
}

/** The module specifiers of a TypeScript text: imports (type-only too), re-exports, `require()`, `import()`. */
export function importSpecifiers(text: string): string[] {
  // preProcessFile scans without type checking and lists every import form.
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The edges that cross from one folder of src/ into another; package and same-folder imports are left out. */
export function folderEdges(files: SourceFile[]): FolderEdge[] {
  const folders = new Set(
    files
      .map((f) => f.path.split('/'))
      .filter((s) => s.length > 2)
      .map((s) => s[1]),
  );
  const folderOf = (srcPath: string): string => {
    const [first, ...rest] = srcPath.split('/');
    return rest.length > 0 || folders.has(first) ? first : ROOT;
  };
  const edges: FolderEdge[] = [];
  for (const file of files) {
    const from = folderOf(file.path.slice('src/'.length));
    for (const specifier of file.imports) {
      const target = resolveInSrc(file.path, specifier);
      if (target === undefined) continue;
      const to = folderOf(target);
      if (to !== from) edges.push({ file: file.path, specifier, from, to });
    }
  }
  return edges;
}

/** `@/x/y` or a relative specifier as a path inside src/ (`x/y`); undefined for packages and paths outside src/. */
function resolveInSrc(importer: string, specifier: string): string | undefined {
  let resolved: string;
  if (specifier.startsWith('@/')) resolved = posix.join('src', specifier.slice(2));
  else if (specifier.startsWith('.')) resolved = posix.join(posix.dirname(importer), specifier);
  else return undefined;
  const inSrc = posix.relative('src', resolved);
  if (inSrc === '' || inSrc.startsWith('..')) return undefined;
  return inSrc;
}
