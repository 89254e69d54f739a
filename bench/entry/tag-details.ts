/**
 * Bench-only entry (bundled by bench/lib/bundle-entry.js): the app's tag table work, in one
 * process. Lists every tag of a repository, then resolves all of them with core's `tagDetails`
 * (manifest + config per tag) at the given concurrency, through a registry session opened from
 * the environment as the CLI opens one. Prints the timings as JSON on stdout.
 *
 * Usage: node tag-details.js <registry host> <repository> <concurrency>
 */
import { openRegistrySession } from '../../src-main/core/registry/open-session.js';
import { tagDetails } from '../../src-main/core/registry/tag-details.js';

const [host, repo, concurrencyText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
if (!host || !repo || !Number.isInteger(concurrency) || concurrency < 1) {
  throw new Error('usage: node tag-details.js <registry host> <repository> <concurrency>');
}

const session = await openRegistrySession({ env: process.env });
try {
  const client = session.client(host);
  const listing = process.hrtime.bigint();
  const { tags } = await client.tagList(repo);
  const inspecting = process.hrtime.bigint();
  const details = await tagDetails(client, repo, tags, { concurrency });
  const done = process.hrtime.bigint();
  process.stdout.write(
    `${JSON.stringify({
      tags: tags.length,
      inspected: details.length,
      // Every config read: a tag without `created` would mean its config was never fetched.
      withCreated: details.filter((detail) => detail.created !== null).length,
      listMs: Number(inspecting - listing) / 1e6,
      inspectMs: Number(done - inspecting) / 1e6,
    })}\n`,
  );
} finally {
  await session.close();
}
