import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Names this process in outbox claims, delivery attempts and job runs. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
