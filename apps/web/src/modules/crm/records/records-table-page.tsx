import { Button, Card, Checkbox, Group, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowDown,
  IconArrowUp,
  IconDownload,
  IconPlus,
  IconSearch,
  IconSelector,
} from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../../../api/errors';
import { useCan } from '../../../auth/session';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { TableSkeleton } from '../../../components/table-skeleton';
import { BulkActions } from './bulk-actions';
import { CreateRecordDialog } from './create-record-dialog';
import { type CrmRecord, PLURAL, personName, type TableEntity, useMembers } from './crm-api';
import { fieldValue, NAME_SORT } from './entity-fields';
import { FilterBar } from './filter-bar';
import { exportCsv } from './list-api';
import { FieldCell } from './record-cells';
import { RecordLink } from './record-link';
import { useRecordList } from './use-record-list';
import { ViewsBar } from './views-bar';

function recordName(entity: TableEntity, r: CrmRecord): string {
  if (entity === 'company') return (r as { name: string }).name;
  const p = r as { firstName: string; lastName: string; email?: string | null; emails?: string[] };
  return personName(p, p.email ?? p.emails?.[0] ?? 'Unnamed');
}

function SortHeader({
  label,
  field,
  sort,
  onSort,
}: {
  label: string;
  field?: string;
  sort: string;
  onSort: (f: string) => void;
}) {
  if (!field) return <Table.Th>{label}</Table.Th>;
  const dir = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  const Icon = dir === 'ascending' ? IconArrowUp : dir === 'descending' ? IconArrowDown : IconSelector;
  return (
    <Table.Th aria-sort={dir}>
      <UnstyledButton onClick={() => onSort(field)} aria-label={`Sort by ${label}`}>
        <Group gap={4} wrap="nowrap">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/** A CRM table: search, filters, saved views, sortable columns, load more, multi-select, bulk, export. */
export function RecordsTablePage({
  entity,
  title,
  description,
  icon,
}: {
  entity: TableEntity;
  title: string;
  description: string;
  icon: React.ReactNode;
}) {
  const list = useRecordList(entity);
  const members = useMembers();
  const canWrite = useCan('crm:write');
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [exporting, setExporting] = useState(false);
  const shown = list.fields.filter((f) => list.columns.includes(f.key));
  const rows = list.rows;
  const allSelected = rows.length > 0 && rows.every((r) => selected.includes(r.id));

  const download = async () => {
    setExporting(true);
    try {
      await exportCsv(entity, list.params);
    } catch (err) {
      notifications.show({ message: errorMessage(err), color: 'red' });
    } finally {
      setExporting(false);
    }
  };
  const newButton = canWrite && (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      {`New ${entity}`}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              onClick={download}
              loading={exporting}
            >
              Export CSV
            </Button>
            {newButton}
          </>
        }
      />
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <TextInput
              aria-label={`Search ${PLURAL[entity]}`}
              placeholder={`Search ${PLURAL[entity]}…`}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={list.q}
              onChange={(e) => list.setQ(e.currentTarget.value)}
              w={{ base: '100%', sm: 280 }}
            />
            <ViewsBar entity={entity} list={list} />
          </Group>
          <FilterBar
            fields={list.fields}
            conds={list.conds}
            onChange={list.setConds}
            valueLabel={(c) => (c.field === 'ownerId' ? (members.nameOf(c.value) ?? undefined) : undefined)}
          />
          {selected.length > 0 && canWrite && (
            <BulkActions entity={entity} selected={selected} onDone={() => setSelected([])} />
          )}
          {list.list.isPending ? (
            <TableSkeleton rows={8} />
          ) : list.list.isError ? (
            <QueryError error={list.list.error} onRetry={() => list.list.refetch()} />
          ) : rows.length === 0 ? (
            <EmptyState
              icon={icon}
              title={list.conds.length || list.q ? `No ${PLURAL[entity]} match` : `No ${PLURAL[entity]} yet`}
              description={
                list.conds.length || list.q
                  ? 'Change the search or remove a filter.'
                  : `Add your first ${entity}, or bring them in with the import wizard.`
              }
              action={
                list.conds.length || list.q ? undefined : (
                  <Group>
                    {newButton}
                    <Button component={Link} to="/crm/import" variant="default">
                      Import
                    </Button>
                  </Group>
                )
              }
            />
          ) : (
            <Table.ScrollContainer minWidth={1100}>
              <Table
                verticalSpacing="xs"
                highlightOnHover
                aria-label={title}
                style={{ whiteSpace: 'nowrap' }}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={36}>
                      <Checkbox
                        aria-label="Select all rows"
                        checked={allSelected}
                        indeterminate={selected.length > 0 && !allSelected}
                        onChange={() => setSelected(allSelected ? [] : rows.map((r) => r.id))}
                      />
                    </Table.Th>
                    <SortHeader
                      label="Name"
                      field={NAME_SORT[entity]}
                      sort={list.sort}
                      onSort={list.toggleSort}
                    />
                    {shown.map((f) => (
                      <SortHeader
                        key={f.key}
                        label={f.label}
                        field={f.sortable ? f.key : undefined}
                        sort={list.sort}
                        onSort={list.toggleSort}
                      />
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => {
                    const name = recordName(entity, r);
                    const companyId = (r as { companyId?: string | null }).companyId;
                    return (
                      <Table.Tr
                        key={r.id}
                        data-testid={`row-${r.id}`}
                        bg={selected.includes(r.id) ? 'var(--mantine-color-blue-light)' : undefined}
                      >
                        <Table.Td>
                          <Checkbox
                            aria-label={`Select ${name}`}
                            checked={selected.includes(r.id)}
                            onChange={(e) => {
                              // Read now: the updater may run after React has cleared currentTarget.
                              const on = e.currentTarget.checked;
                              setSelected((s) => (on ? [...s, r.id] : s.filter((x) => x !== r.id)));
                            }}
                          />
                        </Table.Td>
                        <Table.Td>
                          <RecordLink entity={entity} id={r.id} size="sm" fw={500}>
                            {name}
                          </RecordLink>
                        </Table.Td>
                        {shown.map((f) => (
                          <Table.Td key={f.key}>
                            <FieldCell
                              def={f}
                              value={fieldValue(r, f.key)}
                              nameOf={members.nameOf}
                              companyId={companyId}
                              companyName={list.companyName(companyId)}
                            />
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {rows.length} {PLURAL[entity]} shown{list.list.hasNextPage ? ', more to load' : ''}
            </Text>
            {list.list.hasNextPage && (
              <Button
                variant="light"
                onClick={() => list.list.fetchNextPage()}
                loading={list.list.isFetchingNextPage}
              >
                Load more
              </Button>
            )}
          </Group>
        </Stack>
      </Card>
      <CreateRecordDialog entity={entity} opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
