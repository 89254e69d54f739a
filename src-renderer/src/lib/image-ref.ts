/**
 * Splitting the references an engine reports (`repoTags`, `repoDigests`) for display.
 * They are already normalized by the engine, so no defaults are guessed here.
 */

export const NONE = '<none>';

/** `localhost:5000/app:v1` → repository `localhost:5000/app`, tag `v1`: the tag is after the last `:` past the last `/`. */
export function splitRepoTag(ref: string): { repository: string; tag: string } {
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repository: ref, tag: NONE };
}

/** `app@sha256:…` → `app`. */
export function digestRepository(ref: string): string {
  const at = ref.indexOf('@');
  return at === -1 ? ref : ref.slice(0, at);
}

/** Old engines report `<none>:<none>` and `<none>@<none>` for untagged images: they mean "nothing". */
export function isPlaceholderRef(ref: string): boolean {
  return ref.startsWith(`${NONE}:`) || ref.startsWith(`${NONE}@`);
}
