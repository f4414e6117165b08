import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import { Public } from '@/auth/auth.decorators';
import { notFound } from '@/common/problem';

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function load(path: string, type: string): Asset {
  const body = readFileSync(path);
  return { body, type, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` };
}

/** The few static files of the pages, served from the installed packages: no CDN, no build step. */
const ASSETS: Record<string, Asset> = {
  'pico.min.css': load(require.resolve('@picocss/pico/css/pico.min.css'), 'text/css; charset=utf-8'),
  'htmx.min.js': load(require.resolve('htmx.org/dist/htmx.min.js'), 'text/javascript; charset=utf-8'),
  'app.css': load(join(__dirname, 'static', 'app.css'), 'text/css; charset=utf-8'),
  'tables-phone.css': load(join(__dirname, 'static', 'tables-phone.css'), 'text/css; charset=utf-8'),
  'app.js': load(join(__dirname, 'static', 'app.js'), 'text/javascript; charset=utf-8'),
};

@ApiExcludeController()
@Controller('assets')
export class WebAssetsController {
  @Public()
  @Get(':name')
  async asset(@Param('name') name: string, @Res() reply: FastifyReply): Promise<void> {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw notFound('Asset');
    await reply
      .header('Content-Type', asset.type)
      .header('Cache-Control', 'public, max-age=3600')
      .header('ETag', asset.etag)
      .header('X-Content-Type-Options', 'nosniff')
      .send(asset.body);
  }
}
