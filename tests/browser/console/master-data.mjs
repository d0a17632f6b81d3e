// Master data through the console, as the administrator: a product model, a
// customer and a unit of that model for that customer are created, the
// customer is edited, a holiday is declared and withdrawn and a failure
// cause is added; every record is then read back through the API with its
// values. Bad input (a bad phone number, a serial number already
// registered) shows the API's sentence under the field. Screenshots on a
// desk and a phone, in Chinese and English.

import { check } from '../lib/check.mjs';
import { DESK, PHONE, UNIT_IN_WARRANTY, expect, graphql, signIn, token } from './lib.mjs';

// Codes of this run, so that the check runs again on the same database.
const RUN = Date.now().toString(36).toUpperCase();

/** The error the form shows under the field whose control has id `id`. */
function fieldError(page, id) {
  return page.locator('.ant-form-item', { has: page.locator(`#${id}`) }).locator('.ant-form-item-explain-error');
}

/**
 * Picks the option matching `text` in the select with id `id`. With `search`
 * the select asks the API as it is typed: the option is taken once the list
 * has narrowed to it (an option of the earlier list may be replaced under the
 * pointer).
 */
async function pick(page, id, text, search) {
  await page.locator(`#${id}`).click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  if (search) {
    await page.locator(`#${id}`).fill(search);
    await options.filter({ hasText: text }).first().waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').length === 1,
    );
    await page.locator(`#${id}`).press('Enter');
  } else {
    await options.filter({ hasText: text }).first().click();
  }
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** Types a day into the date picker with id `id`. */
async function day(page, id, value) {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(value);
  await page.locator(`#${id}`).press('Enter');
}

/**
 * Opens an entity's list at `path` inside the console, without reloading it
 * (the router follows the history), and waits for that entity's screen.
 */
async function go(page, path) {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  const entity = new URL(path, 'http://x').pathname.split('/').pop();
  await page.getByTestId(`entity-${entity}`).waitFor();
}

async function save(page) {
  await page.getByTestId('entity-save').click();
}

/** The drawer closes once the server has taken the record. */
async function saved(page) {
  await save(page);
  await page.getByTestId('entity-form').waitFor({ state: 'hidden' });
}

