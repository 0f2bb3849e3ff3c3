import { ActionIcon, Button, Group, Paper, Popover, Stack, TextInput, Tooltip } from '@mantine/core';
import {
  IconBlockquote,
  IconBold,
  IconH2,
  IconH3,
  IconItalic,
  IconLink,
  IconList,
  IconListNumbers,
} from '@tabler/icons-react';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useLayoutEffect, useRef, useState } from 'react';
import './rich-text.css';

type Editor = NonNullable<ReturnType<typeof useEditor>>;

function LinkButton({ editor }: { editor: Editor }) {
  const [opened, setOpened] = useState(false);
  const [href, setHref] = useState('');
  const apply = () => {
    const chain = editor.chain().focus().extendMarkRange('link');
    if (href.trim()) chain.setLink({ href: href.trim() }).run();
    else chain.unsetLink().run();
    setOpened(false);
  };
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      trapFocus
      position="bottom"
      withArrow
      onOpen={() => setHref((editor.getAttributes('link').href as string | undefined) ?? '')}
    >
      <Popover.Target>
        <Tooltip label="Link">
          <ActionIcon
            variant={editor.isActive('link') ? 'filled' : 'subtle'}
            color="gray"
            aria-label="Link"
            aria-pressed={editor.isActive('link')}
            onClick={() => setOpened((o) => !o)}
          >
            <IconLink size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput
            label="Link address"
            placeholder="https://… or /contact"
            size="xs"
            value={href}
            onChange={(e) => setHref(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                apply();
              }
            }}
          />
          <Group justify="flex-end" gap="xs">
            <Button size="compact-xs" variant="default" onClick={() => setHref('')}>
              Clear
            </Button>
            <Button size="compact-xs" onClick={apply}>
              Apply
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Rich text with TipTap: bold, italic, link, lists, headings and quotes; the hub sanitises the HTML. */
export function RichTextEditor({
  value,
  onChange,
  label = 'Rich text',
}: {
  value: string;
  onChange: (html: string) => void;
  label?: string;
}) {
  // What this editor reported since the value and the editor last agreed. A `value` among them is
  // our own echo, possibly an older one that arrives after more typing: it must not replace the
  // newer text (it did, and a keystroke typed meanwhile was lost).
  const emitted = useRef(new Set([value]));
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: { openOnClick: false, autolink: true, protocols: ['mailto', 'tel'] },
      }),
    ],
    content: value,
    editorProps: {
      attributes: { 'aria-label': label, role: 'textbox', 'aria-multiline': 'true', class: 'cms-rich-text' },
    },
    onUpdate: ({ editor: e }) => {
      const html = e.isEmpty ? '' : e.getHTML();
      emitted.current.add(html);
      onChange(html);
    },
  });
  // Only a value from outside (a restored revision) replaces the editor's content. A layout effect:
  // no keystroke can be handled between the render and this check.
  useLayoutEffect(() => {
    if (!editor) return;
    const current = editor.isEmpty ? '' : editor.getHTML();
    if (value === current) emitted.current = new Set([value]);
    if (emitted.current.has(value)) return;
    emitted.current = new Set([value]);
    editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e
        ? {
            bold: e.isActive('bold'),
            italic: e.isActive('italic'),
            h2: e.isActive('heading', { level: 2 }),
            h3: e.isActive('heading', { level: 3 }),
            bullet: e.isActive('bulletList'),
            ordered: e.isActive('orderedList'),
            quote: e.isActive('blockquote'),
          }
        : null,
  });
  if (!editor || !state) return null;
  const tools = [
    { key: 'bold', label: 'Bold', icon: IconBold, run: () => editor.chain().focus().toggleBold().run() },
    {
      key: 'italic',
      label: 'Italic',
      icon: IconItalic,
      run: () => editor.chain().focus().toggleItalic().run(),
    },
    {
      key: 'h2',
      label: 'Heading 2',
      icon: IconH2,
      run: () => editor.chain().focus().toggleHeading({ level: 2 }).run(),
    },
    {
      key: 'h3',
      label: 'Heading 3',
      icon: IconH3,
      run: () => editor.chain().focus().toggleHeading({ level: 3 }).run(),
    },
    {
      key: 'bullet',
      label: 'Bulleted list',
      icon: IconList,
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      key: 'ordered',
      label: 'Numbered list',
      icon: IconListNumbers,
      run: () => editor.chain().focus().toggleOrderedList().run(),
    },
    {
      key: 'quote',
      label: 'Quote',
      icon: IconBlockquote,
      run: () => editor.chain().focus().toggleBlockquote().run(),
    },
  ] as const;
  return (
    <Paper withBorder radius="sm">
      <Group
        gap={2}
        p={4}
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
        role="toolbar"
        aria-label={`${label} formatting`}
      >
        {tools.map((t) => (
          <Tooltip key={t.key} label={t.label}>
            <ActionIcon
              variant={state[t.key] ? 'filled' : 'subtle'}
              color="gray"
              aria-label={t.label}
              aria-pressed={state[t.key]}
              onClick={t.run}
            >
              <t.icon size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        ))}
        <LinkButton editor={editor} />
      </Group>
      <EditorContent editor={editor} />
    </Paper>
  );
}
