import { Badge, Group, Text } from '@mantine/core';
import { formatDate } from '../../../components/format';
import { scoreColor } from './crm-api';
import type { FieldDef } from './filter-model';
import { RecordLink } from './record-link';

/** A lead score as a coloured badge (grey "—" until scored). */
export function ScoreBadge({ score }: { score: number | null | undefined }) {
  return (
    <Badge color={scoreColor(score)} variant="light" aria-label={`Score ${score ?? 'not scored'}`}>
      {score ?? '—'}
    </Badge>
  );
}

export function TagList({ tags }: { tags: string[] }) {
  if (!tags.length)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4} wrap="nowrap">
      {tags.map((t) => (
        <Badge key={t} size="sm" variant="outline" tt="none" style={{ flexShrink: 0 }}>
          {t}
        </Badge>
      ))}
    </Group>
  );
}

/** One table cell for a field of a record. */
export function FieldCell({
  def,
  value,
  nameOf,
  companyName,
  companyId,
}: {
  def: FieldDef;
  value: unknown;
  nameOf: (id: string | null) => string | null;
  companyName?: string | null;
  companyId?: string | null;
}) {
  if (def.key === 'score') return <ScoreBadge score={value as number | null} />;
  if (def.key === 'status' && typeof value === 'string')
    return (
      <Badge variant="dot" color={value === 'converted' ? 'teal' : value === 'unqualified' ? 'gray' : 'blue'}>
        {value}
      </Badge>
    );
  if (def.key === 'companyId' && companyId)
    return (
      <RecordLink entity="company" id={companyId} size="sm">
        {companyName ?? 'Company'}
      </RecordLink>
    );
  if (def.key === 'tags' || def.type === 'multiselect') return <TagList tags={(value as string[]) ?? []} />;
  let text: string;
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length))
    text = '—';
  else if (def.type === 'user') text = nameOf(value as string) ?? '—';
  else if (def.type === 'timestamp' || def.type === 'date') text = formatDate(String(value));
  else if (Array.isArray(value)) text = value.join(', ');
  else text = String(value);
  return (
    <Text size="sm" c={text === '—' ? 'dimmed' : undefined} truncate maw={280}>
      {text}
    </Text>
  );
}
