import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { createAssetServer } from './explorer.assets.js';
import { renderGraphiqlPage } from './explorer.page.js';

/** Which GraphQL explorer a browser gets at the GraphQL URL (the EXPLORER setting). */
export type ExplorerMode = 'graphiql' | 'apollo' | 'off';

export interface Explorer {
  /** The Apollo landing-page plugin that renders the explorer's page for browsers at /graphql. */
  plugin: ApolloServerPlugin;
  /** Serves the explorer's own assets; resolves false when the request is not for one of them. */
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

/**
 * 'graphiql': GraphiQL with every asset served by this service (works offline, in an air-gapped container);
 * 'apollo': Apollo's embedded Sandbox, which loads from Apollo's CDN; 'off': no page, GET /graphql is GraphQL only.
 */
export function createExplorer(mode: ExplorerMode): Explorer {
  if (mode === 'off') return { plugin: ApolloServerPluginLandingPageDisabled(), handle: async () => false };
  if (mode === 'apollo') return { plugin: ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }), handle: async () => false };

  const assets = createAssetServer();
  const html = renderGraphiqlPage(assets.relativeBase);
  const plugin: ApolloServerPlugin = {
    async serverWillStart() {
      return { renderLandingPage: async () => ({ html }) };
    },
  };
  return { plugin, handle: assets.handle };
}
