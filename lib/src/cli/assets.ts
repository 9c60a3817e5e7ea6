/** Build step: prepares lib/dist/assets (run by `npm run build`). */
import { buildAssets, plotlyBundlePath } from '../display/assets';

buildAssets();
console.log(`assets ready: ${plotlyBundlePath()}`);
