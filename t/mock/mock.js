#!/usr/bin/env node
// Strict mock of the OpenAI Chat Completions, Anthropic Messages and Google
// Gemini generateContent APIs on one 127.0.0.1 port.  Node 20, no npm deps.
//
//   node t/mock/mock.js --port N [--keys-file F] [--event-delay-ms D]
//                       [--max-records R] [--parent-pid P]
//   env: MOCK_PORT, MOCK_KEYS_FILE, MOCK_KEYS (comma list), MOCK_EVENT_DELAY_MS
//
// --port 0 picks a free port.  On start it prints one line to stdout:
//   MOCK_LISTENING port=<n>
//
// Keys: with a keys file (one key per line, or "<dialect>:<key>" to restrict a
// key to openai|anthropic|gemini) or MOCK_KEYS only those keys are valid.
// Without any, every non-empty key is valid except keys that start with
// "bad" or "invalid".  POST /__mock/keys {"keys":[...]|null} changes the set.
//
// Control endpoints:
//   GET  /__mock/health        200 {"ok":true}
//   POST /__mock/script        {"rules":[...], "append":bool}  (replaces rules
//                              unless append)
//   GET  /__mock/requests      [{method,path,query,headers,raw_headers,
//                                body,json,key,dialect,time}] since last
//                                reset (raw_headers: [name, value, ...] as
//                                sent, duplicates kept)
//   POST /__mock/reset         clears rules and records (keys unchanged)
//   POST /__mock/keys          {"keys":[...]} or {"keys":null}
//
// Rule fields (all optional):
//   match: {dialect, key, path_contains, body_contains, method,
//           header: {name: substring}, stream: bool}
//   times: N (default: unlimited)
//   -- responding rules (any of status/body/raw/stream/reset present):
//   status, headers, body (JSON value), raw (string), stream ([{event, data |
//   raw, delay_ms}]), reset (destroy socket before headers), truncate (close
//   mid-stream after the scripted events, no chunked terminator),
//   retry_delay (Gemini 429 RetryInfo, e.g. "7s"), message (error message).
//   status >= 400 without body/raw: the dialect's own error body is generated.
//   -- modifying rules (none of the above): default behaviour after validation,
//   with: delay_ms (before headers), event_delay_ms, events N (reply = N words
//   "tok0 .. tokN-1", one event each), reply "text" (replace the reply text),
//   truncate (drop the connection half-way through the default stream),
//   error_after N (emit the provider's in-stream error event after N content
//   events, then end), no_validate (skip strict validation), tool ("name" force
//   a tool call), calls N (number of parallel tool calls), headers (extra
//   response headers).
//   delay_ms also applies to responding rules.
'use strict';

const http = require('node:http');
const fs = require('node:fs');
const crypto = require('node:crypto');

// ---------------------------------------------------------------- options
function argOpt(name, env, dflt) {
  const i = process.argv.indexOf('--' + name);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (env && process.env[env] !== undefined && process.env[env] !== '') return process.env[env];
  return dflt;
}
const PORT = parseInt(argOpt('port', 'MOCK_PORT', '0'), 10) || 0;
const KEYS_FILE = argOpt('keys-file', 'MOCK_KEYS_FILE', null);
let EVENT_DELAY = parseInt(argOpt('event-delay-ms', 'MOCK_EVENT_DELAY_MS', '0'), 10) || 0;
const MAX_RECORDS = parseInt(argOpt('max-records', 'MOCK_MAX_RECORDS', '20000'), 10) || 20000;
const MAX_BODY = 32 * 1024 * 1024;
const PARENT_PID = parseInt(argOpt('parent-pid', 'MOCK_PARENT_PID', '0'), 10) || 0;
if (PARENT_PID) {
  // exit when the test process that started us is gone (no orphans)
  setInterval(() => { try { process.kill(PARENT_PID, 0); } catch (e) { process.exit(0); } }, 1000).unref();
}

let KEYS = null; // null: permissive; else Map key -> Set(dialects) | '*'
function loadKeys(list) {
  if (!list) { KEYS = null; return; }
  KEYS = new Map();
  for (let line of list) {
    line = String(line).trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(openai|anthropic|gemini):(.*)$/.exec(line);
    if (m) {
      let s = KEYS.get(m[2]);
      if (s === '*') continue;
      if (!s) { s = new Set(); KEYS.set(m[2], s); }
      s.add(m[1]);
    } else KEYS.set(line, '*');
  }
}
if (KEYS_FILE) loadKeys(fs.readFileSync(KEYS_FILE, 'utf8').split('\n'));
else if (process.env.MOCK_KEYS) loadKeys(process.env.MOCK_KEYS.split(','));

function keyValid(key, dialect) {
  if (typeof key !== 'string' || key === '') return false;
  if (KEYS === null) return !/^(bad|invalid)/i.test(key);
  const s = KEYS.get(key);
  if (!s) return false;
  return s === '*' || s.has(dialect);
}

// ---------------------------------------------------------------- state
let rules = [];
let records = [];

// ---------------------------------------------------------------- helpers
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStr = (v) => typeof v === 'string';
const isInt = (v) => typeof v === 'number' && Number.isInteger(v);
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const hash = (s, n) => crypto.createHash('sha256').update(s).digest('hex').slice(0, n || 24);
const words = (s) => (s && String(s).trim() !== '' ? String(s).trim().split(/\s+/) : []);
const countWords = (s) => words(s).length;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const typeName = (v) => v === null ? 'null' : Array.isArray(v) ? 'array'
  : isInt(v) ? 'integer' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean'
  : typeof v === 'string' ? 'string' : 'object';

class ApiError extends Error {
  constructor(status, message, extra) {
    super(message);
    this.status = status;
    this.extra = extra || {};
  }
}
const bad = (msg, extra) => { throw new ApiError(400, msg, extra); };

