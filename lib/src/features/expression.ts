/**
 * A tiny, safe expression language for engineered features a spec asks for (`derived: [{ name, expr }]`):
 * numbers, column names, `+ - * /`, unary minus, parentheses and `log1p(…)`. Parsed once into a plain-JSON syntax
 * tree (never `eval`), evaluated row by row on numeric columns. Column names are written as they are when they are
 * made of letters, digits, `_` and `.` (`emp.var.rate`), else in double quotes or backticks (`"monthly spend"`).
 * Missing inputs give NaN; so do a division by zero, `log1p` of a value at or below −1 and any non-finite result (the
 * pipeline imputes them).
 *
 * Grammar: expr := term (('+' | '-') term)*; term := unary (('*' | '/') unary)*;
 *          unary := '-' unary | primary; primary := number | name | 'log1p' '(' expr ')' | '(' expr ')'.
 * Complexity: parsing O(length); evaluation O(n · nodes).
 */
import { ValidationError } from '../core/errors';

/** A node of the syntax tree (plain JSON). */
export type ExprNode =
  | { readonly num: number }
  | { readonly col: string }
  | { readonly op: '+' | '-' | '*' | '/'; readonly a: ExprNode; readonly b: ExprNode }
  | { readonly neg: ExprNode }
  | { readonly fn: 'log1p'; readonly arg: ExprNode };

interface Token { kind: 'num' | 'name' | 'op' | '(' | ')'; text: string; pos: number }

function tokenize(src: string, where: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i))!;
      out.push({ kind: 'num', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i))!;
      out.push({ kind: 'name', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === '`') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new ValidationError(`${where}: the quoted name starting at character ${i + 1} is not closed with ${c}`);
      out.push({ kind: 'name', text: src.slice(i + 1, end), pos: i });
      i = end + 1;
      continue;
    }
    if ('+-*/'.includes(c)) { out.push({ kind: 'op', text: c, pos: i }); i++; continue; }
    if (c === '(' || c === ')') { out.push({ kind: c, text: c, pos: i }); i++; continue; }
    throw new ValidationError(`${where}: unexpected character "${c}" at position ${i + 1}; expressions use numbers, column names, + - * /, parentheses and log1p(…)`);
  }
  return out;
}

/**
 * Parse an expression. @param where names it in messages (e.g. `derived feature "spend_per_order"`)
 * @throws ValidationError naming the position and what was expected
 * @example parseExpression('log1p(spend / orders)') // { fn: 'log1p', arg: { op: '/', a: { col: 'spend' }, b: { col: 'orders' } } }
 */
export function parseExpression(src: string, where = 'expression'): ExprNode {
  if (typeof src !== 'string' || !src.trim()) throw new ValidationError(`${where}: the expression is empty`);
  const toks = tokenize(src, where);
  let p = 0;
  const peek = (): Token | undefined => toks[p];
  const expect = (kind: Token['kind'], what: string): Token => {
    const t = toks[p];
    if (!t || t.kind !== kind) throw new ValidationError(`${where}: expected ${what} ${t ? `at position ${t.pos + 1} ("${t.text}")` : 'at the end'} in ${JSON.stringify(src)}`);
    p++;
    return t;
  };
  const expr = (): ExprNode => {
    let a = term();
    while (peek()?.kind === 'op' && (peek()!.text === '+' || peek()!.text === '-')) {
      const op = toks[p++].text as '+' | '-';
      a = { op, a, b: term() };
    }
    return a;
  };
  const term = (): ExprNode => {
    let a = unary();
    while (peek()?.kind === 'op' && (peek()!.text === '*' || peek()!.text === '/')) {
      const op = toks[p++].text as '*' | '/';
      a = { op, a, b: unary() };
    }
    return a;
  };
  const unary = (): ExprNode => {
    if (peek()?.kind === 'op' && peek()!.text === '-') { p++; return { neg: unary() }; }
    if (peek()?.kind === 'op' && peek()!.text === '+') { p++; return unary(); }
    return primary();
  };
  const primary = (): ExprNode => {
    const t = peek();
    if (!t) throw new ValidationError(`${where}: the expression ${JSON.stringify(src)} ends too early`);
    if (t.kind === 'num') { p++; return { num: Number(t.text) }; }
    if (t.kind === '(') { p++; const e = expr(); expect(')', 'a closing parenthesis'); return e; }
    if (t.kind === 'name') {
      p++;
      if (t.text === 'log1p' && peek()?.kind === '(' && src[t.pos] !== '"' && src[t.pos] !== '`') {
        p++;
        const arg = expr();
        expect(')', 'a closing parenthesis after the argument of log1p');
        return { fn: 'log1p', arg };
      }
      if (peek()?.kind === '(') throw new ValidationError(`${where}: unknown function "${t.text}" at position ${t.pos + 1}; the only function is log1p`);
      return { col: t.text };
    }
    throw new ValidationError(`${where}: unexpected "${t.text}" at position ${t.pos + 1} in ${JSON.stringify(src)}`);
  };
  const e = expr();
  if (p < toks.length) throw new ValidationError(`${where}: unexpected "${toks[p].text}" at position ${toks[p].pos + 1} in ${JSON.stringify(src)} (an operator missing?)`);
  return e;
}

