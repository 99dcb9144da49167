#!/usr/bin/env node
// `npm run build`: `next build`, then the stamp that tells `npm start` which sources this build is made of.
import { build } from './build-stamp.mjs';

process.exit(build('.'));
