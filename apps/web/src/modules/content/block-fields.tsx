import {
  ActionIcon,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type Block, type BlockOf, crmFormsQuery, type LeafBlock } from './api';
import { MediaField } from './media-picker';
import { RichTextEditor } from './rich-text-editor';

type Props<T extends Block['type']> = { block: BlockOf<T>; onChange: (b: BlockOf<T>) => void };

function HeadingFields({ block, onChange }: Props<'heading'>) {
  return (
    <Group align="flex-end" wrap="nowrap">
      <TextInput
        label="Heading text"
        style={{ flex: 1 }}
        value={block.text}
        onChange={(e) => onChange({ ...block, text: e.currentTarget.value })}
      />
      <Select
        label="Level"
        w={90}
        allowDeselect={false}
        value={String(block.level)}
        data={['1', '2', '3', '4'].map((l) => ({ value: l, label: `H${l}` }))}
        onChange={(v) => onChange({ ...block, level: Number(v ?? 2) as 1 | 2 | 3 | 4 })}
      />
    </Group>
  );
}

function ImageFields({ block, onChange }: Props<'image'>) {
  return (
    <Stack gap="xs">
      <MediaField
        label="Image"
        value={block.mediaId || undefined}
        onChange={(m) => onChange({ ...block, mediaId: m?.id ?? '', alt: block.alt || m?.alt || '' })}
      />
      <Group grow>
        <TextInput
          label="Alt text"
          value={block.alt ?? ''}
          onChange={(e) => onChange({ ...block, alt: e.currentTarget.value })}
        />
        <TextInput
          label="Caption"
          value={block.caption ?? ''}
          onChange={(e) => onChange({ ...block, caption: e.currentTarget.value })}
        />
        <TextInput
          label="Link"
          placeholder="/contact"
          value={block.link ?? ''}
          onChange={(e) => onChange({ ...block, link: e.currentTarget.value })}
        />
      </Group>
    </Stack>
  );
}

function GalleryFields({ block, onChange }: Props<'gallery'>) {
  const setItem = (i: number, patch: Partial<BlockOf<'gallery'>['items'][number]>) =>
    onChange({ ...block, items: block.items.map((it, j) => (j === i ? { ...it, ...patch } : it)) });
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Gallery columns"
        value={String(block.columns)}
        data={['2', '3', '4'].map((c) => ({ value: c, label: `${c} columns` }))}
        onChange={(v) => onChange({ ...block, columns: Number(v) as 2 | 3 | 4 })}
      />
      {block.items.map((it, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same image may appear twice; the index tells them apart
        <Group key={`${it.mediaId}-${i}`} align="flex-end" wrap="nowrap">
          <div style={{ flex: 2 }}>
            <MediaField
              label={`Image ${i + 1}`}
              value={it.mediaId}
              onChange={(m) => m && setItem(i, { mediaId: m.id })}
            />
          </div>
          <TextInput
            label="Alt text"
            style={{ flex: 1 }}
            value={it.alt ?? ''}
            onChange={(e) => setItem(i, { alt: e.currentTarget.value })}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove image ${i + 1}`}
            onClick={() => onChange({ ...block, items: block.items.filter((_, j) => j !== i) })}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <MediaField
        label="Add an image"
        value={undefined}
        onChange={(m) => m && onChange({ ...block, items: [...block.items, { mediaId: m.id, alt: m.alt }] })}
      />
    </Stack>
  );
}

function CtaFields({ block, onChange }: Props<'cta'>) {
  return (
    <Stack gap="xs">
      <TextInput
        label="Heading"
        value={block.heading}
        onChange={(e) => onChange({ ...block, heading: e.currentTarget.value })}
      />
      <Textarea
        label="Text"
        autosize
        minRows={2}
        value={block.text ?? ''}
        onChange={(e) => onChange({ ...block, text: e.currentTarget.value })}
      />
      <Group grow align="flex-end">
        <TextInput
          label="Button label"
          value={block.buttonLabel}
          onChange={(e) => onChange({ ...block, buttonLabel: e.currentTarget.value })}
        />
        <TextInput
          label="Button link"
          value={block.buttonUrl}
          onChange={(e) => onChange({ ...block, buttonUrl: e.currentTarget.value })}
        />
        <SegmentedControl
          aria-label="Button style"
          value={block.style}
          data={[
            { value: 'primary', label: 'Primary' },
            { value: 'secondary', label: 'Secondary' },
          ]}
          onChange={(v) => onChange({ ...block, style: v as 'primary' | 'secondary' })}
        />
      </Group>
    </Stack>
  );
}

function QuoteFields({ block, onChange }: Props<'quote'>) {
  return (
    <Stack gap="xs">
      <Textarea
        label="Quote"
        autosize
        minRows={2}
        value={block.text}
        onChange={(e) => onChange({ ...block, text: e.currentTarget.value })}
      />
      <TextInput
        label="Who said it"
        value={block.cite ?? ''}
        onChange={(e) => onChange({ ...block, cite: e.currentTarget.value })}
      />
    </Stack>
  );
}

function FormFields({ block, onChange }: Props<'form'>) {
  const forms = useQuery(crmFormsQuery);
  return (
    <Group grow align="flex-end">
      <Select
        label="CRM form"
        placeholder={forms.isError ? 'Could not load the CRM forms' : 'Choose a form'}
        searchable
        value={block.formId || null}
        data={(forms.data ?? []).map((f) => ({ value: f.publicId, label: f.name }))}
        onChange={(v) => onChange({ ...block, formId: v ?? '' })}
        nothingFoundMessage="No forms: create one in CRM → Forms"
      />
      <TextInput
        label="Heading above the form"
        value={block.heading ?? ''}
        onChange={(e) => onChange({ ...block, heading: e.currentTarget.value })}
      />
    </Group>
  );
}

function ProductGridFields({ block, onChange }: Props<'productGrid'>) {
  return (
    <Group grow>
      <TextInput
        label="Collection"
        description="Optional; the store fills this slot"
        value={block.collection ?? ''}
        onChange={(e) => onChange({ ...block, collection: e.currentTarget.value })}
      />
      <NumberInput
        label="Number of products"
        min={1}
        max={24}
        value={block.limit}
        onChange={(v) => onChange({ ...block, limit: Math.max(1, Math.min(24, Number(v) || 1)) })}
      />
    </Group>
  );
}

/** The inline form of one block that is not a columns block. */
export function LeafBlockFields({ block, onChange }: { block: LeafBlock; onChange: (b: LeafBlock) => void }) {
  switch (block.type) {
    case 'heading':
      return <HeadingFields block={block} onChange={onChange} />;
    case 'richText':
      return <RichTextEditor value={block.html} onChange={(html) => onChange({ ...block, html })} />;
    case 'image':
      return <ImageFields block={block} onChange={onChange} />;
    case 'gallery':
      return <GalleryFields block={block} onChange={onChange} />;
    case 'cta':
      return <CtaFields block={block} onChange={onChange} />;
    case 'quote':
      return <QuoteFields block={block} onChange={onChange} />;
    case 'form':
      return <FormFields block={block} onChange={onChange} />;
    case 'productGrid':
      return <ProductGridFields block={block} onChange={onChange} />;
  }
}
