import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { formatBytes } from './lib/measure.js';

/** What the renderer costs to load: raw and gzip bytes of the built JS and CSS. */
const assets = resolve(import.meta.dirname, '../out/renderer/assets');

export async function run() {
  let names;
  try {
    names = readdirSync(assets).filter((name) => name.endsWith('.js') || name.endsWith('.css'));
  } catch {
    throw new Error(`${assets} is missing: build first (npx electron-vite build)`);
  }
  const totals = { js: { raw: 0, gzip: 0 }, css: { raw: 0, gzip: 0 } };
  for (const name of names.sort()) {
    const bytes = readFileSync(join(assets, name));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const total = totals[name.endsWith('.js') ? 'js' : 'css'];
    total.raw += bytes.length;
    total.gzip += gzip;
    console.log(`  ${name}: ${formatBytes(bytes.length)} raw, ${formatBytes(gzip)} gzip`);
  }
  const line = (kind) => `${kind} ${formatBytes(totals[kind].raw)} (${formatBytes(totals[kind].gzip)} gzip)`;
  const all = { raw: totals.js.raw + totals.css.raw, gzip: totals.js.gzip + totals.css.gzip };
  const result = `${line('js')}, ${line('css')}, total ${formatBytes(all.raw)} (${formatBytes(all.gzip)} gzip)`;
  console.log(`renderer bundle: ${result}`);
  return { name: 'renderer bundle', result };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
