import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { guardFormula, toCsv, writeCsv } from '../../../../src/web/export/csv-writer.js';

describe('CSV writer', () => {
  it('leads an export with a UTF-8 BOM and ends every record with CRLF', () => {
    const csv = toCsv(
      ['县区', '数量'],
      [
        ['修武县', 3],
        ['武陟县', 0],
      ],
    );
    expect(csv.startsWith('\uFEFF县区,数量\r\n')).toBe(true);
    expect(csv).toBe('\uFEFF县区,数量\r\n修武县,3\r\n武陟县,0\r\n');
  });

  it('guards cells starting with = + - @ tab or CR with an apostrophe', () => {
    for (const bad of ['=SUM(A1:A2)', '+1+1', '-2+3', '@cmd', '\tx', '\r=1']) expect(guardFormula(bad)).toBe(`'${bad}`);
    expect(toCsv(['a'], [['=HYPERLINK("http://x","y")']])).toBe('\uFEFFa\r\n"\'=HYPERLINK(""http://x"",""y"")"\r\n');
    expect(toCsv(['a'], [['@x'], ['\tx']])).toBe("\uFEFFa\r\n'@x\r\n'\tx\r\n");
  });

  it('leaves plain numbers (also negative ones) and ordinary text alone', () => {
    expect(guardFormula('-12.5')).toBe('-12.5');
    expect(guardFormula('a=b')).toBe('a=b');
    expect(toCsv(['n'], [[-3], ['-3']])).toBe('\uFEFFn\r\n-3\r\n-3\r\n');
  });

  it('quotes delimiters, quotes, line breaks and edge spaces; empty for null and undefined', () => {
    const csv = toCsv(['a', 'b', 'c', 'd', 'e', 'f'], [['x,y', 'say "hi"', 'two\nlines', ' pad ', null, undefined]]);
    expect(csv).toBe('\uFEFFa,b,c,d,e,f\r\n"x,y","say ""hi""","two\nlines"," pad ",,\r\n');
    // What it writes, a CSV reader reads back cell for cell.
    expect(parse(csv, { bom: true })).toEqual([
      ['a', 'b', 'c', 'd', 'e', 'f'],
      ['x,y', 'say "hi"', 'two\nlines', ' pad ', '', ''],
    ]);
  });

  it('writes booleans as text and, without the options, neither BOM nor guard', () => {
    expect(writeCsv([['=a', true, false]], { bom: false, guardFormulas: false })).toBe('=a,true,false\r\n');
    expect(writeCsv([], { bom: true, guardFormulas: true })).toBe('\uFEFF');
  });
});