function send(res, status, obj, headers) {
  const body = typeof obj === 'string' ? obj : JSON.stringify(obj);
  const h = Object.assign({ 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, headers || {});
  res.writeHead(status, h);
  res.end(body);
}

// ---------------------------------------------------------------- error shapes
const OPENAI_TYPES = { 400: 'invalid_request_error', 401: 'invalid_request_error', 403: 'permission_error',
  404: 'invalid_request_error', 409: 'invalid_request_error', 422: 'invalid_request_error',
  429: 'requests', 500: 'server_error', 502: 'server_error', 503: 'service_unavailable_error' };
const OPENAI_CODES = { 401: 'invalid_api_key', 404: 'model_not_found', 429: 'rate_limit_exceeded',
  503: 'server_is_overloaded' };
const ANTH_TYPES = { 400: 'invalid_request_error', 401: 'authentication_error', 402: 'billing_error',
  403: 'permission_error', 404: 'not_found_error', 413: 'request_too_large', 429: 'rate_limit_error',
  500: 'api_error', 504: 'timeout_error', 529: 'overloaded_error', 503: 'overloaded_error' };
const GEM_STATUS = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
  409: 'ABORTED', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED' };
const DEFAULT_MSG = { 400: 'Bad request', 401: 'Invalid API key', 403: 'Permission denied', 404: 'Not found',
  429: 'Rate limit exceeded', 500: 'Internal server error', 502: 'Bad gateway', 503: 'Service unavailable',
  504: 'Timeout', 529: 'Overloaded' };

function errorBody(dialect, status, message, extra) {
  extra = extra || {};
  message = message || DEFAULT_MSG[status] || ('Error ' + status);
  if (dialect === 'anthropic') {
    return { type: 'error', error: { type: extra.type || ANTH_TYPES[status] || (status >= 500 ? 'api_error' : 'invalid_request_error'), message },
      request_id: 'req_' + hash(message + Date.now() + Math.random(), 24) };
  }
  if (dialect === 'gemini') {
    const e = { code: status, message, status: extra.status || GEM_STATUS[status] || (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT') };
    if (extra.details) e.details = extra.details;
    else if (status === 429) {
      e.details = [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
      ];
      if (extra.retry_delay) e.details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: extra.retry_delay });
    }
    return { error: e };
  }
  return { error: { message, type: extra.type || OPENAI_TYPES[status] || (status >= 500 ? 'server_error' : 'invalid_request_error'),
    param: extra.param === undefined ? null : extra.param, code: extra.code === undefined ? (OPENAI_CODES[status] || null) : extra.code } };
}

// ---------------------------------------------------------------- tool args from JSON Schema
function genValue(schema, depth) {
  if (depth > 8 || !isObj(schema)) return 'Paris';
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if ('const' in schema) return schema.const;
  for (const k of ['anyOf', 'oneOf', 'allOf']) {
    if (Array.isArray(schema[k]) && schema[k].length) {
      const alt = schema[k].find((s) => isObj(s) && String(s.type).toLowerCase() !== 'null') || schema[k][0];
      return genValue(alt, depth + 1);
    }
  }
  let t = schema.type;
  if (Array.isArray(t)) t = t.find((x) => String(x).toLowerCase() !== 'null') || t[0];
  t = t ? String(t).toLowerCase() : (isObj(schema.properties) ? 'object' : 'string');
  switch (t) {
    case 'string': return 'Paris';
    case 'integer': return 1;
    case 'number': return 1;
    case 'boolean': return true;
    case 'null': return null;
    case 'array': return [genValue(schema.items || { type: 'string' }, depth + 1)];
    case 'object': {
      const o = {};
      const props = isObj(schema.properties) ? schema.properties : {};
      const req = Array.isArray(schema.required) ? schema.required : [];
      for (const r of req) if (isStr(r)) o[r] = genValue(props[r] || { type: 'string' }, depth + 1);
      return o;
    }
    default: return 'Paris';
  }
}

// ---------------------------------------------------------------- OpenAI
const OPENAI_TOP = new Set(['model', 'messages', 'max_completion_tokens', 'max_tokens', 'temperature', 'top_p', 'stop',
  'n', 'seed', 'presence_penalty', 'frequency_penalty', 'logit_bias', 'logprobs', 'top_logprobs', 'response_format',
  'tools', 'tool_choice', 'parallel_tool_calls', 'functions', 'function_call', 'reasoning_effort', 'verbosity',
  'stream', 'stream_options', 'metadata', 'store', 'user', 'safety_identifier', 'prompt_cache_key',
  'prompt_cache_retention', 'service_tier', 'modalities', 'audio', 'prediction', 'web_search_options']);
const OPENAI_ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'];
const OPENAI_MSG_FIELDS = {
  system: ['role', 'content', 'name'], developer: ['role', 'content', 'name'], user: ['role', 'content', 'name'],
  assistant: ['role', 'content', 'name', 'tool_calls', 'refusal', 'function_call', 'audio'],
  tool: ['role', 'content', 'tool_call_id'], function: ['role', 'content', 'name'],
};

function oTypeErr(param, expected, v) {
  bad(`Invalid type for '${param}': expected ${expected}, but got ${typeName(v) === 'object' ? 'an object' : typeName(v) === 'array' ? 'an array' : 'a ' + typeName(v)} instead.`,
    { param, code: 'invalid_type' });
}

function openaiText(content) {
  if (isStr(content)) return content;
  if (Array.isArray(content)) return content.filter((p) => isObj(p) && isStr(p.text)).map((p) => p.text).join(' ');
  return '';
}

function validateOpenAI(b) {
  if (!isObj(b)) bad(`Invalid type for 'body': expected an object, but got ${typeName(b)} instead.`, { code: 'invalid_type' });
  for (const k of Object.keys(b)) if (!OPENAI_TOP.has(k)) bad(`Unrecognized request argument supplied: ${k}`);
  if (!('model' in b)) bad('you must provide a model parameter');
  if (!isStr(b.model)) oTypeErr('model', 'a string', b.model);
  if (!('messages' in b)) bad("Missing required parameter: 'messages'.", { param: 'messages', code: 'missing_required_parameter' });
  if (!Array.isArray(b.messages)) oTypeErr('messages', 'an array', b.messages);
  if (b.messages.length === 0) bad("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", { param: 'messages', code: 'empty_array' });
  const num = (k, lo, hi) => {
    if (b[k] === undefined || b[k] === null) return;
    if (!isNum(b[k])) oTypeErr(k, 'a decimal', b[k]);
    if (b[k] < lo) bad(`Invalid '${k}': decimal below minimum value. Expected a value >= ${lo}, but got ${b[k]} instead.`, { param: k, code: 'decimal_below_min_value' });
    if (b[k] > hi) bad(`Invalid '${k}': decimal above maximum value. Expected a value <= ${hi}, but got ${b[k]} instead.`, { param: k, code: 'decimal_above_max_value' });
  };
  num('temperature', 0, 2); num('top_p', 0, 1); num('presence_penalty', -2, 2); num('frequency_penalty', -2, 2);
  for (const k of ['max_tokens', 'max_completion_tokens', 'n', 'seed', 'top_logprobs']) {
    if (b[k] === undefined || b[k] === null) continue;
    if (!isInt(b[k])) oTypeErr(k, 'an integer', b[k]);
    if (k !== 'seed' && b[k] < (k === 'top_logprobs' ? 0 : 1)) bad(`Invalid '${k}': integer below minimum value. Expected a value >= 1, but got ${b[k]} instead.`, { param: k, code: 'integer_below_min_value' });
  }
  if (b.stream !== undefined && b.stream !== null && typeof b.stream !== 'boolean') oTypeErr('stream', 'a boolean', b.stream);
  if (b.stream_options !== undefined && b.stream_options !== null) {
    if (b.stream !== true) bad("The 'stream_options' parameter is only allowed when 'stream' is enabled.", { param: 'stream_options' });
    if (!isObj(b.stream_options)) oTypeErr('stream_options', 'an object', b.stream_options);
    for (const k of Object.keys(b.stream_options)) if (!['include_usage', 'include_obfuscation'].includes(k)) bad(`Unrecognized request argument supplied: stream_options.${k}`);
  }
  if (b.stop !== undefined && b.stop !== null) {
    if (!isStr(b.stop) && !(Array.isArray(b.stop) && b.stop.every(isStr))) oTypeErr('stop', 'a string or array of strings', b.stop);
    if (Array.isArray(b.stop) && b.stop.length > 4) bad(`Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length ${b.stop.length} instead.`, { param: 'stop', code: 'array_above_max_length' });
  }
  if (b.reasoning_effort !== undefined && b.reasoning_effort !== null &&
      !['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'].includes(b.reasoning_effort)) {
    bad(`Invalid value: '${b.reasoning_effort}'. Supported values are: 'minimal', 'low', 'medium', and 'high'.`, { param: 'reasoning_effort', code: 'invalid_value' });
  }
  if (b.response_format !== undefined && b.response_format !== null) {
    const rf = b.response_format;
    if (!isObj(rf) || !['text', 'json_object', 'json_schema'].includes(rf.type)) bad("Invalid value for 'response_format.type'.", { param: 'response_format.type', code: 'invalid_value' });
    if (rf.type === 'json_schema' && (!isObj(rf.json_schema) || !isStr(rf.json_schema.name))) bad("Missing required parameter: 'response_format.json_schema'.", { param: 'response_format.json_schema', code: 'missing_required_parameter' });
  }
  const toolNames = [];
  if (b.tools !== undefined && b.tools !== null) {
    if (!Array.isArray(b.tools)) oTypeErr('tools', 'an array', b.tools);
    b.tools.forEach((t, i) => {
      if (!isObj(t)) oTypeErr(`tools[${i}]`, 'an object', t);
      if (t.type !== 'function' && t.type !== 'custom') bad(`Invalid value: '${t.type}'. Supported values are: 'function' and 'custom'.`, { param: `tools[${i}].type`, code: 'invalid_value' });
      const f = t.type === 'function' ? t.function : t.custom;
      if (!isObj(f)) bad(`Missing required parameter: 'tools[${i}].${t.type}'.`, { param: `tools[${i}].${t.type}`, code: 'missing_required_parameter' });
      if (!isStr(f.name)) bad(`Missing required parameter: 'tools[${i}].${t.type}.name'.`, { param: `tools[${i}].${t.type}.name`, code: 'missing_required_parameter' });
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(f.name)) bad(`Invalid 'tools[${i}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, { param: `tools[${i}].function.name`, code: 'invalid_value' });
      if (f.parameters !== undefined && !isObj(f.parameters)) oTypeErr(`tools[${i}].function.parameters`, 'an object', f.parameters);
      for (const k of Object.keys(t)) if (!['type', 'function', 'custom'].includes(k)) bad(`Unrecognized request argument supplied: tools[${i}].${k}`);
      toolNames.push(f.name);
    });
  }
  if (b.tool_choice !== undefined && b.tool_choice !== null) {
    const tc = b.tool_choice;
    if (!b.tools || b.tools.length === 0) bad("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", { param: 'tool_choice' });
    if (isStr(tc)) {
      if (!['none', 'auto', 'required'].includes(tc)) bad(`Invalid value: '${tc}'. Supported values are: 'none', 'auto', and 'required'.`, { param: 'tool_choice', code: 'invalid_value' });
    } else if (isObj(tc)) {
      if (tc.type === 'function') {
        if (!isObj(tc.function) || !isStr(tc.function.name)) bad("Missing required parameter: 'tool_choice.function.name'.", { param: 'tool_choice.function.name', code: 'missing_required_parameter' });
        if (!toolNames.includes(tc.function.name)) bad(`Invalid value for 'tool_choice': tool '${tc.function.name}' is not in 'tools'.`, { param: 'tool_choice' });
      } else if (tc.type !== 'allowed_tools' && tc.type !== 'custom') bad(`Invalid value: '${tc.type}'. Supported values are: 'function', 'custom' and 'allowed_tools'.`, { param: 'tool_choice.type', code: 'invalid_value' });
    } else oTypeErr('tool_choice', 'a string or object', tc);
  }
  // messages
  let pending = null; // {ids:Set, at:index} of unanswered tool_calls
  const answered = new Set();
  b.messages.forEach((m, i) => {
    const P = `messages[${i}]`;
    if (!isObj(m)) oTypeErr(P, 'an object', m);
    if (!('role' in m)) bad(`Missing required parameter: '${P}.role'.`, { param: `${P}.role`, code: 'missing_required_parameter' });
    if (!OPENAI_ROLES.includes(m.role)) bad(`Invalid value: '${isStr(m.role) ? m.role : JSON.stringify(m.role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`, { param: `${P}.role`, code: 'invalid_value' });
    for (const k of Object.keys(m)) {
      if (!OPENAI_MSG_FIELDS[m.role].includes(k)) bad(`Additional properties are not allowed ('${k}' was unexpected) - '${P.replace(/\[(\d+)\]/, '.$1')}'`, { param: P });
    }
    if (pending && m.role !== 'tool') {
      const missing = [...pending.ids].filter((id) => !answered.has(id));
      if (missing.length) bad(`An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(', ')}`, { param: `messages.[${pending.at}].role` });
      pending = null;
    }
    const c = m.content;
    const checkParts = (allowed) => {
      if (c.length === 0 && m.role !== 'assistant') bad(`Invalid '${P}.content': empty array. Expected an array with minimum length 1, but got an empty array instead.`, { param: `${P}.content`, code: 'empty_array' });
      c.forEach((p, j) => {
        if (!isObj(p)) oTypeErr(`${P}.content[${j}]`, 'an object', p);
        if (!allowed.includes(p.type)) bad(`Invalid value: '${p.type}'. Supported values are: ${allowed.map((x) => `'${x}'`).join(', ')}.`, { param: `${P}.content[${j}].type`, code: 'invalid_value' });
        if (p.type === 'text' && !isStr(p.text)) bad(`Missing required parameter: '${P}.content[${j}].text'.`, { param: `${P}.content[${j}].text`, code: 'missing_required_parameter' });
        if (p.type === 'image_url' && (!isObj(p.image_url) || !isStr(p.image_url.url))) bad(`Missing required parameter: '${P}.content[${j}].image_url.url'.`, { param: `${P}.content[${j}].image_url.url`, code: 'missing_required_parameter' });
        if (p.type === 'image_url' && !/^(https?:\/\/|data:image\/[a-z+.-]+;base64,)/.test(p.image_url.url)) bad(`Invalid image URL: '${P}.content[${j}].image_url.url'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got unsupported MIME type.`, { param: `${P}.content[${j}].image_url.url`, code: 'invalid_image_url' });
      });
    };
    switch (m.role) {
      case 'system': case 'developer':
        if (isStr(c)) break;
        if (!Array.isArray(c)) oTypeErr(`${P}.content`, 'one of a string or array of objects', c);
        checkParts(['text']);
        break;
      case 'user':
        if (isStr(c)) break;
        if (!Array.isArray(c)) oTypeErr(`${P}.content`, 'one of a string or array of objects', c);
        checkParts(['text', 'image_url', 'input_audio', 'file']);
        break;
      case 'assistant': {
        const tc = m.tool_calls;
        const hasTc = Array.isArray(tc) && tc.length > 0;
        if ((c === undefined || c === null) && !hasTc && !m.function_call && !m.refusal && !m.audio) bad(`Invalid value for '${P}.content': expected a string, got null.`, { param: `${P}.content` });
        if (c !== undefined && c !== null && !isStr(c)) {
          if (!Array.isArray(c)) oTypeErr(`${P}.content`, 'one of a string or array of objects', c);
          checkParts(['text', 'refusal']);
        }
        if (tc !== undefined && tc !== null) {
          if (!Array.isArray(tc)) oTypeErr(`${P}.tool_calls`, 'an array', tc);
          if (tc.length === 0) bad(`Invalid '${P}.tool_calls': empty array. Expected an array with minimum length 1, but got an empty array instead.`, { param: `${P}.tool_calls`, code: 'empty_array' });
          const ids = new Set();
          tc.forEach((t, j) => {
            const Q = `${P}.tool_calls[${j}]`;
            if (!isObj(t)) oTypeErr(Q, 'an object', t);
            if (!isStr(t.id)) bad(`Missing required parameter: '${Q}.id'.`, { param: `${Q}.id`, code: 'missing_required_parameter' });
            if (t.type !== 'function') bad(`Missing required parameter: '${Q}.type'.`, { param: `${Q}.type`, code: 'missing_required_parameter' });
            if (!isObj(t.function) || !isStr(t.function.name)) bad(`Missing required parameter: '${Q}.function.name'.`, { param: `${Q}.function.name`, code: 'missing_required_parameter' });
            if (!isStr(t.function.arguments)) bad(t.function.arguments === undefined ? `Missing required parameter: '${Q}.function.arguments'.` : `Invalid type for '${Q}.function.arguments': expected a string, but got ${typeName(t.function.arguments)} instead.`,
              { param: `${Q}.function.arguments`, code: t.function.arguments === undefined ? 'missing_required_parameter' : 'invalid_type' });
            ids.add(t.id);
          });
          pending = { ids, at: i };
          answered.clear();
        }
        break;
      }
      case 'tool':
        if (!isStr(m.tool_call_id)) bad(`Missing required parameter: '${P}.tool_call_id'.`, { param: `${P}.tool_call_id`, code: 'missing_required_parameter' });
        if (!pending || !pending.ids.has(m.tool_call_id)) bad("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", { param: `messages.[${i}].role` });
        if (!isStr(c)) {
          if (!Array.isArray(c)) oTypeErr(`${P}.content`, 'one of a string or array of objects', c);
          checkParts(['text']);
        }
        answered.add(m.tool_call_id);
        break;
      case 'function':
        break;
    }
  });
  if (pending) {
    const missing = [...pending.ids].filter((id) => !answered.has(id));
    if (missing.length) bad(`An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(', ')}`, { param: `messages.[${pending.at}].role` });
  }
  if (/^(nonexistent|does-not-exist)/.test(b.model)) throw new ApiError(404, `The model \`${b.model}\` does not exist or you do not have access to it.`, { code: 'model_not_found' });
}

function planOpenAI(b) {
  const msgs = b.messages;
  const last = msgs[msgs.length - 1];
  const plan = { tools: [], forced: null, toolChoiceNone: false };
  let text = '';
  for (let i = msgs.length - 1; i >= 0; i--) if (msgs[i].role === 'user') { text = openaiText(msgs[i].content); break; }
  plan.lastUserText = text;
  if (last.role === 'tool') {
    const res = [];
    for (let i = msgs.length - 1; i >= 0 && msgs[i].role === 'tool'; i--) res.unshift(openaiText(msgs[i].content));
    plan.toolResult = res.join(' | ');
  }
  for (const t of b.tools || []) if (t.type === 'function') plan.tools.push({ name: t.function.name, schema: t.function.parameters || {} });
  const tc = b.tool_choice;
  if (tc === 'required') plan.forced = plan.tools[0] && plan.tools[0].name;
  else if (isObj(tc) && tc.type === 'function') plan.forced = tc.function.name;
  else if (isObj(tc) && tc.type === 'allowed_tools' && isObj(tc.allowed_tools) && tc.allowed_tools.mode === 'required') plan.forced = plan.tools[0] && plan.tools[0].name;
  else if (tc === 'none') plan.toolChoiceNone = true;
  plan.stop = isStr(b.stop) ? [b.stop] : Array.isArray(b.stop) ? b.stop : null;
  plan.n = isInt(b.n) && b.n > 1 && b.stream !== true ? Math.min(b.n, 8) : 1; // n>1: non-streaming only
  plan.maxTokens = isInt(b.max_completion_tokens) ? b.max_completion_tokens : isInt(b.max_tokens) ? b.max_tokens : null;
  plan.thinking = isStr(b.reasoning_effort) && b.reasoning_effort !== 'none';
  plan.stream = b.stream === true;
  plan.includeUsage = !!(isObj(b.stream_options) && b.stream_options.include_usage);
  let inText = [];
  for (const m of msgs) {
    inText.push(openaiText(m.content));
    if (Array.isArray(m.tool_calls)) for (const t of m.tool_calls) inText.push(t.function.arguments);
  }
  plan.inputTokens = Math.max(1, countWords(inText.join(' ')));
  plan.model = b.model;
  return plan;
}

// ---------------------------------------------------------------- Anthropic
const ANTH_TOP = new Set(['model', 'messages', 'max_tokens', 'system', 'temperature', 'top_p', 'top_k', 'stop_sequences',
  'stream', 'tools', 'tool_choice', 'thinking', 'metadata', 'service_tier', 'output_config', 'container', 'mcp_servers',
  'context_management', 'cache_control', 'inference_geo']);
const ANTH_BLOCKS = {
  text: ['type', 'text', 'cache_control', 'citations'],
  image: ['type', 'source', 'cache_control'],
  document: ['type', 'source', 'title', 'context', 'citations', 'cache_control'],
  tool_use: ['type', 'id', 'name', 'input', 'cache_control'],
  tool_result: ['type', 'tool_use_id', 'content', 'is_error', 'cache_control'],
  thinking: ['type', 'thinking', 'signature'],
  redacted_thinking: ['type', 'data'],
  search_result: ['type', 'source', 'title', 'content', 'citations', 'cache_control'],
};
const ANTH_SIG_RE = /^sig-anthropic-[0-9a-f]+$/;

function anthText(content) {
  if (isStr(content)) return content;
  if (!Array.isArray(content)) return '';
  const out = [];
  for (const b of content) {
    if (!isObj(b)) continue;
    if (b.type === 'text' && isStr(b.text)) out.push(b.text);
    else if (b.type === 'tool_result') out.push(anthText(b.content));
  }
  return out.join(' ');
}

function validateAnthropic(b, countTokens) {
  if (!isObj(b)) bad('Input should be a valid dictionary');
  for (const k of Object.keys(b)) if (!ANTH_TOP.has(k) || (countTokens && ['max_tokens', 'stream', 'stop_sequences', 'temperature', 'top_p', 'top_k', 'metadata', 'service_tier'].includes(k))) bad(`${k}: Extra inputs are not permitted`);
  if (!('model' in b)) bad('model: Field required');
  if (!isStr(b.model)) bad('model: Input should be a valid string');
  if (!countTokens) {
    if (!('max_tokens' in b)) bad('max_tokens: Field required');
    if (!isInt(b.max_tokens)) bad('max_tokens: Input should be a valid integer');
    if (b.max_tokens < 1) bad('max_tokens: Input should be greater than or equal to 1');
  }
  if (!('messages' in b)) bad('messages: Field required');
  if (!Array.isArray(b.messages)) bad('messages: Input should be a valid list');
  if (b.temperature !== undefined) {
    if (!isNum(b.temperature)) bad('temperature: Input should be a valid number');
    if (b.temperature < 0) bad('temperature: Input should be greater than or equal to 0');
    if (b.temperature > 1) bad('temperature: Input should be less than or equal to 1');
  }
  if (b.top_p !== undefined && (!isNum(b.top_p) || b.top_p < 0 || b.top_p > 1)) bad('top_p: Input should be less than or equal to 1');
  if (b.top_k !== undefined && (!isInt(b.top_k) || b.top_k < 0)) bad('top_k: Input should be a valid integer');
  if (b.stream !== undefined && typeof b.stream !== 'boolean') bad('stream: Input should be a valid boolean');
  if (b.stop_sequences !== undefined && !(Array.isArray(b.stop_sequences) && b.stop_sequences.every(isStr))) bad('stop_sequences: Input should be a valid list');
  if (b.metadata !== undefined) {
    if (!isObj(b.metadata)) bad('metadata: Input should be a valid dictionary');
    for (const k of Object.keys(b.metadata)) if (k !== 'user_id') bad(`metadata.${k}: Extra inputs are not permitted`);
  }
  if (b.system !== undefined) {
    if (Array.isArray(b.system)) {
      b.system.forEach((s, i) => {
        if (!isObj(s) || s.type !== 'text') bad(`system.${i}.type: Input should be 'text'`);
        if (!isStr(s.text)) bad(`system.${i}.text: Field required`);
        if (s.text === '') bad('system: text content blocks must be non-empty');
        for (const k of Object.keys(s)) if (!ANTH_BLOCKS.text.includes(k)) bad(`system.${i}.${k}: Extra inputs are not permitted`);
      });
    } else if (!isStr(b.system)) bad('system: Input should be a valid string');
  }
  const toolNames = [];
  if (b.tools !== undefined) {
    if (!Array.isArray(b.tools)) bad('tools: Input should be a valid list');
    b.tools.forEach((t, i) => {
      if (!isObj(t)) bad(`tools.${i}: Input should be a valid dictionary`);
      if (t.type !== undefined && t.type !== 'custom') { toolNames.push(t.name); return; } // server tools
      if (!isStr(t.name)) bad(`tools.${i}.custom.name: Field required`);
      if (!/^[a-zA-Z0-9_-]{1,128}$/.test(t.name)) bad(`tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
      if (!('input_schema' in t)) bad(`tools.${i}.custom.input_schema: Field required`);
      if (!isObj(t.input_schema)) bad(`tools.${i}.custom.input_schema: Input should be a valid dictionary`);
      if (t.input_schema.type !== 'object') bad(`tools.${i}.custom.input_schema.type: Input should be 'object'`);
      for (const k of Object.keys(t)) if (!['type', 'name', 'description', 'input_schema', 'cache_control', 'strict', 'input_examples', 'eager_input_streaming', 'defer_loading'].includes(k)) bad(`tools.${i}.custom.${k}: Extra inputs are not permitted`);
      if (toolNames.includes(t.name)) bad('tools: Tool names must be unique.');
      toolNames.push(t.name);
    });
  }
  if (b.tool_choice !== undefined) {
    const tc = b.tool_choice;
    if (!isObj(tc) || !['auto', 'any', 'tool', 'none'].includes(tc.type)) bad("tool_choice: Input tag '" + (isObj(tc) ? tc.type : tc) + "' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
    if (tc.type === 'tool' && !isStr(tc.name)) bad('tool_choice.tool.name: Field required');
    if (tc.type === 'tool' && !toolNames.includes(tc.name)) bad(`tool_choice: Tool '${tc.name}' not found in provided tools`);
    for (const k of Object.keys(tc)) if (!['type', 'name', 'disable_parallel_tool_use'].includes(k)) bad(`tool_choice.${tc.type}.${k}: Extra inputs are not permitted`);
  }
  let thinking = false;
  if (b.thinking !== undefined) {
    const th = b.thinking;
    if (!isObj(th) || !['enabled', 'disabled', 'adaptive'].includes(th.type)) bad("thinking: Input tag '" + (isObj(th) ? th.type : th) + "' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive'");
    if (th.type === 'enabled') {
      if (!isInt(th.budget_tokens)) bad('thinking.enabled.budget_tokens: Field required');
      if (th.budget_tokens < 1024) bad('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
      if (!countTokens && b.max_tokens <= th.budget_tokens) bad('`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size');
      for (const k of Object.keys(th)) if (!['type', 'budget_tokens', 'display'].includes(k)) bad(`thinking.enabled.${k}: Extra inputs are not permitted`);
    }
    thinking = th.type !== 'disabled';
    if (thinking) {
      if (isObj(b.tool_choice) && (b.tool_choice.type === 'any' || b.tool_choice.type === 'tool')) bad('Thinking may not be enabled when tool_choice forces tool use.');
      if (b.temperature !== undefined && b.temperature !== 1) bad('`temperature` may only be set to 1 when thinking is enabled or in adaptive mode. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility');
      if (b.top_k !== undefined) bad('`top_k` may not be set when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility');
    }
  }
  // messages
  if (b.messages.length === 0 && !countTokens) bad('messages: at least one message is required');
  const merged = []; // {role, blocks:[{b, i, j}]}
  const seenIds = new Set();
  b.messages.forEach((m, i) => {
    const P = `messages.${i}`;
    if (!isObj(m)) bad(`${P}: Input should be a valid dictionary`);
    if (!('role' in m)) bad(`${P}.role: Field required`);
    if (m.role !== 'user' && m.role !== 'assistant') bad(`${P}.role: Input should be 'user' or 'assistant'`);
    if (!('content' in m)) bad(`${P}.content: Field required`);
    for (const k of Object.keys(m)) if (k !== 'role' && k !== 'content') bad(`${P}.${k}: Extra inputs are not permitted`);
    const isFinalAssistant = i === b.messages.length - 1 && m.role === 'assistant';
    let blocks;
    if (isStr(m.content)) {
      if (m.content === '' && !isFinalAssistant) bad(`${P}: all messages must have non-empty content except for the optional final assistant message`);
      blocks = m.content === '' ? [] : [{ type: 'text', text: m.content }];
    } else if (Array.isArray(m.content)) {
      if (m.content.length === 0 && !isFinalAssistant) bad(`${P}: all messages must have non-empty content except for the optional final assistant message`);
      blocks = m.content;
      blocks.forEach((bl, j) => {
        const Q = `${P}.content.${j}`;
        if (!isObj(bl)) bad(`${Q}: Input should be a valid dictionary`);
        const allowed = ANTH_BLOCKS[bl.type];
        if (!allowed) bad(`${Q}: Input tag '${bl.type}' found using 'type' does not match any of the expected tags: 'document', 'image', 'redacted_thinking', 'search_result', 'text', 'thinking', 'tool_result', 'tool_use'`);
        for (const k of Object.keys(bl)) if (!allowed.includes(k)) bad(`${Q}.${bl.type}.${k}: Extra inputs are not permitted`);
        switch (bl.type) {
          case 'text':
            if (!isStr(bl.text)) bad(`${Q}.text.text: Field required`);
            if (bl.text === '') bad('messages: text content blocks must be non-empty');
            break;
          case 'image': {
            const s = bl.source;
            if (!isObj(s)) bad(`${Q}.image.source: Field required`);
            if (s.type === 'base64') {
              if (!['image/jpeg', 'image/png', 'image/gif', 'image/webp'].includes(s.media_type)) bad(`${Q}.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
              if (!isStr(s.data) || s.data === '') bad(`${Q}.image.source.base64.data: Field required`);
            } else if (s.type === 'url') {
              if (!isStr(s.url)) bad(`${Q}.image.source.url.url: Field required`);
            } else if (s.type !== 'file') bad(`${Q}.image.source: Input tag '${s.type}' found using 'type' does not match any of the expected tags: 'base64', 'file', 'url'`);
            break;
          }
          case 'tool_use':
            if (m.role !== 'assistant') bad(`${Q}: tool_use blocks are only allowed in assistant messages`);
            if (!isStr(bl.id)) bad(`${Q}.tool_use.id: Field required`);
            if (!/^[a-zA-Z0-9_-]+$/.test(bl.id)) bad(`${Q}.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'`);
            if (!isStr(bl.name)) bad(`${Q}.tool_use.name: Field required`);
            if (!isObj(bl.input)) bad(`${Q}.tool_use.input: Input should be a valid dictionary`);
            if (seenIds.has(bl.id)) bad('messages: `tool_use` ids must be unique');
            seenIds.add(bl.id);
            break;
          case 'tool_result':
            if (m.role !== 'user') bad(`${Q}: tool_result blocks are only allowed in user messages`);
            if (!isStr(bl.tool_use_id)) bad(`${Q}.tool_result.tool_use_id: Field required`);
            if (!/^[a-zA-Z0-9_-]+$/.test(bl.tool_use_id)) bad(`${Q}.tool_result.tool_use_id: String should match pattern '^[a-zA-Z0-9_-]+$'`);
            if (bl.content !== undefined && !isStr(bl.content)) {
              if (!Array.isArray(bl.content)) bad(`${Q}.tool_result.content: Input should be a valid string`);
              bl.content.forEach((c, k) => {
                if (!isObj(c) || !['text', 'image', 'document', 'search_result'].includes(c.type)) bad(`${Q}.tool_result.content.${k}: Input tag '${isObj(c) ? c.type : c}' found using 'type' does not match any of the expected tags: 'document', 'image', 'search_result', 'text'`);
                if (c.type === 'text' && (!isStr(c.text) || c.text === '')) bad('messages: text content blocks must be non-empty');
              });
            }
            if (bl.is_error !== undefined && typeof bl.is_error !== 'boolean') bad(`${Q}.tool_result.is_error: Input should be a valid boolean`);
            break;
          case 'thinking':
            if (m.role !== 'assistant') bad(`${Q}: thinking blocks are only allowed in assistant messages`);
            if (!isStr(bl.thinking)) bad(`${Q}.thinking.thinking: Field required`);
            if (!isStr(bl.signature)) bad(`${Q}.thinking.signature: Field required`);
            if (!ANTH_SIG_RE.test(bl.signature)) bad(`${Q}: Invalid \`signature\` in \`thinking\` block`);
            break;
          case 'redacted_thinking':
            if (!isStr(bl.data)) bad(`${Q}.redacted_thinking.data: Field required`);
            break;
        }
      });
    } else bad(`${P}.content: Input should be a valid list`);
    const prev = merged[merged.length - 1];
    if (prev && prev.role === m.role) prev.blocks.push(...blocks.map((x, j) => ({ b: x, i, j })));
    else merged.push({ role: m.role, i, blocks: blocks.map((x, j) => ({ b: x, i, j })) });
  });
  if (merged.length && merged[0].role !== 'user') bad('messages: first message must use the "user" role');
  merged.forEach((t, n) => {
    if (t.role === 'assistant') {
      const ids = t.blocks.filter((x) => x.b.type === 'tool_use').map((x) => x.b.id);
      if (!ids.length) return;
      const next = merged[n + 1];
      const got = next ? new Set(next.blocks.filter((x) => x.b.type === 'tool_result').map((x) => x.b.tool_use_id)) : new Set();
      const missing = ids.filter((id) => !got.has(id));
      if (missing.length) bad(`messages.${next ? next.i : t.i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`);
    } else {
      const prev = merged[n - 1];
      const ids = prev ? new Set(prev.blocks.filter((x) => x.b.type === 'tool_use').map((x) => x.b.id)) : new Set();
      let seenOther = false;
      for (const x of t.blocks) {
        if (x.b.type !== 'tool_result') { seenOther = true; continue; }
        if (!ids.has(x.b.tool_use_id)) bad(`messages.${x.i}.content.${x.j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${x.b.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`);
        if (seenOther) bad(`messages.${x.i}: \`tool_result\` blocks must come first in the user message, before any other content.`);
      }
    }
  });
  // thinking + tool loop: the last assistant turn with tool_use must start with a thinking block
  if (thinking && b.thinking.type === 'enabled') {
    const last = merged[merged.length - 1];
    const prev = merged[merged.length - 2];
    if (last && last.role === 'user' && prev && prev.blocks.some((x) => x.b.type === 'tool_use') &&
        last.blocks.some((x) => x.b.type === 'tool_result') &&
        !(prev.blocks[0] && (prev.blocks[0].b.type === 'thinking' || prev.blocks[0].b.type === 'redacted_thinking'))) {
      bad(`messages.${prev.i}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${prev.blocks[0] ? prev.blocks[0].b.type : 'none'}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`);
    }
  }
  if (/^(nonexistent|does-not-exist)/.test(b.model)) throw new ApiError(404, `model: ${b.model}`);
}

function hasCacheControl(v, depth) {
  if (depth > 6) return false;
  if (Array.isArray(v)) return v.some((x) => hasCacheControl(x, depth + 1));
  if (isObj(v)) {
    if ('cache_control' in v) return true;
    return Object.values(v).some((x) => typeof x === 'object' && hasCacheControl(x, depth + 1));
  }
  return false;
}

function planAnthropic(b) {
  const msgs = b.messages;
  const plan = { tools: [], forced: null, toolChoiceNone: false };
  const last = msgs[msgs.length - 1];
  let text = '';
  for (let i = msgs.length - 1; i >= 0; i--) {
    if (msgs[i].role !== 'user') continue;
    const c = msgs[i].content;
    text = isStr(c) ? c : c.filter((x) => x.type === 'text').map((x) => x.text).join(' ');
    if (text !== '' || i === msgs.length - 1) break;
  }
  plan.lastUserText = text;
  if (last && last.role === 'user' && Array.isArray(last.content)) {
    const tr = last.content.filter((x) => x.type === 'tool_result');
    if (tr.length) plan.toolResult = tr.map((x) => anthText(x.content)).join(' | ');
  }
  for (const t of b.tools || []) if (t.input_schema) plan.tools.push({ name: t.name, schema: t.input_schema });
  const tc = b.tool_choice;
  if (isObj(tc) && tc.type === 'any') plan.forced = plan.tools[0] && plan.tools[0].name;
  else if (isObj(tc) && tc.type === 'tool') plan.forced = tc.name;
  else if (isObj(tc) && tc.type === 'none') plan.toolChoiceNone = true;
  plan.maxTokens = b.max_tokens;
  plan.stop = Array.isArray(b.stop_sequences) ? b.stop_sequences : null;
  plan.thinking = isObj(b.thinking) && (b.thinking.type === 'enabled' || b.thinking.type === 'adaptive');
  plan.stream = b.stream === true;
  const inText = [isStr(b.system) ? b.system : Array.isArray(b.system) ? b.system.map((s) => s.text).join(' ') : ''];
  for (const m of msgs) {
    inText.push(anthText(m.content));
    if (Array.isArray(m.content)) for (const x of m.content) if (x.type === 'tool_use') inText.push(JSON.stringify(x.input));
  }
  plan.inputTokens = Math.max(1, countWords(inText.join(' ')));
  plan.cacheRead = hasCacheControl(b, 0) ? Math.floor(plan.inputTokens / 2) : 0;
  plan.model = b.model;
  return plan;
}

// ---------------------------------------------------------------- Gemini
// allowed fields per message type (camelCase; snake_case input is normalised)
const G = {
  req: { contents: ['contents', 'content'], systemInstruction: 'content', tools: ['tools', 'tool'], toolConfig: 'toolConfig',
    safetySettings: ['safetySettings', 'safety'], cachedContent: 'str', generationConfig: 'genConfig', serviceTier: 'str' },
  content: { role: 'str', parts: ['parts', 'part'] },
  part: { text: 'str', thought: 'bool', thoughtSignature: 'str', inlineData: 'blob', fileData: 'fileData',
    functionCall: 'functionCall', functionResponse: 'functionResponse', executableCode: 'any', codeExecutionResult: 'any',
    videoMetadata: 'any', mediaResolution: 'any', partMetadata: 'any' },
  blob: { mimeType: 'str', data: 'str' },
  fileData: { mimeType: 'str', fileUri: 'str' },
  functionCall: { name: 'str', args: 'any', id: 'str' },
  functionResponse: { name: 'str', response: 'any', id: 'str', parts: 'any', willContinue: 'bool', scheduling: 'str' },
  tool: { functionDeclarations: ['functionDeclarations', 'functionDeclaration'], googleSearch: 'any', googleSearchRetrieval: 'any',
    codeExecution: 'any', urlContext: 'any', computerUse: 'any', fileSearch: 'any', googleMaps: 'any' },
  functionDeclaration: { name: 'str', description: 'str', parameters: 'schema', parametersJsonSchema: 'any',
    response: 'schema', responseJsonSchema: 'any', behavior: 'str' },
  schema: { type: 'str', format: 'str', title: 'str', description: 'str', nullable: 'bool', enum: 'any',
    maxItems: 'any', minItems: 'any', properties: 'schemaMap', required: 'any', minProperties: 'any', maxProperties: 'any',
    minLength: 'any', maxLength: 'any', pattern: 'str', example: 'any', anyOf: ['anyOf', 'schema'], propertyOrdering: 'any',
    default: 'any', items: 'schema', minimum: 'any', maximum: 'any' },
  toolConfig: { functionCallingConfig: 'fcc', retrievalConfig: 'any' },
  fcc: { mode: 'str', allowedFunctionNames: 'any' },
  safety: { category: 'str', threshold: 'str', method: 'str' },
  genConfig: { stopSequences: 'any', responseMimeType: 'str', responseSchema: 'schema', responseJsonSchema: 'any',
    responseModalities: 'any', candidateCount: 'any', maxOutputTokens: 'any', temperature: 'any', topP: 'any', topK: 'any',
    seed: 'any', presencePenalty: 'any', frequencyPenalty: 'any', responseLogprobs: 'any', logprobs: 'any',
    enableEnhancedCivicAnswers: 'any', speechConfig: 'any', thinkingConfig: 'thinkingConfig', imageConfig: 'any',
    mediaResolution: 'any' },
  thinkingConfig: { includeThoughts: 'bool', thinkingBudget: 'any', thinkingLevel: 'str' },
};
const camel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const snake = (k) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

function gUnknown(name, path) {
  bad(`Invalid JSON payload received. Unknown name "${name}"${path ? ` at '${path}'` : ''}: Cannot find field.`);
}
// checks unknown names recursively and normalises snake_case keys to camelCase in place
function gCheck(obj, type, path) {
  const spec = G[type];
  if (!isObj(obj)) {
    bad(`Invalid JSON payload received. Expected an object${path ? ` at '${path}'` : ''}, got ${typeName(obj)}.`);
  }
  for (const k0 of Object.keys(obj)) {
    const k = camel(k0);
    if (!(k in spec)) gUnknown(k0, path);
    if (k !== k0) { obj[k] = obj[k0]; delete obj[k0]; }
    const t = spec[k];
    const p = (path ? path + '.' : '') + snake(k);
    const v = obj[k];
    if (Array.isArray(t)) {
      if (!Array.isArray(v)) bad(`Invalid value at '${p}' (type.googleapis.com/google.ai.generativelanguage.v1beta.${type}), ${JSON.stringify(v)}`);
      v.forEach((x, i) => gCheck(x, t[1], `${p}[${i}]`));
    } else if (t === 'str') {
      if (!isStr(v)) bad(`Invalid value at '${p}' (TYPE_STRING), ${JSON.stringify(v)}`);
    } else if (t === 'bool') {
      if (typeof v !== 'boolean') bad(`Invalid value at '${p}' (TYPE_BOOL), ${JSON.stringify(v)}`);
    } else if (t === 'schemaMap') {
      if (!isObj(v)) bad(`Invalid value at '${p}', ${JSON.stringify(v)}`);
      for (const [pk, pv] of Object.entries(v)) gCheck(pv, 'schema', `${p}[${pk}].value`);
    } else if (t !== 'any') gCheck(v, t, p);
  }
}

function gemText(parts) {
  return (parts || []).filter((p) => isStr(p.text) && !p.thought).map((p) => p.text).join(' ');
}

function validateGemini(b, model) {
  if (!isObj(b)) bad('Invalid JSON payload received. Expected an object.');
  if ('model' in b) gUnknown('model', '');
  gCheck(b, 'req', '');
  if (!b.contents || b.contents.length === 0) bad('* GenerateContentRequest.contents: contents is not specified\n');
  const gemini3 = /gemini-3/.test(model);
  b.contents.forEach((c, i) => {
    const P = `GenerateContentRequest.contents[${i}]`;
    if (c.role !== undefined && c.role !== 'user' && c.role !== 'model') bad('Please use a valid role: user, model.');
    if (!c.parts || c.parts.length === 0) bad(`* ${P}.parts: contents.parts must not be empty.\n`);
    c.parts.forEach((p, j) => {
      const datas = ['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse', 'executableCode', 'codeExecutionResult'].filter((k) => k in p);
      if (datas.length === 0) bad(`* ${P}.parts[${j}].data: required oneof field 'data' must have one initialized field\n`);
      if (datas.length > 1) bad(`Invalid JSON payload received. Invalid value at 'contents[${i}].parts[${j}]': oneof field 'data' is already set. Cannot set '${datas[1]}'`);
      if (p.functionCall) {
        if (!isStr(p.functionCall.name) || p.functionCall.name === '') bad(`* ${P}.parts[${j}].function_call.name: Name cannot be empty.\n`);
        if (p.functionCall.args !== undefined && !isObj(p.functionCall.args)) bad(`Invalid JSON payload received. Invalid value at 'contents[${i}].parts[${j}].function_call.args' (type.googleapis.com/google.protobuf.Struct), ${JSON.stringify(p.functionCall.args)}`);
        if (c.role !== 'model') bad('Please ensure that function call turn comes immediately after a user turn or after a function response turn.');
      }
      if (p.functionResponse) {
        if (!isStr(p.functionResponse.name) || p.functionResponse.name === '') bad(`* ${P}.parts[${j}].function_response.name: Name cannot be empty.\n`);
        if (!isObj(p.functionResponse.response)) bad(`Invalid JSON payload received. Invalid value at 'contents[${i}].parts[${j}].function_response.response' (type.googleapis.com/google.protobuf.Struct), ${JSON.stringify(p.functionResponse.response)}`);
      }
      if (p.thoughtSignature !== undefined && p.thoughtSignature !== 'skip_thought_signature_validator') {
        const dec = Buffer.from(p.thoughtSignature, 'base64').toString('latin1');
        if (!dec.startsWith('sig-gemini-')) bad('Corrupted thought signature.');
      }
    });
    if (c.role === 'user' && c.parts.some((p) => isStr(p.text) && p.text === '') && c.parts.length === 1) bad(`* ${P}.parts[0].data: required oneof field 'data' must have one initialized field\n`);
  });
  // alternation and function call/response pairing
  for (let i = 1; i < b.contents.length; i++) {
    const r0 = b.contents[i - 1].role || 'user', r1 = b.contents[i].role || 'user';
    if (r0 === r1) bad('Please ensure that multiturn requests alternate between user and model.');
  }
  b.contents.forEach((c, i) => {
    const nCalls = c.parts.filter((p) => p.functionCall).length;
    const nResp = c.parts.filter((p) => p.functionResponse).length;
    if (nCalls && i + 1 < b.contents.length) {
      const next = b.contents[i + 1];
      const got = next.parts.filter((p) => p.functionResponse).length;
      if (got !== nCalls) bad('Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.');
    }
    if (nResp) {
      const prev = b.contents[i - 1];
      const calls = prev ? prev.parts.filter((p) => p.functionCall).length : 0;
      if (calls !== nResp) bad('Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.');
    }
  });
  if (gemini3) {
    // current turn: from the last user content with a text part to the end
    let start = 0;
    b.contents.forEach((c, i) => { if ((c.role || 'user') === 'user' && c.parts.some((p) => isStr(p.text))) start = i; });
    for (let i = start; i < b.contents.length; i++) {
      const c = b.contents[i];
      const fc = c.parts.find((p) => p.functionCall);
      if (c.role === 'model' && fc && !fc.thoughtSignature) bad(`Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${fc.functionCall.name}\` , position ${i + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`);
    }
  }
  if (b.systemInstruction) {
    for (const p of b.systemInstruction.parts || []) if (!isStr(p.text)) bad('* GenerateContentRequest.system_instruction: only text parts are supported.\n');
  }
  const names = [];
  for (const t of b.tools || []) for (const f of t.functionDeclarations || []) {
    if (!isStr(f.name) || !/^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$/.test(f.name)) bad(`* GenerateContentRequest.tools[0].function_declarations[${names.length}].name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 128.\n`);
    if (f.parameters && f.parametersJsonSchema) bad(`* GenerateContentRequest.tools[0].function_declarations[${names.length}].parameters_json_schema: parameters_json_schema and parameters are mutually exclusive.\n`);
    names.push(f.name);
  }
  const tcfg = b.toolConfig && b.toolConfig.functionCallingConfig;
  if (tcfg) {
    if (tcfg.mode !== undefined && !['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED'].includes(tcfg.mode)) bad(`Invalid JSON payload received. Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "${tcfg.mode}"`);
    if (tcfg.allowedFunctionNames !== undefined && tcfg.mode !== 'ANY' && tcfg.mode !== 'VALIDATED') bad('* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: allowed_function_names can only be set when mode is ANY.\n');
    for (const n of tcfg.allowedFunctionNames || []) if (!names.includes(n)) bad(`* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: function ${n} is not declared.\n`);
  }
  const gc = b.generationConfig || {};
  if (gc.temperature !== undefined && (!isNum(gc.temperature) || gc.temperature < 0 || gc.temperature > 2)) bad('* GenerateContentRequest.generation_config.temperature: temperature must be in the range [0.0, 2.0].\n');
  if (gc.topP !== undefined && (!isNum(gc.topP) || gc.topP < 0 || gc.topP > 1)) bad('* GenerateContentRequest.generation_config.top_p: top_p must be in the range [0.0, 1.0].\n');
  if (gc.maxOutputTokens !== undefined && (!isInt(gc.maxOutputTokens) || gc.maxOutputTokens < 1)) bad('* GenerateContentRequest.generation_config.max_output_tokens: max_output_tokens must be positive.\n');
  if (gc.stopSequences !== undefined && (!Array.isArray(gc.stopSequences) || gc.stopSequences.length > 5)) bad('* GenerateContentRequest.generation_config.stop_sequences: stop_sequences must have at most 5 entries.\n');
  if ((gc.responseSchema || gc.responseJsonSchema) && gc.responseSchema && gc.responseJsonSchema) bad('* GenerateContentRequest.generation_config.response_schema: response_schema and response_json_schema are mutually exclusive.\n');
  if ((gc.responseSchema || gc.responseJsonSchema) && !gc.responseMimeType) bad('* GenerateContentRequest.generation_config.response_mime_type: response_mime_type must be set when response_schema is set.\n');
  const tk = gc.thinkingConfig;
  if (tk && tk.thinkingBudget !== undefined && tk.thinkingLevel !== undefined) bad('You can only set only one of thinking budget and thinking level.');
  if (tk && tk.thinkingLevel !== undefined && !['THINKING_LEVEL_UNSPECIFIED', 'MINIMAL', 'LOW', 'MEDIUM', 'HIGH'].includes(tk.thinkingLevel)) bad(`Invalid JSON payload received. Invalid value at 'generation_config.thinking_config.thinking_level' (type.googleapis.com/google.ai.generativelanguage.v1beta.ThinkingConfig.ThinkingLevel), "${tk.thinkingLevel}"`);
  if (/^(nonexistent|does-not-exist)/.test(model)) throw new ApiError(404, `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`);
}

function planGemini(b, model, stream) {
  const cs = b.contents;
  const plan = { tools: [], forced: null, toolChoiceNone: false };
  let text = '';
  for (let i = cs.length - 1; i >= 0; i--) {
    if ((cs[i].role || 'user') !== 'user') continue;
    text = gemText(cs[i].parts);
    if (text !== '' || i === cs.length - 1) break;
  }
  plan.lastUserText = text;
  const last = cs[cs.length - 1];
  const fr = (last.role || 'user') === 'user' ? last.parts.filter((p) => p.functionResponse) : [];
  if (fr.length) {
    plan.toolResult = fr.map((p) => {
      const r = p.functionResponse.response;
      if (isObj(r) && Object.keys(r).length === 1 && isStr(r.output)) return r.output;
      return JSON.stringify(r);
    }).join(' | ');
  }
  for (const t of b.tools || []) for (const f of t.functionDeclarations || []) plan.tools.push({ name: f.name, schema: f.parametersJsonSchema || f.parameters || {} });
  const fcc = b.toolConfig && b.toolConfig.functionCallingConfig;
  if (fcc && fcc.mode === 'ANY') plan.forced = (fcc.allowedFunctionNames && fcc.allowedFunctionNames[0]) || (plan.tools[0] && plan.tools[0].name);
  else if (fcc && fcc.mode === 'NONE') plan.toolChoiceNone = true;
  const gc = b.generationConfig || {};
  plan.maxTokens = isInt(gc.maxOutputTokens) ? gc.maxOutputTokens : null;
  plan.stop = Array.isArray(gc.stopSequences) ? gc.stopSequences : null;
  plan.thinking = !!(gc.thinkingConfig && gc.thinkingConfig.includeThoughts);
  plan.stream = stream;
  const inText = [b.systemInstruction ? gemText(b.systemInstruction.parts) : ''];
  for (const c of cs) for (const p of c.parts) {
    if (isStr(p.text)) inText.push(p.text);
    else if (p.functionCall) inText.push(JSON.stringify(p.functionCall.args || {}));
    else if (p.functionResponse) inText.push(JSON.stringify(p.functionResponse.response));
  }
  plan.inputTokens = Math.max(1, countWords(inText.join(' ')));
  plan.model = model;
  return plan;
}

// ---------------------------------------------------------------- reply computation
function computeReply(dialect, plan, mod, seed) {
  const r = { dialect };
  const forced = mod.tool || plan.forced;
  if (plan.toolResult === undefined && plan.tools.length && !plan.toolChoiceNone &&
      (forced || /use (a tool|two tools|all tools)/i.test(plan.lastUserText))) {
    const first = plan.tools.find((t) => t.name === forced) || plan.tools[0];
    // "use two tools" / "use all tools" (or rule "calls": N) → parallel calls
    let n = isInt(mod.calls) ? mod.calls : /use two tools/i.test(plan.lastUserText) ? 2 : /use all tools/i.test(plan.lastUserText) ? plan.tools.length : 1;
    n = Math.max(1, Math.min(n, plan.tools.length));
    const chosen = [first].concat(plan.tools.filter((t) => t !== first)).slice(0, n);
    r.calls = chosen.map((tool, i) => {
      const c = { name: tool.name, args: genValue(tool.schema, 0) };
      c.argsJson = JSON.stringify(c.args);
      c.id = dialect === 'openai' ? 'call_' + hash(seed + i, 24) : dialect === 'anthropic' ? 'toolu_' + hash(seed + i, 24) : null;
      return c;
    });
    r.tool = r.calls[0];
    r.text = '';
    r.outWords = r.calls.reduce((a, c) => a + Math.max(1, Math.ceil(c.argsJson.length / 4)), 0);
    r.finish = 'tool';
  } else {
    let text;
    if (mod.events) text = Array.from({ length: mod.events }, (_, i) => 'tok' + i).join(' ');
    else if (isStr(mod.reply)) text = mod.reply;
    else if (plan.toolResult !== undefined) text = `mock ${dialect} got tool result: ${plan.toolResult}`;
    else text = `mock ${dialect} reply: ${plan.lastUserText}`;
    r.finish = 'stop';
    if (Array.isArray(plan.stop) && plan.stop.length) {
      let at = -1, which = null;
      for (const st of plan.stop) {
        if (!isStr(st) || st === '') continue;
        const k = text.indexOf(st);
        if (k >= 0 && (at < 0 || k < at)) { at = k; which = st; }
      }
      if (at >= 0) { text = text.slice(0, at).replace(/\s+$/, ''); r.finish = 'stop_sequence'; r.stopSeq = which; }
    }
    let w = words(text);
    if (plan.maxTokens !== null && plan.maxTokens !== undefined && plan.maxTokens < w.length) {
      w = w.slice(0, plan.maxTokens);
      r.finish = 'length';
      text = w.join(' ');
    }
    r.text = text;
    r.words = w;
    r.outWords = Math.max(1, w.length);
  }
  if (plan.thinking) {
    r.thinking = `mock thinking about: ${plan.lastUserText || 'tool result'}`;
    r.thinkWords = countWords(r.thinking);
    r.signature = dialect === 'anthropic' ? 'sig-anthropic-' + hash(r.thinking, 32)
      : Buffer.from('sig-gemini-' + hash(r.thinking, 32)).toString('base64');
  } else {
    r.thinkWords = 0;
    // Gemini 3 thinks (and signs) even when thoughts are not returned
    if (dialect === 'gemini' && /gemini-3/.test(plan.model)) r.signature = Buffer.from('sig-gemini-' + hash(seed, 32)).toString('base64');
  }
  return r;
}

// words with separators so that concatenation gives back the text
function pieces(r) {
  if (!r.words || !r.words.length) return [];
  return r.words.map((w, i) => (i === 0 ? w : ' ' + w));
}
function splitArgs(s) {
  if (s.length < 2) return [s, ''].filter((x, i) => i === 0 || x);
  const a = Math.max(1, Math.floor(s.length / 3)), b2 = Math.max(a + 1, Math.floor(2 * s.length / 3));
  return [s.slice(0, a), s.slice(a, b2), s.slice(b2)].filter((x) => x !== '');
}

// ---- OpenAI responses
function openaiUsage(plan, r) {
  const reasoning = r.thinkWords;
  return { prompt_tokens: plan.inputTokens, completion_tokens: r.outWords + reasoning, total_tokens: plan.inputTokens + r.outWords + reasoning,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } };
}
function openaiFinish(r) { return r.finish === 'tool' ? 'tool_calls' : r.finish === 'length' ? 'length' : 'stop'; }
function openaiFull(plan, r, id, created) {
  const msg = { role: 'assistant', content: r.tool ? null : r.text, refusal: null, annotations: [] };
  if (r.tool) msg.tool_calls = r.calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.argsJson } }));
  return { id, object: 'chat.completion', created, model: plan.model,
    choices: Array.from({ length: plan.n || 1 }, (_, i) => ({ index: i, message: msg, logprobs: null, finish_reason: openaiFinish(r) })),
    usage: openaiUsage(plan, r), service_tier: 'default', system_fingerprint: 'fp_mock' };
}
function openaiEvents(plan, r, id, created) {
  const ev = [];
  const chunk = (delta, finish) => {
    const c = { id, object: 'chat.completion.chunk', created, model: plan.model, service_tier: 'default', system_fingerprint: 'fp_mock',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish || null }] };
    if (plan.includeUsage) c.usage = null;
    return { data: c };
  };
  ev.push(chunk({ role: 'assistant', content: '', refusal: null }));
  if (r.tool) {
    r.calls.forEach((c, i) => {
      ev.push(chunk({ tool_calls: [{ index: i, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }));
      for (const f of splitArgs(c.argsJson)) ev.push(Object.assign(chunk({ tool_calls: [{ index: i, function: { arguments: f } }] }), { content: true }));
    });
  } else for (const p of pieces(r)) ev.push(Object.assign(chunk({ content: p }), { content: true }));
  ev.push(chunk({}, openaiFinish(r)));
  if (plan.includeUsage) ev.push({ data: { id, object: 'chat.completion.chunk', created, model: plan.model, service_tier: 'default', system_fingerprint: 'fp_mock', choices: [], usage: openaiUsage(plan, r) } });
  ev.push({ raw: 'data: [DONE]\n\n', terminal: true });
  return ev;
}

// ---- Anthropic responses
function anthStop(r) { return r.finish === 'tool' ? 'tool_use' : r.finish === 'length' ? 'max_tokens' : r.finish === 'stop_sequence' ? 'stop_sequence' : 'end_turn'; }
function anthUsage(plan, r) {
  return { input_tokens: plan.inputTokens - plan.cacheRead, cache_creation_input_tokens: 0, cache_read_input_tokens: plan.cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: r.outWords + r.thinkWords, service_tier: 'standard' };
}
function anthFull(plan, r, id) {
  const content = [];
  if (r.thinking) content.push({ type: 'thinking', thinking: r.thinking, signature: r.signature });
  if (r.tool) for (const c of r.calls) content.push({ type: 'tool_use', id: c.id, name: c.name, input: c.args });
  else content.push({ type: 'text', text: r.text });
  return { id, type: 'message', role: 'assistant', model: plan.model, content, stop_reason: anthStop(r), stop_sequence: r.stopSeq || null,
    usage: anthUsage(plan, r) };
}
function anthEvents(plan, r, id) {
  const ev = [];
  const e = (name, data, extra) => ev.push(Object.assign({ event: name, data: Object.assign({ type: name }, data) }, extra || {}));
  const u = anthUsage(plan, r);
  e('message_start', { message: { id, type: 'message', role: 'assistant', model: plan.model, content: [], stop_reason: null, stop_sequence: null,
    usage: { input_tokens: u.input_tokens, cache_creation_input_tokens: 0, cache_read_input_tokens: u.cache_read_input_tokens, output_tokens: 1, service_tier: 'standard' } } });
  let idx = 0;
  if (r.thinking) {
    e('content_block_start', { index: idx, content_block: { type: 'thinking', thinking: '', signature: '' } });
    for (const p of words(r.thinking).map((w, i) => (i ? ' ' + w : w))) e('content_block_delta', { index: idx, delta: { type: 'thinking_delta', thinking: p } }, { content: true });
    e('content_block_delta', { index: idx, delta: { type: 'signature_delta', signature: r.signature } });
    e('content_block_stop', { index: idx });
    idx++;
  }
  if (r.tool) {
    r.calls.forEach((c, i) => {
      if (i > 0) { e('content_block_stop', { index: idx }); idx++; }
      e('content_block_start', { index: idx, content_block: { type: 'tool_use', id: c.id, name: c.name, input: {} } });
      if (idx === 0) e('ping', {});
      e('content_block_delta', { index: idx, delta: { type: 'input_json_delta', partial_json: '' } });
      for (const f of splitArgs(c.argsJson)) e('content_block_delta', { index: idx, delta: { type: 'input_json_delta', partial_json: f } }, { content: true });
    });
  } else {
    e('content_block_start', { index: idx, content_block: { type: 'text', text: '' } });
    if (idx === 0) e('ping', {});
    for (const p of pieces(r)) e('content_block_delta', { index: idx, delta: { type: 'text_delta', text: p } }, { content: true });
  }
  e('content_block_stop', { index: idx });
  e('message_delta', { delta: { stop_reason: anthStop(r), stop_sequence: r.stopSeq || null }, usage: { output_tokens: u.output_tokens } });
  e('message_stop', {}, { terminal: true });
  if (r.thinking) {
    // ping right after message_start like the real API
    const i = ev.findIndex((x) => x.event === 'content_block_start');
    ev.splice(i + 1, 0, { event: 'ping', data: { type: 'ping' } });
  }
  return ev;
}

// ---- Gemini responses
function gemFinish(r) { return r.finish === 'length' ? 'MAX_TOKENS' : 'STOP'; }
function gemUsage(plan, r) {
  const u = { promptTokenCount: plan.inputTokens, candidatesTokenCount: r.outWords, totalTokenCount: plan.inputTokens + r.outWords + r.thinkWords,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: plan.inputTokens }] };
  if (r.thinkWords) u.thoughtsTokenCount = r.thinkWords;
  return u;
}
function gemFull(plan, r, id) {
  const parts = [];
  if (r.thinking) parts.push({ text: r.thinking, thought: true });
  if (r.tool) {
    r.calls.forEach((c, i) => {
      const p = { functionCall: { name: c.name, args: c.args } };
      if (r.signature && i === 0) p.thoughtSignature = r.signature;
      parts.push(p);
    });
  } else {
    const p = { text: r.text };
    if (r.signature) p.thoughtSignature = r.signature;
    parts.push(p);
  }
  return { candidates: [{ content: { parts, role: 'model' }, finishReason: gemFinish(r), index: 0 }],
    usageMetadata: gemUsage(plan, r), modelVersion: plan.model, responseId: id };
}
function gemEvents(plan, r, id) {
  const ev = [];
  const early = { promptTokenCount: plan.inputTokens, totalTokenCount: plan.inputTokens };
  const chunk = (parts, fin, usage, content) => {
    const cand = { content: { parts, role: 'model' }, index: 0 };
    if (fin) cand.finishReason = fin;
    const d = { candidates: [cand], usageMetadata: usage || early, modelVersion: plan.model, responseId: id };
    ev.push(content ? { data: d, content: true } : { data: d });
  };
  if (r.thinking) for (const p of words(r.thinking).map((w, i) => (i ? ' ' + w : w))) chunk([{ text: p, thought: true }], null, null, true);
  if (r.tool) {
    const parts = r.calls.map((c, i) => {
      const p = { functionCall: { name: c.name, args: c.args } };
      if (r.signature && i === 0) p.thoughtSignature = r.signature;
      return p;
    });
    chunk(parts, gemFinish(r), gemUsage(plan, r), true);
    ev[ev.length - 1].terminal = true;
  } else {
    for (const p of pieces(r)) chunk([{ text: p }], null, null, true);
    const last = { text: '' };
    if (r.signature) last.thoughtSignature = r.signature;
    chunk([last], gemFinish(r), gemUsage(plan, r));
    ev[ev.length - 1].terminal = true;
  }
  return ev;
}

