// Run by t/34-keys-sdk.t (not part of the *.test.mjs matrix): the official
// openai and @anthropic-ai/sdk clients succeed while one provider key of
// the pool is rate limited, because the gateway retries on the other key.

import test from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

const GATEWAY_URL = process.env.GATEWAY_URL;
const MOCK_URL = process.env.MOCK_URL;

async function mock(path, body) {
  const r = await fetch(MOCK_URL + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return r.json();
}

test('openai SDK succeeds while key k1 answers 429', async () => {
  await mock('/__mock/reset', {});
  await mock('/__mock/script', { rules: [
    { match: { key: 'sk-pool-1' }, times: 1, status: 429,
      headers: { 'retry-after': '30' } },
  ] });
  const client = new OpenAI({ baseURL: GATEWAY_URL + '/v1', apiKey: 'client',
                              maxRetries: 0 });
  const r = await client.chat.completions.create({
    model: 'claude-sonnet-4-5',
    messages: [{ role: 'user', content: 'rotate please' }],
  });
  assert.equal(r.choices[0].message.content,
               'mock anthropic reply: rotate please');
  const reqs = await mock('/__mock/requests');
  assert.deepEqual(reqs.map((q) => q.key), ['sk-pool-1', 'sk-pool-2']);
});

test('anthropic SDK streams while k1 is cooling down', async () => {
  await mock('/__mock/reset', {});
  const client = new Anthropic({ baseURL: GATEWAY_URL, apiKey: 'client',
                                 maxRetries: 0 });
  const stream = client.messages.stream({
    model: 'claude-sonnet-4-5', max_tokens: 100,
    messages: [{ role: 'user', content: 'still fine' }],
  });
  const msg = await stream.finalMessage();
  assert.equal(msg.content[0].text, 'mock anthropic reply: still fine');
  const reqs = await mock('/__mock/requests');
  assert.deepEqual(reqs.map((q) => q.key), ['sk-pool-2'],
                   'the cooling key is skipped');
});
