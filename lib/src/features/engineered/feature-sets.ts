/**
 * The registry of engineered-feature sets, and detection of the set that fits a table from its columns.
 */
import { ValidationError } from '../../core/errors';
import type { Table } from '../../data/table';
import { BANK_ADDITIONAL_FEATURES } from './bank-additional';
import { BANK_KAGGLE_FEATURES } from './bank-kaggle';
import { CREDIT_CARD_FEATURES } from './credit-card';
import type { EngineeredFeature, FeatureSetId } from './types';

/** Every declared feature set. */
export const FEATURE_SETS: Readonly<Record<FeatureSetId, readonly EngineeredFeature[]>> = {
  'bank-additional': BANK_ADDITIONAL_FEATURES,
  'bank-kaggle': BANK_KAGGLE_FEATURES,
  'credit-card': CREDIT_CARD_FEATURES,
};

/** The features of a set. @throws ValidationError listing the known sets. */
export function featureSet(id: FeatureSetId): readonly EngineeredFeature[] {
  const s = FEATURE_SETS[id];
  if (!s) throw new ValidationError(`unknown feature set ${JSON.stringify(id)}; choose from ${Object.keys(FEATURE_SETS).join(', ')}`);
  return s;
}

/**
 * The feature set matching a table's columns: `credit-card` if it has CREDIT_LIMIT, `bank-additional` if it has
 * euribor3m, `bank-kaggle` if it has balance and pdays; null otherwise.
 * Complexity: O(columns).
 */
export function detectFeatureSet(table: Table): FeatureSetId | null {
  const names = new Set(table.columns.map((c) => c.name));
  if (names.has('CREDIT_LIMIT') || names.has('BALANCE')) return 'credit-card';
  if (names.has('euribor3m') || names.has('emp.var.rate')) return 'bank-additional';
  if (names.has('balance') && names.has('pdays')) return 'bank-kaggle';
  return null;
}
