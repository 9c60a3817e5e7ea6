/**
 * The data set registry: what the project knows about each data set (file, official source, checksum, delimiter,
 * column roles and levels, sentinel values, target), the real ones and the synthetic stand-ins.
 *
 * Column levels (decided here, used by the notebooks):
 * - `customer`: who the customer is (age, job, balance, card usage…);
 * - `history`: the customer's record with earlier campaigns (pdays, previous, poutcome): behaviour, customer-level;
 * - `contact`: the current campaign's contact (contact channel, month, day, call duration, number of calls):
 *   describes the campaign's call rather than the customer, and `duration` is only known after the call;
 * - `campaign`: macro-economic context of the campaign period (UCI's five indicators), identical for everyone called
 *   in the same period: not a customer trait;
 * - `outcome`: the target (`y`, `deposit`): for description only, never a clustering input unless a caller opts in.
 * - `truth`: the planted segment of synthetic data: for evaluation only.
 */

/** The role of a column. */
export type ColumnRole = 'numeric' | 'categorical' | 'binary' | 'id' | 'target' | 'truth';
/** What a column describes (see the file comment). */
export type ColumnLevel = 'customer' | 'history' | 'contact' | 'campaign' | 'outcome';

/** One column of a data set. */
export interface DatasetColumn {
  name: string;
  role: ColumnRole;
  level: ColumnLevel;
  description: string;
}

/** A value that is not what it looks like (`pdays` 999 = never contacted; `unknown` = missing category). */
export interface Sentinel {
  column: string;
  value: number | string;
  meaning: string;
}

/** Identifiers of the registered data sets. */
export type DatasetId = 'bank-additional-full' | 'bank-kaggle' | 'cc-general' | 'synthetic-bank' | 'synthetic-cc';

/** Everything the project knows about one data set. */
export interface DatasetSpec {
  id: DatasetId;
  title: string;
  /** 'real' data is read from the data directory; 'synthetic' is generated. */
  kind: 'real' | 'synthetic';
  /** File name in the data directory (real data only). */
  file: string | null;
  /** Official source page. */
  sourceUrl: string;
  /** Direct download (UCI only; Kaggle needs a signed-in download). */
  downloadUrl: string | null;
  /** SHA-256 of the file as published (SOURCES.md). */
  sha256: string | null;
  delimiter: string;
  /** Rows of the published file. */
  rows: number | null;
  license: string;
  columns: DatasetColumn[];
  sentinels: Sentinel[];
  /** The target column, or null. */
  target: string | null;
  /** The positive class of the target. */
  positiveClass: string | null;
  /** The ground-truth column of synthetic data, or null. */
  truth: string | null;
  notes: string[];
}

type Row = [string, ColumnRole, ColumnLevel, string];
const cols = (rows: Row[]): DatasetColumn[] => rows.map(([name, role, level, description]) => ({ name, role, level, description }));

const UCI_COLUMNS: Row[] = [
  ['age', 'numeric', 'customer', 'age in years'],
  ['job', 'categorical', 'customer', 'type of job'],
  ['marital', 'categorical', 'customer', 'marital status'],
  ['education', 'categorical', 'customer', 'education level'],
  ['default', 'binary', 'customer', 'has credit in default? (yes/no/unknown)'],
  ['housing', 'binary', 'customer', 'has a housing loan? (yes/no/unknown)'],
  ['loan', 'binary', 'customer', 'has a personal loan? (yes/no/unknown)'],
  ['contact', 'categorical', 'contact', 'contact channel of this campaign (cellular/telephone)'],
  ['month', 'categorical', 'contact', 'month of the last contact'],
  ['day_of_week', 'categorical', 'contact', 'weekday of the last contact'],
  ['duration', 'numeric', 'contact', 'last call duration in seconds (known only after the call)'],
  ['campaign', 'numeric', 'contact', 'number of contacts in this campaign, this one included'],
  ['pdays', 'numeric', 'history', 'days since the last contact of a previous campaign (999 = never contacted)'],
  ['previous', 'numeric', 'history', 'number of contacts before this campaign'],
  ['poutcome', 'categorical', 'history', 'outcome of the previous campaign'],
  ['emp.var.rate', 'numeric', 'campaign', 'employment variation rate, quarterly'],
  ['cons.price.idx', 'numeric', 'campaign', 'consumer price index, monthly'],
  ['cons.conf.idx', 'numeric', 'campaign', 'consumer confidence index, monthly'],
  ['euribor3m', 'numeric', 'campaign', 'euribor 3-month rate, daily'],
  ['nr.employed', 'numeric', 'campaign', 'number of employees, quarterly'],
  ['y', 'target', 'outcome', 'subscribed a term deposit? (yes/no)'],
];

const UNKNOWN_SENTINELS = (names: string[]): Sentinel[] =>
  names.map((column) => ({ column, value: 'unknown', meaning: 'missing category' }));

