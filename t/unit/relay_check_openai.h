/* OpenAI Chat Completions bodies for test_relay_check.c */

static const relay_case_t  relay_cases_openai[] = {

    /* decided: text conversations with the sampling fields */
    { "one user message",
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]}", 1, "gpt-4o", 0 },
    { "white space everywhere",
      " \r\n{ \"model\" : \"gpt-4o-mini\" ,\n\t\"messages\" : [ { \"role\""
      " : \"user\" , \"content\" : \"Hi\" } ] } \n", 1, "gpt-4o-mini", 0 },
    { "every sampling field",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}"
      "],\"temperature\":0.7,\"top_p\":1,\"max_tokens\":100,\"n\":1,"
      "\"seed\":-5,\"stop\":[\"a\",\"\"],\"presence_penalty\":-2,"
      "\"frequency_penalty\":2,\"logprobs\":true,\"top_logprobs\":20,"
      "\"user\":\"u\",\"store\":false,\"service_tier\":\"auto\","
      "\"reasoning_effort\":\"low\",\"parallel_tool_calls\":true,"
      "\"verbosity\":\"low\",\"prompt_cache_key\":\"k\","
      "\"prompt_cache_retention\":\"24h\",\"safety_identifier\":\"s\","
      "\"max_completion_tokens\":9223372036854775807}", 1, "m", 0 },
    { "bounds exactly",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}"
      "],\"temperature\":2,\"top_p\":0,\"presence_penalty\":-2.0,"
      "\"frequency_penalty\":2e0,\"top_logprobs\":0,\"max_tokens\":1,"
      "\"seed\":-9223372036854775808,\"stop\":\"\"}", 1, "m", 0 },
    { "stream with usage, options first",
      "{\"stream_options\":{\"include_usage\":true,"
      "\"include_obfuscation\":false},\"model\":\"gpt-4o\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}", 1,
      "gpt-4o", 1 },
    { "nulls are absent",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}"
      "],\"temperature\":null,\"stream\":null,\"stream_options\":null,"
      "\"stop\":null,\"n\":null,\"user\":null,\"reasoning_effort\":null}",
      1, "m", 0 },
    { "a message member with 33 keys (skipped whole: no key limit)",
      "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\",\"x\":{\"a\":1,\"b\":1,\"c\":1,"
      "\"d\":1,\"e\":1,\"f\":1,\"g\":1,\"h\":1,\"i\":1,\"j\":1,\"k\":1,"
      "\"l\":1,\"m\":1,\"n\":1,\"o\":1,\"p\":1,\"q\":1,\"r\":1,\"s\":1,"
      "\"t\":1,\"u\":1,\"v\":1,\"w\":1,\"x\":1,\"y\":1,\"z\":1,\"A\":1,"
      "\"B\":1,\"C\":1,\"D\":1,\"E\":1,\"F\":1,\"G\":1}}]}", 1, "m", 0 },
    { "system, developer, assistant turns, names",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":"
      "\"Be brief.\"},{\"role\":\"developer\",\"content\":\"\"},{\"role\":"
      "\"user\",\"name\":\"ann\",\"content\":\"Hi\"},{\"role\":"
      "\"assistant\",\"content\":null},{\"role\":\"assistant\"},{\"role\":"
      "\"assistant\",\"content\":\"Hello\",\"name\":null},{\"content\":"
      "\"And?\",\"role\":\"user\"}]}", 1, "m", 0 },
    { "escapes and UTF-8 in content",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
      "\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t "
      "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"}]}", 1, "m", 0 },
    { "text content parts, members the parse ignores",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":"
      "[{\"type\":\"text\",\"text\":\"s\",\"cache_control\":{\"type\":"
      "\"ephemeral\"}}]},{\"role\":\"user\",\"cache\":[1,{\"a\":null}],"
      "\"content\":[{\"text\":\"x\",\"type\":\"text\"},{\"type\":\"text\","
      "\"text\":\"\"}]},{\"role\":\"assistant\",\"content\":[{\"type\":"
      "\"text\",\"text\":\"y\"}]}]}", 1, "m", 0 },
    { "tool calls and results",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
      "\"x\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
      "[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
      "\"arguments\":\"{\\\"a\\\":1}\"}},{\"function\":{\"arguments\":\"\","
      "\"name\":\"g\"},\"id\":\"c2\"}]},{\"role\":\"tool\",\"tool_call_id\":"
      "\"c1\",\"content\":\"42\"},{\"role\":\"tool\",\"tool_call_id\":\"c2\","
      "\"content\":[{\"type\":\"text\",\"text\":\"43\"}]},{\"role\":"
      "\"assistant\",\"tool_calls\":null,\"content\":\"done\"},{\"role\":"
      "\"assistant\",\"tool_calls\":[]}]}", 1, "m", 0 },
    { "a call without arguments, unknown tool call members",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\","
      "\"tool_calls\":[{\"id\":\"c1\",\"index\":0,\"function\":{\"name\":"
      "\"f\",\"x\":true}}]}]}", 1, "m", 0 },
    { "tools", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"}],\"tools\":[{\"type\":\"function\",\"function\":"
      "{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}]}", 1, "m", 0 },
    { "metadata", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"}],\"metadata\":{\"a\":\"b\"}}", 1, "m", 0 },
    { "tools, choices, formats, the objects no emitter reads",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
      "\"x\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
      "\"f\",\"description\":null,\"parameters\":{\"type\":\"object\","
      "\"properties\":{\"a\":{\"type\":\"string\",\"enum\":[\"x\",1,2.5,"
      "true,null]}},\"required\":[\"a\"]},\"strict\":true}},{\"function\":"
      "{\"name\":\"g\",\"parameters\":null},\"type\":\"function\"}],"
      "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
      "\"response_format\":{\"json_schema\":{\"name\":\"s\",\"schema\":"
      "{\"type\":\"object\"},\"strict\":true},\"type\":\"json_schema\"},"
      "\"logit_bias\":{\"50256\":-100,\"1\":0.5},\"modalities\":[\"text\"],"
      "\"audio\":null,\"prediction\":{\"type\":\"content\",\"content\":"
      "\"x\"},\"web_search_options\":{},\"prompt_cache_options\":{}}", 1,
      "m", 0 },
    { "tool_choice modes, json_object",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
      "\"x\"}],\"tool_choice\":\"required\",\"response_format\":{\"type\":"
      "\"json_object\"}}", 1, "m", 0 },
    { "stream false",
      "{\"model\":\"m\",\"stream\":false,\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"}]}", 1, "m", 0 },
    { "keys and strings about the 16 bytes read at once",
      "{\"model\":\"model-of-15-byte\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"0123456789abcde\"},{\"role\":\"user\",\"content\":"
      "\"0123456789abcdef\"},{\"role\":\"user\",\"content\":"
      "\"0123456789abcdefg\"}],\"response_format\":{\"type\":\"text\"},"
      "\"prompt_cache_key\":\"0123456789abcdef\",\"safety_identifier\":"
      "\"s\",\"user\":\"u\"}", 1, "model-of-15-byte", 0 },
    { "a model of 16 bytes, UTF-8 in keys the parse ignores",
      "{\"model\":\"model-of-16-bytes\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\",\"caf\xc3\xa9\":1,\"0123456789abcdef\":2}]}", 1,
      "model-of-16-bytes", 0 },
    { "a message of 32 members",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\",\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,"
      "\"f\":1,\"g\":1,\"h\":1,\"i\":1,\"j\":1,\"k\":1,\"l\":1,"
      "\"m\":1,\"n\":1,\"o\":1,\"p\":1,\"q\":1,\"r\":1,\"s\":1,"
      "\"t\":1,\"u\":1,\"v\":1,\"w\":1,\"x\":1,\"y\":1,\"z\":1,"
      "\"A\":1,\"B\":1,\"C\":1,\"D\":1}]}", 1, "m", 0 },
    { "integers of 18 and 19 digits",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}"
      "],\"max_tokens\":999999999999999999,\"seed\":1234567890123456789,"
      "\"n\":1,\"max_completion_tokens\":10}", 1, "m", 0 },
    { "the numbers read in one pass, and those next to them",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}"
      "],\"temperature\":0.5 ,\"top_p\":0.999999999999999,"
      "\"presence_penalty\":1.5E-1,\"frequency_penalty\":1e0,"
      "\"max_tokens\":999999999999999,\"seed\":1234567890123456,"
      "\"n\":10,\"top_logprobs\":0}", 1, "m", 0 },
    { "a real of 15 digits in range", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":"
      "1.99999999999999,\"top_p\":0.0,\"max_tokens\":7}", 1, "m", 0 },
    { "one-byte escapes around UTF-8 and a control byte's escape",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
      "\"\\\"\xc3\xa9\\\"0123456789abcdef\\n\\\"\xe2\x82\xac\\t\\\\"
      "\\/0123456789\\b\\\"\\u00e9\\\"0123456789abcdef\\\"\"}]}", 1,
      "m", 0 },
    { "keys of one length and first byte in what the parse ignores",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
      "\"x\",\"nb\":1,\"na\":{\"type\":1,\"tyre\":2,\"typo\":3,"
      "\"t\":4,\"\":5}}]}", 1, "m", 0 },
    { "messages that start with role and content, and go on",
      "{\"model\":\"m\",\"messages\":[ {\"role\":\"user\",\"content\":"
      "\"x\",\"name\":\"n\"},\n{\"role\":\"tool\",\"tool_call_id\":"
      "\"c\",\"content\":\"y\"},{\"role\":\"assistant\",\"content\":"
      "null,\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":"
      "\"f\"}}]},{\"role\":\"system\"  ,\"content\":\"z\"},"
      "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
      "\"t\"}]}]}", 1, "m", 0 },
    { "messages after the model, then the other fields",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
      "\"x\"}],\"stream\":true,\"stream_options\":null}", 1, "m", 1 },
    { "tools that start as most do, and go on",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
      "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
      "\"f\\u0067\",\"strict\":false},\"x\":1},{\"type\":\"function\","
      "\"function\":{\"name\":\"h\"}}],\"tool_choice\":{\"type\":"
      "\"function\",\"function\":{\"name\":\"h\"}}}", 1, "m", 0 },
    { "calls that start as most do, and go on",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":"
      "[{\"id\":\"c\\u0031\",\"type\":\"function\",\"function\":"
      "{\"name\":\"f\\u0067\",\"arguments\":\"{}\"}},{\"id\":\"d\","
      "\"function\":{\"name\":\"g\"},\"index\":1}]}]}", 1, "m", 0 },
    { "escapes of every kind among \\\" and \\n in a block",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
      "\"0123456789abcdef\\\"a\\u00e9\\\"b\\n0123456789abcdef\\\"a\\tb"
      "\\nc\\/d\\re\\bf\\f0123456789abcdef\"}]}", 1, "m", 0 },
    { "empty objects the parse ignores, a named choice's description",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\","
      "\"x\":{},\"y\":[]}],\"tool_choice\":{\"type\":\"function\","
      "\"function\":{\"name\":\"f\",\"description\":\"d\"}}}", 1, "m", 0 },
    { "escapes and UTF-8 across the 16-byte blocks of a string",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
      "\"0123456789abcde\\\"0123456789abcd\xe2\x82\xac"
      "0123456789\\ud83d\\ude000123456789abcdef\\n\\t\\\"\\\\\\/"
      "\\b\\f\\r\\u00e90123456789abcdef\"},{\"role\":\"user\","
      "\"content\":\"x\",\"x\":[\"0123456789abcde\\n\",{\"k\":"
      "\"0123456789abcd\xc3\xa9x\"}]}]}", 1, "m", 0 },

    /* left to the parse, which accepts them */
    { "allowed_tools", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"tool_choice\":{\"type\":"
      "\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\",\"tools\":"
      "[]}}}", 0, NULL, 0 },
    { "image parts", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":"
      "\"https://x/y.png\"}}]}]}", 0, NULL, 0 },
    { "a refusal part of an assistant", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"assistant\",\"content\":[{\"type\":\"refusal\","
      "\"refusal\":\"no\"}]}]}", 0, NULL, 0 },
    { "tool calls on a user message (ignored)", "{\"model\":\"m\","
      "\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"tool_calls\":"
      "5}]}", 0, NULL, 0 },
    { "an assistant's refusal", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"assistant\",\"refusal\":\"no\"}]}", 0, NULL, 0 },
    { "reasoning_content", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"assistant\",\"content\":\"a\",\"reasoning_content\":\"r\"}]}", 0,
      NULL, 0 },
    { "an escaped part type", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":[{\"type\":\"t\\u0065xt\",\"text\":\"x\"}]}]}",
      0, NULL, 0 },
    { "a real with 17 digits", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"temperature\":0.70000000000000007}",
      0, NULL, 0 },
    { "an escaped key", "{\"mod\\u0065l\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}]}", 0, NULL, 0 },
    { "an escaped model", "{\"model\":\"g\\u0070t\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}]}", 0, NULL, 0 },

    { "a message of 33 members",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\",\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,"
      "\"f\":1,\"g\":1,\"h\":1,\"i\":1,\"j\":1,\"k\":1,\"l\":1,"
      "\"m\":1,\"n\":1,\"o\":1,\"p\":1,\"q\":1,\"r\":1,\"s\":1,"
      "\"t\":1,\"u\":1,\"v\":1,\"w\":1,\"x\":1,\"y\":1,\"z\":1,"
      "\"A\":1,\"B\":1,\"C\":1,\"D\":1,\"E\":1}]}", 0, NULL, 0 },

    /* left to the parse, which refuses them */
    { "temperature above 2", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"temperature\":2.5}", 0, NULL, 0 },
    { "top_p below 0", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"top_p\":-0.1}", 0, NULL, 0 },
    { "top_logprobs 21", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"top_logprobs\":21}", 0, NULL, 0 },
    { "max_tokens 0", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"max_tokens\":0}", 0, NULL, 0 },
    { "n a real", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"n\":1.0}", 0, NULL, 0 },
    { "stream a string", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}", 0, NULL, 0 },
    { "stream_options without stream", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\"}],\"stream_options\":"
      "{\"include_usage\":true}}", 0, NULL, 0 },
    { "stop of numbers", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"stop\":[1]}", 0, NULL, 0 },
    { "unknown effort", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"reasoning_effort\":\"extreme\"}", 0,
      NULL, 0 },
    { "seed beyond int64", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"seed\":9223372036854775808}", 0, NULL,
      0 },
    { "an unknown field", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"foo\":1}", 0, NULL, 0 },
    { "no messages", "{\"model\":\"m\"}", 0, NULL, 0 },
    { "empty messages", "{\"model\":\"m\",\"messages\":[]}", 0, NULL, 0 },
    { "no model", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
      0, NULL, 0 },
    { "empty model", "{\"model\":\"\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"}]}", 0, NULL, 0 },
    { "model twice", "{\"model\":\"a\",\"model\":\"b\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\"}]}", 0, NULL, 0 },
    { "temperature twice", "{\"model\":\"a\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"temperature\":1,\"temperature\":1}",
      0, NULL, 0 },
    { "role twice", "{\"model\":\"a\",\"messages\":[{\"role\":\"user\","
      "\"role\":\"user\",\"content\":\"x\"}]}", 0, NULL, 0 },
    { "a tool message without tool_call_id", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"tool\",\"content\":\"x\"}]}", 0, NULL, 0 },
    { "a tool message with content null", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":null}]}", 0,
      NULL, 0 },
    { "a tool call with an empty id", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"\",\"function\":"
      "{\"name\":\"f\"}}]}]}", 0, NULL, 0 },
    { "a tool call without id", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"assistant\",\"tool_calls\":[{\"function\":{\"name\":"
      "\"f\"}}]}]}", 0, NULL, 0 },
    { "a custom tool call", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":"
      "\"custom\",\"function\":{\"name\":\"f\"}}]}]}", 0, NULL, 0 },
    { "a tool call without a name", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":"
      "{\"arguments\":\"{}\"}}]}]}", 0, NULL, 0 },
    { "arguments not a string", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":"
      "{\"name\":\"f\",\"arguments\":{}}}]}]}", 0, NULL, 0 },
    { "tool_calls not an array", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"assistant\",\"tool_calls\":{}}]}", 0, NULL, 0 },
    { "an empty parts array", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":[]}]}", 0, NULL, 0 },
    { "a text part without text", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"system\",\"content\":[{\"type\":\"text\"}]}]}", 0, NULL, 0 },
    { "a text part's text a number", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":1}]}]}",
      0, NULL, 0 },
    { "a real of 15 digits just above 2", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":"
      "2.0000000000001}", 0, NULL, 0 },
    { "max_tokens 64.5", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"max_tokens\":64.5}", 0, NULL, 0 },
    { "a leading zero before a point", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\"}],\"top_p\":00.5}", 0,
      NULL, 0 },
    { "two points", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"top_p\":0.5.1}", 0, NULL, 0 },
    { "a point, then an exponent without digits", "{\"model\":\"m\","
      "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
      "\"temperature\":1.5e}", 0, NULL, 0 },
    { "role twice after role and content", "{\"model\":\"m\","
      "\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"role\":"
      "\"user\"}]}", 0, NULL, 0 },
    { "content twice after role and content", "{\"model\":\"m\","
      "\"messages\":[{\"role\":\"user\",\"content\":\"x\","
      "\"content\":\"y\"}]}", 0, NULL, 0 },
    { "role twice, the first alone", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"role\":\"user\",\"content\":\"x\"}]}", 0,
      NULL, 0 },
    { "an escaped role first", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"us\\\"er\",\"content\":\"x\"}]}", 0, NULL, 0 },
    { "a number's content after the role", "{\"model\":\"m\","
      "\"messages\":[{\"role\":\"user\",\"content\":1}]}", 0, NULL, 0 },
    { "a user's content null after the role", "{\"model\":\"m\","
      "\"messages\":[{\"role\":\"user\",\"content\":null}]}", 0, NULL,
      0 },
    { "messages twice, the first after the model", "{\"model\":\"m\","
      "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
      "\"messages\":[{\"role\":\"user\",\"content\":\"y\"}]}", 0, NULL,
      0 },
    { "a tool's type twice after its start",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
      "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
      "\"f\"},\"type\":\"function\"}]}", 0, NULL, 0 },
    { "a tool's function twice after its start",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
      "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
      "\"f\"},\"function\":{\"name\":\"g\"}}]}", 0, NULL, 0 },
    { "a function's name twice after its start",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
      "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
      "\"f\",\"name\":\"g\"}}]}", 0, NULL, 0 },
    { "a tool's function null after its start",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
      "\"tools\":[{\"type\":\"function\",\"function\":null}]}", 0, NULL,
      0 },
    { "a call's id twice after its start",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":"
      "[{\"id\":\"c\",\"function\":{\"name\":\"f\"},\"id\":\"d\"}]}]}",
      0, NULL, 0 },
    { "a call's id empty at its start",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":"
      "[{\"id\":\"\",\"function\":{\"name\":\"f\"}}]}]}", 0, NULL, 0 },
    { "a call's name twice after its function's start",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":"
      "[{\"id\":\"c\",\"function\":{\"name\":\"f\",\"name\":\"g\"}}]}"
      "]}", 0, NULL, 0 },
    { "a bad escape among good ones in a block",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
      "\"0123456789abcdef\\\"ab\\\"cd\\xef\\n0123456789abcdef\"}]}", 0,
      NULL, 0 },
    { "a bad escape after a good one in a block",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
      "\"0123456789abcdef\\nab\\ecdef0123456789abcdef\"}]}", 0, NULL,
      0 },
    { "max_tokens 1e3", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"max_tokens\":1e3}", 0, NULL, 0 },
    { "max_tokens 64.0", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"max_tokens\":64.0}", 0, NULL, 0 },
    { "max_tokens beyond int64", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"max_tokens\":99999999999999999999}",
      0, NULL, 0 },
    { "cut short after a number", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"max_tokens\":64", 0, NULL, 0 },
    { "cut short in a key", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"max_tok", 0, NULL, 0 },
    { "a key without its colon", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"max_tokens\"64}", 0, NULL, 0 },
    { "an empty message", "{\"model\":\"m\",\"messages\":[{}]}", 0, NULL,
      0 },
    { "a message key twice the parse ignores", "{\"model\":\"m\","
      "\"messages\":[{\"role\":\"user\",\"name\":\"a\",\"content\":\"x\","
      "\"name\":\"b\"}]}", 0, NULL, 0 },
    { "tool_call_id twice", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"tool\",\"tool_call_id\":\"c\",\"content\":\"x\",\"tool_call_id\":"
      "\"c\"}]}", 0, NULL, 0 },
    { "a tool call's id twice", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"id\":\"d\","
      "\"function\":{\"name\":\"f\"}}]}]}", 0, NULL, 0 },
    { "a tool call's name twice", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":"
      "{\"name\":\"f\",\"arguments\":\"\",\"name\":\"g\"}}]}]}", 0, NULL, 0 },
    { "a tool call's function twice", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":"
      "{\"name\":\"f\"},\"function\":{\"name\":\"f\"}}]}]}", 0, NULL, 0 },
    { "a tool's type twice", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\","
      "\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}", 0, NULL, 0 },
    { "a tool's description twice", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":"
      "\"function\",\"function\":{\"name\":\"f\",\"description\":\"a\","
      "\"description\":\"b\"}}]}", 0, NULL, 0 },
    { "a named choice's description twice", "{\"model\":\"m\","
      "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":"
      "{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":"
      "\"a\",\"description\":\"b\"}}}", 0, NULL, 0 },
    { "a format's type twice", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"response_format\":{\"type\":\"text\","
      "\"type\":\"text\"}}", 0, NULL, 0 },
    { "a schema's name twice", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"response_format\":{\"type\":"
      "\"json_schema\",\"json_schema\":{\"name\":\"a\",\"name\":\"b\"}}}", 0,
      NULL, 0 },
    { "a part's type twice", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":[{\"type\":\"text\",\"type\":\"text\",\"text\":"
      "\"b\"}]}]}", 0, NULL, 0 },
    { "a part key twice", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\",\"text\":"
      "\"b\"}]}]}", 0, NULL, 0 },
    { "a key twice in an ignored member", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\",\"x\":{\"a\":1,\"a\":2}}]}",
      0, NULL, 0 },
    { "a huge real in an ignored member", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\",\"x\":1e999}]}", 0, NULL, 0 },
    { "empty tools", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"}],\"tools\":[]}", 0, NULL, 0 },
    { "a custom tool", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"}],\"tools\":[{\"type\":\"custom\",\"custom\":"
      "{\"name\":\"f\"}}]}", 0, NULL, 0 },
    { "a tool without type", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"tools\":[{\"function\":{\"name\":"
      "\"f\"}}]}", 0, NULL, 0 },
    { "a tool without a name", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\","
      "\"function\":{\"parameters\":{}}}]}", 0, NULL, 0 },
    { "parameters not an object", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\","
      "\"function\":{\"name\":\"f\",\"parameters\":[]}}]}", 0, NULL, 0 },
    { "strict not a boolean", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\","
      "\"function\":{\"name\":\"f\",\"strict\":1}}]}", 0, NULL, 0 },
    { "a duplicate key in parameters", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":"
      "\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"a\":1,"
      "\"b\":{\"c\":1,\"c\":1}}}}]}", 0, NULL, 0 },
    { "an unknown tool_choice", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"tool_choice\":\"any\"}", 0, NULL, 0 },
    { "a named choice without a name", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":{\"type\":"
      "\"function\",\"function\":{}}}", 0, NULL, 0 },
    { "json_schema without a name", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\"}],\"response_format\":"
      "{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{}}}}", 0, NULL,
      0 },
    { "an unknown format", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"response_format\":{\"type\":"
      "\"yaml\"}}", 0, NULL, 0 },
    { "metadata of numbers", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"metadata\":{\"a\":1}}", 0, NULL, 0 },
    { "logit_bias of strings", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"logit_bias\":{\"1\":\"x\"}}", 0,
      NULL, 0 },
    { "audio not an object", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"audio\":true}", 0, NULL, 0 },
    { "legacy functions", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"functions\":[]}", 0, NULL, 0 },
    { "user without content", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\"}]}", 0, NULL, 0 },
    { "user content null", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":null}]}", 0, NULL, 0 },
    { "function role", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"function\",\"content\":\"x\"}]}", 0, NULL, 0 },
    { "a lone surrogate", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"\\ud800x\"}]}", 0, NULL, 0 },
    { "a low surrogate first", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"\\udc00\\ud800\"}]}", 0, NULL, 0 },
    { "\\u0000", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"a\\u0000\"}]}", 0, NULL, 0 },
    { "a bad escape at a block's end", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"0123456789abcde\\x0123456789\"}]}",
      0, NULL, 0 },
    { "a control character after an escape in a block", "{\"model\":"
      "\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"ab\\ncdefghijkl"
      "mnopq\x01r0123456789abcdef\"}]}", 0, NULL, 0 },
    { "UTF-8 cut short at a block's end", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"0123456789abcd\xe2\x82\"}]}", 0,
      NULL, 0 },
    { "a lone surrogate across a block's end", "{\"model\":\"m\","
      "\"messages\":[{\"role\":\"user\",\"content\":\"0123456789abc"
      "\\ud83dxx0123456789abcdef\"}]}", 0, NULL, 0 },
    { "a bad escape in a member the parse ignores", "{\"model\":\"m\","
      "\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"x\":"
      "[\"0123456789abcdef0123\\q\"]}]}", 0, NULL, 0 },
    { "a raw control character", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"a\nb\"}]}", 0, NULL, 0 },
    { "invalid UTF-8", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"\xff\"}]}", 0, NULL, 0 },
    { "an overlong UTF-8 form", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"\xc0\xaf\"}]}", 0, NULL, 0 },
    { "a bad escape", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"\\x\"}]}", 0, NULL, 0 },
    { "a trailing comma", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"},]}", 0, NULL, 0 },
    { "a trailing comma in the object", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\"}],}", 0, NULL, 0 },
    { "bytes after the object", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}]} x", 0, NULL, 0 },
    { "a leading zero", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"max_tokens\":01}", 0, NULL, 0 },
    { "a fraction without digits", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":1.}", 0,
      NULL, 0 },
    { "cut short", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"}", 0, NULL, 0 },
    { "not an object", "[]", 0, NULL, 0 },
    { "nothing", "", 0, NULL, 0 }
};
