// Shared configuration and helpers for the official-SDK tests.
//
// Everything is configured through the environment:
//   MODE         "mock"    : each SDK talks straight to the mock of its own dialect
//                "gateway" : each SDK talks to the gateway, which routes by model name
//   GATEWAY_URL  e.g. http://127.0.0.1:8080            (MODE=gateway)
//   MOCK_URL     e.g. http://127.0.0.1:9090            (always: scripting + request log)
//   TARGETS      comma list of upstream dialects reachable through the gateway
//                (openai,anthropic,gemini); default: all three
//   SDK_MATRIX   optional finer matrix "sdk:target,..." (sdk = openai|anthropic|genai),
//                e.g. "openai:anthropic,openai:openai"; overrides TARGETS in MODE=gateway
//   SDKS         optional comma list restricting which SDKs run in MODE=mock

import assert from 'node:assert/strict';

export const MODE = (process.env.MODE || 'mock').trim();
if (MODE !== 'mock' && MODE !== 'gateway') {
  throw new Error(`MODE must be "mock" or "gateway", got "${MODE}"`);
}

function stripSlash(u) {
  return u ? u.replace(/\/+$/, '') : u;
}

export const MOCK_URL = stripSlash(process.env.MOCK_URL);
export const GATEWAY_URL = stripSlash(process.env.GATEWAY_URL);

if (!MOCK_URL) throw new Error('MOCK_URL is not set');
if (MODE === 'gateway' && !GATEWAY_URL) throw new Error('MODE=gateway needs GATEWAY_URL');

export const CLIENT_KEY = process.env.CLIENT_KEY || 'test-client-key';
export const TIMEOUT_MS = Number(process.env.SDK_TIMEOUT_MS || 15000);

export const DIALECTS = ['openai', 'anthropic', 'gemini'];

// model names; the gateway routes gpt-* / claude-* / gemini-*
export const MODEL = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-sonnet-4-5',
  gemini: 'gemini-2.5-flash',
};

// the dialect each SDK speaks
export const SDK_DIALECT = { openai: 'openai', anthropic: 'anthropic', genai: 'gemini' };

function normSdk(s) {
  s = s.trim().toLowerCase();
  if (s === 'gemini' || s === 'google' || s === '@google/genai') return 'genai';
  if (s === '@anthropic-ai/sdk' || s === 'claude') return 'anthropic';
  return s;
}

function normDialect(d) {
  d = d.trim().toLowerCase();
  if (d === 'genai' || d === 'google') return 'gemini';
  if (d === 'claude') return 'anthropic';
  return d;
}

function list(v) {
  return (v || '').split(',').map((x) => x.trim()).filter(Boolean);
}

/** Upstream dialects the given SDK is tested against in this run. */
export function targetsFor(sdk) {
  if (MODE === 'mock') {
    const sdks = list(process.env.SDKS).map(normSdk);
    if (sdks.length && !sdks.includes(sdk)) return [];
    return [SDK_DIALECT[sdk]];
  }
  const matrix = list(process.env.SDK_MATRIX);
  let out;
  if (matrix.length) {
    out = [];
    for (const pair of matrix) {
      const [s, t] = pair.split(':');
      if (!s || !t) throw new Error(`bad SDK_MATRIX entry "${pair}" (want sdk:target)`);
      const d = normDialect(t);
      if (!DIALECTS.includes(d)) throw new Error(`bad target "${t}" in SDK_MATRIX`);
      if (normSdk(s) === sdk && !out.includes(d)) out.push(d);
    }
  } else {
    const t = list(process.env.TARGETS).map(normDialect);
    out = t.length ? t : DIALECTS.slice();
    for (const d of out) {
      if (!DIALECTS.includes(d)) throw new Error(`bad target "${d}" in TARGETS`);
    }
  }
  return out;
}

/** True when the SDK is run at all (invalid-JSON tests run once per SDK). */
export function sdkEnabled(sdk) {
  return targetsFor(sdk).length > 0;
}

/** Base URL (scheme://host:port, no path) the SDK is pointed at. */
export function serverUrl() {
  return MODE === 'mock' ? MOCK_URL : GATEWAY_URL;
}

// ---------------------------------------------------------------- mock control

async function mockFetch(path, init = {}) {
  const r = await fetch(MOCK_URL + path, init);
  const text = await r.text();
  if (!r.ok) throw new Error(`mock ${path}: HTTP ${r.status}: ${text}`);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

export async function mockReset() {
  return mockFetch('/__mock/reset', { method: 'POST' });
}

/** Install scripting rules on the mock (see t/mock/mock.js). */
export async function mockScript(rules) {
  if (!Array.isArray(rules)) rules = [rules];
  return mockFetch('/__mock/script', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });
}

