import { useCallback } from 'react';
import { useAppStore } from '../../store/context.js';
import { digestReferenceOf } from './trust-reference.js';

/**
 * Opens the sign dialog for a tag. The digest its trust report resolved is signed when known, so
 * the signature covers what the user looked at even if the tag moves meanwhile.
 */
export function useSignTag(reference: string): () => void {
  const store = useAppStore();
  return useCallback(() => {
    const state = store.getState();
    const entry = state.trustReports[reference];
    const digest = entry && entry.state !== 'failed' ? entry.value?.digest : undefined;
    state.openSignDialog({
      reference: digest ? digestReferenceOf(reference, digest) : reference,
      label: reference,
    });
  }, [store, reference]);
}
