import { beforeAll, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { addApiKey, listApiKeys, resolveApiKey, revokeApiKey } from './api-keys.js';
import { systemActor } from './system-actor.js';

describeEachEngine('partner API keys', (database) => {
  let patrimony: SmallPatrimony;
  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
  });
  const actor = () => systemActor(patrimony.organisationId, 'cli:apikey');

  it('stands for the partner role over the key’s communes, until revoked', async () => {
    const { id, key } = await addApiKey(database(), actor(), { label: ' Ville de Lens ', communes: ['62498', '62498'] });
    expect(key).toMatch(/^vigie_pk_[A-Za-z0-9_-]{43}$/);
    expect(await resolveApiKey(database(), key)).toEqual({
      organisationId: patrimony.organisationId, label: `api_key:${id} Ville de Lens`,
      grants: [{ role: 'partner', perimeter: { wholeOrganisation: false, agencyIds: [], directorateIds: [], communes: ['62498'] } }],
    });
    expect((await revokeApiKey(database(), actor(), id)).revokedAt).toBeInstanceOf(Date);
    expect(await resolveApiKey(database(), key)).toBeUndefined();
    expect(await resolveApiKey(database(), `${key}x`)).toBeUndefined();
  });

  it('names each wrong field and writes nothing', async () => {
    const before = (await listApiKeys(database(), patrimony.organisationId)).length;
    const error = await addApiKey(database(), actor(), { label: '', communes: ['62498', '00000'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).errors.map((detail) => detail.field)).toEqual(['label', 'communes']);
    expect(await addApiKey(database(), actor(), { label: 'Sans commune', communes: [] }).catch((caught: AppError) => caught.errors.map((detail) => detail.field))).toEqual(['communes']);
    expect(await revokeApiKey(database(), actor(), 999_999).catch((caught: AppError) => caught.kind)).toBe('not_found');
    expect((await listApiKeys(database(), patrimony.organisationId)).length).toBe(before);
  });
});
