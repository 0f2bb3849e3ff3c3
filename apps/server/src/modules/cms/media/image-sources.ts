import type { Media } from './media.schemas.js';

export interface ImageSources {
  src: string;
  /** WebP variants by width (`/media/…/w640.webp 640w, …`); empty when there are none. */
  srcset: string;
  sizes: string;
  width: number | null;
  height: number | null;
  alt: string;
}

/**
 * What a renderer needs for an `<img>`: the original (in its own format) as `src`, the WebP
 * variants as `srcset`, and the intrinsic size so the page does not jump while it loads.
 * `sizes` defaults to the full viewport width capped at the image's own width.
 */
export function imageSources(media: Media, sizes?: string): ImageSources {
  const webp = media.variants.filter((v) => v.format === 'webp').sort((a, b) => a.width - b.width);
  const srcset = webp.map((v) => `${v.url} ${v.width}w`);
  // The original joins the set when it is wider than every variant and already WebP.
  if (media.mime === 'image/webp' && media.width && !webp.some((v) => v.width >= media.width!))
    srcset.push(`${media.url} ${media.width}w`);
  return {
    src: media.url,
    srcset: srcset.join(', '),
    sizes: sizes ?? (media.width ? `(max-width: ${media.width}px) 100vw, ${media.width}px` : '100vw'),
    width: media.width,
    height: media.height,
    alt: media.alt,
  };
}
