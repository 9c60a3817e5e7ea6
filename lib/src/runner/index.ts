export * from './protocol';
export * from './notebook';
export * from './outputs';
export * from './params';
export { KernelProcess, KernelDiedError, defaultKernelArgv, killAllKernels, type KernelOptions } from './kernel';
export { cleanStaleKernelDirs, type CleanKernelDirsOptions } from './kernel-dirs';
export { runNotebook, failureLine, cellName, defaultMaxMemoryMb, RUN_DEFAULTS, type RunOptions, type RunResult, type CellStatus } from './run';
export * from './select';
