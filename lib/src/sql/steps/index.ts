/** Registers the SQL translations of the library's built-in step types (imported for its side effect). */
import { registerStepSql, supportedStepTypes } from '../step-registry';
import { columnDropperSql, featureSelectorSql } from './columns';
import { columnTransformerSql, tablePipelineSql } from './composite';
import { derivedFeaturesSql } from './derived';
import { featureEngineerSql } from './engineer';
import { simpleImputerSql } from './imputer';
import { oneHotEncoderSql } from './one-hot';
import { missingIndicatorSql } from './missing-indicator';
import { ordinalEncoderSql } from './ordinal';
import { log1pSql, yeoJohnsonSql } from './power';
import { rareCategoryGrouperSql } from './rare-categories';
import { affineScalerSql, quantileClipperSql } from './scalers';
import { sentinelExpanderSql } from './sentinel';

/** Register every built-in translator (idempotent). */
export function registerBuiltinStepSql(): void {
  if (supportedStepTypes().includes('SimpleImputer')) return;
  registerStepSql('SimpleImputer', simpleImputerSql);
  registerStepSql('SentinelExpander', sentinelExpanderSql);
  registerStepSql('YeoJohnsonTransformer', yeoJohnsonSql);
  registerStepSql('Log1pTransformer', log1pSql);
  registerStepSql('QuantileClipper', quantileClipperSql);
  registerStepSql('StandardScaler', affineScalerSql);
  registerStepSql('RobustScaler', affineScalerSql);
  registerStepSql('MinMaxScaler', affineScalerSql);
  registerStepSql('OneHotEncoder', oneHotEncoderSql);
  registerStepSql('FeatureSelector', featureSelectorSql);
  registerStepSql('ColumnDropper', columnDropperSql);
  registerStepSql('TablePipeline', tablePipelineSql);
  registerStepSql('ColumnTransformer', columnTransformerSql);
  registerStepSql('FeatureEngineer', featureEngineerSql);
  registerStepSql('DerivedFeatures', derivedFeaturesSql);
  registerStepSql('MissingIndicator', missingIndicatorSql);
  registerStepSql('OrdinalEncoder', ordinalEncoderSql);
  registerStepSql('RareCategoryGrouper', rareCategoryGrouperSql);
}

registerBuiltinStepSql();
