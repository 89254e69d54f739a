import { Box, Code, Collapse, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { Fragment, useMemo, useState } from 'react';
import { type CertificateFacts, certificateFacts } from '../../lib/certificate-facts.js';
import { formatExactTime } from '../../lib/format.js';
import { CopyValue } from '../../ui/CopyValue.js';
import { IconArrowRight, IconChevronDown } from '../../ui/icons.js';
import classes from './Trust.module.css';

function roleOf(index: number, count: number, facts: CertificateFacts | null): string {
  if (index === 0) return 'Signing certificate';
  if (index === count - 1 && facts?.selfSigned) return 'Root CA';
  return 'Intermediate CA';
}

function CertificateNode({ pem, role }: { pem: string; role: string }) {
  const facts = useMemo(() => certificateFacts(pem), [pem]);
  const expired = facts?.notAfter ? Date.parse(facts.notAfter) < Date.now() : false;
  return (
    <Box className={classes.node} data-tone={expired ? 'bad' : undefined} data-testid="chain-node" maw={260}>
      <Text fz={10} c="dimmed" tt="uppercase" fw={600}>
        {role}
      </Text>
      <Text fz="xs" fw={600} truncate title={facts?.subject}>
        {facts?.commonName ?? 'unreadable certificate'}
      </Text>
      {facts?.notAfter && (
        <Text fz={11} c={expired ? 'red' : 'dimmed'}>
          {expired ? 'expired' : 'valid until'} {formatExactTime(facts.notAfter).slice(0, 10)}
        </Text>
      )}
    </Box>
  );
}

/** Where a chain that stops short of a root leads: the anchor must be in the user's trust settings. */
function AnchorNode({ issuer, verified }: { issuer: string; verified: boolean }) {
  return (
    <Box
      className={classes.node}
      data-tone={verified ? 'ok' : 'warn'}
      style={{ borderStyle: 'dashed' }}
      maw={260}
    >
      <Text fz={10} c="dimmed" tt="uppercase" fw={600}>
        Trust anchor
      </Text>
      <Text fz="xs" fw={600} truncate title={issuer}>
        {issuer}
      </Text>
      <Text fz={11} c="dimmed">
        {verified ? 'from your trust settings' : 'not in your trust settings'}
      </Text>
    </Box>
  );
}

/**
 * A certificate chain as a picture (signing certificate → intermediates → root or the trust anchor
 * it ends at), with every certificate's PEM behind a toggle, copyable.
 */
export function CertificateChain({ chain, verified }: { chain: readonly string[]; verified: boolean }) {
  const [open, setOpen] = useState(false);
  const last = useMemo(() => certificateFacts(chain.at(-1) ?? ''), [chain]);
  const endsAtRoot = last?.selfSigned ?? false;
  const issuerName = last?.issuer.match(/CN=([^,]+)/)?.[1] ?? last?.issuer ?? 'unknown issuer';
  return (
    <Stack gap={6} data-testid="certificate-chain" data-length={chain.length}>
      <div className={classes.chain}>
        {chain.map((pem, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a chain is shown whole; a certificate may repeat.
          <Fragment key={index}>
            {index > 0 && (
              <span className={classes.arrow} title="issued by">
                <IconArrowRight size={14} />
              </span>
            )}
            <CertificateNode
              pem={pem}
              role={roleOf(index, chain.length, index === chain.length - 1 ? last : null)}
            />
          </Fragment>
        ))}
        {!endsAtRoot && last && (
          <>
            <span className={classes.arrow} title="issued by">
              <IconArrowRight size={14} />
            </span>
            <AnchorNode issuer={issuerName} verified={verified} />
          </>
        )}
      </div>
      <UnstyledButton
        fz="xs"
        c="dimmed"
        aria-expanded={open}
        onClick={() => setOpen((shown) => !shown)}
        data-testid="chain-toggle"
        style={{ display: 'flex', alignItems: 'center', gap: 2, alignSelf: 'flex-start' }}
      >
        {open ? 'Hide' : 'Show'} PEM
        <IconChevronDown size={12} style={{ transform: open ? 'rotate(180deg)' : undefined }} />
      </UnstyledButton>
      <Collapse expanded={open}>
        <Stack gap={6}>
          {chain.map((pem, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <Group key={index} gap={4} wrap="nowrap" align="flex-start">
              <Code
                block
                fz={10}
                style={{ flex: 1, maxHeight: 160, overflow: 'auto' }}
                data-testid="chain-pem"
              >
                {pem.trim()}
              </Code>
              <CopyValue value={pem} label="Copy PEM" />
            </Group>
          ))}
        </Stack>
      </Collapse>
    </Stack>
  );
}
