import { Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { type DragEvent, useRef, useState } from 'react';
import { type CsvSummary, summariseCsv } from './csv-parse';

/** The hub takes CSV uploads up to 20 MiB. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

export interface LoadedCsv extends CsvSummary {
  filename: string;
  text: string;
  bytes: number;
}

const size = (b: number) =>
  b < 1024 * 1024 ? `${Math.max(1, Math.round(b / 1024))} KB` : `${(b / 1048576).toFixed(1)} MB`;

/** A drop zone and file picker for one CSV file; reads the header row in the browser. */
export function ImportUpload({
  file,
  onLoaded,
}: {
  file: LoadedCsv | null;
  onLoaded: (f: LoadedCsv) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string>();

  const read = async (f: File | undefined) => {
    setError(undefined);
    if (!f) return;
    if (f.size > MAX_CSV_BYTES) return setError(`${f.name} is ${size(f.size)}; the limit is 20 MB.`);
    if (!/\.(csv|txt)$/i.test(f.name) && f.type && !/csv|text\/plain/.test(f.type))
      return setError(`${f.name} is not a CSV file.`);
    const text = await f.text();
    const summary = summariseCsv(text);
    if (!summary.header.length || summary.header.every((h) => !h))
      return setError(`${f.name} has no header row.`);
    if (!summary.rows) return setError(`${f.name} has a header row but no data rows.`);
    onLoaded({ ...summary, filename: f.name, text, bytes: f.size });
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void read(e.dataTransfer.files[0]);
  };

  return (
    <Stack gap="sm">
      <Paper
        withBorder
        p="xl"
        radius="md"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="csv-drop-zone"
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: over ? 'var(--mantine-color-blue-6)' : undefined,
          background: over ? 'var(--mantine-color-blue-light)' : undefined,
        }}
      >
        <Stack align="center" gap="xs">
          <ThemeIcon size={52} radius="xl" variant="light">
            <IconUpload size={26} aria-hidden />
          </ThemeIcon>
          <Text fw={600}>Drop a CSV file here</Text>
          <Text size="sm" c="dimmed" ta="center">
            The first row must name the columns. UTF-8, comma-separated, up to 20 MB.
          </Text>
          <Button variant="light" onClick={() => input.current?.click()}>
            Choose a file
          </Button>
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            aria-label="CSV file"
            hidden
            onChange={(e) => {
              void read(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
        </Stack>
      </Paper>
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      {file && (
        <Group gap="sm" data-testid="csv-loaded">
          <IconFileSpreadsheet size={20} aria-hidden />
          <Text size="sm">
            <b>{file.filename}</b> · {size(file.bytes)} · {file.rows.toLocaleString()} rows ·{' '}
            {file.header.length} columns
          </Text>
        </Group>
      )}
    </Stack>
  );
}
