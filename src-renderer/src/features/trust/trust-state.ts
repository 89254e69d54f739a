/**
 * The trust area's slices as one, so the app store adds them with a single entry: badges,
 * reports and DCT plans, settings, and signing.
 */
import type { SliceCreator } from '../../store/app-state.js';
import { createTrustBadgesSlice, type TrustBadgesSlice } from './trust-badges-slice.js';
import { createTrustReportsSlice, type TrustReportsSlice } from './trust-reports-slice.js';
import { createTrustSettingsSlice, type TrustSettingsSlice } from './trust-settings-slice.js';
import { createTrustSignSlice, type TrustSignSlice } from './trust-sign-slice.js';

export type TrustState = TrustBadgesSlice & TrustReportsSlice & TrustSettingsSlice & TrustSignSlice;

export const createTrustState: SliceCreator<TrustState> = (set, get, client) => ({
  ...createTrustBadgesSlice(set, get, client),
  ...createTrustReportsSlice(set, get, client),
  ...createTrustSettingsSlice(set, get, client),
  ...createTrustSignSlice(set, get, client),
});