/** Requests the mock has received since the last reset (normalised to an array). */
export async function mockRequests() {
  const r = await mockFetch('/__mock/requests');
  const arr = Array.isArray(r) ? r : r && Array.isArray(r.requests) ? r.requests : [];
  return arr;
}

/** The last provider request the mock received (ignores /__mock/ control calls). */
export async function lastUpstreamRequest() {
  const reqs = (await mockRequests()).filter((q) => !String(q.path || q.url || '').startsWith('/__mock'));
  assert.ok(reqs.length > 0, 'the mock provider received no request');
  return reqs[reqs.length - 1];
}

export function requestBody(req) {
  let b = req.json ?? req.body;
  if (typeof b === 'string') {
    try {
      b = JSON.parse(b);
    } catch {
      /* keep the string */
    }
  }
  return b;
}

// ---------------------------------------------------------------- fixtures

// 2x2 red PNG
export const PNG_B64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';

// A tool whose schema exercises strings, enums, integers, booleans, arrays and
// nested objects.  The mock fills every *required* property from the schema
// (string "Paris", first enum value, 1, true, [item], {required props}), so the
// arguments the client sees are known exactly.
export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Get the current weather for a city',
  parameters: {
    type: 'object',
    properties: {
      city: { type: 'string', description: 'City name' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      days: { type: 'integer', description: 'Forecast days' },
      hourly: { type: 'boolean' },
      fields: { type: 'array', items: { type: 'string' } },
      where: {
        type: 'object',
        properties: { lat: { type: 'number' }, lon: { type: 'number' } },
        required: ['lat'],
      },
      note: { type: 'string', description: 'optional, never filled by the mock' },
    },
    required: ['city', 'unit', 'days', 'hourly', 'fields', 'where'],
  },
};

/** The arguments the mock (of any dialect) generates for WEATHER_TOOL. */
export function expectedToolArgs(/* target */) {
  return { city: 'Paris', unit: 'celsius', days: 1, hourly: true, fields: ['Paris'], where: { lat: 1 } };
}

/** Script the mock so that the next provider request of `dialect` fails with `status`. */
export async function scriptError(dialect, status, message) {
  return mockScript([{ match: { dialect }, times: 1, status, message }]);
}

function findDeep(v, pred, depth = 0) {
  if (depth > 12 || v === null || typeof v !== 'object') return false;
  if (pred(v)) return true;
  return Object.values(v).some((x) => findDeep(x, pred, depth + 1));
}

/** The base64 PNG must reach the upstream in the upstream dialect's own image form. */
export function assertUpstreamHasImage(target, body) {
  const preds = {
    openai: (o) => o.type === 'image_url' && o.image_url && o.image_url.url === `data:image/png;base64,${PNG_B64}`,
    anthropic: (o) => o.type === 'image' && o.source && o.source.type === 'base64' &&
      o.source.media_type === 'image/png' && o.source.data === PNG_B64,
    gemini: (o) => {
      const d = o.inlineData || o.inline_data;
      return !!d && (d.mimeType || d.mime_type) === 'image/png' && d.data === PNG_B64;
    },
  };
  assert.ok(findDeep(body, preds[target]),
    `upstream (${target}) request does not carry the image in ${target} form: ${JSON.stringify(body).slice(0, 2000)}`);
}

export function replyText(dialect, userText) {
  return `mock ${dialect} reply: ${userText}`;
}

export function toolResultText(dialect, resultText) {
  return `mock ${dialect} got tool result: ${resultText}`;
}

// ---------------------------------------------------------------- assertions

export function assertJsonContentType(ct, what) {
  assert.match(String(ct || ''), /application\/json/i, `${what}: content-type should be JSON, got ${ct}`);
}

export function isNonNegInt(n) {
  return Number.isInteger(n) && n >= 0;
}

export function assertPositiveInt(n, what) {
  assert.ok(Number.isInteger(n) && n > 0, `${what} should be a positive integer, got ${JSON.stringify(n)}`);
}

/** Send a raw body with fetch (for invalid JSON tests); returns {status, headers, body, text}. */
export async function rawPost(url, body, headers) {
  const r = await fetch(url, { method: 'POST', headers, body });
  const text = await r.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, body: json };
}

export const INVALID_JSON = '{"model": "%MODEL%", "messages": [{"role": "user", "content": "hi"}';
