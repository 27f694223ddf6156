// The official `@google/genai` npm SDK (Gemini Developer API), unmodified, against the mock or the gateway.

import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI, ApiError, Type, FunctionCallingConfigMode } from '@google/genai';

import {
  MODE, MODEL, CLIENT_KEY, TIMEOUT_MS, PNG_B64, WEATHER_TOOL, INVALID_JSON,
  targetsFor, sdkEnabled, serverUrl, mockReset, scriptError, lastUpstreamRequest, requestBody,
  replyText, toolResultText, expectedToolArgs, assertUpstreamHasImage,
  assertPositiveInt, assertJsonContentType, rawPost,
} from './common.mjs';

const SDK = 'genai';

function client() {
  return new GoogleGenAI({
    apiKey: CLIENT_KEY,
    httpOptions: { baseUrl: serverUrl(), timeout: TIMEOUT_MS },
  });
}

// Gemini's own Schema flavour (OpenAPI subset, upper-case types) ...
function toGeminiSchema(js) {
  const out = {};
  for (const [k, v] of Object.entries(js)) {
    if (k === 'type') out.type = Type[String(v).toUpperCase()];
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, toGeminiSchema(s)]));
    else if (k === 'items') out.items = toGeminiSchema(v);
    else out[k] = v;
  }
  return out;
}
const toolsSchema = [{
  functionDeclarations: [{
    name: WEATHER_TOOL.name,
    description: WEATHER_TOOL.description,
    parameters: toGeminiSchema(WEATHER_TOOL.parameters),
  }],
}];
// ... and plain JSON Schema (what newer code uses)
const toolsJsonSchema = [{
  functionDeclarations: [{
    name: WEATHER_TOOL.name,
    description: WEATHER_TOOL.description,
    parametersJsonSchema: WEATHER_TOOL.parameters,
  }],
}];

function assertUsage(u, what) {
  assert.ok(u, `${what}: usageMetadata missing`);
  assertPositiveInt(u.promptTokenCount, `${what}: promptTokenCount`);
  assertPositiveInt(u.candidatesTokenCount, `${what}: candidatesTokenCount`);
  const sum = u.promptTokenCount + u.candidatesTokenCount + (u.thoughtsTokenCount || 0) +
    (u.toolUsePromptTokenCount || 0);
  assert.equal(u.totalTokenCount, sum, `${what}: totalTokenCount = prompt + candidates (+ thoughts + tool use)`);
}

function assertFunctionCall(fc, target) {
  assert.ok(fc, 'no functionCall');
  assert.equal(fc.name, 'get_weather');
  // Gemini's functionCall.id is optional (the Developer API rarely sends one);
  // when present it must be a usable string.
  if (fc.id !== undefined) {
    assert.equal(typeof fc.id, 'string');
    assert.ok(fc.id.length > 0, 'functionCall.id is empty');
  }
  assert.deepEqual(fc.args, expectedToolArgs(target));
}

const GEMINI_STATUS = { 400: 'INVALID_ARGUMENT', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL' };

async function expectApiError(promise, status, message) {
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof ApiError, `expected genai ApiError, got ${err?.constructor?.name}: ${err}`);
    assert.equal(err.status, status);
    // the SDK puts the JSON error body, stringified, in .message
    let body;
    try {
      body = JSON.parse(err.message);
    } catch {
      assert.fail(`ApiError.message is not the JSON error body (was the reply JSON?): ${err.message}`);
    }
    assert.ok(body.error, `error body should be {"error":{...}}: ${err.message}`);
    assert.equal(body.error.code, status);
    assert.equal(body.error.status, GEMINI_STATUS[status]);
    assert.ok(String(body.error.message).includes(message),
      `error message "${body.error.message}" should include "${message}"`);
    return true;
  });
}

