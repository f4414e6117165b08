import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';

export interface AppRoute {
  /** Lower-case HTTP method, as OpenAPI names it. */
  method: string;
  /** OpenAPI path template: `/api/proposals/{id}`. */
  path: string;
  /** The handler reads a JSON body (`@Body()`). */
  takesBody: boolean;
}

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .map((segment) => segment.replace(/^:(\w+)$/, '{$1}'))
    .join('/');

/** Every route of the app's controllers, read from Nest's metadata (what the router serves). */
export function appRoutes(app: INestApplication): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
        const takesBody = Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.BODY}:`));
        for (const prefix of base)
          for (const path of [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[])
            routes.push({
              method: RequestMethod[method].toLowerCase(),
              path: joinPath(prefix, path),
              takesBody,
            });
      }
    }
  }
  return routes;
}
