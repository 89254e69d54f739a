import * as bundleSize from './bundle-size.js';
import * as cliStartup from './cli-startup.js';
import * as imagesList from './images-list.js';
import * as layersList from './layers-list.js';
import * as registryCatalog from './registry-catalog.js';
import * as registryCopy from './registry-copy.js';
import * as registryFilterUi from './registry-filter-ui.js';
import * as registryInspect from './registry-inspect.js';
import * as registryPush from './registry-push.js';

/** Runs every bench in turn, then prints one table; a failed bench fails the run but not the others. */
const benches = [
  ['bundle-size', bundleSize],
  ['cli-startup', cliStartup],
  ['images-list', imagesList],
  ['registry-catalog', registryCatalog],
  ['registry-inspect', registryInspect],
  ['registry-filter-ui', registryFilterUi],
  ['registry-copy', registryCopy],
  ['registry-push', registryPush],
  ['layers-list', layersList],
];

const rows = [];
for (const [file, bench] of benches) {
  console.log(`\n== ${file}`);
  try {
    rows.push(await bench.run());
  } catch (error) {
    console.error(`${file} failed: ${error instanceof Error ? error.message : error}`);
    rows.push({ name: file, result: 'FAILED' });
    process.exitCode = 1;
  }
}

const width = Math.max(...rows.map((row) => row.name.length));
console.log('\n== summary');
for (const row of rows) console.log(`${row.name.padEnd(width)}  ${row.result}`);
