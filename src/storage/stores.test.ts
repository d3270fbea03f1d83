import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentStore } from './attachment-store.js';
import { FilesystemStore } from './filesystem-store.js';
import { attachmentKey, checkKey } from './keys.js';
import { S3Store } from './s3-store.js';

/** The contract every store keeps, proven on each implementation. */
function storeContract(open: () => AttachmentStore) {
  const key = attachmentKey(7, 'incidents', 42, 'photo-1.jpg');
  const bytes = new Uint8Array([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]);

  it('gives back exactly the bytes it was given', async () => {
    await open().put(key, bytes, 'image/jpeg');
    expect(await open().get(key)).toEqual(bytes);
  });

  it('answers undefined for a key holding nothing', async () => {
    expect(await open().get(attachmentKey(7, 'incidents', 42, 'never-written.jpg'))).toBeUndefined();
  });

  it('deletes, and deleting again is harmless', async () => {
    await open().put(key, bytes, 'image/jpeg');
    await open().delete(key);
    expect(await open().get(key)).toBeUndefined();
    await expect(open().delete(key)).resolves.toBeUndefined();
  });

  it('refuses keys that could leave its root', async () => {
    await expect(open().get('../etc/passwd')).rejects.toThrow(/Invalid attachment key/);
    await expect(open().put('/absolute.jpg', bytes, 'image/jpeg')).rejects.toThrow(/Invalid attachment key/);
  });
}

describe('attachment keys', () => {
  it('start with the organisation and refuse traversal', () => {
    expect(attachmentKey(3, 'incidents', 9, 'a.jpg')).toBe('org-3/incidents/9/a.jpg');
    for (const bad of ['', 'a/../b', '.hidden', 'a//b', 'A/b', 'a\\b', 'a/b/']) expect(() => checkKey(bad)).toThrow();
  });
});

describe('filesystem attachment store', () => {
  let root: string;
  let store: AttachmentStore;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'vigie-attachments-'));
    store = new FilesystemStore(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  storeContract(() => store);

  it('keeps one file per key under its root and no partial file', async () => {
    await store.put(attachmentKey(1, 'incidents', 5, 'x.png'), new Uint8Array([1]), 'image/png');
    expect(await readdir(path.join(root, 'org-1', 'incidents', '5'))).toEqual(['x.png']);
  });
});

// s3rver is a local S3-compatible server: the S3 store speaks real S3 requests to it.
describe('S3 attachment store (local S3 server)', () => {
  let root: string;
  let server: S3rver;
  let store: S3Store;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'vigie-s3-'));
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: root, configureBuckets: [{ name: 'vigie-test', configs: [] }] });
    const { port } = await server.run();
    store = new S3Store({
      kind: 's3', bucket: 'vigie-test', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1',
      accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true,
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  storeContract(() => store);
});
