import { Button, Card, Code, CopyButton, Group, Skeleton, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../../components/query-error';
import { type CrmForm, embedQuery } from './tools-api';

/** The HTML snippet for a website (from the hub, for the saved form) with a copy button. */
export function FormEmbed({ form }: { form: CrmForm }) {
  const q = useQuery(embedQuery(form.id, form.updatedAt));
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Embed on your website
        </Title>
        {q.data && (
          <CopyButton value={q.data}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant={copied ? 'filled' : 'light'}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy snippet'}
              </Button>
            )}
          </CopyButton>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Paste this where the form should appear. It has no dependencies and posts to{' '}
        <Code>{form.submitUrl}</Code>. The snippet reflects the saved form: save your changes first.
      </Text>
      {q.isPending ? (
        <Skeleton height={160} />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Code block mah={260} style={{ overflow: 'auto' }} data-testid="embed-snippet">
          {q.data}
        </Code>
      )}
    </Card>
  );
}
