import { Alert, Button, Card, Group, Radio, SimpleGrid, Stepper, Text, Title } from '@mantine/core';
import { IconBuilding, IconTargetArrow, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../api/errors';
import { PageHeader } from '../../../components/page-header';
import { ENTITY_LABELS, guessMapping, mappingProblem, targetOptions } from './import-fields';
import { ImportHistory } from './import-history';
import { ImportMapping } from './import-mapping';
import { ImportProgress } from './import-progress';
import { ImportReview } from './import-review';
import { ImportUpload, type LoadedCsv } from './import-upload';
import { crmKeys, customFieldsQuery, type ImportEntity, startImport } from './tools-api';

const ENTITIES: { value: ImportEntity; label: string; hint: string; icon: typeof IconUsers }[] = [
  {
    value: 'contact',
    label: 'Contacts',
    hint: 'People: names, e-mails, phones, tags, address',
    icon: IconUsers,
  },
  {
    value: 'company',
    label: 'Companies',
    hint: 'Organisations: name, domain, industry, size, address',
    icon: IconBuilding,
  },
  {
    value: 'lead',
    label: 'Leads',
    hint: 'Prospects: name, e-mail, company, status, source (scored after the import)',
    icon: IconTargetArrow,
  },
];

/** CSV import wizard: what, file, mapping, review; then live progress and the result. */
export function ImportPage() {
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [entity, setEntity] = useState<ImportEntity>('contact');
  const [file, setFile] = useState<LoadedCsv | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [importId, setImportId] = useState<string | null>(null);
  const custom = useQuery(customFieldsQuery(entity));
  const options = targetOptions(entity, custom.data?.items ?? []);
  const problem = mappingProblem(entity, mapping);

  const start = useMutation({
    mutationFn: () => {
      const m = Object.fromEntries(Object.entries(mapping).filter(([, t]) => t));
      return startImport({ entity, filename: file!.filename, csv: file!.text, mapping: m });
    },
    onSuccess: async (imp) => {
      setImportId(imp.id);
      setStep(4);
      await queryClient.invalidateQueries({ queryKey: crmKeys.imports });
    },
  });

  const loaded = (f: LoadedCsv) => {
    setFile(f);
    setMapping(guessMapping(entity, f.header, custom.data?.items ?? []));
  };
  const chooseEntity = (e: ImportEntity) => {
    setEntity(e);
    if (file) setMapping({});
  };
  const toMapping = () => {
    if (file && !Object.keys(mapping).length)
      setMapping(guessMapping(entity, file.header, custom.data?.items ?? []));
    setStep(2);
  };
  const reset = () => {
    setFile(null);
    setMapping({});
    setImportId(null);
    start.reset();
    setStep(0);
  };
  const open = (id: string) => {
    setImportId(id);
    setStep(4);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const nav = (back: number | null, next: () => void, label: string, disabled = false) => (
    <Group justify="flex-end" mt="lg">
      {back !== null && (
        <Button variant="default" onClick={() => setStep(back)}>
          Back
        </Button>
      )}
      <Button onClick={next} disabled={disabled}>
        {label}
      </Button>
    </Group>
  );

  return (
    <>
      <PageHeader
        title="Import"
        description="Bring contacts, companies and leads in from a spreadsheet or another CRM (CSV). Large files run in the background."
      />
      <Card withBorder padding="lg" mb="lg">
        <Stepper active={step} onStepClick={(s) => s < step && step < 4 && setStep(s)} size="sm">
          <Stepper.Step label="What" description="Records to import">
            <Radio.Group
              value={entity}
              onChange={(v) => chooseEntity(v as ImportEntity)}
              label="What do you import?"
            >
              <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
                {ENTITIES.map((e) => (
                  <Radio.Card key={e.value} value={e.value} p="md" radius="md" aria-label={e.label}>
                    <Group wrap="nowrap" align="flex-start">
                      <Radio.Indicator />
                      <e.icon size={22} aria-hidden />
                      <div>
                        <Text fw={600}>{e.label}</Text>
                        <Text size="sm" c="dimmed">
                          {e.hint}
                        </Text>
                      </div>
                    </Group>
                  </Radio.Card>
                ))}
              </SimpleGrid>
            </Radio.Group>
            {nav(null, () => setStep(1), 'Next: upload a file')}
          </Stepper.Step>
          <Stepper.Step label="Upload" description="A CSV file">
            <ImportUpload file={file} onLoaded={loaded} />
            {nav(0, toMapping, 'Next: map columns', !file)}
          </Stepper.Step>
          <Stepper.Step label="Map" description="Columns to fields">
            {file && (
              <ImportMapping
                entity={entity}
                file={file}
                options={options}
                mapping={mapping}
                onChange={setMapping}
              />
            )}
            {problem && (
              <Text c="red" size="sm" mt="sm" role="alert">
                {problem}
              </Text>
            )}
            {nav(1, () => setStep(3), 'Next: review', !!problem)}
          </Stepper.Step>
          <Stepper.Step label="Review" description="Check and start">
            {file && <ImportReview entity={entity} file={file} mapping={mapping} options={options} />}
            {start.isError && (
              <Alert color="red" variant="light" mt="md" role="alert">
                {errorMessage(start.error)}
              </Alert>
            )}
            <Group justify="flex-end" mt="lg">
              <Button variant="default" onClick={() => setStep(2)}>
                Back
              </Button>
              <Button onClick={() => start.mutate()} loading={start.isPending}>
                Start import of {file?.rows.toLocaleString()} {ENTITY_LABELS[entity].many}
              </Button>
            </Group>
          </Stepper.Step>
          <Stepper.Completed>
            {importId && <ImportProgress key={importId} id={importId} />}
            <Group justify="flex-end" mt="lg">
              <Button variant="light" onClick={reset}>
                Import another file
              </Button>
            </Group>
          </Stepper.Completed>
        </Stepper>
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">
          Past imports
        </Title>
        <ImportHistory onOpen={open} />
      </Card>
    </>
  );
}
