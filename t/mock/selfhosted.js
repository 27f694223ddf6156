#!/usr/bin/env node
// Imitations of self-hosted OpenAI-compatible servers (dialects.md 7) on
// one 127.0.0.1 port, chosen by the request's model name (the gateway
// routes each to an upstream{} with its own llm_profile):
//
//   vllm-*      vLLM with a reasoning parser: message/delta "reasoning";
//               stream usage only with stream_options.include_usage;
//               named/required tool_choice work; errors in the flat
//               {"object":"error",...} form; in-stream error as a data:
//               line with an "error" object, then [DONE].  Thinking off
//               with reasoning_effort "none" or chat_template_kwargs
//               {"enable_thinking": false}.
//   vllmraw-*   vLLM without a reasoning parser: <think>...</think> stays
//               inline in "content" (also in streams, split anywhere).
//   llamacpp-*  llama-server, --reasoning-format deepseek: "reasoning_content";
//               "timings" on the last chunk; usage chunk only when asked;
//               knows max_tokens only (older build: max_completion_tokens
//               is rejected here so that tests see it); a named tool_choice
//               is silently treated as "auto"; errors {"error":{code,
//               message,type}}, in streams the non-standard "error:" line
//               followed by "data: [DONE]".
//   ollama-*    Ollama /v1: "reasoning"; tool calls whole in one chunk, then
//               a finish chunk; tool_choice ignored; max_tokens only; errors
//               {"error":{message,type,param,code:null}}.
//   smollm3*    SmolLM3-3B behind a llama-server build that puts raw output
//               in content and never reports usage in streams (rejects
//               stream_options): thinking on by default, /think and
//               /no_think in messages[0] (a system message) switch it,
//               /no_think wins; only string content; system messages
//               after messages[0] and reasoning in history are rejected
//               (the template would silently drop them); no
//               reasoning_effort / chat_template_kwargs.
//
// Strict: unknown top-level or message fields get a 400 in the server's
// error shape, so tests see what the gateway sends.
//
// Behaviour by the last user text: contains "weather" (or a tool_choice
// forces a call) and tools are offered -> a tool call get_weather/named
// {"city":"Paris"}; after a tool result -> "It is sunny in Paris.";
// "code" -> an answer that itself contains "<think>" in code;
// "fail400" -> a 400; "failstream" -> an error after two content events.
//
//   node t/mock/selfhosted.js --port N [--parent-pid P]
//   prints "MOCK_LISTENING port=<n>"; GET /__mock/requests, POST
//   /__mock/reset.
'use strict';

const http = require('node:http');

function argOpt(name, dflt) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
}
const PORT = parseInt(argOpt('port', '0'), 10) || 0;
const PARENT = parseInt(argOpt('parent-pid', '0'), 10) || 0;

let records = [];

const REASONING = 'The user asks about France. Its capital is Paris.';
const ANSWER = 'The capital of France is Paris.';
const CODE_ANSWER = 'Write it as `<think>` in code: "<think>x</think>".';
const TOOL_ANSWER = 'It is sunny in Paris.';
const USAGE = { prompt_tokens: 21, completion_tokens: 13, total_tokens: 34 };

function flavorOf(model) {
  if (typeof model !== 'string') return null;
  for (const f of ['vllmraw', 'vllm', 'llamacpp', 'ollama', 'smollm3']) {
    if (model.startsWith(f)) return f;
  }
  return null;
}

const COMMON = ['model', 'messages', 'stream', 'temperature', 'top_p', 'tools',
  'tool_choice', 'stop', 'seed', 'n', 'response_format', 'user',
  'parallel_tool_calls', 'frequency_penalty', 'presence_penalty', 'logprobs'];
const KNOWN = {
  vllm: [...COMMON, 'max_tokens', 'max_completion_tokens', 'stream_options',
    'reasoning_effort', 'chat_template_kwargs', 'include_reasoning', 'top_k'],
  llamacpp: [...COMMON, 'max_tokens', 'stream_options', 'reasoning_effort',
    'chat_template_kwargs', 'reasoning_format', 'top_k'],
  ollama: [...COMMON, 'max_tokens', 'stream_options', 'reasoning_effort'],
  smollm3: [...COMMON, 'max_tokens'],
};
KNOWN.vllmraw = KNOWN.vllm;
const MSG_KNOWN = {
  vllm: ['role', 'content', 'name', 'tool_calls', 'tool_call_id', 'reasoning',
    'reasoning_content'],
  llamacpp: ['role', 'content', 'name', 'tool_calls', 'tool_call_id',
    'reasoning_content'],
  ollama: ['role', 'content', 'name', 'tool_calls', 'tool_call_id', 'reasoning'],
  smollm3: ['role', 'content', 'name', 'tool_calls', 'tool_call_id'],
};
MSG_KNOWN.vllmraw = MSG_KNOWN.vllm;

