import type { Operations } from 'ambix';

export const revision = '9d4f0a6e3c04';
export const downRevision = ['5b2d7e4c1a02', '7c3e8f5d2b03'];
export const message = 'merge the two branches';

export async function upgrade(_op: Operations): Promise<void> {}

export async function downgrade(_op: Operations): Promise<void> {}
