// The official SDKs against self-hosted servers behind llm_profile: every
// profile of t/80-selfhosted.t (t/mock/selfhosted.js imitates vLLM with
// and without a reasoning parser, llama.cpp, Ollama and SmolLM3), from an
// OpenAI, an Anthropic and a Gemini client, streaming and not: thinking,
// text, tool calls and usage must come out right in each dialect.
//
// Run by t/80-selfhosted.t (SELFHOSTED_GATEWAY = its nginx); skipped
// when run by t/50-sdk.t, whose gateway has no such upstreams.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';

const GW = process.env.SELFHOSTED_GATEWAY;
const SKIP = GW ? false : 'run by t/80-selfhosted.t only';

const REASONING = 'The user asks about France. Its capital is Paris.';
const ANSWER = 'The capital of France is Paris.';

// model -> what the profile can report in a stream's usage
const MODELS = {
  'vllm-qwen3': { streamUsage: true },
  'vllmraw-qwen3': { streamUsage: true },
  'vllmkw-qwen3': { streamUsage: true },
  'llamacpp-qwen3': { streamUsage: true },
  'ollama-qwen3': { streamUsage: true },
  smollm3: { streamUsage: false },
};

const openai = () => new OpenAI({ baseURL: GW + '/v1', apiKey: 'unused',
  maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: GW, apiKey: 'unused',
  maxRetries: 0 });
const genai = () => new GoogleGenAI({ apiKey: 'unused',
  httpOptions: { baseUrl: GW } });

const OA_TOOL = { type: 'function', function: { name: 'get_weather',
  description: 'weather', parameters: { type: 'object',
    properties: { city: { type: 'string' } }, required: ['city'] } } };

