import { describe, expect, it } from 'vitest';
import { triage, type TriageFacts } from '../../../shared/domain/triage.js';

const facts = (overrides: Partial<TriageFacts> = {}): TriageFacts => ({
  kind: 'complaint',
  category: 'social_insurance',
  workersInvolved: 1,
  migrantWorker: false,
  modelWorker: false,
  answeredOnCall: false,
  ...overrides,
});

describe('priority', () => {
  it.each([
    ['10 workers with a common claim', { workersInvolved: 10 }, 'urgent', 'collective-dispute'],
    ['9 workers', { workersInvolved: 9 }, 'ordinary', 'default'],
    ['a model worker', { modelWorker: true }, 'priority', 'model-worker'],
    [
      'a migrant worker owed wages',
      { migrantWorker: true, category: 'wage_arrears' },
      'priority',
      'migrant-worker-pay-or-injury',
    ],
    ['a migrant worker injured', { migrantWorker: true, category: 'work_injury' }, 'priority', 'migrant-worker-pay-or-injury'],
    ['a migrant worker about leave', { migrantWorker: true, category: 'working_hours_leave' }, 'ordinary', 'default'],
    ['a collective of model workers', { workersInvolved: 30, modelWorker: true }, 'urgent', 'collective-dispute'],
    ['anyone else', {}, 'ordinary', 'default'],
  ] as const)('%s → %s by rule %s', (_name, overrides, priority, rule) => {
    const decision = triage(facts(overrides)).priority;
    expect(decision).toMatchObject({ value: priority, rule });
  });

  it('records exactly the inputs its rule read', () => {
    expect(triage(facts({ migrantWorker: true, category: 'wage_arrears' })).priority.inputs).toEqual({
      migrantWorker: true,
      category: 'wage_arrears',
    });
  });
});

describe('route', () => {
  it.each([
    ['a consultation answered on the call', { kind: 'consultation', answeredOnCall: true }, 'closed', 'answered-on-call'],
    ['a collective dispute', { workersInvolved: 25, category: 'wage_arrears' }, 'legal_department', 'collective-dispute'],
    ['a petition', { kind: 'petition' }, 'legal_department', 'petition-or-suggestion'],
    ['a suggestion', { kind: 'suggestion' }, 'legal_department', 'petition-or-suggestion'],
    ['a legal-aid application', { kind: 'legal_aid_application', category: 'wage_arrears' }, 'lawyer', 'legal-aid-application'],
    ['a wage complaint', { category: 'wage_arrears' }, 'mediation', 'suited-to-mediation'],
    ['a work-injury complaint', { category: 'work_injury' }, 'lawyer', 'litigation-bound-or-advice'],
    ['a labour-relationship complaint', { category: 'labour_relationship' }, 'lawyer', 'litigation-bound-or-advice'],
    ['an open consultation', { kind: 'consultation' }, 'lawyer', 'litigation-bound-or-advice'],
  ] as const)('%s → %s by rule %s', (_name, overrides, route, rule) => {
    expect(triage(facts(overrides)).route).toMatchObject({ value: route, rule });
  });

  it('follows a union’s own mediation categories', () => {
    const config = { mediationCategories: ['work_injury' as const] };
    expect(triage(facts({ category: 'work_injury' }), config).route.value).toBe('mediation');
    expect(triage(facts({ category: 'wage_arrears' }), config).route.value).toBe('lawyer');
  });
});