function inStreamError(dialect) {
  if (dialect === 'anthropic') return { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } };
  if (dialect === 'gemini') return { data: { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } } };
  return { data: { error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null } } };
}

// ---------------------------------------------------------------- SSE writer
function frame(ev) {
  if (ev.raw !== undefined) return String(ev.raw);
  let s = '';
  if (ev.event) s += 'event: ' + ev.event + '\n';
  s += 'data: ' + (isStr(ev.data) ? ev.data : JSON.stringify(ev.data)) + '\n\n';
  return s;
}

async function writeStream(res, events, opts) {
  const delay = opts.eventDelay || 0;
  let sent = 0;
  for (let i = 0; i < events.length; i++) {
    if (res.destroyed || res.socket === null) return;
    const ev = events[i];
    if (ev.delay_ms) await sleep(ev.delay_ms);
    else if (delay && i > 0) await sleep(delay);
    if (res.destroyed) return;
    res.write(frame(ev));
    sent++;
  }
  if (opts.truncate) {
    // let the data flush, then drop the connection without the chunked terminator
    setTimeout(() => { if (res.socket) res.socket.destroy(); else res.destroy(); }, 20);
    return;
  }
  res.end();
  return sent;
}

function sseHeaders(dialect, extra) {
  const h = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' };
  if (dialect === 'gemini') h['content-type'] = 'text/event-stream';
  return Object.assign(h, reqIdHeader(dialect), extra || {});
}
function reqIdHeader(dialect) {
  const id = hash(String(Math.random()), 20);
  if (dialect === 'openai') return { 'x-request-id': 'req_' + id, 'openai-processing-ms': '1' };
  if (dialect === 'anthropic') return { 'request-id': 'req_' + id };
  return {};
}

