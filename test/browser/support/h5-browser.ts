import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export { launchChromium, screenshot } from '../support.js';

/** What the H5 browser test needs beyond the console's support: WCAG-tagged axe checks and a 360 px overflow probe. */

export interface A11yProblem {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA). */
export async function seriousA11yProblems(page: Page): Promise<A11yProblem[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** Whether anything sticks out sideways: a page that must be scrolled horizontally fails a 360 px phone. */
export function horizontalOverflow(page: Page): Promise<number> {
  // A string, not a function: the tests' tsconfig has no DOM types.
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}
