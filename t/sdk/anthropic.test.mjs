// The official `@anthropic-ai/sdk` npm SDK (Messages), unmodified, against the mock or the gateway.

import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import AnthropicV1 from '@anthropic-ai/sdk';
import AnthropicV0 from 'anthropic-sdk-0x';
import { readFileSync } from 'node:fs';

import {
  MODE, MODEL, CLIENT_KEY, TIMEOUT_MS, PNG_B64, WEATHER_TOOL, INVALID_JSON,
  targetsFor, sdkEnabled, serverUrl, mockReset, scriptError, lastUpstreamRequest, requestBody,
  replyText, toolResultText, expectedToolArgs, assertUpstreamHasImage,
  assertPositiveInt, assertJsonContentType, rawPost,
} from './common.mjs';

const SDK = 'anthropic';

// Two generations of the official SDK: 1.x sends "anthropic-version: 2026-10-21",
// 0.x sends "anthropic-version: 2023-06-01".  Both are in use in the wild.
const pkgVersion = (dir) =>
  JSON.parse(readFileSync(new URL(`./node_modules/${dir}/package.json`, import.meta.url), 'utf8')).version;
const VARIANTS = [
  [`@anthropic-ai/sdk@${pkgVersion('@anthropic-ai/sdk')}`, AnthropicV1],
  [`@anthropic-ai/sdk@${pkgVersion('anthropic-sdk-0x')}`, AnthropicV0],
].filter(([label]) => !process.env.ANTHROPIC_SDKS ||
  process.env.ANTHROPIC_SDKS.split(',').some((v) => label.endsWith('@' + v.trim()) || label.includes('@' + v.trim())));

// The SDK console.warn()s on every request naming a model it lists as deprecated
// (claude-sonnet-4-5 is); keep that out of the test output.
const origWarn = console.warn;
console.warn = (...a) => {
  if (typeof a[0] === 'string' && /is deprecated and will reach end-of-life/.test(a[0])) return;
  origWarn(...a);
};

let Anthropic = AnthropicV1;

function client() {
  return new Anthropic({
    apiKey: CLIENT_KEY,
    baseURL: serverUrl(),
    maxRetries: 0,
    timeout: TIMEOUT_MS,
  });
}

const tools = [{
  name: WEATHER_TOOL.name,
  description: WEATHER_TOOL.description,
  input_schema: WEATHER_TOOL.parameters,
}];

function textOf(msg) {
  return msg.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
}

function assertUsage(u, what) {
  assert.ok(u, `${what}: usage missing`);
  assertPositiveInt(u.input_tokens, `${what}: usage.input_tokens`);
  assertPositiveInt(u.output_tokens, `${what}: usage.output_tokens`);
}

function assertToolUse(block, target) {
  assert.equal(block.type, 'tool_use');
  assert.equal(block.name, 'get_weather');
  assert.equal(typeof block.id, 'string');
  assert.match(block.id, /^[a-zA-Z0-9_-]+$/, 'Anthropic tool_use ids must match ^[a-zA-Z0-9_-]+$');
  assert.deepEqual(block.input, expectedToolArgs(target));
}