await check(
  'console-master-data',
  async ({ page, url, screenshot }) => {
    const admin = await token(url, 'admin');
    await page.setViewportSize(DESK);
    await signIn(page, url, 'admin');

    // A product model.
    const modelCode = `QM${RUN}`;
    // Lists search models by name only: the name carries the run too.
    const modelName = `检测履带吊${RUN}`;
    // Each list opens narrowed to this run's records: short lists render fast.
    await go(page, `/admin/data/product-models?search=${RUN}`);
    await page.getByTestId('entity-create').click();
    await page.locator('#code').fill(modelCode);
    await page.locator('#name').fill(modelName);
    await page.locator('#category').fill('起重机');
    await page.locator('#defaultWarrantyMonths').fill('18');
    await page.locator('#salePrice').fill('1250000.50');
    await saved(page);
    const models = await graphql(url, admin, 'query($s:String){productModels(filter:{search:$s},first:5){nodes{id code name category defaultWarrantyMonths salePrice}}}', {
      s: modelName,
    });
    const model = models.productModels.nodes.find((m) => m.code === modelCode);
    expect(model, `model ${modelCode} was created`);
    expect(model.category === '起重机' && model.defaultWarrantyMonths === 18, `model values: ${JSON.stringify(model)}`);
    expect(['1250000.50', '1250000.5'].includes(model.salePrice), `sale price kept exact: ${model.salePrice}`);

    // A customer: a bad phone number first, shown under the phone field.
    const customerName = `检测客户${RUN}`;
    await go(page, `/admin/data/customers?search=${encodeURIComponent(customerName)}`);
    await page.getByTestId('entity-create').click();
    await page.locator('#name').fill(customerName);
    await page.locator('#contactName').fill('赵经理');
    await page.locator('#phone').fill('12345');
    await page.locator('#province').fill('江苏');
    await page.locator('#distanceKm').fill('120');
    await save(page);
    await fieldError(page, 'phone').getByText(/not a phone number/).waitFor();
    await screenshot('customer-bad-phone');
    await page.locator('#phone').fill('13800138000');
    await saved(page);
    const found = await graphql(url, admin, 'query($s:String){customers(filter:{search:$s},first:5){nodes{id name contactName phone province distanceKm version}}}', {
      s: customerName,
    });
    const customer = found.customers.nodes[0];
    expect(customer?.name === customerName, `customer ${customerName} was created`);
    expect(
      customer.contactName === '赵经理' && customer.phone === '13800138000' && customer.province === '江苏' && customer.distanceKm === 120,
      `customer values: ${JSON.stringify(customer)}`,
    );

    // A unit of that model for that customer.
    const serial = `QS-${RUN}`;
    await go(page, `/admin/data/units?serial=${serial}`);
    await page.getByTestId('entity-create').click();
    await page.locator('#serialNumber').fill(serial);
    await pick(page, 'productModelId', modelCode, modelName);
    await day(page, 'productionDate', '2026-03-02');
    await day(page, 'invoiceDate', '2026-04-10');
    await pick(page, 'customerId', customerName, customerName);
    await saved(page);
    const registered = await graphql(url, admin, 'query($s:String){unit(serialNumber:$s){serialNumber productionDate invoiceDate model{code} customer{id} dealer{id}}}', {
      s: serial,
    });
    const unit = registered.unit;
    expect(
      unit.model.code === modelCode && unit.customer.id === customer.id && unit.dealer === null,
      `unit links: ${JSON.stringify(unit)}`,
    );
    expect(unit.productionDate === '2026-03-02' && unit.invoiceDate === '2026-04-10', `unit dates: ${JSON.stringify(unit)}`);

    // Another unit's serial number is refused under the serial field.
    await page.getByTestId('entity-row').filter({ hasText: serial }).getByTestId('row-edit').click();
    await page.locator('#serialNumber').fill(UNIT_IN_WARRANTY);
    await save(page);
    await fieldError(page, 'serialNumber').getByText(/already registered/).waitFor();
    await screenshot('unit-duplicate-serial');
    await page.getByRole('button', { name: /取\s*消|Cancel/ }).click();
    await page.getByTestId('entity-form').waitFor({ state: 'hidden' });

    // The customer is edited from its list.
    await go(page, `/admin/data/customers?search=${encodeURIComponent(customerName)}`);
    await page.getByTestId('entity-row').filter({ hasText: customerName }).getByTestId('row-edit').click();
    await page.locator('#contactName').fill('钱主任');
    await page.locator('#distanceKm').fill('85');
    await page.locator('.ant-form-item', { has: page.locator('#keyCustomer') }).locator('#keyCustomer').click();
    await saved(page);
    await page.getByTestId('entity-row').filter({ hasText: '钱主任' }).waitFor();
    const history = page.getByTestId('entity-row').filter({ hasText: customerName }).getByTestId('row-history');
    const expectedId = Buffer.from(customer.id, 'base64url').toString().split(':')[1];
    expect((await history.getAttribute('href')) === `/admin/audit?entityType=customer&entityId=${expectedId}`, 'the history link names the customer');
    await screenshot('customers');
    const edited = (await graphql(url, admin, 'query($id:ID!){customer(id:$id){contactName distanceKm keyCustomer version}}', { id: customer.id }))
      .customer;
    expect(
      edited.contactName === '钱主任' && edited.distanceKm === 85 && edited.keyCustomer === true && edited.version === customer.version + 1,
      `customer after the edit: ${JSON.stringify(edited)}`,
    );

    // A holiday on a free day of next year, declared and withdrawn.
    const year = new Date().getFullYear() + 1;
    const declared = await graphql(url, admin, 'query($f:NaiveDate!,$t:NaiveDate!){holidays(from:$f,to:$t){day}}', {
      f: `${year}-01-01`,
      t: `${year}-12-31`,
    });
    const taken = new Set(declared.holidays.map((h) => h.day));
    let holiday = `${year}-06-01`;
    for (let d = 1; taken.has(holiday); d += 1) holiday = `${year}-06-${String(d).padStart(2, '0')}`;
    await go(page, `/admin/data/holidays?year=${year}`);
    await page.getByTestId('entity-create').click();
    await day(page, 'day', holiday);
    await page.locator('#name').fill(`检测假日${RUN}`);
    await saved(page);
    const row = page.getByTestId('entity-row').filter({ hasText: holiday });
    await row.waitFor();
    const listed = await graphql(url, admin, 'query($d:NaiveDate!){holidays(from:$d,to:$d){day name workingDay}}', { d: holiday });
    expect(listed.holidays[0]?.name === `检测假日${RUN}` && listed.holidays[0].workingDay === false, `holiday declared: ${JSON.stringify(listed)}`);
    await row.getByTestId('row-remove').click();
    await page.getByTestId('row-remove-confirm').click();
    await row.waitFor({ state: 'detached' });
    const after = await graphql(url, admin, 'query($d:NaiveDate!){holidays(from:$d,to:$d){day}}', { d: holiday });
    expect(after.holidays.length === 0, `holiday withdrawn: ${JSON.stringify(after)}`);

    // A failure cause.
    const cause = `QA-${RUN}`;
    await go(page, '/admin/data/fault-causes?category=HYDRAULIC');
    await page.getByTestId('entity-create').click();
    await page.locator('#code').fill(cause);
    await page.locator('#name').fill('检测用密封圈老化');
    await pick(page, 'faultCategory', /液压|Hydraulic/);
    await saved(page);
    await page.getByTestId('entity-row').filter({ hasText: cause }).waitFor();
    const causes = await graphql(url, admin, '{faultCauses{code name faultCategory active}}');
    const stored = causes.faultCauses.find((c) => c.code === cause);
    expect(stored?.name === '检测用密封圈老化' && stored.faultCategory === 'HYDRAULIC' && stored.active, `cause: ${JSON.stringify(stored)}`);

    // The same screens in English, and on a phone in both languages (the
    // layout follows the window's width; the language switch keeps the page).
    await page.getByTestId('language-switch').click();
    await go(page, `/admin/data/units?serial=${serial}`);
    await page.getByTestId('entity-row').first().waitFor();
    await page.getByText('Serial number').first().waitFor();
    await screenshot('units-en');
    await page.setViewportSize(PHONE.viewport);
    await go(page, `/admin/data/customers?search=${encodeURIComponent(customerName)}`);
    for (const locale of ['en', 'zh']) {
      await page.getByTestId('entity-row').first().waitFor();
      await screenshot(`phone-${locale}`);
      await page.getByTestId('row-edit').first().click();
      await page.locator('#name').waitFor();
      await screenshot(`phone-form-${locale}`);
      await page.getByTestId('entity-form').locator('.ant-drawer-close').click();
      await page.getByTestId('entity-form').waitFor({ state: 'hidden' });
      if (locale === 'en') await page.getByTestId('language-switch').click();
    }
  },
  // About 80 steps: a loaded machine needs more than the default.
  { timeoutMs: 180_000 },
);
