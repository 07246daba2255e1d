/** The config reshape of 3ff2c63645b8, on the worked examples of the spec (revisions.md, Appendix A). */
import { describe, expect, it } from 'vitest';
import { configRows } from '../../examples/open-webui/migrations/lib/config-reshape.js';

const rowsOf = (blob: Record<string, unknown>) => Object.fromEntries(configRows(blob));

describe('config reshape', () => {
  it('nested settings become one row per dotted path', () => {
    expect(rowsOf({ ui: { enable_signup: true, banners: [] } })).toEqual({
      'ui.enable_signup': true,
      'ui.banners': [],
    });
  });

  it('a known path keeps its object value whole', () => {
    expect(rowsOf({ openai: { api_configs: { 0: { enable: true } } } })).toEqual({
      'openai.api_configs': { 0: { enable: true } },
    });
  });

  it('a known path is rewritten to its storage key', () => {
    expect(rowsOf({ rag: { ollama: { url: 'http://x' } } })).toEqual({ 'rag.ollama.base_url': 'http://x' });
  });

  it('when two paths share a storage key the first one wins', () => {
    expect(rowsOf({ oauth: { oidc: { client_id: 'a' }, client_id: 'b' } })).toEqual({
      'oauth.client_id': 'a',
    });
  });

  it('a legacy setting name at top level maps to its storage key', () => {
    expect(rowsOf({ OPENAI_API_KEYS: ['k'] })).toEqual({ 'openai.api_keys': ['k'] });
  });

  it('unknown paths are kept as they are and empty objects yield nothing', () => {
    expect(rowsOf({ custom: { thing: 1, empty: {} } })).toEqual({ 'custom.thing': 1 });
  });
});
