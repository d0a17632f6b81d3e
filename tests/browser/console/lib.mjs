// What the console's checks share: the demo's people, signing in through
// the page, and setting up data through the GraphQL API the way another
// front end would (only what a check is not about).

export const PASSWORD = 'demo-2026';
/** The README's unit: an XCT25 well inside its warranty, no demo ticket on it. */
export const UNIT_IN_WARRANTY = 'XCT25-00041';
export const DESK = { width: 1440, height: 900 };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Signs `username` in through the sign-in form and waits for the menu's page. */
export async function signIn(page, url, username, { locale = 'zh' } = {}) {
  await page.addInitScript((chosen) => localStorage.setItem('aftersales.locale', chosen), locale);
  await page.goto(url('/'));
  await page.locator('input#username').fill(username);
  await page.locator('input#password').fill(passwordOf(username));
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((address) => !address.pathname.startsWith('/sign-in'));
  await page.locator('input#username').waitFor({ state: 'detached' });
}

/** Runs a GraphQL operation as `token` (or anonymously) and returns its data; errors throw. */
export async function graphql(url, token, query, variables = {}) {
  const response = await fetch(url('/graphql'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** `username`'s password: the demo's, but the administrator's may differ ($ADMIN_PASSWORD, as in the test server). */
function passwordOf(username) {
  return username === 'admin' ? (process.env.ADMIN_PASSWORD ?? PASSWORD) : PASSWORD;
}

/** A token for `username`. */
export async function token(url, username) {
  const password = passwordOf(username);
  const data = await graphql(url, null, 'mutation($u:String!,$p:String!){login(input:{username:$u,password:$p}){token}}', {
    u: username,
    p: password,
  });
  return data.login.token;
}

/** Reports a fault on `serial` through the API; returns the ticket {id, number, version}. */
export async function reportFault(url, as, serial, description = 'Hydraulic oil leaking at the boom cylinder') {
  const data = await graphql(
    url,
    as,
    `mutation($s:String!,$d:String!){reportFault(input:{channel:PHONE,serialNumber:$s,faultDescription:$d,faultCategory:HYDRAULIC,severity:GENERAL}){ticket{id number version}}}`,
    { s: serial, d: description },
  );
  return data.reportFault.ticket;
}

/** Fails with `message` unless `condition` holds. */
export function expect(condition, message) {
  if (!condition) throw new Error(message);
}