for (const target of targetsFor(SDK)) {
  const model = MODEL[target];

  describe(`genai SDK -> ${target} (${MODE})`, { timeout: TIMEOUT_MS * 4 }, () => {
    beforeEach(async () => { await mockReset(); });

    it('text', async () => {
      const r = await client().models.generateContent({ model, contents: 'Hello there' });
      assert.equal(r.text, replyText(target, 'Hello there'));
      assert.equal(r.candidates.length, 1);
      assert.equal(r.candidates[0].content.role, 'model');
      assert.equal(r.candidates[0].finishReason, 'STOP');
    });

    it('system + multi-turn', async () => {
      const r = await client().models.generateContent({
        model,
        contents: [
          { role: 'user', parts: [{ text: 'First question' }] },
          { role: 'model', parts: [{ text: 'First answer' }] },
          { role: 'user', parts: [{ text: 'Second question' }] },
        ],
        config: { systemInstruction: 'You are terse.' },
      });
      assert.equal(r.text, replyText(target, 'Second question'));
      const body = requestBody(await lastUpstreamRequest());
      assert.ok(JSON.stringify(body).includes('You are terse.'), 'system text did not reach the upstream');
      assert.ok(JSON.stringify(body).includes('First answer'), 'model turn did not reach the upstream');
    });

    it('tool call (name, exact args; Gemini Schema)', async () => {
      const r = await client().models.generateContent({
        model,
        contents: 'Please use a tool to get the weather in Paris',
        config: { tools: toolsSchema },
      });
      assert.equal(r.functionCalls?.length, 1, `functionCalls: ${JSON.stringify(r.candidates)}`);
      assertFunctionCall(r.functionCalls[0], target);
      assert.equal(r.candidates[0].finishReason, 'STOP');
    });

    it('forced tool call (mode ANY; JSON Schema parameters)', async () => {
      const r = await client().models.generateContent({
        model,
        contents: 'Weather in Paris?',
        config: {
          tools: toolsJsonSchema,
          toolConfig: {
            functionCallingConfig: { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: ['get_weather'] },
          },
        },
      });
      assert.equal(r.functionCalls?.length, 1, `functionCalls: ${JSON.stringify(r.candidates)}`);
      assertFunctionCall(r.functionCalls[0], target);
    });

    it('tool result round trip', async () => {
      const c = client();
      const contents = [{ role: 'user', parts: [{ text: 'Please use a tool to get the weather in Paris' }] }];
      const r1 = await c.models.generateContent({ model, contents, config: { tools: toolsSchema } });
      const fc = r1.functionCalls?.[0];
      assert.ok(fc, 'no functionCall in the first reply');
      contents.push(r1.candidates[0].content);
      const fr = { name: fc.name, response: { output: 'Sunny, 21C' } };
      if (fc.id) fr.id = fc.id;
      contents.push({ role: 'user', parts: [{ functionResponse: fr }] });
      const r2 = await c.models.generateContent({ model, contents, config: { tools: toolsSchema } });
      assert.equal(r2.text, toolResultText(target, 'Sunny, 21C'));
      assert.equal(r2.candidates[0].finishReason, 'STOP');
    });

    it('image (inlineData base64)', async () => {
      const r = await client().models.generateContent({
        model,
        contents: [{
          role: 'user',
          parts: [{ text: 'Describe this image' }, { inlineData: { mimeType: 'image/png', data: PNG_B64 } }],
        }],
      });
      assert.equal(r.text, replyText(target, 'Describe this image'));
      assertUpstreamHasImage(target, requestBody(await lastUpstreamRequest()));
    });

    it('max-tokens stop', async () => {
      const full = replyText(target, 'Tell me a long story about the sea');
      const r = await client().models.generateContent({
        model,
        contents: 'Tell me a long story about the sea',
        config: { maxOutputTokens: 3 },
      });
      assert.equal(r.candidates[0].finishReason, 'MAX_TOKENS');
      const t = r.text ?? '';
      assert.ok(full.startsWith(t), `truncated text "${t}" should be a prefix of the full reply`);
      assert.ok(t.length < full.length);
    });

    it('usage', async () => {
      const r = await client().models.generateContent({ model, contents: 'Count my tokens please' });
      assertUsage(r.usageMetadata, 'usage');
    });

    it('400 error -> ApiError', async () => {
      await scriptError(target, 400, 'mock scripted bad request');
      await expectApiError(client().models.generateContent({ model, contents: 'hi' }),
        400, 'mock scripted bad request');
    });

    it('500 error -> ApiError', async () => {
      await scriptError(target, 500, 'mock scripted server failure');
      await expectApiError(client().models.generateContent({ model, contents: 'hi' }),
        500, 'mock scripted server failure');
    });

    it('429 error -> ApiError', async () => {
      await scriptError(target, 429, 'mock scripted rate limit');
      await expectApiError(client().models.generateContent({ model, contents: 'hi' }),
        429, 'mock scripted rate limit');
    });

    it('stream: generateContentStream, text + usage', async () => {
      const s = await client().models.generateContentStream({ model, contents: 'Stream me a reply' });
      let text = '';
      let n = 0;
      let last = null;
      let finish = null;
      for await (const chunk of s) {
        n++;
        text += chunk.text ?? '';
        if (chunk.usageMetadata) last = chunk.usageMetadata;
        if (chunk.candidates?.[0]?.finishReason) finish = chunk.candidates[0].finishReason;
      }
      assert.ok(n > 1, `expected several chunks, got ${n}`);
      assert.equal(text, replyText(target, 'Stream me a reply'));
      assert.equal(finish, 'STOP');
      assertUsage(last, 'stream usage (last chunk)');
    });

    it('stream: tool call (name, exact args)', async () => {
      const s = await client().models.generateContentStream({
        model,
        contents: 'Please use a tool to get the weather in Paris',
        config: { tools: toolsSchema },
      });
      const calls = [];
      let last = null;
      for await (const chunk of s) {
        if (chunk.functionCalls) calls.push(...chunk.functionCalls);
        if (chunk.usageMetadata) last = chunk.usageMetadata;
      }
      assert.equal(calls.length, 1, `function calls: ${JSON.stringify(calls)}`);
      assertFunctionCall(calls[0], target);
      assertUsage(last, 'stream tool usage');
    });

    it('stream: max-tokens stop', async () => {
      const s = await client().models.generateContentStream({
        model,
        contents: 'Tell me a long story about the sea',
        config: { maxOutputTokens: 3 },
      });
      let finish = null;
      for await (const chunk of s) {
        if (chunk.candidates?.[0]?.finishReason) finish = chunk.candidates[0].finishReason;
      }
      assert.equal(finish, 'MAX_TOKENS');
    });

    it('stream: 500 error before the stream -> ApiError', async () => {
      await scriptError(target, 500, 'mock scripted stream failure');
      await expectApiError(
        (async () => {
          const s = await client().models.generateContentStream({ model, contents: 'hi' });
          for await (const _ of s) { /* drain */ }
        })(),
        500, 'mock scripted stream failure');
    });
  });
}

if (sdkEnabled(SDK)) {
  describe(`gemini dialect: invalid JSON from the client (${MODE})`, () => {
    it('answers 400 with a Google error object', async () => {
      const model = MODEL[targetsFor(SDK)[0]];
      const r = await rawPost(`${serverUrl()}/v1beta/models/${model}:generateContent`,
        '{"contents": [{"role": "user", "parts": [{"text": "hi"}]}',
        { 'content-type': 'application/json', 'x-goog-api-key': CLIENT_KEY });
      assert.equal(r.status, 400, `status: ${r.status} body: ${r.text}`);
      assertJsonContentType(r.headers.get('content-type'), 'invalid JSON reply');
      assert.ok(r.body && typeof r.body.error === 'object', `body should be {"error":{...}}: ${r.text}`);
      assert.equal(r.body.error.code, 400);
      assert.equal(r.body.error.status, 'INVALID_ARGUMENT');
      assert.equal(typeof r.body.error.message, 'string');
      assert.ok(r.body.error.message.length > 0);
    });
  });
}

void INVALID_JSON;
