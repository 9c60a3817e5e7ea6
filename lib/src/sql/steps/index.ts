/** Registers the SQL translations of the library's built-in step types (imported for its side effect). */
import { registerStepSql, supportedStepTypes } from '../step-registry';
import { columnDropperSql, featureSelectorSql } from './columns';
import { columnTransformerSql, tablePipelineSql } from './composite';
import { featureEngineerSql } from './engineer';
import { simpleImputerSql } from './imputer';
import { oneHotEncoderSql } from './one-hot';
import { log1pSql, yeoJohnsonSql } from './power';
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
}

registerBuiltinStepSql();
