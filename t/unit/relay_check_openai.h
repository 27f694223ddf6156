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
    { "stream false",
      "{\"model\":\"m\",\"stream\":false,\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"}]}", 1, "m", 0 },

    /* left to the parse, which accepts them */
    { "tools", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"}],\"tools\":[{\"type\":\"function\",\"function\":"
      "{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}]}", 0, NULL,
      0 },
    { "content parts", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]}", 0, NULL, 0 },
    { "tool call and result", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"tool_calls\":"
      "[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
      "\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"c1\","
      "\"content\":\"42\"}]}", 0, NULL, 0 },
    { "metadata", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"}],\"metadata\":{\"a\":\"b\"}}", 0, NULL, 0 },
    { "a message member the parse ignores", "{\"model\":\"m\",\"messages\":"
      "[{\"role\":\"user\",\"content\":\"x\",\"cache\":1}]}", 0, NULL, 0 },
    { "a real with 17 digits", "{\"model\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}],\"temperature\":0.70000000000000007}",
      0, NULL, 0 },
    { "an escaped key", "{\"mod\\u0065l\":\"m\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}]}", 0, NULL, 0 },
    { "an escaped model", "{\"model\":\"g\\u0070t\",\"messages\":[{\"role\":"
      "\"user\",\"content\":\"x\"}]}", 0, NULL, 0 },

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
