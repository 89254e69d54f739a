import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '..', '..', 'src-main', 'core');

/**
 * Every module a file names: static imports and exports (type-only ones too), `import()`,
 * `require()`. TypeScript's own pre-processor finds them, so no regex can be fooled by layout.
 */
function importedModules(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((file) => file.fileName);
}

const isElectron = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('src-main/core', () => {
  it('sees every way of importing electron', () => {
    const samples = [
      "import { app } from 'electron';",
      'import type { WebContents } from "electron";',
      "import 'electron';",
      "export { shell } from 'electron/main';",
      "const e = require('electron');",
      "const e = await import('electron');",
    ];
    for (const sample of samples) expect(importedModules(sample).some(isElectron), sample).toBe(true);
    expect(importedModules("import x from 'electron-store-like';").some(isElectron)).toBe(false);
  });

  it('imports nothing from electron: it must run in tests, the CLI and browser mode', async () => {
    const files = await sourceFiles(CORE);
    expect(files.length).toBeGreaterThan(5);
    const offenders: string[] = [];
    for (const file of files) {
      const modules = importedModules(await readFile(file, 'utf8'));
      for (const specifier of modules.filter(isElectron))
        offenders.push(`${relative(CORE, file)}: ${specifier}`);
    }
    expect(offenders).toEqual([]);
  });
});
