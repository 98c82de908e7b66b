// Loaded with `node --import tsx --import <this file> build/main/main.mjs`.
import { register } from 'node:module';

register('./resolve-hooks.mjs', import.meta.url);
