import { klSums } from '../core/klDivergence';
import type { KlBackend } from './backend';

/** The TypeScript reference as a backend: always available, the one the WASM backend is checked against. */
export const tsBackend: KlBackend = {
  name: 'ts',
  klSums,
};
