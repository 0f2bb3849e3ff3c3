import { Alert, Badge, Select, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { EXTERNAL_ID, type TargetOption } from './import-fields';
import { ImportNewField } from './import-new-field';
import type { LoadedCsv } from './import-upload';
import type { ImportEntity } from './tools-api';

const SKIP_VALUE = '__skip';
const NEW_FIELD = '__new';

/** One row per column of the file: its sample values and the field it goes to (or not at all). */
export function ImportMapping({
  entity,
  file,
  options,
  mapping,
  onChange,
}: {
  entity: ImportEntity;
  file: LoadedCsv;
  options: TargetOption[];
  mapping: Record<string, string>;
  onChange: (m: Record<string, string>) => void;
}) {
  const groups = [...new Set(options.map((o) => o.group))];
  const data = [
    { group: 'Skip', items: [{ value: SKIP_VALUE, label: "Don't import" }] },
    ...groups.map((g) => ({
      group: g,
      items: options.filter((o) => o.group === g).map(({ value, label }) => ({ value, label })),
    })),
    { group: 'New', items: [{ value: NEW_FIELD, label: '+ New custom field…' }] },
  ];
  const [creatingFor, setCreatingFor] = useState<string | null>(null);
  const external = Object.entries(mapping).find(([, t]) => t === EXTERNAL_ID)?.[0];
  return (
    <>
      <Alert variant="light" icon={<IconInfoCircle aria-hidden />} mb="md">
        {external ? (
          <>
            Rows are matched on <b>{external}</b>: a row whose external ID was imported before updates that
            record (only the mapped fields) instead of creating a new one.
          </>
        ) : (
          <>
            Tip: map your system's ID column to <b>External ID</b> to update these records when you import the
            same file again, instead of creating duplicates.
          </>
        )}
      </Alert>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" aria-label="Column mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Column in your file</Table.Th>
              <Table.Th>Sample values</Table.Th>
              <Table.Th w={300}>Import as</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {file.header.map((h, i) => {
              const target = mapping[h] || SKIP_VALUE;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are identified by position (names may repeat)
                <Table.Tr key={`${i}-${h}`} opacity={target === SKIP_VALUE ? 0.65 : 1}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {h || <i>(no name)</i>}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" lineClamp={2} maw={320}>
                      {file.samples[i]?.join(' · ') || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {h ? (
                      <Select
                        aria-label={`Import ${h} as`}
                        data={data}
                        value={target}
                        searchable
                        allowDeselect={false}
                        maxDropdownHeight={320}
                        comboboxProps={{ withinPortal: true }}
                        onChange={(v) =>
                          v === NEW_FIELD
                            ? setCreatingFor(h)
                            : onChange({ ...mapping, [h]: !v || v === SKIP_VALUE ? '' : v })
                        }
                      />
                    ) : (
                      <Badge variant="light" color="gray">
                        skipped: no header
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {creatingFor !== null && (
        <ImportNewField
          entity={entity}
          column={creatingFor}
          onClose={() => setCreatingFor(null)}
          onCreated={(target) => {
            onChange({ ...mapping, [creatingFor]: target });
            setCreatingFor(null);
          }}
        />
      )}
    </>
  );
}