// ---------------------------------------------------------------- routing
function route(method, path) {
  let m;
  if (path === '/v1/chat/completions') return { dialect: 'openai', op: 'chat', method: 'POST' };
  if (path === '/v1/models') return { dialect: method === 'GET' && false ? null : 'openai_or_anthropic', op: 'models', method: 'GET' };
  if (path === '/v1/messages') return { dialect: 'anthropic', op: 'messages', method: 'POST' };
  if (path === '/v1/messages/count_tokens') return { dialect: 'anthropic', op: 'count_tokens', method: 'POST' };
  if ((m = /^\/(v1beta|v1)\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens)$/.exec(path))) {
    return { dialect: 'gemini', op: m[3], model: decodeURIComponent(m[2]), method: 'POST' };
  }
  if (/^\/(v1beta|v1)\/models\/?$/.test(path)) return { dialect: 'gemini', op: 'models', method: 'GET' };
  if ((m = /^\/(v1beta|v1)\/models\/([^/:]+)$/.exec(path))) return { dialect: 'gemini', op: 'model', model: m[2], method: 'GET' };
  if (path.startsWith('/v1beta') || path.startsWith('/v1/models/')) return { dialect: 'gemini', op: 'unknown' };
  return { dialect: 'openai', op: 'unknown' };
}

