import { Alert, Button, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import type { CreatedApiKey } from './identity-api';

/** The secret of a key just created: the only time anyone sees it. */
export function ApiKeySecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  return (
    <Stack>
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle aria-hidden />}
        title="Copy this key now: it will not be shown again"
      >
        Store it where the program that uses it can read it (an environment variable, a secrets manager). If
        it is lost, revoke it and create a new one.
      </Alert>
      <Text size="sm">
        <strong>{created.name}</strong> – send it as <Code>Authorization: Bearer &lt;key&gt;</Code>.
      </Text>
      <Group gap="xs" wrap="nowrap" align="stretch">
        <Code
          block
          data-testid="api-key-secret"
          style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap', userSelect: 'all' }}
        >
          {created.key}
        </Code>
        <CopyButton value={created.key} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy the key'} withArrow>
              <Button
                onClick={copy}
                color={copied ? 'teal' : undefined}
                variant="light"
                leftSection={
                  copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                }
                aria-label="Copy the key"
                h="auto"
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Group justify="flex-end">
        <Button onClick={onDone}>I have stored the key</Button>
      </Group>
    </Stack>
  );
}
