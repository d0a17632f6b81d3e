// Mounts GraphiQL on #graphiql. It is a file of its own, not an inline
// script, so the page's Content-Security-Policy can allow scripts from this
// server only. The endpoints come from the element's data attributes.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  // Relative to this page, so it works behind any host name or proxy path;
  // the socket takes ws: or wss: after the page's own scheme.
  var absolute = function (path, socket) {
    var url = new URL(path, window.location.href);
    if (socket) {
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    }
    return url.toString();
  };
  var options = { url: absolute(root.dataset.endpoint, false) };
  if (root.dataset.subscriptionEndpoint) {
    options.subscriptionUrl = absolute(root.dataset.subscriptionEndpoint, true);
  }
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher(options),
      // The variables and headers editors open, so a token is easy to set.
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
    })
  );
})();
