// Runs the graphql-http audit suite against the GraphQL endpoint given as
// the first argument. Prints every audit that is not "ok", then a summary
// line; exits 1 when a MUST audit fails.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://host:port/graphql');
  process.exit(2);
}
const results = await auditServer({ url });
const level = (name) => name.split(' ')[0];
let mustFailed = 0;
let shouldFailed = 0;
for (const result of results) {
  if (result.status === 'ok') continue;
  if (level(result.name) === 'MUST') mustFailed += 1;
  if (level(result.name) === 'SHOULD') shouldFailed += 1;
  console.log(`${result.status} ${result.name}: ${result.reason ?? ''}`);
}
const ok = results.filter((r) => r.status === 'ok').length;
console.log(`audits ${results.length} ok ${ok} must_failed ${mustFailed} should_failed ${shouldFailed}`);
process.exit(mustFailed ? 1 : 0);
