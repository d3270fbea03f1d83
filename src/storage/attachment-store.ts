import type { AttachmentsConfig } from '../core/config.js';
import { FilesystemStore } from './filesystem-store.js';
import { S3Store } from './s3-store.js';

/**
 * Where attachment bytes live (metadata stays in the database). Keys are relative paths made by
 * the application (`attachmentKey`), never by a caller. Deleting an absent key is not an error, so
 * a retried clean-up is harmless.
 */
export interface AttachmentStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes, or undefined when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
}

const stores = new WeakMap<AttachmentsConfig, AttachmentStore>();

/** The store a configuration selects, built once per configuration (one S3 client per process). */
export function attachmentStoreFor(config: AttachmentsConfig): AttachmentStore {
  let store = stores.get(config);
  if (!store) {
    store = config.kind === 's3' ? new S3Store(config) : new FilesystemStore(config.dir);
    stores.set(config, store);
  }
  return store;
}