for (const [model, m] of Object.entries(MODELS)) {
  describe(`openai SDK -> ${model}`, { skip: SKIP }, () => {
    it('text + reasoning + usage', async () => {
      const r = await openai().chat.completions.create({ model,
        reasoning_effort: 'high',
        messages: [{ role: 'user', content: 'capital of France?' }] });
      const msg = r.choices[0].message;
      assert.equal(msg.reasoning_content, REASONING);
      assert.equal(msg.content, ANSWER);
      assert.equal(r.choices[0].finish_reason, 'stop');
      assert.equal(r.usage.prompt_tokens, 21);
      assert.equal(r.usage.completion_tokens, 13);
    });

    it('tool call', async () => {
      const r = await openai().chat.completions.create({ model,
        tools: [OA_TOOL],
        messages: [{ role: 'user', content: 'weather in Paris?' }] });
      const c = r.choices[0];
      assert.equal(c.finish_reason, 'tool_calls');
      assert.equal(c.message.tool_calls[0].function.name, 'get_weather');
      assert.deepEqual(JSON.parse(c.message.tool_calls[0].function.arguments),
        { city: 'Paris' });
    });

    it('stream: text + reasoning + usage', async () => {
      const s = await openai().chat.completions.create({ model, stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'capital of France?' }] });
      let text = '', reasoning = '', usage = null, finish = null;
      for await (const ch of s) {
        if (ch.usage) usage = ch.usage;
        for (const c of ch.choices) {
          text += c.delta.content ?? '';
          reasoning += c.delta.reasoning_content ?? '';
          finish = c.finish_reason ?? finish;
        }
      }
      assert.equal(reasoning, REASONING);
      assert.equal(text, ANSWER);
      assert.equal(finish, 'stop');
      if (m.streamUsage) {
        assert.equal(usage.prompt_tokens, 21);
        assert.equal(usage.completion_tokens, 13);
      } else {
        assert.equal(usage, null, 'no usage rather than zeros');
      }
    });

    it('stream: tool call', async () => {
      const s = await openai().chat.completions.create({ model, stream: true,
        tools: [OA_TOOL],
        messages: [{ role: 'user', content: 'weather in Paris?' }] });
      let args = '', name = '', finish = null;
      for await (const ch of s) {
        for (const c of ch.choices) {
          for (const t of c.delta.tool_calls ?? []) {
            name += t.function?.name ?? '';
            args += t.function?.arguments ?? '';
          }
          finish = c.finish_reason ?? finish;
        }
      }
      assert.equal(name, 'get_weather');
      assert.deepEqual(JSON.parse(args), { city: 'Paris' });
      assert.equal(finish, 'tool_calls');
    });
  });

  describe(`anthropic SDK -> ${model}`, { skip: SKIP }, () => {
    const base = { model, max_tokens: 2000,
      thinking: { type: 'enabled', budget_tokens: 1024 } };
    const tool = { name: 'get_weather', description: 'weather',
      input_schema: { type: 'object', properties: { city: { type: 'string' } } } };

    const check = (r, usage) => {
      assert.deepEqual(r.content.map((b) => b.type), ['thinking', 'text']);
      assert.equal(r.content[0].thinking, REASONING);
      // no signature to give: '' (non-streaming) or none at all (the
      // stream's content_block_start carries none, as Anthropic's own)
      assert.ok(!r.content[0].signature);
      assert.equal(r.content[1].text, ANSWER);
      assert.equal(r.stop_reason, 'end_turn');
      if (usage) {
        assert.equal(r.usage.input_tokens, 21);
        assert.equal(r.usage.output_tokens, 13);
      }
    };

    it('text + thinking + usage', async () => {
      check(await anthropic().messages.create({ ...base,
        messages: [{ role: 'user', content: 'capital of France?' }] }), true);
    });

    it('stream: text + thinking + usage', async () => {
      const s = anthropic().messages.stream({ ...base,
        messages: [{ role: 'user', content: 'capital of France?' }] });
      check(await s.finalMessage(), m.streamUsage);
    });

    for (const stream of [false, true]) {
      it(`tool call${stream ? ' (stream)' : ''}`, async () => {
        const req = { model, max_tokens: 500, tools: [tool],
          messages: [{ role: 'user', content: 'weather in Paris?' }] };
        const r = stream ? await anthropic().messages.stream(req).finalMessage()
          : await anthropic().messages.create(req);
        const tu = r.content.filter((b) => b.type === 'tool_use');
        assert.equal(r.stop_reason, 'tool_use');
        assert.equal(tu.length, 1);
        assert.equal(tu[0].name, 'get_weather');
        assert.deepEqual(tu[0].input, { city: 'Paris' });
        assert.equal(r.content.filter((b) => b.type === 'thinking')[0].thinking,
          REASONING);
      });
    }
  });

  describe(`genai SDK -> ${model}`, { skip: SKIP }, () => {
    const config = { thinkingConfig: { includeThoughts: true,
      thinkingBudget: 1024 } };
    const tools = [{ functionDeclarations: [{ name: 'get_weather',
      description: 'weather', parameters: { type: 'OBJECT',
        properties: { city: { type: 'STRING' } } } }] }];

    const collect = (parts) => ({
      thought: parts.filter((p) => p.thought).map((p) => p.text).join(''),
      text: parts.filter((p) => !p.thought && p.text).map((p) => p.text).join(''),
      calls: parts.filter((p) => p.functionCall).map((p) => p.functionCall),
    });

    it('text + thoughts + usage', async () => {
      const r = await genai().models.generateContent({ model,
        contents: 'capital of France?', config });
      const got = collect(r.candidates[0].content.parts);
      assert.equal(got.thought, REASONING);
      assert.equal(got.text, ANSWER);
      assert.equal(r.candidates[0].finishReason, 'STOP');
      assert.equal(r.usageMetadata.promptTokenCount, 21);
      assert.equal(r.usageMetadata.candidatesTokenCount, 13);
    });

    it('stream: text + thoughts + usage', async () => {
      const s = await genai().models.generateContentStream({ model,
        contents: 'capital of France?', config });
      const parts = [];
      let usage = null;
      for await (const ch of s) {
        parts.push(...(ch.candidates?.[0]?.content?.parts ?? []));
        if (ch.usageMetadata) usage = ch.usageMetadata;
      }
      const got = collect(parts);
      assert.equal(got.thought, REASONING);
      assert.equal(got.text, ANSWER);
      if (m.streamUsage) {
        assert.equal(usage.promptTokenCount, 21);
        assert.equal(usage.candidatesTokenCount, 13);
      }
    });

    for (const stream of [false, true]) {
      it(`function call${stream ? ' (stream)' : ''}`, async () => {
        const req = { model, contents: 'weather in Paris?',
          config: { ...config, tools } };
        let parts = [];
        if (stream) {
          for await (const ch of await genai().models.generateContentStream(req)) {
            parts.push(...(ch.candidates?.[0]?.content?.parts ?? []));
          }
        } else {
          parts = (await genai().models.generateContent(req))
            .candidates[0].content.parts;
        }
        const got = collect(parts);
        assert.equal(got.calls.length, 1);
        assert.equal(got.calls[0].name, 'get_weather');
        assert.deepEqual(got.calls[0].args, { city: 'Paris' });
        assert.equal(got.thought, REASONING);
      });
    }
  });
}
