/**
 * SQL of a date column turned into days before the spec's reference date (`days_since_<column>`, as prepareTable
 * does for training and scoring): the text of the cell (trimmed; a DATE or TIMESTAMP column is read through its ISO
 * text) is matched with REGEXP_EXTRACT against the layouts `parseDateAs` reads, the calendar date becomes its day
 * number by arithmetic alone (days from 1970-01-01 of the proleptic Gregorian calendar, with FLOOR), and
 * days = (asOf − t) / 86,400,000 over epoch milliseconds, as in JS: every intermediate is an integer below 2⁵³, so
 * the result is bit-identical to the JS value.
 *
 * ISO cells (YYYY-MM-DD or YYYY/MM/DD, optional `THH:MM[:SS[.fff]]` and zone) are read whatever the column's
 * layout; `dmy` / `mdy` cells (DD-MM-YYYY, MM/DD/YYYY, optional `HH:MM[:SS]`) where the spec says so; a column whose
 * spec gives no layout is read as ISO. A cell that is no valid date in these layouts gives NULL (imputed by the
 * pipeline), where `npm run score` refuses the file naming the row: SQL cannot raise an error per row.
 * Works in two steps: the source relation gains the matched parts as text (one REGEXP_EXTRACT per part), then the
 * days are computed from them.
 */
import type { DateFormat } from '../data/csv-values';
import type { SqlDialect } from './dialect';

/** Matched parts of the ISO layout: 1 year, 2 month, 3 day, 4 hour, 5 minute, 6 second, 7 fraction, 8 zone (DuckDB reads groups 1–9 only). */
const ISO_RE = '^([0-9]{4})[-/]([0-9]{2})[-/]([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})([.][0-9]+)?)?(Z|[-+][0-9]{2}:?[0-9]{2})?)?$';
/** Matched parts of the day-month-year / month-day-year layout: 1 first, 2 second, 3 year, 4 hour, 5 minute, 6 second. */
const DMY_RE = '^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?$';

