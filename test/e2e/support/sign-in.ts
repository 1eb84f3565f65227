// Signs a person in the way a newcomer does: the development sign-in page, role and scope
// picked from the lists.
import type { Page } from 'playwright-core';

export type Person =
  | { role: 'coordinator' | 'burgemeester'; municipality: string }
  | { role: 'analyst'; region: string };

const ROLE_LABELS = {
  coordinator: 'Veiligheidscoördinator',
  analyst: 'RIEC-analist',
  burgemeester: 'Burgemeester',
} as const;

export async function signIn(page: Page, person: Person): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('radio', { name: ROLE_LABELS[person.role], exact: true }).check();
  if (person.role === 'analyst') {
    await page.getByLabel('RIEC-regio', { exact: true }).selectOption({ label: person.region });
  } else {
    await page.getByLabel('Gemeente', { exact: true }).selectOption({ label: person.municipality });
  }
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
