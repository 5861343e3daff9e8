import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';

/** Which GraphQL explorer a browser gets at the GraphQL URL (the EXPLORER setting). */
export type ExplorerMode = 'graphiql' | 'apollo' | 'off';

export interface Explorer {
  /** The Apollo landing-page plugin that renders the explorer's page for browsers at /graphql. */
  plugin: ApolloServerPlugin;
  /** Serves the explorer's own assets; resolves false when the request is not for one of them. */
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

// Placeholder until the offline explorer lands: Apollo's page (which needs Apollo's CDN) for every mode.
export function createExplorer(mode: ExplorerMode): Explorer {
  const plugin = mode === 'off' ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false });
  return { plugin, handle: async () => false };
}
