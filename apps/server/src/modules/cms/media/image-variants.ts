import type { Metadata, Sharp } from 'sharp';
import { AppError } from '../../../platform/errors.js';
import type { AllowedType, ImageFormat } from './media-types.js';

/** Widths of the responsive variants; only those narrower than the original are made. */
export const VARIANT_WIDTHS = [320, 640, 1024, 1600] as const;
/** Refuse decompression bombs: at most 100 megapixels (e.g. 12,000 × 8,000). */
const MAX_PIXELS = 100_000_000;

export interface Rendition {
  /** File name under the media's directory: original.jpg, w640.webp, … */
  file: string;
  width: number;
  height: number;
  format: ImageFormat | 'pdf';
  contentType: string;
  data: Buffer;
}

export interface RenderedImage {
  width: number;
  height: number;
  original: Rendition;
  variants: Rendition[];
}

const mimeOf: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};
const extOf: Record<ImageFormat, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'avif',
};

function encode(img: Sharp, format: ImageFormat, original: boolean): Sharp {
  switch (format) {
    case 'jpeg':
      return img.jpeg({ quality: original ? 90 : 82 });
    case 'png':
      return img.png();
    case 'webp':
      return img.webp({ quality: original ? 90 : 80 });
    case 'gif':
      return img.gif();
    case 'avif':
      return img.avif({ quality: original ? 60 : 50, effort: 2 });
  }
}

const animatedInput = (meta: Metadata) => (meta.pages ?? 1) > 1;

/** sharp (libvips) is loaded on the first upload: about 20 MB the idle hub does not carry. */
let sharpModule: typeof import('sharp').default | undefined;
async function loadSharp() {
  sharpModule ??= (await import('sharp')).default;
  return sharpModule;
}

async function render(img: Sharp, format: ImageFormat, file: string, original = false): Promise<Rendition> {
  const { data, info } = await encode(img, format, original).toBuffer({ resolveWithObject: true });
  const height = info.pageHeight ?? info.height;
  return { file, width: info.width, height, format, contentType: mimeOf[format], data };
}

/**
 * The stored original (EXIF orientation applied, all metadata stripped: no GPS or camera data
 * leaves the hub) and the responsive variants in WebP and in the original's format. sharp writes
 * no metadata unless asked, so every output is stripped.
 */
export async function renderImage(input: Buffer, type: AllowedType): Promise<RenderedImage> {
  const format = type.image!;
  const sharp = await loadSharp();
  const animated = format === 'gif' || format === 'webp';
  const open = () => sharp(input, { animated, limitInputPixels: MAX_PIXELS }).rotate();
  try {
    const meta = await sharp(input, { animated, limitInputPixels: MAX_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    const original = await render(open(), format, `original.${extOf[format]}`, true);
    const widths = VARIANT_WIDTHS.filter((w) => w < original.width);
    const formats: ImageFormat[] = format === 'webp' ? ['webp'] : ['webp', format];
    // Still images are decoded once more, at the widest variant's size, and every variant is
    // made from those pixels (animated ones keep their frames and are resized from the input).
    const widest = widths[widths.length - 1];
    const base =
      widest && !animatedInput(meta)
        ? await open().resize({ width: widest }).raw().toBuffer({ resolveWithObject: true })
        : null;
    const from = (width: number) =>
      base
        ? sharp(base.data, {
            raw: { width: base.info.width, height: base.info.height, channels: base.info.channels },
          }).resize({ width })
        : open().resize({ width });
    const variants: Rendition[] = [];
    for (const width of widths)
      for (const f of formats) variants.push(await render(from(width), f, `w${width}.${extOf[f]}`));
    return { width: original.width, height: original.height, original, variants };
  } catch (err) {
    const message = (err as Error).message ?? '';
    if (/pixel limit/i.test(message))
      throw new AppError(
        'CMS.MEDIA_IMAGE_TOO_LARGE',
        422,
        `file: the image has more than ${MAX_PIXELS / 1_000_000} megapixels`,
        { errors: [{ field: 'file', message: 'too many pixels' }] },
      );
    throw new AppError('CMS.MEDIA_INVALID_IMAGE', 422, `file: the ${type.label} image cannot be read`, {
      errors: [{ field: 'file', message: 'not a readable image' }],
    });
  }
}
