import { StevedoreError } from '../errors.js';

export type LayerErrorCode =
  /** The bytes are not a tar (bad header checksum, malformed numbers) or not the compression they claim. */
  | 'LAYER_CORRUPT'
  /** The layer ends in the middle of a header or of a file. */
  | 'LAYER_TRUNCATED'
  /** An entry or hard-link target escapes the layer's root: `../`, or an absolute name. */
  | 'LAYER_UNSAFE_PATH'
  /** Past a limit: expands too much (a decompression bomb), too many entries, an oversized header. */
  | 'LAYER_TOO_LARGE'
  /** A layer we cannot read: an unknown compression, a zstd window too large, a foreign layer not served. */
  | 'LAYER_UNSUPPORTED'
  /** No such layer in the image, or no such file in the layer or the image. */
  | 'NOT_FOUND';

/**
 * What reading a layer refuses. Registry and engine failures keep their own errors (RegistryError,
 * EngineError) and cancelling is a CancelledError: this class is about the layer's bytes and names.
 */
export class LayerError extends StevedoreError {
  declare readonly code: LayerErrorCode;
  constructor(code: LayerErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(code, message, details, options);
  }
}

/** Starts a sentence with the name of a layer (`the layer sha256:…` → `The layer sha256:…`). */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
