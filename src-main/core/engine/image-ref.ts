import {
  DEFAULT_TAG,
  type ImageRef,
  InvalidReferenceError,
  parseReference,
  refFamiliar,
} from '../reference/index.js';
import { EngineError } from './errors.js';

/** A full image id, with or without its algorithm (the reference grammar refuses a bare 64-hex name). */
const IMAGE_ID = /^(sha256:)?[a-f0-9]{64}$/;

/**
 * An image as the engine names it: an id, a short id, `name[:tag]` or `name@digest`.
 * Checked before it goes into a request path, where anything else could change the request.
 */
export function checkImageArgument(image: string): string {
  const text = image.trim();
  if (!IMAGE_ID.test(text)) parse(text, 'image id or reference');
  return text;
}

/** Splits a `docker tag` target into repository and tag; the tag defaults to `latest`. */
export function parseTagTarget(target: string): { repo: string; tag: string } {
  const ref = parse(target.trim(), 'tag');
  if (ref.digest !== null) {
    throw new EngineError(
      'INVALID_REFERENCE',
      `"${target}" has a digest: a tag target is repository[:tag].`,
      {
        input: target,
      },
    );
  }
  return { repo: refFamiliar(ref), tag: ref.tag ?? DEFAULT_TAG };
}

function parse(text: string, what: string): ImageRef {
  try {
    return parseReference(text);
  } catch (error) {
    if (!(error instanceof InvalidReferenceError)) throw error;
    throw new EngineError(
      'INVALID_REFERENCE',
      `"${text}" is not a valid ${what}: ${error.message}.`,
      error.details,
      {
        cause: error,
      },
    );
  }
}
