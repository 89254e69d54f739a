// Electronegativity over the Electron shell (src-main/electron). Fails on any HIGH or MEDIUM finding.
//
// The tool lives in this folder with a lock of its own (it pins ESLint 7 and TypeScript 4.2) and
// is installed on first use. It always exits 0, and its SARIF carries no severity (every result
// is a "warning" or a "note"), so it is run as a library: the findings come back with their
// severity, and the SARIF is still written to out/electronegativity.sarif for code scanning.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const input = join(root, 'src-main', 'electron');
const sarif = join(root, 'out', 'electronegativity.sarif');
const ELECTRON_VERSION = '45.5.0';
const FAILING = new Set(['HIGH', 'MEDIUM']);

if (!existsSync(join(here, 'node_modules', '@doyensec', 'electronegativity'))) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--prefix', here, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

const run = createRequire(join(here, 'package.json'))('@doyensec/electronegativity');
mkdirSync(dirname(sarif), { recursive: true });

const result = await run(
  {
    input,
    output: sarif,
    isSarif: true,
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: ELECTRON_VERSION,
    parserPlugins: [],
  },
  false,
);

for (const error of result.errors) {
  console.error(`electronegativity could not parse ${error.file}: ${error.message}`);
}
for (const issue of result.issues) {
  const where = `src-main/electron/${issue.file}:${issue.location.line}:${issue.location.column}`;
  const review = issue.manualReview ? ' (review)' : '';
  console.log(`${issue.severity.name.padEnd(13)} ${issue.id}${review}  ${where}  ${issue.description}`);
}

const failing = result.issues.filter((issue) => FAILING.has(issue.severity.name));
const unparsed = result.errors.filter((error) => !error.tolerable);
console.log(
  `electronegativity ${ELECTRON_VERSION}: ${result.atomicChecks} atomic and ${result.globalChecks} global checks, ` +
    `${result.issues.length} findings, ${failing.length} high or medium; SARIF in ${sarif}`,
);
// The SARIF is written asynchronously by the tool; make sure it landed and is JSON.
await waitForSarif();
process.exitCode = failing.length > 0 || unparsed.length > 0 ? 1 : 0;

async function waitForSarif() {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const parsed = JSON.parse(readFileSync(sarif, 'utf8'));
      if (parsed.runs?.[0]?.results?.length === result.issues.length) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.error(`electronegativity: ${sarif} was not written`);
  process.exitCode = 1;
}
