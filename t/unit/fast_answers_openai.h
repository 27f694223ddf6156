/*
 * Hand-written OpenAI Chat answers (upstream chat.completion bodies) for
 * t/unit/test_fast_paths.c: the shapes the fast answer read
 * (llm_openai_read_response) takes and declines that the fixtures miss.
 * Content as a string and as parts, refusals, tool calls with ids made
 * and arguments of every kind, reasoning in each of its fields, every
 * stop, usage with its details, odd strings, errors in a 2xx, a
 * repeated key at every level, and answers the parse refuses.  take: 1
 * the fast read must take it (and give what the parse gives), 0 it must
 * decline.  Generated once; edit freely.
 */

#ifndef FAST_ANSWERS_OPENAI_H
#define FAST_ANSWERS_OPENAI_H

static const struct {
    int          take;
    const char  *body;
} fast_answers_openai[] = {
    /* the micro benchmark's answer (bench/micro.c resp_openai) */
    { 1, "{\"id\":\"chatcmpl-bench01\",\"object\":\"chat.completion\",\"cre"
         "ated\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index"
         "\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello, ben"
         "chmark! Nice to meet you.\",\"tool_calls\":[{\"id\":\"call_01\","
         "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"ar"
         "guments\":\"{\\\"city\\\":\\\"Lisbon\\\"}\"}}]},\"finish_reason\""
         ":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":42,\"completion_to"
         "kens\":17,\"total_tokens\":59}}" },
    /* strings: every escape, \u forms, raw UTF-8; usage details */
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role"
         "\":\"assistant\",\"content\":\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\t"
         "i \\u00e9\\u20ac\\ud83d\\ude00 \303\251\342\202\254\360\237\230"
         "\200 and a long tail past sixteen bytes\",\"refusal\":null,\"tool"
         "_calls\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reas"
         "on\":\"stop\"}],\"system_fingerprint\":\"fp_1\",\"service_tier\":"
         "\"default\",\"usage\":{\"prompt_tokens\":11,\"completion_tokens\""
         ":3,\"total_tokens\":14,\"prompt_tokens_details\":{\"cached_tokens"
         "\":4,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoni"
         "ng_tokens\":2,\"accepted_prediction_tokens\":0,\"rejected_predict"
         "ion_tokens\":0}}}" },
    /* a refusal: the answer, and a content_filter stop */
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role"
         "\":\"assistant\",\"content\":null,\"refusal\":\"I can't help.\"},"
         "\"logprobs\":null,\"finish_reason\":\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"\",\"refusal\":\"no\"},\"logprobs\":null,\"finish_reason\""
         ":\"length\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\",\"refusal\":\"\"},\"logprobs\":null,\"finish_reason\":"
         "null}]}" },
    /* content parts */
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"refusal\",\""
         "refusal\":\"no\",\"x\":1},{\"type\":\"text\",\"text\":\"\",\"refu"
         "sal\":5},{\"text\":\"\\u00e9\",\"type\":\"text\"}]},\"logprobs\":"
         "null,\"finish_reason\":\"stop\"}]}" },
    /* tool calls: ids made, any type, arguments of every kind */
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role"
         "\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"c1\","
         "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":"
         "\"{\\\"a\\\":1}\"}},{\"type\":\"function\",\"function\":{\"argume"
         "nts\":\"\",\"name\":\"g\"}},{\"id\":\"\",\"function\":{\"name\":"
         "\"h\"}},{\"id\":5,\"type\":\"custom\",\"function\":{\"name\":\"i"
         "\",\"arguments\":\"  \"}},{\"id\":null,\"type\":null,\"function\""
         ":{\"name\":\"j\",\"arguments\":\"{\\\"a\\\":\"}},{\"function\":{"
         "\"name\":\"k\",\"arguments\":\"[1]\"},\"index\":5},{\"id\":\"c7\""
         ",\"function\":{\"name\":\"l\",\"arguments\":\"{\\\"a\\\":1,\\\"a"
         "\\\":{\\\"b\\\":[1.5,-0,1e300,null,true,\\\"\\\\u00e9\\\"]}}\",\""
         "x\":[{}]}}]},\"logprobs\":null,\"finish_reason\":\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":null,\"tool_calls\":[]},\"logprobs\":null,\"finish_reason\":"
         "\"tool_calls\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\",\"tool_calls\":{}},\"logprobs\":null,\"finish_reason\""
         ":\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\",\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":"
         "\"f\"}}]},\"logprobs\":null,\"finish_reason\":\"length\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\",\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":"
         "\"f\"}}]},\"logprobs\":null,\"finish_reason\":\"content_filter\"}"
         "]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\",\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":"
         "\"f\"}}]},\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_rea"
         "son\":\"END\"}]}" },
    /* reasoning: reasoning_content, reasoning, thinking_blocks */
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"reaso"
         "ning_content\":\"Let me think.\",\"content\":\"42\"},\"logprobs\""
         ":null,\"finish_reason\":\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"reaso"
         "ning\":\"vllm \\u00e9\",\"content\":\"42\"},\"logprobs\":null,\"f"
         "inish_reason\":\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"reaso"
         "ning_content\":5,\"reasoning\":\"r\",\"content\":\"42\"},\"logpro"
         "bs\":null,\"finish_reason\":\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"reaso"
         "ning_content\":\"\",\"reasoning\":\"r\",\"content\":\"42\"},\"log"
         "probs\":null,\"finish_reason\":\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"reaso"
         "ning_content\":null,\"reasoning\":null,\"content\":\"42\"},\"logp"
         "robs\":null,\"finish_reason\":\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"think"
         "ing_blocks\":[{\"type\":\"thinking\",\"thinking\":\"t\",\"signatu"
         "re\":\"s\"},{\"type\":\"redacted_thinking\",\"data\":\"llm:anthro"
         "pic:x\"},{\"type\":\"thinking\",\"thinking\":\"u\",\"signature\":"
         "null},{\"type\":\"thinking\",\"thinking\":\"\"},{\"signature\":\""
         "llm:gemini:g\",\"thinking\":\"w\",\"type\":\"thinking\",\"x\":1},"
         "{\"type\":\"redacted_thinking\",\"data\":\"plain\",\"signature\":"
         "5,\"thinking\":[]},{\"type\":\"thinking\",\"thinking\":\"v\",\"si"
         "gnature\":\"llm:nobody:z\",\"data\":5}],\"reasoning_content\":\"i"
         "gnored\",\"content\":\"x\"},\"logprobs\":null,\"finish_reason\":"
         "\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"think"
         "ing_blocks\":[],\"reasoning_content\":\"r\",\"content\":\"x\"},\""
         "logprobs\":null,\"finish_reason\":\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"think"
         "ing_blocks\":null,\"reasoning\":\"r\",\"content\":\"x\"},\"logpro"
         "bs\":null,\"finish_reason\":\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"think"
         "ing_blocks\":{\"a\":1},\"content\":\"x\"},\"logprobs\":null,\"fin"
         "ish_reason\":\"stop\"}]}" },
    /* stops */
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":\"length\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":\"content_filter"
         "\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":\"function_call\""
         "}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":\"eos\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":5}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":\"tool\\u005fcall"
         "s\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_r"
         "eason\":\"END\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":null,\"stop_reaso"
         "n\":\"\\n\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_r"
         "eason\":128009}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_r"
         "eason\":\"\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\"},\"logprobs\":null,\"finish_reason\":\"length\",\"stop"
         "_reason\":\"E\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\",\"refusal\":\"r\"},\"logprobs\":null,\"finish_reason\""
         ":\"stop\",\"stop_reason\":\"E\"}]}" },
    /* ids, model, created, usage */
    { 1, "{\"choices\":[{\"message\":{\"content\":\"x\"}}]}" },
    { 1, "{\"choices\":[{\"message\":{}}],\"id\":5,\"model\":null,\"created"
         "\":\"1\"}" },
    { 1, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"created\":-1,"
         "\"id\":\"\",\"model\":\"\",\"usage\":null}" },
    { 1, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"created\":null"
         ",\"usage\":{\"prompt_tokens\":9223372036854775807,\"completion_to"
         "kens\":-5,\"prompt_tokens_details\":null,\"completion_tokens_deta"
         "ils\":[1]}}" },
    { 1, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"pro"
         "mpt_tokens\":null,\"completion_tokens\":\"7\",\"prompt_tokens_det"
         "ails\":{\"cached_tokens\":3,\"cache_write_tokens\":2},\"completio"
         "n_tokens_details\":{\"reasoning_tokens\":null}}}" },
    { 1, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":[1,2]}" },
    /* llama.cpp's timings, when usage has counts */
    { 1, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"pro"
         "mpt_tokens\":1},\"timings\":{\"prompt_n\":4,\"predicted_n\":9}}" },
    { 1, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"com"
         "pletion_tokens\":1},\"timings\":null}" },
    { 1, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"timings\":[1]}" },
    /* choices past the first: only checked */
    { 1, "{\"choices\":[{\"message\":{\"content\":\"a\"},\"finish_reason\":"
         "\"stop\"},{\"message\":{\"content\":\"b\"},\"finish_reason\":\"le"
         "ngth\",\"x\":[{\"y\":1}]},5,null]}" },
    /* error null; object not "error" */
    { 1, "{\"error\":null,\"object\":\"chat.completion\",\"choices\":[{\"me"
         "ssage\":{\"content\":\"x\"}}]}" },
    { 1, "{\"object\":5,\"choices\":[{\"message\":{\"content\":\"x\"}}]}" },
    /* function_call that is not an object: ignored */
    { 1, "{\"choices\":[{\"message\":{\"content\":\"x\",\"function_call\":n"
         "ull}}]}" },
    { 1, "{\"choices\":[{\"message\":{\"content\":\"x\",\"function_call\":"
         "\"auto\"}}]}" },
    /* white space everywhere */
    { 1, " \n{ \"id\" : \"a\" ,\r\n \"choices\" :\t[ { \"index\" : 0 , \"me"
         "ssage\" : { \"role\" : \"assistant\" , \"content\" : \"hi\" , \"t"
         "ool_calls\" : [ { \"id\" : \"c\" , \"function\" : { \"name\" : \""
         "f\" , \"arguments\" : \"{ }\" } } ] } , \"finish_reason\" : \"too"
         "l_calls\" } ] , \"usage\" : { \"prompt_tokens\" : 1 , \"prompt_to"
         "kens_details\" : { \"cached_tokens\" : 0 } } } \n" },
    /* many calls and parts */
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\",\"tool_calls\":[{\"id\":\"c0\",\"function\":{\"name\":"
         "\"f\",\"arguments\":\"{}\"}},{\"id\":\"c1\",\"function\":{\"name"
         "\":\"f\",\"arguments\":\"{}\"}},{\"id\":\"c2\",\"function\":{\"na"
         "me\":\"f\",\"arguments\":\"{}\"}},{\"id\":\"c3\",\"function\":{\""
         "name\":\"f\",\"arguments\":\"{}\"}},{\"id\":\"c4\",\"function\":{"
         "\"name\":\"f\",\"arguments\":\"{}\"}},{\"id\":\"c5\",\"function\""
         ":{\"name\":\"f\",\"arguments\":\"{}\"}},{\"id\":\"c6\",\"function"
         "\":{\"name\":\"f\",\"arguments\":\"{}\"}},{\"id\":\"c7\",\"functi"
         "on\":{\"name\":\"f\",\"arguments\":\"{}\"}},{\"id\":\"c8\",\"func"
         "tion\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},\"logprobs\":null"
         ",\"finish_reason\":\"stop\"}]}" },
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":[{\"type\":\"text\",\"text\":\"p0\"},{\"type\":\"text\",\"te"
         "xt\":\"p1\"},{\"type\":\"text\",\"text\":\"p2\"},{\"type\":\"text"
         "\",\"text\":\"p3\"},{\"type\":\"text\",\"text\":\"p4\"},{\"type\""
         ":\"text\",\"text\":\"p5\"},{\"type\":\"text\",\"text\":\"p6\"},{"
         "\"type\":\"text\",\"text\":\"p7\"},{\"type\":\"text\",\"text\":\""
         "p8\"}]},\"logprobs\":null,\"finish_reason\":\"stop\"}]}" },
    /* members the parse does not read, of any kind */
    { 1, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\""
         ":5,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"conte"
         "nt\":\"x\",\"role\":\"user\",\"tool_call_id\":5,\"name\":[]},\"lo"
         "gprobs\":null,\"finish_reason\":\"stop\"}]}" },
    /* an error in a 2xx: the parse's error */
    { 0, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"},\"cho"
         "ices\":[]}" },
    { 0, "{\"error\":\"x\",\"choices\":[{\"message\":{\"content\":\"x\"}}]}" },
    { 0, "{\"object\":\"error\",\"message\":\"x\",\"type\":\"invalid_reques"
         "t_error\"}" },
    { 0, "{\"object\":\"\\u0065rror\",\"choices\":[{\"message\":{\"content"
         "\":\"x\"}}]}" },
    /* no choices[0].message object */
    { 0, "{\"id\":\"x\"}" },
    { 0, "{\"choices\":[]}" },
    { 0, "{\"choices\":{}}" },
    { 0, "{\"choices\":[null]}" },
    { 0, "{\"choices\":[{}]}" },
    { 0, "{\"choices\":[{\"message\":null}]}" },
    { 0, "{\"choices\":[{\"message\":\"x\"}]}" },
    /* content the parse refuses */
    { 0, "{\"choices\":[{\"message\":{\"content\":5}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":{}}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":true}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":[]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":[5]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":[{\"text\":\"a\"}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"x\",\"text\""
         ":\"a\"}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\"}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"tex"
         "t\":5}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"refusal\",\""
         "text\":\"a\"}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"image_url\","
         "\"image_url\":{\"url\":\"https://x/y.png\"}}]}}]}" },
    /* tool calls the parse refuses */
    { 0, "{\"choices\":[{\"message\":{\"tool_calls\":[5]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"tool_calls\":[{\"id\":\"a\"}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"tool_calls\":[{\"id\":\"a\",\"funct"
         "ion\":5}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"tool_calls\":[{\"function\":{}}]}}]"
         "}" },
    { 0, "{\"choices\":[{\"message\":{\"tool_calls\":[{\"function\":{\"name"
         "\":5}}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"tool_calls\":[{\"function\":{\"name"
         "\":\"f\",\"arguments\":{}}}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"tool_calls\":[{\"function\":{\"name"
         "\":\"f\",\"arguments\":null}}]}}]}" },
    /* thinking_blocks the parse refuses */
    { 0, "{\"choices\":[{\"message\":{\"thinking_blocks\":[5]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"thinking_blocks\":[{\"type\":\"x\"}"
         "]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"thinking_blocks\":[{\"thinking\":\""
         "a\"}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"thinking_blocks\":[{\"type\":\"thin"
         "king\"}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"thinking_blocks\":[{\"type\":\"thin"
         "king\",\"thinking\":\"a\",\"signature\":5}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"thinking_blocks\":[{\"type\":\"thin"
         "king\",\"thinking\":5}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"thinking_blocks\":[{\"type\":\"reda"
         "cted_thinking\",\"thinking\":\"a\"}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"thinking_blocks\":[{\"type\":5}]}}]"
         "}" },
    /* duplicates, at every level */
    { 0, "{\"id\":\"a\",\"id\":\"b\",\"choices\":[{\"message\":{}}]}" },
    { 0, "{\"x\":1,\"x\":2,\"choices\":[{\"message\":{}}]}" },
    { 0, "{\"choices\":[{\"message\":{}}],\"choices\":[{\"message\":{}}]}" },
    { 0, "{\"choices\":[{\"message\":{},\"message\":{}}]}" },
    { 0, "{\"choices\":[{\"message\":{},\"index\":0,\"index\":0}]}" },
    { 0, "{\"choices\":[{\"message\":{},\"finish_reason\":\"stop\",\"finish"
         "_reason\":5}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":\"a\",\"content\":\"b\"}}"
         "]}" },
    { 0, "{\"choices\":[{\"message\":{\"role\":\"a\",\"role\":\"b\"}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"reasoning\":\"a\",\"reasoning\":5}}"
         "]}" },
    { 0, "{\"choices\":[{\"message\":{\"tool_calls\":[{\"id\":\"a\",\"id\":"
         "\"b\",\"function\":{\"name\":\"f\"}}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"tool_calls\":[{\"function\":{\"name"
         "\":\"f\",\"name\":\"g\"}}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"tool_calls\":[{\"function\":{\"name"
         "\":\"f\",\"x\":{\"a\":1,\"a\":1}}}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"tex"
         "t\":\"a\",\"text\":\"b\"}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"thinking_blocks\":[{\"type\":\"thin"
         "king\",\"thinking\":\"a\",\"thinking\":\"b\"}]}}]}" },
    { 0, "{\"choices\":[{\"message\":{}},{\"a\":1,\"a\":2}]}" },
    { 0, "{\"choices\":[{\"message\":{}}],\"usage\":{\"prompt_tokens\":1,\""
         "prompt_tokens\":2}}" },
    { 0, "{\"choices\":[{\"message\":{}}],\"usage\":{\"prompt_tokens_detail"
         "s\":{\"cached_tokens\":1,\"cached_tokens\":1}}}" },
    { 0, "{\"choices\":[{\"message\":{}}],\"usage\":{\"completion_tokens_de"
         "tails\":{\"x\":1,\"x\":1}}}" },
    { 0, "{\"choices\":[{\"message\":{}}],\"usage\":{\"total_tokens\":1,\"t"
         "otal_tokens\":1}}" },
    { 0, "{\"choices\":[{\"message\":{}}],\"timings\":{\"a\":1,\"a\":1},\"u"
         "sage\":{\"prompt_tokens\":1}}" },
    /* what the read leaves to the parse, which takes it */
    { 0, "{\"choices\":[{\"message\":{\"content\":\"x\",\"function_call\":{"
         "\"name\":\"f\",\"arguments\":\"{}\"}}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"tool_calls\":[],\"function_call\":{"
         "\"name\":\"f\"}}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"timings\":{\"p"
         "rompt_n\":4,\"cache_n\":2,\"predicted_n\":9}}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"created\":1.5}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"pro"
         "mpt_tokens\":1e2}}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"pro"
         "mpt_tokens\":9223372036854775808}}" },
    { 0, "{\"object\":\"err\\u006fr!\",\"choices\":[{\"message\":{\"content"
         "\":\"x\"}}]}" },
    { 0, "{\"\\u0069d\":\"x\",\"choices\":[{\"message\":{\"content\":\"x\"}"
         "}]}" },
    { 0, "{\"choices\":[{\"message\":{\"c\\u006fntent\":\"x\"}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"te\\u0078t\""
         ",\"text\":\"a\"}]}}]}" },
    /* what the parse refuses */
    { 0, "{\"choices\":[{\"message\":{\"content\":\"x\"}}]} x" },
    { 0, "{\"choices\":[{\"message\":{\"content\":\"x\"}}]" },
    { 0, "[{\"choices\":[{\"message\":{\"content\":\"x\"}}]}]" },
    { 0, "{\"choices\":[{\"message\":{\"content\":\"a\\u0000b\"}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":\"\\ud800\"}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":\"\303(\"}}]}" },
    { 0, "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"pro"
         "mpt_tokens\":99999999999999999999999}}" }
};

#endif /* FAST_ANSWERS_OPENAI_H */
