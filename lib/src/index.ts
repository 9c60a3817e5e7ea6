/**
 * seglab: the library behind the customer-segmentation notebooks.
 * Notebooks import it by name (`import { show, loadDataset } from 'seglab'`).
 */
export * from './core';
export * from './data';
export * from './display';
export * from './features';
export * from './cluster';
export * from './metrics';
export * from './neural';
export * from './eda';
export * from './personas';
export * from './viz';
export * from './scoring';
export * from './workflow';
export * from './teach';
export * from './lab';
export * from './sql';
export * from './scale';