const ISO_PARTS = ['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'z'] as const;
const DMY_PARTS = ['a', 'b', 'y', 'h', 'mi', 's'] as const;

/** A column added to the source relation: its reserved name and expression over the source's columns. */
export interface DatePart { readonly name: string; readonly expr: string }

/** The SQL of one date column: the parts to add to the source, and the day count computed from them. */
export interface DateDaysSql {
  readonly parts: DatePart[];
  /** Days before the reference date (DOUBLE), NULL where the cell is missing or no valid date. */
  readonly days: string;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (y, m, d numbers), as integer arithmetic with FLOOR. */
function daysFromCivil(y: string, m: string, d: string): string {
  const yy = `(${y} - (CASE WHEN ${m} <= 2E0 THEN 1E0 ELSE 0E0 END))`;
  const era = `FLOOR(${yy} / 4E2)`;
  const yoe = `(${yy} - ${era} * 4E2)`;
  const doy = `(FLOOR((1.53E2 * (${m} + (CASE WHEN ${m} > 2E0 THEN (-3E0) ELSE 9E0 END)) + 2E0) / 5E0) + ${d} - 1E0)`;
  const doe = `(${yoe} * 3.65E2 + FLOOR(${yoe} / 4E0) - FLOOR(${yoe} / 1E2) + ${doy})`;
  return `(${era} * 1.46097E5 + ${doe} - 7.19468E5)`;
}

/** Epoch milliseconds of a matched date, or NULL when it is no valid date (the checks of parseDateCell / parseDateAs). */
function epochMs(yText: string, m: string, d: string, h: string, mi: string, s: string, fracMs: string, zoneMs: string): string {
  // Date.UTC reads the years 0–99 as 1900–1999
  const y = `(CASE WHEN ${yText} < 1E2 THEN ${yText} + 1.9E3 ELSE ${yText} END)`;
  const leap = `((${y} % 4E0 = 0E0 AND ${y} % 1E2 <> 0E0) OR ${y} % 4E2 = 0E0)`;
  const monthDays = `(CASE WHEN ${m} = 2E0 THEN (CASE WHEN ${leap} THEN 2.9E1 ELSE 2.8E1 END) WHEN ${m} IN (4E0, 6E0, 9E0, 1.1E1) THEN 3E1 ELSE 3.1E1 END)`;
  const time = `(${h} * 3.6E6 + ${mi} * 6E4 + ${s} * 1E3 + ${fracMs})`;
  // JS rejects a day beyond the month and a time of day that rolls over into the next day
  const valid = `${m} >= 1E0 AND ${m} <= 1.2E1 AND ${d} >= 1E0 AND ${d} <= ${monthDays} AND ${time} < 8.64E7`;
  return `(CASE WHEN ${valid} THEN ${daysFromCivil(y, m, d)} * 8.64E7 + ${time} - ${zoneMs} END)`;
}

/**
 * The SQL of `days_since_<column>` (see the module comment).
 * @param source the source column's SQL (a quoted identifier)
 * @param prefix a reserved prefix for the added parts (unique per date column, e.g. `__t0_`)
 * @param asOfMs the reference date in epoch milliseconds (Date.parse of the spec's asOf)
 * @param missing texts read as missing (the column's and the spec's `missing` lists)
 * Complexity: 8 (ISO) or 14 REGEXP_EXTRACT per row and O(1) arithmetic.
 */
export function dateDaysSql(source: string, format: DateFormat | undefined, asOfMs: number, prefix: string, d: SqlDialect, missing: readonly string[] = []): DateDaysSql {
  const text = `TRIM(CAST(${source} AS ${d.textType}))`;
  const parts: DatePart[] = [];
  const part = (re: string, names: readonly string[], tag: string) => {
    const ref: Record<string, string> = {};
    names.forEach((n, g) => {
      const name = `${prefix}${tag}${n}`;
      parts.push({ name, expr: `REGEXP_EXTRACT(${text}, ${d.str(re)}, ${g + 1})` });
      ref[n] = d.ident(name);
    });
    return ref;
  };
  const numOr0 = (p: string) => `(CASE WHEN ${p} = '' THEN 0E0 ELSE CAST(${p} AS ${d.doubleType}) END)`;
  const num = (p: string) => `CAST(${p} AS ${d.doubleType})`;
  const iso = part(ISO_RE, ISO_PARTS, 'i');
  // the zone ±HH[:]MM: its sign, first two digits (hours) and last two (minutes)
  const zoneMin = `(${num(`SUBSTRING(${iso.z}, 2, 2)`)} * 6E1 + ${num(`SUBSTRING(${iso.z}, LENGTH(${iso.z}) - 1, 2)`)}) * 6E4`;
  const isoZone = `(CASE WHEN ${iso.z} = '' OR ${iso.z} = 'Z' THEN 0E0 WHEN SUBSTRING(${iso.z}, 1, 1) = '-' THEN (-1E0) * ${zoneMin} ELSE ${zoneMin} END)`;
  // Math.round(+fraction · 1000): the fraction is ≥ 0, so FLOOR(x + 0.5)
  const isoFrac = `(CASE WHEN ${iso.f} = '' THEN 0E0 ELSE FLOOR(CAST(CONCAT('0', ${iso.f}) AS ${d.doubleType}) * 1E3 + 5E-1) END)`;
  const isoMs = epochMs(num(iso.y), num(iso.mo), num(iso.d), numOr0(iso.h), numOr0(iso.mi), numOr0(iso.s), isoFrac, isoZone);
  let t = `(CASE WHEN ${iso.y} <> '' THEN ${isoMs} END)`;
  if (format === 'dmy' || format === 'mdy') {
    const x = part(DMY_RE, DMY_PARTS, format === 'dmy' ? 'e' : 'u');
    const [day, month] = format === 'dmy' ? [x.a, x.b] : [x.b, x.a];
    const ms = epochMs(num(x.y), num(month), num(day), numOr0(x.h), numOr0(x.mi), numOr0(x.s), '0E0', '0E0');
    t = `(CASE WHEN ${iso.y} <> '' THEN ${isoMs} WHEN ${x.y} <> '' THEN ${ms} END)`;
  }
  const days = `((${d.num(asOfMs)} - ${t}) / 8.64E7)`;
  // texts the spec reads as missing, even where they look like dates (a placeholder 01-01-1900)
  const tokens = [...new Set(missing.map((m) => m.trim()).filter((m) => m !== ''))];
  return { parts, days: tokens.length ? `(CASE WHEN ${text} IN (${tokens.map((m) => d.str(m)).join(', ')}) THEN NULL ELSE ${days} END)` : days };
}
