import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tokenFrom } from '@/auth/auth.guard';
import { AuthService } from '@/auth/auth.service';
import { QueueRegistry } from './queue-registry';

export const DASHBOARD_PATH = '/admin/queues';

/** A `<link>` to another host; bull-board's own files are linked relative to its base path. */
const REMOTE_LINK = /<link\b[^>]*\bhref=["'](?:https?:)?\/\/[^"']*["'][^>]*>\s*/gi;

/**
 * bull-board's page links the IBM Plex fonts from Google (no option turns that off in 9.x): each visit
 * would tell Google the office's address and hang offline. The link is cut from the page; its
 * stylesheet falls back to the system fonts (system-ui, ui-monospace).
 */
function withoutRemoteLinks(html: string): string {
  return html.replace(REMOTE_LINK, '');
}

/**
 * bull-board at /admin/queues, for the office only (session cookie or Bearer token). Anyone else gets
 * 404 when not signed in (the dashboard does not exist for them) and 403 when signed in without the
 * office role. Registered on Fastify directly, so it checks the session itself.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: QueueRegistry,
    private readonly auth: AuthService,
  ) {}

  onModuleInit(): void {
    // A worker-only process (application context) has no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.all().map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Beirat queues' } },
    });
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.officeOnly(request, reply));
      scope.addHook('onSend', async (_request, reply, payload) =>
        typeof payload === 'string' && String(reply.getHeader('content-type')).startsWith('text/html')
          ? withoutRemoteLinks(payload)
          : payload,
      );
      await scope.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
    });
  }

  private async officeOnly(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = tokenFrom(request);
    const user = token ? await this.auth.userForToken(token) : null;
    if (user?.roles.includes('office')) return;
    const status = user ? 403 : 404;
    await reply
      .code(status)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: status === 403 ? 'Not allowed' : 'Not found',
        status,
        detail: status === 403 ? 'The queue dashboard is for the office.' : 'Resource not found.',
      });
  }
}
