export * from './protocol';
export * from './notebook';
export * from './outputs';
export * from './params';
export { KernelProcess, KernelDiedError, defaultKernelArgv, type KernelOptions } from './kernel';
export { runNotebook, failureLine, type RunOptions, type RunResult, type CellStatus } from './run';
export * from './select';
