import { open } from 'node:fs/promises';
import { AppError } from '../../../platform/errors.js';

/**
 * What may be uploaded, decided from the bytes (file-type's magic numbers), never from the name.
 * SVG is refused: it is a script-capable document served from the hub's origin, and no sanitiser
 * here is trusted with it.
 */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';

export interface AllowedType {
  mime: string;
  /** Extension of the files we write. */
  ext: string;
  /** Extensions a file name may carry for this type. */
  names: string[];
  /** Set for images: the sharp format. */
  image?: ImageFormat;
  label: string;
}

export const ALLOWED_TYPES: AllowedType[] = [
  { mime: 'image/jpeg', ext: 'jpg', names: ['jpg', 'jpeg', 'jpe', 'jfif'], image: 'jpeg', label: 'JPEG' },
  { mime: 'image/png', ext: 'png', names: ['png'], image: 'png', label: 'PNG' },
  { mime: 'image/webp', ext: 'webp', names: ['webp'], image: 'webp', label: 'WebP' },
  { mime: 'image/gif', ext: 'gif', names: ['gif'], image: 'gif', label: 'GIF' },
  { mime: 'image/avif', ext: 'avif', names: ['avif'], image: 'avif', label: 'AVIF' },
  { mime: 'application/pdf', ext: 'pdf', names: ['pdf'], label: 'PDF' },
];
export const ALLOWED_MIMES = ALLOWED_TYPES.map((t) => t.mime) as [string, ...string[]];
const accepted = ALLOWED_TYPES.map((t) => t.label).join(', ');

/** Content types by the extension of the files we write (for the public file route). */
export const contentTypeOfFile = (file: string): string | undefined => {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  return ALLOWED_TYPES.find((t) => t.ext === ext)?.mime;
};

/** Aliases browsers and tools send for the same type. */
const declaredAliases: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'application/x-pdf': 'application/pdf',
};
/**
 * Extensions that name a type: every one file-type knows, the script and markup ones it cannot
 * detect, and ours. A name ending in one of these that is not the content's own is a lie; other
 * endings (`IMG_2024.12.01`, `report.final`) say nothing and are accepted.
 */
const ownTypedExtensions = [
  ...['html', 'htm', 'xhtml', 'svg', 'svgz', 'js', 'mjs', 'cjs', 'css', 'txt', 'xml', 'json', 'csv', 'md'],
  ...['php', 'phtml', 'asp', 'aspx', 'jsp', 'sh', 'bat', 'cmd', 'ps1', 'vbs', 'com', 'scr', 'msi', 'hta'],
  ...ALLOWED_TYPES.flatMap((t) => t.names),
];
/** file-type is loaded on the first upload (the idle hub does not carry it); detectMime does it. */
let fileType: typeof import('file-type') | undefined;
let typedExtensions: Set<string> | undefined;
async function loadFileType() {
  if (!fileType) {
    fileType = await import('file-type');
    typedExtensions = new Set<string>([...fileType.supportedExtensions, ...ownTypedExtensions]);
  }
  return fileType;
}
const neutralDeclared = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** The type of the content: file-type's answer, or a look at the first bytes of text. */
export async function detectMime(filePath: string): Promise<string> {
  const found = await (await loadFileType()).fileTypeFromFile(filePath);
  if (found) return found.mime;
  const fh = await open(filePath, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead).toString('utf8').toLowerCase();
    if (/<svg[\s>]/.test(head)) return 'image/svg+xml';
    if (/<!doctype html|<html[\s>]|<script[\s>]|<body[\s>]|<iframe[\s>]/.test(head)) return 'text/html';
    if (/<\?xml/.test(head)) return 'application/xml';
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for binary bytes on purpose
    if (bytesRead > 0 && !/[\u0000-\u0008\u000e-\u001f]/.test(head)) return 'text/plain';
    return 'application/octet-stream';
  } finally {
    await fh.close();
  }
}

const refuse = (code: string, message: string, detected: string) =>
  new AppError(code, 415, `file: ${message}`, { detected, errors: [{ field: 'file', message }] });

/**
 * The accepted type of an upload, or a 415 naming what the bytes really are. Policy: the content
 * decides; a file name whose extension says another type, or a declared Content-Type that says
 * another type, is refused (a `photo.jpg` that is a PDF is a lie, not a PDF). Names without a
 * typed extension and the neutral `application/octet-stream` are accepted under the detected type.
 */
export function checkUploadType(detected: string, filename: string, declared: string): AllowedType {
  const type = ALLOWED_TYPES.find((t) => t.mime === detected);
  if (!type) {
    const why =
      detected === 'image/svg+xml' ? ' (SVG can carry scripts and is not accepted)' : ' and is not accepted';
    throw refuse(
      'CMS.MEDIA_TYPE_NOT_ALLOWED',
      `the content is ${detected}${why}; accepted: ${accepted}`,
      detected,
    );
  }
  const ext = /\.([A-Za-z0-9]{1,12})$/.exec(filename)?.[1]?.toLowerCase();
  if (ext && (typedExtensions ?? new Set(ownTypedExtensions)).has(ext) && !type.names.includes(ext)) {
    const named = ALLOWED_TYPES.find((t) => t.names.includes(ext));
    throw refuse(
      'CMS.MEDIA_TYPE_MISMATCH',
      `the name ends in .${ext}${named ? ` (${named.mime})` : ''} but the content is ${detected}`,
      detected,
    );
  }
  const said = declared.split(';')[0]!.trim().toLowerCase();
  const normal = declaredAliases[said] ?? said;
  if (!neutralDeclared.has(normal) && normal !== detected) {
    throw refuse(
      'CMS.MEDIA_TYPE_MISMATCH',
      `the declared Content-Type is ${said} but the content is ${detected}`,
      detected,
    );
  }
  return type;
}
