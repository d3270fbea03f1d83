import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, parseCsv } from './read-table.js';

describe('CSV reading', () => {
  it('detects the separator from the header', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n"x;y",2,3')).toBe(',');
  });

  it('reads UTF-8 with a BOM and falls back to Windows-1252', () => {
    expect(parseCsv(decodeText(new TextEncoder().encode('\uFEFFnom;ville\nÉrables;Liévin\n'))).header).toEqual(['nom', 'ville']);
    expect(decodeText(Uint8Array.from([0x45, 0x72, 0xe9]))).toBe('Eré');
  });

  it('numbers records by the file line they start on, across empty lines and quoted line breaks', () => {
    const table = parseCsv('a;b\n1;"x\ny"\n\n2;z\n');
    expect(table.records.map((record) => record.line)).toEqual([2, 5]);
  });

  it('reports a malformed file as a validation error', () => {
    expect(() => parseCsv('a;b\n1;"unterminated\n')).toThrow(/CSV/);
  });
});
