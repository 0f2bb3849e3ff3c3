import fs from 'node:fs';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, type BackupHeader } from './backup-format.js';

const MAX_LINE = 64 * 1024 * 1024;

/** Reads a backup stream: the header at open, then section lines and raw COPY data by chunks. */
export class BackupReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;
  private readonly it: AsyncIterator<Buffer>;

  private constructor(
    private readonly gunzip: zlib.Gunzip,
    private readonly source: Readable,
    readonly label: string,
  ) {
    this.it = gunzip[Symbol.asyncIterator]();
  }

  header!: BackupHeader;

  /** Opens and validates a backup file (`-` for stdin) before any database work starts. */
  static async open(file: string): Promise<BackupReader> {
    let source: Readable;
    if (file === '-') source = process.stdin;
    else {
      let fd: fs.promises.FileHandle;
      try {
        fd = await fs.promises.open(file, 'r');
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'ENOENT') throw new BackupError('NOT_FOUND', `no such file: ${file}`);
        if (e.code === 'EISDIR')
          throw new BackupError('NOT_FOUND', `${file} is a directory, not a backup file`);
        throw new BackupError('NOT_FOUND', `cannot read ${file}: ${e.message}`);
      }
      if ((await fd.stat()).isDirectory()) {
        await fd.close();
        throw new BackupError('NOT_FOUND', `${file} is a directory, not a backup file`);
      }
      const magic = Buffer.alloc(2);
      const { bytesRead } = await fd.read(magic, 0, 2, 0);
      if (bytesRead < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) {
        await fd.close();
        throw new BackupError('NOT_A_BACKUP', `${file} is not a BizOSaaS backup (not gzip data)`);
      }
      source = fd.createReadStream({ start: 0 });
    }
    const gunzip = zlib.createGunzip();
    source.on('error', (err) => gunzip.destroy(err));
    source.pipe(gunzip);
    const reader = new BackupReader(gunzip, source, file === '-' ? 'stdin' : file);
    try {
      reader.header = await reader.readHeader();
    } catch (err) {
      reader.close();
      throw err;
    }
    return reader;
  }

  private async readHeader(): Promise<BackupHeader> {
    const notBackup = () =>
      new BackupError('NOT_A_BACKUP', `${this.label} is not a BizOSaaS backup (no backup header)`);
    let line: Buffer | null;
    try {
      line = await this.line();
    } catch (err) {
      if (err instanceof BackupError && err.code === 'CORRUPT') throw notBackup();
      throw err;
    }
    let header: Partial<BackupHeader>;
    try {
      header = JSON.parse(line?.toString('utf8') ?? '');
    } catch {
      throw notBackup();
    }
    if (header?.format !== BACKUP_FORMAT || typeof header.version !== 'number') throw notBackup();
    if (header.version > BACKUP_VERSION) {
      throw new BackupError(
        'NEWER_FORMAT',
        `${this.label} uses backup format version ${header.version}; this BizOSaaS reads up to version ${BACKUP_VERSION}: upgrade it first`,
      );
    }
    if (
      !Array.isArray(header.tables) ||
      !Array.isArray(header.migrations) ||
      !Array.isArray(header.sequences)
    ) {
      throw new BackupError('CORRUPT', `${this.label}: the backup header is incomplete`);
    }
    return header as BackupHeader;
  }

  /** Pulls one more decompressed chunk; false at the end of the stream. */
  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    let r: IteratorResult<Buffer>;
    try {
      r = await this.it.next();
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code?.startsWith('Z_')) {
        throw new BackupError('CORRUPT', `${this.label} is truncated or corrupt (${e.message})`);
      }
      throw err;
    }
    if (r.done) {
      this.ended = true;
      return false;
    }
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), r.value]) : r.value;
    this.pos = 0;
    return true;
  }

  /** The next line without its newline; null at a clean end of stream. */
  async line(): Promise<Buffer | null> {
    for (;;) {
      const nl = this.buf.indexOf(10, this.pos);
      if (nl !== -1) {
        const line = this.buf.subarray(this.pos, nl);
        this.pos = nl + 1;
        return line;
      }
      if (this.buf.length - this.pos > MAX_LINE)
        throw new BackupError('CORRUPT', `${this.label}: line too long`);
      if (!(await this.fill())) {
        if (this.pos < this.buf.length)
          throw new BackupError('CORRUPT', `${this.label} is truncated (last line incomplete)`);
        return null;
      }
    }
  }

  async json<T>(what: string): Promise<T> {
    const line = await this.line();
    if (line === null) throw new BackupError('CORRUPT', `${this.label} is truncated (expected ${what})`);
    try {
      return JSON.parse(line.toString('utf8')) as T;
    } catch {
      throw new BackupError('CORRUPT', `${this.label} is corrupt (expected ${what})`);
    }
  }

  /** COPY text data of the current section in whole-line chunks, up to its `\.` end marker. */
  async *copyData(): AsyncGenerator<{ data: Buffer; rows: number }> {
    for (;;) {
      const start = this.pos;
      let rows = 0;
      for (let nl = this.buf.indexOf(10, this.pos); nl !== -1; nl = this.buf.indexOf(10, this.pos)) {
        if (nl - this.pos === 2 && this.buf[this.pos] === 0x5c && this.buf[this.pos + 1] === 0x2e) {
          const data = this.buf.subarray(start, this.pos);
          this.pos = nl + 1;
          if (rows) yield { data, rows };
          return;
        }
        this.pos = nl + 1;
        rows++;
      }
      if (rows) yield { data: this.buf.subarray(start, this.pos), rows };
      if (!(await this.fill()))
        throw new BackupError('CORRUPT', `${this.label} is truncated (it ends inside table data)`);
    }
  }

  close() {
    this.source.unpipe(this.gunzip);
    this.gunzip.destroy();
    if (this.source !== process.stdin) this.source.destroy();
  }
}