function errorBody(flavor, status, message, type) {
  if (flavor === 'vllm' || flavor === 'vllmraw') {
    return { object: 'error', message, type: type || 'BadRequestError',
      param: null, code: status };
  }
  if (flavor === 'ollama') {
    return { error: { message, type: type || 'invalid_request_error',
      param: null, code: null } };
  }
  return { error: { code: status, message,
    type: type || 'invalid_request_error' } };
}

function validate(flavor, b) {
  for (const k of Object.keys(b)) {
    if (!KNOWN[flavor].includes(k)) return `unknown field '${k}'`;
  }
  if (!Array.isArray(b.messages) || !b.messages.length) return 'no messages';
  for (const [i, m] of b.messages.entries()) {
    for (const k of Object.keys(m)) {
      if (!MSG_KNOWN[flavor].includes(k)) return `messages[${i}]: unknown field '${k}'`;
    }
    if (flavor === 'smollm3') {
      if (m.content !== null && typeof m.content !== 'string' && m.role !== 'assistant') {
        return `messages[${i}]: the template renders only string content`;
      }
      if (m.role === 'system' && i > 0) {
        return `messages[${i}]: the template ignores system messages after the first`;
      }
    }
  }
  if (b.stream_options !== undefined && !b.stream) return 'stream_options without stream';
  if (b.tools && b.tools.length && b.tool_choice === undefined
      && (flavor === 'vllm' || flavor === 'vllmraw')) {
    return 'tools without tool_choice: vLLM defaults to "none"';
  }
  return null;
}

function textOf(c) {
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((p) => p.text || '').join('');
  return '';
}

function thinkingOn(flavor, b) {
  if (flavor === 'smollm3') {
    const first = b.messages[0];
    if (first.role === 'system') {
      const s = textOf(first.content);
      if (s.includes('/no_think')) return false;
      if (s.includes('/think')) return true;
    }
    return true;
  }
  if (b.reasoning_effort === 'none') return false;
  if (b.chat_template_kwargs && b.chat_template_kwargs.enable_thinking === false) return false;
  return true;
}

// what the model "says": {reasoning, text, calls}
function generate(flavor, b) {
  const last = b.messages[b.messages.length - 1];
  const user = [...b.messages].reverse().find((m) => m.role === 'user');
  const utext = user ? textOf(user.content) : '';
  const think = thinkingOn(flavor, b);
  const tools = b.tools || [];
  let calls = [];
  let text = ANSWER;

  let forced = null;
  if (flavor === 'vllm' || flavor === 'vllmraw' || flavor === 'smollm3') {
    if (b.tool_choice === 'required') forced = tools[0] && tools[0].function.name;
    if (b.tool_choice && typeof b.tool_choice === 'object') forced = b.tool_choice.function.name;
  } else if (flavor === 'llamacpp' && b.tool_choice === 'required') {
    forced = tools[0] && tools[0].function.name;
  }
  // llama.cpp treats a named choice as "auto"; Ollama ignores tool_choice

  if (last.role === 'tool') {
    text = TOOL_ANSWER;
  } else if (tools.length && b.tool_choice !== 'none'
             && (forced || /weather/.test(utext))) {
    const name = forced || tools[0].function.name;
    calls = [{ id: 'call_' + flavor + '0', name, arguments: '{"city":"Paris"}' }];
    text = '';
  } else if (/code/.test(utext)) {
    text = CODE_ANSWER;
  }
  return { reasoning: think ? REASONING : '', text, calls };
}

function inline(flavor) {
  return flavor === 'vllmraw' || flavor === 'smollm3';
}

function reasoningField(flavor) {
  return flavor === 'llamacpp' ? 'reasoning_content' : 'reasoning';
}

function completion(flavor, b, g) {
  const msg = { role: 'assistant', content: null };
  if (inline(flavor)) {
    let c = g.text;
    if (g.reasoning) c = '<think>\n' + g.reasoning + '\n</think>\n\n' + g.text;
    msg.content = c || null;
  } else {
    msg.content = g.text || null;
    if (g.reasoning) msg[reasoningField(flavor)] = g.reasoning;
  }
  if (g.calls.length) {
    msg.tool_calls = g.calls.map((c) => ({ id: c.id, type: 'function',
      function: { name: c.name, arguments: c.arguments } }));
  }
  const body = {
    id: 'chatcmpl-' + flavor, object: 'chat.completion', created: 1767225600,
    model: b.model,
    choices: [{ index: 0, message: msg, logprobs: null,
      finish_reason: g.calls.length ? 'tool_calls' : 'stop' }],
    usage: { ...USAGE },
  };
  if (flavor === 'llamacpp') {
    body.timings = { prompt_n: 21, cache_n: 0, predicted_n: 13 };
  }
  return body;
}

function pieces(s, n) {
  const out = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out;
}

