import { fieldErrorsOf } from '../../api/form-errors';
import type { PageContent } from './api';

export interface EditorErrors {
  /** By block id (top level or nested in columns). */
  blocks: Record<string, string[]>;
  /** By content field: title, seo.title, seo.canonicalUrl, excerpt, … */
  fields: Record<string, string>;
}

const BLOCK = /^content\.blocks\.(\d+)(?:\.columns\.(\d+)\.blocks\.(\d+))?(?:\.(.+))?$/;

/** The hub's field errors for a draft (`body.content.blocks.2.text`) placed on the block or field they name. */
export function editorErrors(error: unknown, content: PageContent): EditorErrors {
  const out: EditorErrors = { blocks: {}, fields: {} };
  for (const [field, message] of Object.entries(fieldErrorsOf(error))) {
    const m = BLOCK.exec(field);
    if (m) {
      const top = content.blocks[Number(m[1])];
      const nested =
        top?.type === 'columns' && m[2] ? top.columns[Number(m[2])]?.blocks[Number(m[3])] : undefined;
      const target = nested ?? top;
      if (target) {
        const rest = nested ? m[4] : (m[2] ? `columns.${m[2]}.blocks.${m[3]}.` : '') + (m[4] ?? '');
        out.blocks[target.id] = [...(out.blocks[target.id] ?? []), rest ? `${rest}: ${message}` : message];
        continue;
      }
    }
    out.fields[field.replace(/^content\./, '')] = message;
  }
  return out;
}
