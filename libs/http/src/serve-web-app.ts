// Serves the web app's production build (apps/web, built into dist/web) at `/`: hashed assets
// cached for a year, index.html revalidated on every load, and every other browser path answered
// with index.html so the app's own routes survive a reload. The API, health and docs paths are
// never shadowed. Its content security policy is the one of every answer (configure-http-app).
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';

/** Vite names every file under assets/ by its content hash: it never changes under a name. */
const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
const OTHER_FILE_CACHE = 'public, max-age=3600';
const NOT_THE_APP = /^\/(api|health|metrics)(\/|$)/;
/** What the browser loads besides the API's answers: the reference data is 170 kB of TopoJSON. */
const REFERENCE_DATA = /^\/api\/v1\/reference(\/|$)/;

/** dist/web of the repository this file belongs to (from the sources or from dist/). */
export function defaultWebAppDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return join(from, 'web');
    dir = parent;
  }
  return join(dir, 'dist', 'web');
}

export function serveWebApp(app: INestApplication, dir: string): { served: boolean } {
  const index = join(dir, 'index.html');
  const express = app as NestExpressApplication;
  // Compressed as the browser accepts (brotli, gzip): the app's files and the reference data
  // shrink to a third or less. The API's own answers are left as they are.
  express.use(
    compression({
      filter: (req, res) =>
        (!NOT_THE_APP.test(req.path) || REFERENCE_DATA.test(req.path)) &&
        compression.filter(req, res),
    }),
  );
  if (!existsSync(index)) {
    express.use('/', (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path !== '/') return next();
      res
        .status(503)
        .type('text/plain')
        .send('The web app is not built. Run `npm start` (it builds) or `npm run build`.\n');
    });
    return { served: false };
  }
  express.useStaticAssets(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res: ServerResponse, path: string) => {
      res.setHeader(
        'Cache-Control',
        path.startsWith(join(dir, 'assets')) ? HASHED_ASSET_CACHE : OTHER_FILE_CACHE,
      );
    },
  });
  express.use((req: Request, res: Response, next: NextFunction) => {
    const wantsPage =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !NOT_THE_APP.test(req.path) &&
      !req.path.startsWith('/assets/') &&
      (req.accepts(['text/html', 'application/json']) === 'text/html' || req.path === '/');
    if (!wantsPage) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return { served: true };
}
