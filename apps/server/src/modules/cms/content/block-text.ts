import type { Block, PageContent } from './blocks.schemas.js';
import { htmlToText } from './sanitize.js';

/** The readable text of one block (rich text without markup), for search and diffs. */
export function blockText(b: Block): string {
  switch (b.type) {
    case 'heading':
      return b.text;
    case 'richText':
      return htmlToText(b.html);
    case 'image':
      return [b.alt, b.caption].filter(Boolean).join(' ');
    case 'gallery':
      return b.items
        .flatMap((i) => [i.alt, i.caption])
        .filter(Boolean)
        .join(' ');
    case 'cta':
      return [b.heading, b.text, b.buttonLabel].filter(Boolean).join(' ');
    case 'quote':
      return [b.text, b.cite].filter(Boolean).join(' ');
    case 'columns':
      return b.columns
        .flatMap((c) => c.blocks.map(blockText))
        .filter(Boolean)
        .join(' ');
    case 'form':
      return b.heading ?? '';
    case 'productGrid':
      return '';
  }
}

/** Text indexed at weight B: the blocks, the excerpt and the SEO description. */
export function contentBodyText(c: PageContent): string {
  return [...c.blocks.map(blockText), c.excerpt, c.seo?.description].filter(Boolean).join(' ');
}
