import { Badge, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { ENTITY_LABELS, EXTERNAL_ID, type TargetOption } from './import-fields';
import type { LoadedCsv } from './import-upload';
import type { ImportEntity } from './tools-api';

/** What the import will do, before it starts. */
export function ImportReview({
  entity,
  file,
  mapping,
  options,
  into,
}: {
  entity: ImportEntity;
  file: LoadedCsv;
  mapping: Record<string, string>;
  options: TargetOption[];
  /** Deals: the name of the pipeline they go into. */
  into?: string;
}) {
  const label = (t: string) => options.find((o) => o.value === t)?.label ?? t;
  const mapped = file.header.filter((h) => h && mapping[h]);
  const skipped = file.header.filter((h) => !h || !mapping[h]);
  const external = mapped.find((h) => mapping[h] === EXTERNAL_ID);
  return (
    <Stack gap="md" data-testid="import-review">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Records
          </Text>
          <Text fw={600}>
            {ENTITY_LABELS[entity].many}
            {into ? ` into ${into}` : ''}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            File
          </Text>
          <Text fw={600}>{file.filename}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Rows
          </Text>
          <Text fw={600}>{file.rows.toLocaleString()}</Text>
        </div>
      </SimpleGrid>
      <div>
        <Text fw={600} mb={4}>
          {mapped.length} columns imported
        </Text>
        <List size="sm" spacing={2}>
          {mapped.map((h) => (
            <List.Item key={h}>
              {h} → <b>{label(mapping[h]!)}</b>
            </List.Item>
          ))}
        </List>
      </div>
      {skipped.length > 0 && (
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            Not imported:
          </Text>
          {skipped.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are identified by position (names may repeat)
            <Badge key={`${i}-${h}`} variant="outline" color="gray" tt="none">
              {h || '(no name)'}
            </Badge>
          ))}
        </Group>
      )}
      <Text size="sm" c="dimmed">
        {external
          ? `Rows whose ${external} matches a record imported before update it; the others create new ${ENTITY_LABELS[entity].many}.`
          : `Every row creates a new ${ENTITY_LABELS[entity].one}. Rows with bad values are skipped and listed with their line number.`}
      </Text>
    </Stack>
  );
}
