import { Tooltip } from '@mantine/core';
import type { SignatureKind, TrustStatus } from '../../../../src-main/core/trust/types.js';
import classes from './Trust.module.css';
import { TrustStatusIcon } from './TrustStatusIcon.js';
import { badgeTooltip, STATUS_LABELS } from './trust-words.js';

/**
 * A trust status as a small shield and word: green when verified, red when invalid, orange when it
 * could not be checked, calm grey when signed, dim when unsigned. The tooltip names the kinds.
 */
export function TrustBadgeView({
  status,
  kinds,
  reason,
  testId = 'trust-badge',
  reference,
}: {
  status: TrustStatus;
  kinds: readonly SignatureKind[];
  /** Replaces the tooltip's sentence (why it could not be checked). */
  reason?: string;
  testId?: string;
  reference?: string;
}) {
  return (
    <Tooltip label={reason ?? badgeTooltip(status, kinds)} multiline maw={300}>
      <span
        className={classes.badge}
        data-status={status}
        data-kinds={kinds.join(' ')}
        data-testid={testId}
        data-reference={reference}
      >
        <TrustStatusIcon status={status} size={13} />
        {STATUS_LABELS[status]}
      </span>
    </Tooltip>
  );
}
