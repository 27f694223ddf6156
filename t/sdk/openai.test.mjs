// The official `openai` npm SDK (Chat Completions), unmodified, against the mock or the gateway.

import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

import {
  MODE, MODEL, CLIENT_KEY, TIMEOUT_MS, PNG_B64, WEATHER_TOOL, INVALID_JSON,
  targetsFor, sdkEnabled, serverUrl, mockReset, scriptError, lastUpstreamRequest, requestBody,
  replyText, toolResultText, expectedToolArgs, assertUpstreamHasImage,
  assertPositiveInt, assertJsonContentType, rawPost,
} from './common.mjs';

const SDK = 'openai';

function client() {
  return new OpenAI({
    apiKey: CLIENT_KEY,
    baseURL: serverUrl() + '/v1',
    maxRetries: 0,
    timeout: TIMEOUT_MS,
  });
}

const tools = [{ type: 'function', function: WEATHER_TOOL }];

function assertUsage(u, what) {
  assert.ok(u, `${what}: usage missing`);
  assertPositiveInt(u.prompt_tokens, `${what}: usage.prompt_tokens`);
  assertPositiveInt(u.completion_tokens, `${what}: usage.completion_tokens`);
  assert.equal(u.total_tokens, u.prompt_tokens + u.completion_tokens,
    `${what}: total_tokens = prompt_tokens + completion_tokens`);
}

function assertToolCall(tc, target) {
  assert.equal(tc.type, 'function');
  assert.equal(tc.function.name, 'get_weather');
  assert.equal(typeof tc.id, 'string');
  assert.ok(tc.id.length > 0, 'tool call id is empty');
  assert.deepEqual(JSON.parse(tc.function.arguments), expectedToolArgs(target));
}

