import { Alert, Button, DataList, Group, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import type { PushPlan } from '../../../../src-main/ipc/contract.js';
import { CopyableMono, Item } from '../../ui/DetailParts.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconLogin } from '../../ui/icons.js';
import { registryErrorTitle } from '../registries/registry-errors.js';
import { PlanLayers } from './PlanLayers.js';
import {
  accessTone,
  accessWords,
  layersWords,
  remoteTone,
  remoteWords,
  type Tone,
  wantsLogin,
} from './plan-words.js';
import type { PlanState } from './use-push-plan.js';

const toneColor: Record<Tone, string | undefined> = {
  ok: 'teal',
  warning: 'orange',
  error: 'red',
  neutral: undefined,
};

function Answer({ plan, onLogin }: { plan: PushPlan; onLogin: (() => void) | undefined }) {
  const { access, remote } = plan;
  if (access.state === 'unreachable') {
    return (
      <Alert
        color="red"
        variant="light"
        title={registryErrorTitle(access.code)}
        data-testid="plan-unreachable"
        data-code={access.code}
      >
        {access.message}
      </Alert>
    );
  }
  return (
    <Stack gap="xs">
      <DataList size="xs" gap={6} labelWidth={70}>
        <Item label="Access">
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text
              fz="xs"
              c={toneColor[accessTone(access)]}
              data-testid="plan-access"
              data-state={access.state}
            >
              {accessWords(access)}
            </Text>
            {wantsLogin(access) && onLogin && (
              <Button
                size="compact-xs"
                leftSection={<IconLogin size={12} />}
                onClick={onLogin}
                data-testid="plan-login"
              >
                Log in…
              </Button>
            )}
          </Group>
        </Item>
        <Item label="Tag">
          <Stack gap={2} data-testid="plan-remote" data-state={remote.state}>
            <Text fz="xs" c={toneColor[remoteTone(remote)]}>
              {remoteWords(remote)}
            </Text>
            {remote.state === 'different' && (
              <CopyableMono
                value={remote.digest}
                copy="Copy the digest the tag names now"
                testId="plan-remote-digest"
              />
            )}
          </Stack>
        </Item>
        <Item label="Layers">
          <Text fz="xs" data-testid="plan-layers-summary">
            {layersWords(plan.layers)}
          </Text>
        </Item>
      </DataList>
      {plan.layers.length > 0 && (
        <ScrollArea.Autosize mah={190} type="auto">
          <PlanLayers layers={plan.layers} />
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

/**
 * The pre-check under the fields: the answer for the target typed, or why there is none.
 * `onLogin` offers "Log in…" where the answer says a login is missing or refused.
 */
export function PushPlanView({ plan, onLogin }: { plan: PlanState; onLogin: (() => void) | undefined }) {
  if (plan.state === 'idle') return null;
  const shown = plan.state === 'ready' ? plan.plan : plan.state === 'checking' ? plan.last : undefined;
  return (
    <Stack gap={6} data-testid="push-plan" data-state={plan.state} data-target={plan.target}>
      <Group gap={6} h={18}>
        <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
          Pre-check
        </Text>
        {plan.state === 'checking' && <Loader size={12} data-testid="plan-checking" />}
      </Group>
      {plan.state === 'failed' && (
        <ErrorAlert titleOf={registryErrorTitle} error={plan.error} testId="plan-error" />
      )}
      {shown && (
        <div style={{ opacity: plan.state === 'checking' ? 0.55 : 1, transition: 'opacity 150ms' }}>
          <Answer plan={shown} onLogin={onLogin} />
        </div>
      )}
    </Stack>
  );
}
