export * from './types';
export * from './bank-common';
export * from './bank-additional';
export * from './bank-kaggle';
export * from './credit-card';
export * from './feature-sets';
export * from './engineer';