function extractKey(dialect, headers, query) {
  if (dialect === 'openai') {
    const a = headers.authorization;
    if (!isStr(a)) return null;
    const m = /^Bearer\s+(.*)$/i.exec(a);
    return m ? m[1].trim() : '';
  }
  if (dialect === 'anthropic') {
    if (isStr(headers['x-api-key'])) return headers['x-api-key'];
    const m = /^Bearer\s+(.*)$/i.exec(headers.authorization || '');
    return m ? m[1].trim() : null;
  }
  if (isStr(headers['x-goog-api-key'])) return headers['x-goog-api-key'];
  if (query.has('key')) return query.get('key');
  return null;
}

function ruleMatches(rule, ctx) {
  const m = rule.match || {};
  if (m.dialect && m.dialect !== ctx.dialect) return false;
  if (m.key !== undefined && m.key !== ctx.key) return false;
  if (m.method && m.method.toUpperCase() !== ctx.method) return false;
  if (m.path_contains && !ctx.url.includes(m.path_contains)) return false;
  if (m.body_contains && !ctx.body.includes(m.body_contains)) return false;
  if (m.stream !== undefined && m.stream !== ctx.stream) return false;
  if (isObj(m.header)) {
    for (const [k, v] of Object.entries(m.header)) {
      const hv = ctx.headers[k.toLowerCase()];
      if (!isStr(hv) || !hv.includes(String(v))) return false;
    }
  }
  return true;
}
function takeRule(ctx) {
  for (const r of rules) {
    if (r.times !== undefined && r.times !== null && r.times <= 0) continue;
    if (!ruleMatches(r, ctx)) continue;
    if (r.times !== undefined && r.times !== null) r.times--;
    r.used = (r.used || 0) + 1;
    return r;
  }
  return null;
}
const RESPONDING = ['status', 'body', 'raw', 'stream', 'reset'];

