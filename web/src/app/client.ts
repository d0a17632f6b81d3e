// The one GraphQL client: queries and mutations over HTTP POST to /graphql,
// subscriptions over graphql-transport-ws on the same path. Every request
// carries the session's token; a refused token expires the session (the
// sign-in dialog then opens over the current screen).
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { createClient as createSocketClient, type Client as SocketClient } from 'graphql-ws';
import { expireSession, getSession, subscribeSession } from './session';

/** The socket closes with this when the token it signed in with expires. */
const TOKEN_EXPIRED = 4401;

let socket: SocketClient | null = null;
let socketToken: string | undefined;

function socketFor(token: string | undefined): SocketClient {
  if (socket && socketToken === token) return socket;
  socket?.dispose();
  socketToken = token;
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  socket = createSocketClient({
    url: url.toString(),
    lazy: true,
    connectionParams: () => (socketToken ? { token: socketToken } : {}),
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      closed: (event) => {
        if ((event as CloseEvent).code === TOKEN_EXPIRED) expireSession();
      },
    },
  });
  return socket;
}

// A new token (or none) means a new socket, signed in as the new user.
subscribeSession(() => {
  const token = getSession()?.token;
  if (socket && token !== socketToken) {
    socket.dispose();
    socket = null;
  }
});

export const client = new Client({
  url: '/graphql',
  preferGetMethod: false,
  requestPolicy: 'cache-and-network',
  fetchOptions: () => {
    const session = getSession();
    return session ? { headers: { authorization: `Bearer ${session.token}` } } : {};
  },
  exchanges: [
    mapExchange({
      onError(error) {
        if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') && getSession()) {
          expireSession();
        }
      },
    }),
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const input = { ...request, query: request.query || '' };
        return {
          subscribe(sink) {
            const unsubscribe = socketFor(getSession()?.token).subscribe(input, sink);
            return { unsubscribe };
          },
        };
      },
    }),
  ],
});
