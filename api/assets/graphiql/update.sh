#!/usr/bin/env bash
# Re-fetches the third-party files of the GraphiQL page into vendor/ from the
# npm registry, at the versions pinned below, so an update is one edit here
# and one run (then bump GRAPHIQL_VERSION in api/src/routes/graphiql.rs and
# the versions in README.md). The api embeds vendor/ at compile time: no
# build step and no network are needed to build or serve it.
set -euo pipefail
cd "$(dirname "$0")"

GRAPHIQL=3.9.0
REACT=18.3.1
REACT_DOM=18.3.1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# `npm pack` downloads the published tarball as it is (checked against the
# registry's integrity hash) without installing anything.
(cd "$work" && npm pack --silent "graphiql@$GRAPHIQL" "react@$REACT" "react-dom@$REACT_DOM" >/dev/null)
for package in "graphiql-$GRAPHIQL" "react-$REACT" "react-dom-$REACT_DOM"; do
  mkdir -p "$work/$package"
  tar -xzf "$work/$package.tgz" -C "$work/$package" --strip-components=1
done

rm -rf vendor
mkdir vendor
cp "$work/graphiql-$GRAPHIQL/graphiql.min.js" "$work/graphiql-$GRAPHIQL/graphiql.min.css" vendor/
cp "$work/react-$REACT/umd/react.production.min.js" vendor/
cp "$work/react-dom-$REACT_DOM/umd/react-dom.production.min.js" vendor/
cp "$work/graphiql-$GRAPHIQL/LICENSE" vendor/LICENSE.graphiql
cp "$work/react-$REACT/LICENSE" vendor/LICENSE.react
cp "$work/react-dom-$REACT_DOM/LICENSE" vendor/LICENSE.react-dom
(cd vendor && sha256sum -- * > SHA256SUMS)
echo "vendor/ now holds graphiql $GRAPHIQL, react $REACT, react-dom $REACT_DOM"
