#!/usr/bin/env node
// The `hallq` binary. hallq is TypeScript run by tsx (no build step), so this shim registers tsx's ESM
// loader before importing the real entry; `npx hallq`, the package bin and `node server/cli/hallq.mjs` all land here.
import { register } from 'tsx/esm/api';

register();
await import('./hallq.ts');