async function expectApiError(promise, status, cls, errType, message) {
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof Anthropic.APIError, `expected Anthropic.APIError, got ${err?.constructor?.name}: ${err}`);
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${err.constructor.name}`);
    assert.equal(err.status, status);
    assert.ok(err.error && err.error.type === 'error', `error body should be {"type":"error",...}: ${JSON.stringify(err.error)}`);
    // err.error is the whole body {"type":"error","error":{"type","message"},...} (1.x also has .type/.apiMessage)
    assert.equal(err.error.error?.type, errType);
    const msg = err.error.error?.message;
    assert.ok(String(msg).includes(message), `error message "${msg}" should include "${message}"`);
    assert.ok(err.message.includes(message), `err.message "${err.message}" should include "${message}"`);
    return true;
  });
}

for (const [label, Cls] of VARIANTS) for (const target of targetsFor(SDK)) {
  const model = MODEL[target];

  describe(`${label} -> ${target} (${MODE})`, { timeout: TIMEOUT_MS * 4 }, () => {
    beforeEach(async () => { Anthropic = Cls; await mockReset(); });

    it('text', async () => {
      const m = await client().messages.create({
        model,
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Hello there' }],
      });
      assert.equal(m.type, 'message');
      assert.equal(m.role, 'assistant');
      assert.equal(typeof m.id, 'string');
      assert.equal(textOf(m), replyText(target, 'Hello there'));
      assert.equal(m.stop_reason, 'end_turn');
    });

    it('system + multi-turn', async () => {
      const m = await client().messages.create({
        model,
        max_tokens: 256,
        system: 'You are terse.',
        messages: [
          { role: 'user', content: 'First question' },
          { role: 'assistant', content: 'First answer' },
          { role: 'user', content: [{ type: 'text', text: 'Second question' }] },
        ],
      });
      assert.equal(textOf(m), replyText(target, 'Second question'));
      const body = requestBody(await lastUpstreamRequest());
      assert.ok(JSON.stringify(body).includes('You are terse.'), 'system text did not reach the upstream');
      assert.ok(JSON.stringify(body).includes('First answer'), 'assistant turn did not reach the upstream');
    });

    it('tool call (name, id, exact JSON arguments)', async () => {
      const m = await client().messages.create({
        model,
        max_tokens: 256,
        tools,
        messages: [{ role: 'user', content: 'Please use a tool to get the weather in Paris' }],
      });
      assert.equal(m.stop_reason, 'tool_use');
      const uses = m.content.filter((b) => b.type === 'tool_use');
      assert.equal(uses.length, 1);
      assertToolUse(uses[0], target);
    });

    it('forced tool_choice', async () => {
      const m = await client().messages.create({
        model,
        max_tokens: 256,
        tools,
        tool_choice: { type: 'tool', name: 'get_weather' },
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      });
      const uses = m.content.filter((b) => b.type === 'tool_use');
      assert.equal(uses.length, 1);
      assertToolUse(uses[0], target);
    });

    it('tool result round trip', async () => {
      const c = client();
      const messages = [{ role: 'user', content: 'Please use a tool to get the weather in Paris' }];
      const m1 = await c.messages.create({ model, max_tokens: 256, tools, messages });
      const use = m1.content.find((b) => b.type === 'tool_use');
      assert.ok(use, 'no tool_use block');
      messages.push({ role: 'assistant', content: m1.content });
      messages.push({
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: use.id, content: 'Sunny, 21C' }],
      });
      const m2 = await c.messages.create({ model, max_tokens: 256, tools, messages });
      assert.equal(textOf(m2), toolResultText(target, 'Sunny, 21C'));
      assert.equal(m2.stop_reason, 'end_turn');
    });

    it('image (base64)', async () => {
      const m = await client().messages.create({
        model,
        max_tokens: 256,
        messages: [{
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_B64 } },
            { type: 'text', text: 'Describe this image' },
          ],
        }],
      });
      assert.equal(textOf(m), replyText(target, 'Describe this image'));
      assertUpstreamHasImage(target, requestBody(await lastUpstreamRequest()));
    });

    it('max-tokens stop', async () => {
      const full = replyText(target, 'Tell me a long story about the sea');
      const m = await client().messages.create({
        model,
        max_tokens: 3,
        messages: [{ role: 'user', content: 'Tell me a long story about the sea' }],
      });
      assert.equal(m.stop_reason, 'max_tokens');
      const t = textOf(m);
      assert.ok(full.startsWith(t), `truncated text "${t}" should be a prefix of the full reply`);
      assert.ok(t.length < full.length);
    });

    it('usage', async () => {
      const m = await client().messages.create({
        model,
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Count my tokens please' }],
      });
      assertUsage(m.usage, 'usage');
    });

    it('400 error -> BadRequestError', async () => {
      await scriptError(target, 400, 'mock scripted bad request');
      await expectApiError(
        client().messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
        400, Anthropic.BadRequestError, 'invalid_request_error', 'mock scripted bad request');
    });

    it('500 error -> InternalServerError', async () => {
      await scriptError(target, 500, 'mock scripted server failure');
      await expectApiError(
        client().messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
        500, Anthropic.InternalServerError, 'api_error', 'mock scripted server failure');
    });

    it('429 error -> RateLimitError', async () => {
      await scriptError(target, 429, 'mock scripted rate limit');
      await expectApiError(
        client().messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
        429, Anthropic.RateLimitError, 'rate_limit_error', 'mock scripted rate limit');
    });

    it('stream: messages.stream + finalMessage(), text + usage', async () => {
      const deltas = [];
      const stream = client().messages.stream({
        model,
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Stream me a reply' }],
      });
      stream.on('text', (d) => deltas.push(d));
      const m = await stream.finalMessage();
      const expected = replyText(target, 'Stream me a reply');
      assert.ok(deltas.length > 1, `expected several text deltas, got ${deltas.length}`);
      assert.equal(deltas.join(''), expected);
      assert.equal(textOf(m), expected);
      assert.equal(m.stop_reason, 'end_turn');
      assertUsage(m.usage, 'stream usage');
    });

    it('stream: raw events (stream:true)', async () => {
      const s = await client().messages.create({
        model,
        max_tokens: 256,
        stream: true,
        messages: [{ role: 'user', content: 'Stream raw events' }],
      });
      const types = [];
      let text = '';
      for await (const ev of s) {
        types.push(ev.type);
        if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
      }
      assert.equal(types[0], 'message_start');
      assert.equal(types[types.length - 1], 'message_stop');
      assert.ok(types.includes('content_block_start'));
      assert.ok(types.includes('content_block_stop'));
      assert.ok(types.includes('message_delta'));
      assert.equal(text, replyText(target, 'Stream raw events'));
    });

    it('stream: tool call (name, id, exact JSON arguments)', async () => {
      const stream = client().messages.stream({
        model,
        max_tokens: 256,
        tools,
        messages: [{ role: 'user', content: 'Please use a tool to get the weather in Paris' }],
      });
      const m = await stream.finalMessage();
      assert.equal(m.stop_reason, 'tool_use');
      const uses = m.content.filter((b) => b.type === 'tool_use');
      assert.equal(uses.length, 1);
      assertToolUse(uses[0], target);
      assertUsage(m.usage, 'stream tool usage');
    });

    it('stream: max-tokens stop', async () => {
      const m = await client().messages.stream({
        model,
        max_tokens: 3,
        messages: [{ role: 'user', content: 'Tell me a long story about the sea' }],
      }).finalMessage();
      assert.equal(m.stop_reason, 'max_tokens');
    });

    it('stream: 500 error before the stream -> InternalServerError', async () => {
      await scriptError(target, 500, 'mock scripted stream failure');
      await expectApiError(
        client().messages.stream({ model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] })
          .finalMessage(),
        500, Anthropic.InternalServerError, 'api_error', 'mock scripted stream failure');
    });
  });
}

if (sdkEnabled(SDK)) {
  describe(`anthropic dialect: invalid JSON from the client (${MODE})`, () => {
    it('answers 400 with an Anthropic error object', async () => {
      const r = await rawPost(serverUrl() + '/v1/messages',
        INVALID_JSON.replace('%MODEL%', MODEL[targetsFor(SDK)[0]]),
        { 'content-type': 'application/json', 'x-api-key': CLIENT_KEY, 'anthropic-version': '2023-06-01' });
      assert.equal(r.status, 400, `status: ${r.status} body: ${r.text}`);
      assertJsonContentType(r.headers.get('content-type'), 'invalid JSON reply');
      assert.ok(r.body, `body is not JSON: ${r.text}`);
      assert.equal(r.body.type, 'error');
      assert.equal(r.body.error?.type, 'invalid_request_error');
      assert.equal(typeof r.body.error.message, 'string');
      assert.ok(r.body.error.message.length > 0);
    });
  });
}
