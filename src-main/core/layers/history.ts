import type { HistoryEntry } from '../engine/types.js';
import type { HistoryStep } from '../oci/config.js';
import type { HistoryRecord } from './types.js';

/** A config's history as records, oldest first. */
export function historyRecords(steps: readonly HistoryStep[]): HistoryRecord[] {
  return steps.map((step) => ({
    created: step.created ?? null,
    createdBy: step.createdBy ?? null,
    emptyLayer: step.emptyLayer,
    comment: step.comment ?? null,
  }));
}

/**
 * For each layer (base first), the index of the history step that made it: steps marked
 * `empty_layer` made none, the others made the layers in order. When the counts disagree
 * (squashed or hand-made images) a pairing would lie, so every layer gets null.
 */
export function alignHistory(history: readonly HistoryRecord[], layerCount: number): (number | null)[] {
  const owners: number[] = [];
  history.forEach((step, index) => {
    if (!step.emptyLayer) owners.push(index);
  });
  return owners.length === layerCount ? owners : Array.from({ length: layerCount }, () => null);
}

/** Build steps that only change metadata: they never make a layer. */
const METADATA_INSTRUCTIONS = new Set([
  'ARG',
  'CMD',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
]);

/**
 * The engine's history API (GET /images/{name}/history) has no `empty_layer`: it gives each step
 * the size of its layer, 0 for steps without one — and for layers that add no bytes. So a step
 * with bytes made a layer; when that accounts for fewer layers than the image has, the zero-byte
 * steps whose instruction can make a layer (RUN, COPY, ADD, WORKDIR…) are taken, in order, if
 * exactly as many are needed. Otherwise the pairing is unknown and every step is marked as
 * unpaired (emptyLayer false, no owner). `entries` come newest first, as the engine sends them.
 */
export function engineHistory(
  entries: readonly HistoryEntry[],
  layerCount: number,
): { history: HistoryRecord[]; owners: (number | null)[] } {
  const steps = [...entries].reverse();
  const withBytes = steps.flatMap((step, index) => (step.size > 0 ? [index] : []));
  let owners: number[] | null = null;
  if (steps.length === layerCount) owners = steps.map((_, index) => index);
  else if (withBytes.length === layerCount) owners = withBytes;
  else if (withBytes.length < layerCount) {
    const layerMaking = steps.flatMap((step, index) =>
      step.size > 0 || !METADATA_INSTRUCTIONS.has(instructionOf(step.createdBy)) ? [index] : [],
    );
    if (layerMaking.length === layerCount) owners = layerMaking;
  }
  const owned = new Set(owners ?? []);
  const history = steps.map((step, index) => ({
    created: step.created || null,
    createdBy: step.createdBy || null,
    emptyLayer: owners !== null && !owned.has(index),
    comment: step.comment || null,
  }));
  return { history, owners: owners ?? Array.from({ length: layerCount }, () => null) };
}

/**
 * The Dockerfile instruction a step ran: `ENV A=b` (BuildKit), `/bin/sh -c #(nop)  CMD ["x"]`
 * (the classic builder), `/bin/sh -c apt-get …` (a classic RUN).
 */
export function instructionOf(createdBy: string): string {
  const text = createdBy.trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s+(\S+)/.exec(text);
  if (nop) return (nop[1] as string).toUpperCase();
  if (text.startsWith('/bin/sh -c ')) return 'RUN';
  return (/^\S+/.exec(text)?.[0] ?? '').toUpperCase();
}