/** The column names an expression reads, in order of first use. */
export function expressionColumns(e: ExprNode, out: string[] = []): string[] {
  if ('col' in e) { if (!out.includes(e.col)) out.push(e.col); }
  else if ('op' in e) { expressionColumns(e.a, out); expressionColumns(e.b, out); }
  else if ('neg' in e) expressionColumns(e.neg, out);
  else if ('fn' in e) expressionColumns(e.arg, out);
  return out;
}

/** The expression as text (fully parenthesized where needed). */
export function expressionText(e: ExprNode): string {
  if ('num' in e) return String(e.num);
  if ('col' in e) return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(e.col) ? e.col : `"${e.col}"`;
  if ('neg' in e) return `-${'op' in e.neg ? `(${expressionText(e.neg)})` : expressionText(e.neg)}`;
  if ('fn' in e) return `log1p(${expressionText(e.arg)})`;
  const wrap = (x: ExprNode, strong: boolean) => ('op' in x && (strong || ((e.op === '*' || e.op === '/') && (x.op === '+' || x.op === '-'))) ? `(${expressionText(x)})` : expressionText(x));
  return `${wrap(e.a, false)} ${e.op} ${wrap(e.b, e.op === '-' || e.op === '/')}`;
}

/**
 * Evaluate an expression on every row. @param columns the numeric columns it reads, by name
 * @throws ValidationError naming a column the expression reads and `columns` lacks
 */
export function evaluateExpression(e: ExprNode, columns: Readonly<Record<string, Float64Array>>, n: number): Float64Array {
  const rec = (x: ExprNode): Float64Array => {
    const out = new Float64Array(n);
    if ('num' in x) { out.fill(x.num); return out; }
    if ('col' in x) {
      const v = columns[x.col];
      if (!v) throw new ValidationError(`expression: column "${x.col}" is not available (numeric columns: ${Object.keys(columns).join(', ')})`);
      out.set(v);
      return out;
    }
    if ('neg' in x) { const a = rec(x.neg); for (let i = 0; i < n; i++) out[i] = -a[i]; return out; }
    if ('fn' in x) { const a = rec(x.arg); for (let i = 0; i < n; i++) out[i] = a[i] >= -1 ? Math.log1p(a[i]) : NaN; return out; }
    const a = rec(x.a), b = rec(x.b);
    switch (x.op) {
      case '+': for (let i = 0; i < n; i++) out[i] = a[i] + b[i]; break;
      case '-': for (let i = 0; i < n; i++) out[i] = a[i] - b[i]; break;
      case '*': for (let i = 0; i < n; i++) out[i] = a[i] * b[i]; break;
      default: for (let i = 0; i < n; i++) out[i] = b[i] === 0 ? NaN : a[i] / b[i];
    }
    return out;
  };
  const out = rec(e);
  for (let i = 0; i < n; i++) if (!Number.isFinite(out[i])) out[i] = NaN;
  return out;
}