const BANK_ADDITIONAL: DatasetSpec = {
  id: 'bank-additional-full',
  title: 'UCI Bank Marketing, bank-additional-full (Moro, Cortez, Rita 2014)',
  kind: 'real',
  file: 'bank-additional-full.csv',
  sourceUrl: 'https://archive.ics.uci.edu/dataset/222/bank+marketing',
  downloadUrl: 'https://archive.ics.uci.edu/static/public/222/bank+marketing.zip',
  sha256: '74adfc578bf77a7ff4bb1ba4a9f8709d9e3c6907342959c2c8416847e0afb4d8',
  delimiter: ';',
  rows: 41188,
  license: 'CC BY 4.0',
  columns: cols(UCI_COLUMNS),
  sentinels: [
    { column: 'pdays', value: 999, meaning: 'never contacted before' },
    ...UNKNOWN_SENTINELS(['job', 'marital', 'education', 'default', 'housing', 'loan']),
  ],
  target: 'y',
  positiveClass: 'yes',
  truth: null,
  notes: [
    '12 rows are exact duplicates (41,176 unique).',
    'duration is known only after the call: UCI advises leaving it out of realistic predictive models.',
    'The five economic indicators are campaign-level context, not customer traits.',
  ],
};

const BANK_KAGGLE: DatasetSpec = {
  id: 'bank-kaggle',
  title: 'Kaggle Bank Marketing bank.csv (janiobachmann), a balanced extract of the UCI bank data',
  kind: 'real',
  file: 'bank-kaggle.csv',
  sourceUrl: 'https://www.kaggle.com/datasets/janiobachmann/bank-marketing-dataset',
  downloadUrl: null,
  sha256: 'c25bf6ac8ef9e37119427fce9a32923baf57cb466ca27b34b2c930e88035d2fe',
  delimiter: ',',
  rows: 11162,
  license: 'see the Kaggle page (derived from UCI Bank Marketing, CC BY 4.0)',
  columns: cols([
    ['age', 'numeric', 'customer', 'age in years'],
    ['job', 'categorical', 'customer', 'type of job'],
    ['marital', 'categorical', 'customer', 'marital status'],
    ['education', 'categorical', 'customer', 'education level'],
    ['default', 'binary', 'customer', 'has credit in default?'],
    ['balance', 'numeric', 'customer', 'average yearly balance in euros'],
    ['housing', 'binary', 'customer', 'has a housing loan?'],
    ['loan', 'binary', 'customer', 'has a personal loan?'],
    ['contact', 'categorical', 'contact', 'contact channel (cellular/telephone/unknown)'],
    ['day', 'numeric', 'contact', 'day of month of the last contact'],
    ['month', 'categorical', 'contact', 'month of the last contact'],
    ['duration', 'numeric', 'contact', 'last call duration in seconds (known only after the call)'],
    ['campaign', 'numeric', 'contact', 'number of contacts in this campaign'],
    ['pdays', 'numeric', 'history', 'days since the last contact of a previous campaign (-1 = never contacted)'],
    ['previous', 'numeric', 'history', 'number of contacts before this campaign'],
    ['poutcome', 'categorical', 'history', 'outcome of the previous campaign (unknown = none)'],
    ['deposit', 'target', 'outcome', 'subscribed a term deposit? (yes/no)'],
  ]),
  sentinels: [
    { column: 'pdays', value: -1, meaning: 'never contacted before' },
    ...UNKNOWN_SENTINELS(['job', 'education', 'contact', 'poutcome']),
  ],
  target: 'deposit',
  positiveClass: 'yes',
  truth: null,
  notes: ['Balanced target: deposit yes 5,289 / no 5,873.'],
};

const CC_NUMERIC: Array<[string, string]> = [
  ['BALANCE', 'balance left to pay'],
  ['BALANCE_FREQUENCY', 'how often the balance is updated (0..1)'],
  ['PURCHASES', 'amount of purchases'],
  ['ONEOFF_PURCHASES', 'largest purchase amount in one go'],
  ['INSTALLMENTS_PURCHASES', 'amount of purchases in installments'],
  ['CASH_ADVANCE', 'cash paid in advance'],
  ['PURCHASES_FREQUENCY', 'how often purchases are made (0..1)'],
  ['ONEOFF_PURCHASES_FREQUENCY', 'how often one-off purchases are made (0..1)'],
  ['PURCHASES_INSTALLMENTS_FREQUENCY', 'how often installment purchases are made (0..1)'],
  ['CASH_ADVANCE_FREQUENCY', 'how often cash advances are taken (0..1)'],
  ['CASH_ADVANCE_TRX', 'number of cash-advance transactions'],
  ['PURCHASES_TRX', 'number of purchase transactions'],
  ['CREDIT_LIMIT', 'credit limit'],
  ['PAYMENTS', 'amount paid'],
  ['MINIMUM_PAYMENTS', 'minimum payments made'],
  ['PRC_FULL_PAYMENT', 'share of months with the full balance paid'],
  ['TENURE', 'tenure of the card in months'],
];