// ---------------------------------------------------------------- control endpoints
function control(req, res, path, body) {
  if (path === '/__mock/health') return send(res, 200, { ok: true, records: records.length, rules: rules.length });
  if (path === '/__mock/requests') return send(res, 200, records);
  if (path === '/__mock/rules') return send(res, 200, rules);
  if (req.method !== 'POST') return send(res, 405, { error: 'POST required' });
  let j = null;
  try { j = body === '' ? {} : JSON.parse(body); } catch (e) { return send(res, 400, { error: 'invalid JSON: ' + e.message }); }
  if (path === '/__mock/reset') { rules = []; records = []; return send(res, 200, { ok: true }); }
  if (path === '/__mock/script') {
    const list = Array.isArray(j) ? j : isObj(j) && Array.isArray(j.rules) ? j.rules : null;
    if (!list || !list.every(isObj)) return send(res, 400, { error: 'expected {"rules":[{...}]}' });
    rules = (isObj(j) && j.append) ? rules.concat(list) : list;
    return send(res, 200, { ok: true, rules: rules.length });
  }
  if (path === '/__mock/keys') {
    if (!isObj(j) || !('keys' in j)) return send(res, 400, { error: 'expected {"keys":[...]|null}' });
    loadKeys(Array.isArray(j.keys) ? j.keys : null);
    return send(res, 200, { ok: true });
  }
  if (path === '/__mock/config') {
    if (isObj(j) && isInt(j.event_delay_ms)) EVENT_DELAY = j.event_delay_ms;
    return send(res, 200, { ok: true, event_delay_ms: EVENT_DELAY });
  }
  return send(res, 404, { error: 'unknown control endpoint' });
}