function streamEvents(flavor, b, g) {
  const base = { id: 'chatcmpl-' + flavor, object: 'chat.completion.chunk',
    created: 1767225600, model: b.model };
  const chunk = (delta, finish, extra) => JSON.stringify({ ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish || null }],
    ...(extra || {}) });
  const ev = [];
  ev.push(chunk({ role: 'assistant', content: '' }));

  if (inline(flavor)) {
    let c = g.text;
    if (g.reasoning) c = '<think>\n' + g.reasoning + '\n</think>\n\n' + g.text;
    // 3 bytes at a time: the tags are split across events
    for (const p of pieces(c, 3)) ev.push(chunk({ content: p }));
  } else {
    for (const p of pieces(g.reasoning, 7)) ev.push(chunk({ [reasoningField(flavor)]: p }));
    for (const p of pieces(g.text, 7)) ev.push(chunk({ content: p }));
  }

  g.calls.forEach((c, i) => {
    if (flavor === 'ollama') {
      ev.push(chunk({ tool_calls: [{ id: c.id, index: i, type: 'function',
        function: { name: c.name, arguments: c.arguments } }] }));
    } else {
      ev.push(chunk({ tool_calls: [{ id: c.id, index: i, type: 'function',
        function: { name: c.name, arguments: '' } }] }));
      for (const p of pieces(c.arguments, 5)) {
        ev.push(chunk({ tool_calls: [{ index: i, function: { arguments: p } }] }));
      }
    }
  });

  const finish = g.calls.length ? 'tool_calls' : 'stop';
  ev.push(chunk({}, finish, flavor === 'llamacpp'
    ? { timings: { prompt_n: 21, cache_n: 0, predicted_n: 13 } } : undefined));

  if (b.stream_options && b.stream_options.include_usage && flavor !== 'smollm3') {
    ev.push(JSON.stringify({ ...base, choices: [], usage: { ...USAGE } }));
  }
  return ev;
}

function send(res, status, body) {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json',
    'content-length': Buffer.byteLength(s) });
  res.end(s);
}

function handle(req, res, raw) {
  const url = new URL(req.url, 'http://x');

  if (url.pathname === '/__mock/requests') return send(res, 200, records);
  if (url.pathname === '/__mock/reset') { records = []; return send(res, 200, { ok: true }); }
  if (url.pathname === '/__mock/health') return send(res, 200, { ok: true });

  let b = null;
  try { b = JSON.parse(raw); } catch (e) { /* below */ }
  records.push({ method: req.method, path: url.pathname, headers: req.headers,
    json: b });

  if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions') {
    return send(res, 404, { error: { code: 404, message: 'not found: ' + url.pathname,
      type: 'not_found_error' } });
  }
  if (!b) return send(res, 400, { error: { code: 400, message: 'invalid JSON',
    type: 'invalid_request_error' } });

  const flavor = flavorOf(b.model);
  if (!flavor) {
    return send(res, 404, { error: { code: 404, message: `model '${b.model}' not found`,
      type: 'not_found_error' } });
  }

  const bad = validate(flavor, b);
  if (bad) return send(res, 400, errorBody(flavor, 400, 'mock ' + flavor + ': ' + bad));

  const user = [...b.messages].reverse().find((m) => m.role === 'user');
  const utext = user ? textOf(user.content) : '';
  if (/fail400/.test(utext)) {
    return send(res, 400, errorBody(flavor, 400,
      'the request exceeds the available context size', flavor === 'llamacpp'
        ? 'exceed_context_size_error' : undefined));
  }

  const g = generate(flavor, b);

  if (!b.stream) return send(res, 200, completion(flavor, b, g));

  res.writeHead(200, { 'content-type': 'text/event-stream',
    'cache-control': 'no-cache' });
  let ev = streamEvents(flavor, b, g);
  let tail = 'data: [DONE]\n\n';

  if (/failstream/.test(utext)) {
    ev = ev.slice(0, 3);
    const e = { code: 500, message: 'the model crashed', type: 'server_error' };
    if (flavor === 'llamacpp' || flavor === 'smollm3') {
      tail = 'error: ' + JSON.stringify(e) + '\n\ndata: [DONE]\n\n';
    } else if (flavor === 'ollama') {
      tail = 'data: ' + JSON.stringify({ error: { message: e.message,
        type: 'api_error', param: null, code: null } }) + '\n\ndata: [DONE]\n\n';
    } else {
      tail = 'data: ' + JSON.stringify({ error: { message: e.message,
        type: 'InternalServerError', param: null, code: 500 } })
        + '\n\ndata: [DONE]\n\n';
    }
  }

  res.write(ev.map((e) => 'data: ' + e + '\n\n').join(''));
  res.end(tail);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      handle(req, res, Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      send(res, 500, { error: { code: 500, message: 'mock: ' + e.message,
        type: 'server_error' } });
    }
  });
});

server.listen(PORT, '127.0.0.1', () => {
  process.stdout.write(`MOCK_LISTENING port=${server.address().port}\n`);
});

if (PARENT) {
  setInterval(() => {
    try { process.kill(PARENT, 0); } catch (e) { process.exit(0); }
  }, 500).unref();
}
