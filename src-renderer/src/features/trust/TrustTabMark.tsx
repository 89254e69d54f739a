import { useApp } from '../../store/context.js';
import { TrustStatusIcon } from './TrustStatusIcon.js';
import { STATUS_COLORS, STATUS_LABELS } from './trust-words.js';

/**
 * The Trust tab's status at a glance, from its report or the tag list's badge, whichever is known:
 * a small coloured shield beside the tab's name. Nothing until one of them is.
 */
export function TrustTabMark({ reference }: { reference: string }) {
  const status = useApp((s) => {
    const report = s.trustReports[reference];
    if (report && report.state !== 'failed' && report.value) return report.value.status;
    const badge = s.trustBadges[reference];
    return badge && 'badge' in badge ? badge.badge.status : undefined;
  });
  if (!status) return null;
  const color =
    status === 'signed' || status === 'unsigned'
      ? 'var(--mantine-color-dimmed)'
      : `var(--mantine-color-${STATUS_COLORS[status]}-text)`;
  return (
    <span
      title={STATUS_LABELS[status]}
      data-testid="trust-tab-mark"
      data-status={status}
      style={{ display: 'flex', color }}
    >
      <TrustStatusIcon status={status} size={13} />
    </span>
  );
}
