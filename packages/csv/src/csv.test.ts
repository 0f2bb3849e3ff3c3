import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

const parse = (text: string) => [...parseCsv(text)];

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and says where each record starts', () => {
    expect(parse('name,note\r\n"Ann, Jr.","said ""hi""\nthen left"\r\nBob,x\n')).toEqual([
      { line: 1, cells: ['name', 'note'] },
      { line: 2, cells: ['Ann, Jr.', 'said "hi"\nthen left'] },
      { line: 4, cells: ['Bob', 'x'] },
    ]);
  });

  it('skips a byte order mark and blank lines, keeps empty cells and a last line without a newline', () => {
    expect(parse('\uFEFFa,b\n\n,2\n\r\nz,')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['', '2'] },
      { line: 5, cells: ['z', ''] },
    ]);
  });

  it('keeps what follows an unterminated quote rather than losing it', () => {
    expect(parse('a\n"open,field')).toEqual([
      { line: 1, cells: ['a'] },
      { line: 2, cells: ['open,field'] },
    ]);
  });
});
