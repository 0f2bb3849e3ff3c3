import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Avatar, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconBuilding, IconCalendar } from '@tabler/icons-react';
import { type Deal, formatMoney } from '../crm-api';
import { RecordLink } from '../record-link';

export interface CardInfo {
  companyName: (id: string | null) => string | null;
  ownerName: (id: string | null) => string | null;
}

/** "Dec 17" this year, "Jan 16, 2027" otherwise. */
const shortDate = (iso: string) => {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00`);
  const sameYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
};

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();

/** What a deal card shows: name, amount, company, close date, owner. */
export function DealCardBody({ deal, info, dragging }: { deal: Deal; info: CardInfo; dragging?: boolean }) {
  const company = info.companyName(deal.companyId);
  const owner = info.ownerName(deal.ownerId);
  const overdue =
    deal.status === 'open' &&
    deal.expectedCloseDate &&
    new Date(deal.expectedCloseDate).getTime() < Date.now();
  return (
    <Card withBorder padding="sm" radius="md" shadow={dragging ? 'lg' : 'xs'} style={{ cursor: 'grab' }}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <RecordLink
            entity="deal"
            id={deal.id}
            size="sm"
            fw={600}
            lineClamp={2}
            c="var(--mantine-color-text)"
            onMouseDown={(e: React.MouseEvent) => e.stopPropagation()}
          >
            {deal.name}
          </RecordLink>
          {owner && (
            <Tooltip label={owner}>
              <Avatar size={24} radius="xl" color="initials" name={owner} aria-label={`Owner ${owner}`}>
                {initials(owner)}
              </Avatar>
            </Tooltip>
          )}
        </Group>
        <Text size="sm" fw={700}>
          {formatMoney(deal.amount, deal.currency)}
        </Text>
        {(company || deal.expectedCloseDate) && (
          <Group gap="sm" wrap="nowrap">
            {company && (
              <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
                <IconBuilding size={13} aria-hidden />
                <Text size="xs" c="dimmed" truncate>
                  {company}
                </Text>
              </Group>
            )}
            {deal.expectedCloseDate && (
              <Group gap={4} wrap="nowrap">
                <IconCalendar size={13} aria-hidden />
                <Text size="xs" c={overdue ? 'red' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                  {shortDate(deal.expectedCloseDate)}
                </Text>
              </Group>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** A deal card that can be dragged (pointer or keyboard: Space to lift, arrows to move, Space to drop). */
export function SortableDealCard({ deal, info }: { deal: Deal; info: CardInfo }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: deal.id,
    data: { type: 'deal' },
  });
  const a11y = {
    ...attributes,
    'aria-label': `Deal ${deal.name}, ${formatMoney(deal.amount, deal.currency)}`,
  };
  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.4 : 1 }}
      data-testid={`deal-card-${deal.id}`}
      {...a11y}
      {...listeners}
    >
      <DealCardBody deal={deal} info={info} />
    </div>
  );
}
