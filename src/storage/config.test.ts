import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../core/config.js';

describe('attachment and notification settings', () => {
  it('keep files under the data folder unless a folder or a bucket is given', () => {
    expect(readConfig({}).attachments).toEqual({ kind: 'filesystem', dir: path.resolve('data/attachments') });
    expect(readConfig({ VIGIE_DATA_DIR: '/srv/vigie' }).attachments).toEqual({ kind: 'filesystem', dir: '/srv/vigie/attachments' });
    expect(readConfig({ VIGIE_ATTACHMENTS_DIR: '/mnt/photos' }).attachments).toEqual({ kind: 'filesystem', dir: '/mnt/photos' });
  });

  it('select the S3-compatible store by its bucket, path-style addressing by default with an endpoint', () => {
    expect(readConfig({ VIGIE_S3_BUCKET: 'vigie', VIGIE_S3_ENDPOINT: 'http://minio:9000', VIGIE_S3_ACCESS_KEY_ID: 'k', VIGIE_S3_SECRET_ACCESS_KEY: 's' }).attachments).toEqual({
      kind: 's3', bucket: 'vigie', endpoint: 'http://minio:9000', region: 'us-east-1', accessKeyId: 'k', secretAccessKey: 's', forcePathStyle: true,
    });
    expect(readConfig({ VIGIE_S3_BUCKET: 'vigie', VIGIE_S3_REGION: 'eu-west-3' }).attachments).toMatchObject({ endpoint: undefined, region: 'eu-west-3', forcePathStyle: false });
    expect(readConfig({ VIGIE_S3_BUCKET: 'vigie', VIGIE_S3_ENDPOINT: 'https://s3.example', VIGIE_S3_FORCE_PATH_STYLE: 'false' }).attachments).toMatchObject({ forcePathStyle: false });
  });

  it('turn email off without an SMTP URL, and link to the public address', () => {
    expect(readConfig({}).smtp).toBeUndefined();
    expect(readConfig({ VIGIE_SMTP_URL: 'smtp://relay:25' }).smtp).toEqual({ url: 'smtp://relay:25', from: 'Vigie <vigie@localhost>' });
    expect(readConfig({ PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(readConfig({ VIGIE_PUBLIC_URL: 'https://vigie.bailleur.fr/' }).publicUrl).toBe('https://vigie.bailleur.fr');
  });
});
