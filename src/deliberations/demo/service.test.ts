import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony } from '../../../test/support/fixtures.js';
import * as repository from '../repository.js';
import { demoBoardSessions } from './board.js';
import { loadDemoBoard } from './service.js';

describeEachEngine('demo board load', (database) => {
  let organisationId: number;
  beforeAll(async () => {
    ({ organisationId } = await createSmallPatrimony(database()));
  });

  it('stores every session with its items out of draft, idempotently', async () => {
    const expectedItems = demoBoardSessions().reduce((n, s) => n + s.items.length, 0);
    expect(await loadDemoBoard(database(), organisationId)).toEqual({ sessions: 11, items: expectedItems });
    await loadDemoBoard(database(), organisationId);
    const sessions = await repository.listSessions(database(), organisationId, null);
    expect(sessions).toHaveLength(11);
    const items = (await Promise.all(sessions.map((s) => repository.listItemSummaries(database(), organisationId, s.id)))).flat();
    expect(items).toHaveLength(expectedItems);
    expect(items.filter((i) => i.status === 'draft')).toEqual([]);
    expect(items.filter((i) => i.status === 'transmitted').length).toBeGreaterThan(0);
    expect(items.filter((i) => i.status === 'adopted').length).toBeGreaterThan(0);
    // The Bureau's items keep the dated delegation they rely on (the rules would leave them as drafts otherwise).
    const bureauItem = items.find((i) => i.actNumber === 'BU2025_03_01')!;
    expect((await repository.findItem(database(), organisationId, bureauItem.id))!.delegation).toEqual({ date: '2025-02-13', reference: 'CA2025_02_02' });
    const back = await repository.findItemsLinkedTo(database(), organisationId, 'funding_convention', 'CONV-CD62-2025-2034');
    expect(back.map((b) => b.actNumber)).toEqual(['CA2025_04_03']);
  });
});
