/**
 * Rebuild any preprocessing step from its JSON form (the `type` tag picks the class).
 */
import { ValidationError } from '../core/errors';
import { ColumnTransformer } from './column-transformer';
import { FeatureEngineer } from './engineered/engineer';
import { FeatureSelector } from './feature-selector';
import { Log1pTransformer } from './log1p-transformer';
import { MinMaxScaler } from './min-max-scaler';
import { OneHotEncoder } from './one-hot-encoder';
import { QuantileClipper } from './quantile-clipper';
import { RobustScaler } from './robust-scaler';
import { SentinelExpander } from './sentinel-expander';
import { SimpleImputer } from './simple-imputer';
import { StandardScaler } from './standard-scaler';
import { TablePipeline } from './table-pipeline';
import type { StepJSON, TableStep } from './types';
import { YeoJohnsonTransformer } from './yeo-johnson';
import { ColumnDropper } from './column-dropper';
import { MissingIndicator } from './missing-indicator';
import { RareCategoryGrouper } from './rare-category-grouper';
import { OrdinalEncoder } from './ordinal-encoder';
import { DerivedFeatures } from './derived-features';

/** The step types `stepFromJSON` knows, by `type` tag. */
function loaders(): Record<string, (j: StepJSON) => TableStep> {
  return {
    SimpleImputer: SimpleImputer.fromJSON,
    StandardScaler: StandardScaler.fromJSON,
    MinMaxScaler: MinMaxScaler.fromJSON,
    RobustScaler: RobustScaler.fromJSON,
    OneHotEncoder: OneHotEncoder.fromJSON,
    Log1pTransformer: Log1pTransformer.fromJSON,
    YeoJohnsonTransformer: YeoJohnsonTransformer.fromJSON,
    QuantileClipper: QuantileClipper.fromJSON,
    SentinelExpander: SentinelExpander.fromJSON,
    ColumnTransformer: ColumnTransformer.fromJSON,
    TablePipeline: TablePipeline.fromJSON,
    FeatureEngineer: FeatureEngineer.fromJSON,
    FeatureSelector: FeatureSelector.fromJSON,
    ColumnDropper: ColumnDropper.fromJSON,
    MissingIndicator: MissingIndicator.fromJSON,
    RareCategoryGrouper: RareCategoryGrouper.fromJSON,
    OrdinalEncoder: OrdinalEncoder.fromJSON,
    DerivedFeatures: DerivedFeatures.fromJSON,
  };
}

/**
 * Rebuild a step saved with `step.toJSON()` (fitted state included).
 * @throws ValidationError for an unknown type tag, listing the known ones.
 */
export function stepFromJSON(json: StepJSON): TableStep {
  const l = loaders();
  const f = json && typeof json === 'object' ? l[json.type] : undefined;
  if (!f) throw new ValidationError(`stepFromJSON: unknown step type ${JSON.stringify(json?.type)}; known: ${Object.keys(l).join(', ')}`);
  return f(json);
}
