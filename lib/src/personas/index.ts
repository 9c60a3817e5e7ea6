/** Personas, segment profiles, explanations and classifier evaluation. */
export * from './profile';
export * from './top-features';
export * from './describe';
export * from './tree';
export * from './rules';
export * from './presets';
export * from './scores';
export * from './crosstab';
export * from './cards';
export * from './eval/confusion';
export * from './eval/roc';
export * from './eval/split';
export * from './eval/logistic';
export * from './strategy-table';
