/**
 * A streaming RFC 4180 tokenizer: feed it text chunks, it calls back once per record with the record's fields and
 * the 1-based line number where the record starts (as a person counts lines in the file, header = line 1).
 * Handles `""` escapes, delimiters and newlines inside quoted fields, CRLF / LF / CR line ends, and records split
 * across chunk boundaries. Blank lines are skipped (they still count as lines). Internal to the loader.
 *
 * Complexity: O(characters) time; memory O(longest record) beyond the current chunk.
 */
import { DataError } from '../core/errors';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Called once per record; `fields` is reused between calls, so copy what you keep. */
export type RecordCallback = (fields: string[], line: number) => void;

export class CsvTokenizer {
  private buf = '';
  private line = 1;
  private readonly fields: string[] = [];
  private readonly delim: number;

  constructor(
    delimiter: string,
    private readonly onRecord: RecordCallback,
    private readonly file?: string,
  ) {
    if (delimiter.length !== 1) throw new DataError(`delimiter must be one character, got ${JSON.stringify(delimiter)}`, file);
    this.delim = delimiter.charCodeAt(0);
  }

  /** Feed the next chunk of text. */
  push(chunk: string): void {
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    this.run(false);
  }

  /** Signal the end of input: flushes the last record (with or without a final newline). */
  end(): void {
    this.run(true);
    this.buf = '';
  }

  private run(final: boolean): void {
    const s = this.buf;
    const n = s.length;
    const d = this.delim;
    const fields = this.fields;
    let pos = 0;
    let line = this.line;
    records: while (pos < n) {
      const recLine = line;
      fields.length = 0;
      let p = pos;
      let sawQuote = false;
      for (;;) {
        if (p < n && s.charCodeAt(p) === QUOTE) {
          sawQuote = true;
          const open = p;
          let q = p + 1;
          let seg = q;
          let val = '';
          for (;;) {
            const k = s.indexOf('"', q);
            if (k < 0 || (k + 1 >= n && !final)) {
              if (!final) {
                line = recLine; // incomplete: wait for more text
                break records;
              }
              throw new DataError(
                `unterminated quoted field starting on line ${recLine}${this.file ? ` of ${this.file}` : ''}`,
                this.file, recLine, undefined, s.slice(open, open + 40),
              );
            }
            if (k + 1 < n && s.charCodeAt(k + 1) === QUOTE) {
              val += s.slice(seg, k + 1);
              q = k + 2;
              seg = q;
              continue;
            }
            val += s.slice(seg, k);
            p = k + 1;
            break;
          }
          for (let i = open; i < p; i++) if (s.charCodeAt(i) === LF) line++;
          let e = p;
          while (e < n) {
            const c = s.charCodeAt(e);
            if (c === d || c === LF || c === CR) break;
            e++;
          }
          if (e > p) val += s.slice(p, e); // lenient: text after the closing quote
          fields.push(val);
          p = e;
        } else {
          let e = p;
          while (e < n) {
            const c = s.charCodeAt(e);
            if (c === d || c === LF || c === CR) break;
            e++;
          }
          fields.push(s.slice(p, e));
          p = e;
        }
        if (p >= n) {
          if (!final) {
            line = recLine;
            break records;
          }
          this.emit(fields, recLine, sawQuote);
          pos = n;
          break records;
        }
        const c = s.charCodeAt(p);
        if (c === d) {
          p++;
          continue;
        }
        if (c === CR) {
          if (p + 1 >= n && !final) {
            line = recLine;
            break records;
          }
          p += p + 1 < n && s.charCodeAt(p + 1) === LF ? 2 : 1;
        } else p++;
        line++;
        this.emit(fields, recLine, sawQuote);
        pos = p;
        continue records;
      }
    }
    if (pos < n && !final) {
      // an incomplete record: keep it (line was reset to where it starts)
      this.buf = s.slice(pos);
    } else this.buf = '';
    this.line = line;
  }

  private emit(fields: string[], line: number, sawQuote: boolean): void {
    if (fields.length === 1 && fields[0] === '' && !sawQuote) return; // blank line
    this.onRecord(fields, line);
  }
}
