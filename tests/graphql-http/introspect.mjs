// Sends graphql-js's standard introspection query (what GraphiQL's docs
// and code generators send) to the endpoint given as the first argument,
// and prints the number of types, or the errors. Exits 1 on errors.
import { getIntrospectionQuery } from 'graphql';

const url = process.argv[2];
const response = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: getIntrospectionQuery() }),
});
const result = await response.json();
if (result.errors) {
  console.log(JSON.stringify(result.errors));
  process.exit(1);
}
console.log(`types ${result.data.__schema.types.length}`);
