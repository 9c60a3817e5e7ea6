/**
 * SQL of the derived-feature expression language (lib/src/features/expression.ts): a parsed syntax tree written as
 * one SQL expression that computes what `evaluateExpression` computes, NaN in JS being NULL in SQL. A division by
 * zero gives NULL (as NaN in JS, and no engine raises); `log1p(a)` is NULL at or below −1 and is written
 * `LN(1 + a) · a / ((1 + a) − 1)` (exact to a few ulps also for tiny `a`, where `LN(1 + a)` alone loses digits), or
 * `a` where `1 + a` rounds to 1. Expressions without `log1p` use only + − × ÷ and are bit-identical to JS (`exact`);
 * with `log1p` the engine's LN and V8's differ in the last bits.
 *
 * Limits (both sides give a non-finite value or none): a JS intermediate ±Infinity that a later operation turns
 * finite (1 / log1p(−1)) is NULL in SQL; an overflow beyond ±1.8e308 may raise an error in the engine.
 */
import { ValidationError } from '../core/errors';
import type { ExprNode } from '../features/expression';
import type { SqlDialect } from './dialect';

/** An expression's SQL and whether it is bit-identical to the JS evaluation. */
export interface ExpressionSql { readonly sql: string; readonly exact: boolean }

/**
 * The SQL of a parsed expression. @param col the SQL of a numeric input column by name (it throws for others)
 * Complexity: O(nodes · 2^depth of divisions and log1p) text (each repeats its operand); expressions of a spec are small.
 * @throws ValidationError for a malformed tree
 * @example expressionSql({ op: '/', a: { col: 'spend' }, b: { col: 'orders' } }, (n) => `"${n}"`, d).sql
 *   // '(CASE WHEN "orders" <> 0E0 THEN "spend" / "orders" END)'
 */
export function expressionSql(tree: ExprNode, col: (name: string) => string, d: SqlDialect): ExpressionSql {
  let exact = true;
  const rec = (e: ExprNode): string => {
    if (e == null || typeof e !== 'object') throw new ValidationError(`SQL export: a derived-feature expression node is ${JSON.stringify(e)}`);
    if ('num' in e) {
      if (!Number.isFinite(e.num)) throw new ValidationError(`SQL export: a derived-feature expression holds the number ${e.num}, which SQL cannot hold`);
      return d.num(e.num);
    }
    if ('col' in e) return col(e.col);
    if ('neg' in e) return `(-(${rec(e.neg)}))`;
    if ('fn' in e) {
      if (e.fn !== 'log1p') throw new ValidationError(`SQL export: unknown function "${String(e.fn)}" in a derived-feature expression`);
      exact = false;
      const a = rec(e.arg);
      const u = `(1E0 + ${a})`;
      return `(CASE WHEN ${a} > (-1E0) THEN (CASE WHEN ${u} = 1E0 THEN ${a} ELSE LN(${u}) * ${a} / (${u} - 1E0) END) END)`;
    }
    if ('op' in e) {
      const a = rec(e.a), b = rec(e.b);
      switch (e.op) {
        case '+': case '-': case '*': return `(${a} ${e.op} ${b})`;
        case '/': return `(CASE WHEN ${b} <> 0E0 THEN ${a} / ${b} END)`;
        default: throw new ValidationError(`SQL export: unknown operator "${String((e as { op: unknown }).op)}" in a derived-feature expression`);
      }
    }
    throw new ValidationError(`SQL export: a derived-feature expression node is ${JSON.stringify(e)}`);
  };
  const sql = rec(tree);
  return { sql, exact };
}