const CC_GENERAL: DatasetSpec = {
  id: 'cc-general',
  title: 'Kaggle Credit Card Dataset for Clustering (CC GENERAL, arjunbhasin2013)',
  kind: 'real',
  file: 'cc-general.csv',
  sourceUrl: 'https://www.kaggle.com/datasets/arjunbhasin2013/ccdata',
  downloadUrl: null,
  sha256: 'ad6a9c388ad2ae32407996d2aaaab8aef31e10b64805106f9e6e06a99405b910',
  delimiter: ',',
  rows: 8950,
  license: 'see the Kaggle page',
  columns: cols([
    ['CUST_ID', 'id', 'customer', 'card holder id'],
    ...CC_NUMERIC.map(([n, d]): Row => [n, 'numeric', 'customer', d]),
  ]),
  sentinels: [],
  target: null,
  positiveClass: null,
  truth: null,
  notes: ['CREDIT_LIMIT has 1 empty value, MINIMUM_PAYMENTS 313.', 'No target: purely unsupervised.'],
};

const SYNTHETIC_BANK: DatasetSpec = {
  ...BANK_ADDITIONAL,
  id: 'synthetic-bank',
  title: 'Synthetic bank customers (bank-additional-full schema, 4 planted segments)',
  kind: 'synthetic',
  file: null,
  sourceUrl: 'generated by seglab generateBankCustomers',
  downloadUrl: null,
  sha256: null,
  rows: null,
  license: 'generated',
  columns: [...BANK_ADDITIONAL.columns, { name: 'segment', role: 'truth', level: 'outcome', description: 'planted segment (ground truth)' }],
  truth: 'segment',
  notes: ['Synthetic: no duplicates by design, pdays 999 for most rows, economic indicators from 12 campaign periods.'],
};

const SYNTHETIC_CC: DatasetSpec = {
  ...CC_GENERAL,
  id: 'synthetic-cc',
  title: 'Synthetic credit-card customers (CC GENERAL schema, 4 planted segments)',
  kind: 'synthetic',
  file: null,
  sourceUrl: 'generated by seglab generateCardCustomers',
  downloadUrl: null,
  sha256: null,
  rows: null,
  license: 'generated',
  columns: [...CC_GENERAL.columns, { name: 'segment', role: 'truth', level: 'outcome', description: 'planted segment (ground truth)' }],
  truth: 'segment',
  notes: ['Synthetic: MINIMUM_PAYMENTS missing for about 3.5 % of rows.'],
};

/** The registered data sets, by id. Real ones first, in the order `auto` tries them. */
export const DATASETS: Readonly<Record<DatasetId, DatasetSpec>> = {
  'bank-additional-full': BANK_ADDITIONAL,
  'bank-kaggle': BANK_KAGGLE,
  'cc-general': CC_GENERAL,
  'synthetic-bank': SYNTHETIC_BANK,
  'synthetic-cc': SYNTHETIC_CC,
};

/** Ids of the real data sets, in the order `loadDataset('auto')` looks for them. */
export const REAL_DATASET_IDS: readonly DatasetId[] = ['bank-additional-full', 'bank-kaggle', 'cc-general'];

/** Names of the columns with a given role (or any of several roles). */
export function columnsWithRole(spec: DatasetSpec, ...roles: ColumnRole[]): string[] {
  return spec.columns.filter((c) => roles.includes(c.role)).map((c) => c.name);
}

/** Names of the columns at a given level (or any of several levels). */
export function columnsAtLevel(spec: DatasetSpec, ...levels: ColumnLevel[]): string[] {
  return spec.columns.filter((c) => levels.includes(c.level)).map((c) => c.name);
}

/** Options of `clusteringColumns`. */
export interface ClusteringColumnsOptions {
  /** Include the target (off by default: the target describes, it does not segment). A notebook that opts in says so. */
  includeTarget?: boolean;
  /** Keep only columns at these levels (default: customer, history, contact, campaign). */
  levels?: readonly ColumnLevel[];
  /** Columns to leave out as well. */
  exclude?: readonly string[];
}

/**
 * The columns that may feed a clustering: never ids or the synthetic ground truth; the target only when asked.
 * @example clusteringColumns(DATASETS['cc-general']).length // 17
 */
export function clusteringColumns(spec: DatasetSpec, opts: ClusteringColumnsOptions = {}): string[] {
  const levels = opts.levels ?? ['customer', 'history', 'contact', 'campaign'];
  const exclude = new Set(opts.exclude ?? []);
  return spec.columns
    .filter((c) => {
      if (exclude.has(c.name) || c.role === 'id' || c.role === 'truth') return false;
      if (c.role === 'target') return opts.includeTarget === true;
      return levels.includes(c.level);
    })
    .map((c) => c.name);
}