// ---------------------------------------------------------------- main handler
let counter = 0;
async function handle(req, res, body) {
  const u = new URL(req.url, 'http://127.0.0.1');
  const path = u.pathname;
  if (path.startsWith('/__mock/')) return control(req, res, path, body);

  const rt = route(req.method, path);
  let dialect = rt.dialect;
  if (dialect === 'openai_or_anthropic') dialect = ('x-api-key' in req.headers || 'anthropic-version' in req.headers) ? 'anthropic' : 'openai';
  const key = extractKey(dialect, req.headers, u.searchParams);
  let json = null;
  try { json = body === '' ? null : JSON.parse(body); } catch (e) { json = null; }
  const stream = rt.op === 'streamGenerateContent' || (isObj(json) && json.stream === true);
  const rec = { method: req.method, path, query: u.search.replace(/^\?/, ''), headers: req.headers,
    raw_headers: req.rawHeaders, body, json, key, dialect, time: Date.now() / 1000 };
  records.push(rec);
  if (records.length > MAX_RECORDS) records.splice(0, records.length - MAX_RECORDS);

  if (dialect === 'gemini' && json !== null) { try { json = JSON.parse(body); } catch (e) { json = null; } } // validation normalises in place
  const ctx = { dialect, key, method: req.method, url: req.url, body, headers: req.headers, stream };
  const rule = rules.length ? takeRule(ctx) : null;
  const mod = rule || {};
  if (mod.delay_ms) await sleep(mod.delay_ms);
  if (rule && RESPONDING.some((k) => k in rule)) return scripted(req, res, rule, dialect);

  const fail = (status, message, extra, headers) => send(res, status, errorBody(dialect, status, message, extra), Object.assign(reqIdHeader(dialect), headers || {}));
  try {
    // method / path
    if (rt.op === 'unknown') {
      if (dialect === 'gemini') return fail(404, 'Method not found.', { status: 'NOT_FOUND' });
      return fail(404, `Invalid URL (${req.method} ${path})`, { code: null });
    }
    if (rt.method && rt.method !== req.method) {
      if (dialect === 'anthropic') return fail(405, `Method Not Allowed`, { type: 'invalid_request_error' });
      return fail(405, `Invalid method for URL (${req.method} ${path})`);
    }
    // auth
    if (dialect === 'openai') {
      if (key === null || key === '') return fail(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.", { type: 'invalid_request_error', code: 'invalid_api_key' });
      if (!keyValid(key, 'openai')) return fail(401, `Incorrect API key provided: ${key.slice(0, 3)}***${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`, { type: 'invalid_request_error', code: 'invalid_api_key' });
    } else if (dialect === 'anthropic') {
      if (key === null || key === '') return fail(401, 'x-api-key header is required');
      if (!keyValid(key, 'anthropic')) return fail(401, 'invalid x-api-key');
      if (rt.op !== 'models') {
        const v = req.headers['anthropic-version'];
        if (!v) return fail(400, 'anthropic-version: header is required');
        if (!/^20[0-9]{2}-[0-9]{2}-[0-9]{2}$/.test(v)) return fail(400, `anthropic-version: invalid version '${v}'`);
      }
    } else {
      if (key === null || key === '') return fail(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.", { status: 'PERMISSION_DENIED' });
      if (!keyValid(key, 'gemini')) return fail(400, 'API key not valid. Please pass a valid API key.', { status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } }] });
    }
    if (rt.op === 'models' || rt.op === 'model') return sendModels(res, dialect, rt);

    // body
    if (json === null) {
      if (dialect === 'openai') return fail(400, "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)", { code: null });
      if (dialect === 'anthropic') return fail(400, body === '' ? 'messages: Field required' : 'There was an error parsing the body of your request: invalid JSON');
      return fail(400, body === '' ? '* GenerateContentRequest.contents: contents is not specified\n' : 'Invalid JSON payload received. Unexpected token.');
    }
    if (dialect === 'gemini' && rt.op === 'streamGenerateContent' && u.searchParams.get('alt') !== 'sse') {
      // without alt=sse the real API streams a JSON array; we only implement SSE
      if (!mod.no_validate) validateGemini(json, rt.model);
      return sendGeminiArray(res, json, rt, mod);
    }
    let plan;
    if (dialect === 'openai') { if (!mod.no_validate) validateOpenAI(json); plan = planOpenAI(json); }
    else if (dialect === 'anthropic') {
      if (!mod.no_validate) validateAnthropic(json, rt.op === 'count_tokens');
      if (rt.op === 'count_tokens') { const p = planAnthropic(Object.assign({ max_tokens: 1 }, json)); return send(res, 200, { input_tokens: p.inputTokens }, reqIdHeader(dialect)); }
      plan = planAnthropic(json);
    } else {
      if (!mod.no_validate) validateGemini(json, rt.model);
      if (rt.op === 'countTokens') return send(res, 200, { totalTokens: planGemini(json, rt.model, false).inputTokens, promptTokensDetails: [] });
      plan = planGemini(json, rt.model, rt.op === 'streamGenerateContent');
    }
    counter++;
    const seed = body + '|' + counter;
    const r = computeReply(dialect, plan, mod, body);
    const created = Math.floor(Date.now() / 1000);
    const id = dialect === 'openai' ? 'chatcmpl-' + hash(seed, 24) : dialect === 'anthropic' ? 'msg_' + hash(seed, 24) : hash(seed, 20);
    const extraH = isObj(mod.headers) ? mod.headers : {};
    if (!plan.stream) {
      const full = dialect === 'openai' ? openaiFull(plan, r, id, created) : dialect === 'anthropic' ? anthFull(plan, r, id) : gemFull(plan, r, id);
      return send(res, 200, full, Object.assign(reqIdHeader(dialect), extraH));
    }
    let events = dialect === 'openai' ? openaiEvents(plan, r, id, created) : dialect === 'anthropic' ? anthEvents(plan, r, id) : gemEvents(plan, r, id);
    let truncate = false;
    if (isInt(mod.error_after)) {
      let n = 0, cut = events.length;
      for (let i = 0; i < events.length; i++) if (events[i].content && ++n > mod.error_after) { cut = i; break; }
      events = events.slice(0, cut);
      events.push(inStreamError(dialect));
    } else if (mod.truncate) {
      // keep the first half of the content events, drop the rest (and the terminal event)
      const contentIdx = events.map((e, i) => (e.content ? i : -1)).filter((i) => i >= 0);
      const cut = contentIdx.length > 1 ? contentIdx[Math.floor(contentIdx.length / 2)] : Math.max(1, events.length - 1);
      events = events.slice(0, cut);
      truncate = true;
    }
    res.writeHead(200, sseHeaders(dialect, extraH));
    if (res.flushHeaders) res.flushHeaders();
    await writeStream(res, events, { eventDelay: isInt(mod.event_delay_ms) ? mod.event_delay_ms : EVENT_DELAY, truncate });
  } catch (e) {
    if (e instanceof ApiError) return fail(e.status, e.message, e.extra);
    throw e;
  }
}