async function expectApiError(promise, status, cls, message) {
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof OpenAI.APIError, `expected OpenAI.APIError, got ${err?.constructor?.name}: ${err}`);
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${err.constructor.name}`);
    assert.equal(err.status, status);
    assert.ok(err.error && typeof err.error === 'object', 'error body should be {"error":{...}}');
    assert.equal(typeof err.error.message, 'string');
    assert.ok(err.message.includes(message), `error message "${err.message}" should include "${message}"`);
    return true;
  });
}

for (const target of targetsFor(SDK)) {
  const model = MODEL[target];

  describe(`openai SDK -> ${target} (${MODE})`, { timeout: TIMEOUT_MS * 4 }, () => {
    beforeEach(async () => { await mockReset(); });

    it('text', async () => {
      const r = await client().chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Hello there' }],
      });
      assert.equal(r.object, 'chat.completion');
      assert.equal(typeof r.id, 'string');
      assert.equal(r.choices.length, 1);
      const c = r.choices[0];
      assert.equal(c.message.role, 'assistant');
      assert.equal(c.message.content, replyText(target, 'Hello there'));
      assert.equal(c.finish_reason, 'stop');
    });

    it('system + multi-turn', async () => {
      const r = await client().chat.completions.create({
        model,
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'First question' },
          { role: 'assistant', content: 'First answer' },
          { role: 'user', content: 'Second question' },
        ],
      });
      assert.equal(r.choices[0].message.content, replyText(target, 'Second question'));
      const body = requestBody(await lastUpstreamRequest());
      assert.ok(JSON.stringify(body).includes('You are terse.'), 'system text did not reach the upstream');
      assert.ok(JSON.stringify(body).includes('First answer'), 'assistant turn did not reach the upstream');
    });

    it('tool call (name, id, exact JSON arguments)', async () => {
      const r = await client().chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Please use a tool to get the weather in Paris' }],
        tools,
      });
      const c = r.choices[0];
      assert.equal(c.finish_reason, 'tool_calls');
      assert.equal(c.message.tool_calls.length, 1);
      assertToolCall(c.message.tool_calls[0], target);
    });

    it('forced tool_choice', async () => {
      const r = await client().chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools,
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
      });
      assert.equal(r.choices[0].message.tool_calls.length, 1);
      assertToolCall(r.choices[0].message.tool_calls[0], target);
    });

    it('tool result round trip', async () => {
      const c = client();
      const messages = [{ role: 'user', content: 'Please use a tool to get the weather in Paris' }];
      const r1 = await c.chat.completions.create({ model, messages, tools });
      const msg = r1.choices[0].message;
      assert.equal(msg.tool_calls.length, 1);
      // echo the assistant turn with the documented request fields only (the
      // response object also carries e.g. `annotations`, which is not a request field)
      messages.push({ role: 'assistant', content: msg.content, tool_calls: msg.tool_calls });
      messages.push({ role: 'tool', tool_call_id: msg.tool_calls[0].id, content: 'Sunny, 21C' });
      const r2 = await c.chat.completions.create({ model, messages, tools });
      assert.equal(r2.choices[0].message.content, toolResultText(target, 'Sunny, 21C'));
      assert.equal(r2.choices[0].finish_reason, 'stop');
    });

    it('image (base64 data URL)', async () => {
      const r = await client().chat.completions.create({
        model,
        messages: [{
          role: 'user',
          content: [
            { type: 'text', text: 'Describe this image' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_B64}` } },
          ],
        }],
      });
      assert.equal(r.choices[0].message.content, replyText(target, 'Describe this image'));
      assertUpstreamHasImage(target, requestBody(await lastUpstreamRequest()));
    });

    it('max-tokens stop', async () => {
      const r = await client().chat.completions.create({
        model,
        max_tokens: 3,
        messages: [{ role: 'user', content: 'Tell me a long story about the sea' }],
      });
      const c = r.choices[0];
      assert.equal(c.finish_reason, 'length');
      assert.ok(replyText(target, 'Tell me a long story about the sea').startsWith(c.message.content),
        `truncated text "${c.message.content}" should be a prefix of the full reply`);
      assert.ok(c.message.content.length < replyText(target, 'Tell me a long story about the sea').length);
    });

    it('usage', async () => {
      const r = await client().chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Count my tokens please' }],
      });
      assertUsage(r.usage, 'usage');
    });

    it('400 error -> BadRequestError', async () => {
      await scriptError(target, 400, 'mock scripted bad request');
      await expectApiError(
        client().chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }),
        400, OpenAI.BadRequestError, 'mock scripted bad request');
    });

    it('500 error -> InternalServerError', async () => {
      await scriptError(target, 500, 'mock scripted server failure');
      await expectApiError(
        client().chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }),
        500, OpenAI.InternalServerError, 'mock scripted server failure');
    });

    it('429 error -> RateLimitError', async () => {
      await scriptError(target, 429, 'mock scripted rate limit');
      await expectApiError(
        client().chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }),
        429, OpenAI.RateLimitError, 'mock scripted rate limit');
    });

    it('stream: chat.completions.stream helper, text + usage', async () => {
      const deltas = [];
      const stream = client().chat.completions.stream({
        model,
        messages: [{ role: 'user', content: 'Stream me a reply' }],
        stream_options: { include_usage: true },
      });
      stream.on('content', (delta) => deltas.push(delta));
      const final = await stream.finalChatCompletion();
      const expected = replyText(target, 'Stream me a reply');
      assert.ok(deltas.length > 1, `expected several content deltas, got ${deltas.length}`);
      assert.equal(deltas.join(''), expected);
      assert.equal(final.choices[0].message.content, expected);
      assert.equal(final.choices[0].finish_reason, 'stop');
      assertUsage(final.usage, 'stream usage');
    });

    it('stream: stream:true raw chunks', async () => {
      const s = await client().chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Stream raw chunks' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let finish = null;
      let usage = null;
      let ids = new Set();
      let n = 0;
      for await (const chunk of s) {
        n++;
        assert.equal(chunk.object, 'chat.completion.chunk');
        ids.add(chunk.id);
        if (chunk.usage) usage = chunk.usage;
        for (const ch of chunk.choices) {
          if (ch.delta?.content) text += ch.delta.content;
          if (ch.finish_reason) finish = ch.finish_reason;
        }
      }
      assert.ok(n > 2, `expected several chunks, got ${n}`);
      assert.equal(ids.size, 1, 'all chunks should carry the same id');
      assert.equal(text, replyText(target, 'Stream raw chunks'));
      assert.equal(finish, 'stop');
      assertUsage(usage, 'stream usage chunk');
    });

    it('stream: tool call (name, id, exact JSON arguments)', async () => {
      const stream = client().chat.completions.stream({
        model,
        messages: [{ role: 'user', content: 'Please use a tool to get the weather in Paris' }],
        tools,
        stream_options: { include_usage: true },
      });
      const done = [];
      stream.on('tool_calls.function.arguments.done', (e) => done.push(e));
      const final = await stream.finalChatCompletion();
      const c = final.choices[0];
      assert.equal(c.finish_reason, 'tool_calls');
      assert.equal(c.message.tool_calls.length, 1);
      assertToolCall(c.message.tool_calls[0], target);
      assert.equal(done.length, 1);
      assert.equal(done[0].name, 'get_weather');
      assert.deepEqual(JSON.parse(done[0].arguments), expectedToolArgs(target));
      assertUsage(final.usage, 'stream tool usage');
    });

    it('stream: max-tokens stop', async () => {
      const stream = client().chat.completions.stream({
        model,
        max_tokens: 3,
        messages: [{ role: 'user', content: 'Tell me a long story about the sea' }],
      });
      const final = await stream.finalChatCompletion();
      assert.equal(final.choices[0].finish_reason, 'length');
    });

    it('stream: 500 error before the stream -> InternalServerError', async () => {
      await scriptError(target, 500, 'mock scripted stream failure');
      await expectApiError(
        (async () => {
          const s = await client().chat.completions.create({
            model, stream: true, messages: [{ role: 'user', content: 'hi' }],
          });
          for await (const _ of s) { /* drain */ }
        })(),
        500, OpenAI.InternalServerError, 'mock scripted stream failure');
    });
  });
}

if (sdkEnabled(SDK)) {
  describe(`openai dialect: invalid JSON from the client (${MODE})`, () => {
    it('answers 400 with an OpenAI error object', async () => {
      const r = await rawPost(serverUrl() + '/v1/chat/completions',
        INVALID_JSON.replace('%MODEL%', MODEL[targetsFor(SDK)[0]]),
        { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}` });
      assert.equal(r.status, 400, `status: ${r.status} body: ${r.text}`);
      assertJsonContentType(r.headers.get('content-type'), 'invalid JSON reply');
      assert.ok(r.body && typeof r.body.error === 'object', `body should be {"error":{...}}: ${r.text}`);
      assert.equal(typeof r.body.error.message, 'string');
      assert.ok(r.body.error.message.length > 0);
      assert.equal(r.body.error.type, 'invalid_request_error');
    });
  });
}