async function scripted(req, res, rule, dialect) {
  if (rule.reset) { req.socket.destroy(); return; }
  const status = isInt(rule.status) ? rule.status : 200;
  const headers = isObj(rule.headers) ? Object.assign({}, rule.headers) : {};
  if (Array.isArray(rule.stream)) {
    const h = Object.assign(sseHeaders(dialect), headers);
    res.writeHead(status, h);
    if (res.flushHeaders) res.flushHeaders();
    await writeStream(res, rule.stream, { eventDelay: isInt(rule.event_delay_ms) ? rule.event_delay_ms : 0, truncate: !!rule.truncate });
    return;
  }
  let body;
  if (isStr(rule.raw)) body = rule.raw;
  else if ('body' in rule) body = JSON.stringify(rule.body);
  else if (status >= 400) body = JSON.stringify(errorBody(dialect, status, rule.message, { retry_delay: rule.retry_delay }));
  else body = '';
  const h = Object.assign({ 'content-type': 'application/json' }, reqIdHeader(dialect), headers);
  if (rule.truncate) {
    // announce the full length, send half, then drop the connection
    h['content-length'] = Buffer.byteLength(body);
    res.writeHead(status, h);
    res.write(body.slice(0, Math.floor(body.length / 2)));
    setTimeout(() => res.socket && res.socket.destroy(), 20);
    return;
  }
  if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-length')) h['content-length'] = Buffer.byteLength(body);
  res.writeHead(status, h);
  res.end(body);
}

const MODELS = {
  openai: ['gpt-4o', 'gpt-4o-mini', 'o3-mini', 'gpt-mock'],
  anthropic: ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-mock'],
  gemini: ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-3-pro-preview', 'gemini-mock'],
};
function sendModels(res, dialect, rt) {
  if (dialect === 'openai') return send(res, 200, { object: 'list', data: MODELS.openai.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'mock' })) }, reqIdHeader(dialect));
  if (dialect === 'anthropic') {
    const data = MODELS.anthropic.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
    return send(res, 200, { data, has_more: false, first_id: data[0].id, last_id: data[data.length - 1].id }, reqIdHeader(dialect));
  }
  const m = (id) => ({ name: 'models/' + id, version: '001', displayName: id, inputTokenLimit: 1048576, outputTokenLimit: 65536,
    supportedGenerationMethods: ['generateContent', 'countTokens'], thinking: true });
  if (rt.op === 'model') return send(res, 200, m(rt.model));
  return send(res, 200, { models: MODELS.gemini.map(m) });
}

function sendGeminiArray(res, json, rt, mod) {
  const plan = planGemini(json, rt.model, true);
  const r = computeReply('gemini', plan, mod, JSON.stringify(json));
  const ev = gemEvents(plan, r, hash(String(Math.random()), 20));
  send(res, 200, '[' + ev.map((e) => JSON.stringify(e.data)).join(',\r\n') + ']');
}

// ---------------------------------------------------------------- server
const server = http.createServer({ keepAliveTimeout: 60000, requestTimeout: 0, headersTimeout: 60000 }, (req, res) => {
  const chunks = [];
  let size = 0, tooBig = false;
  req.on('data', (c) => {
    size += c.length;
    if (size > MAX_BODY) { tooBig = true; return; }
    chunks.push(c);
  });
  req.on('error', () => {});
  res.on('error', () => {});
  req.on('end', () => {
    if (tooBig) {
      return send(res, 413, { type: 'error', error: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' } });
    }
    const body = Buffer.concat(chunks).toString('utf8');
    handle(req, res, body).catch((e) => {
      process.stderr.write('mock: internal error: ' + (e && e.stack || e) + '\n');
      try {
        if (!res.headersSent) send(res, 500, { error: { message: 'mock internal error: ' + String(e && e.message), type: 'server_error', param: null, code: null } });
        else res.destroy();
      } catch (e2) { /* ignore */ }
    });
  });
});
server.on('clientError', (err, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  else socket.destroy();
});
server.keepAliveTimeout = 60000;
server.listen(PORT, '127.0.0.1', () => {
  process.stdout.write(`MOCK_LISTENING port=${server.address().port}\n`);
});
const stop = () => { server.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('uncaughtException', (e) => { process.stderr.write('mock: uncaught: ' + (e && e.stack || e) + '\n'); });
