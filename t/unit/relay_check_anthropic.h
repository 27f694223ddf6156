/* Anthropic Messages bodies for test_relay_check.c */

static const relay_case_t  relay_cases_anthropic[] = {

    /* decided: text turns, a system prompt, the sampling fields */
    { "one user message",
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,"
      "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
      1, "claude-sonnet-4-5", 0 },
    { "white space everywhere",
      " \r\n{ \"model\" : \"claude-haiku-4-5\" ,\n\t\"max_tokens\" : 8 ,"
      " \"messages\" : [ { \"role\" : \"user\" , \"content\" : \"Hi\" } ] } "
      "\n", 1, "claude-haiku-4-5", 0 },
    { "every field taken on",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"system\":\"Be brief.\",\"temperature\":0.7,"
      "\"top_p\":0.9,\"top_k\":40,\"stop_sequences\":[\"\\n\\nHuman:\",\"\"],"
      "\"stream\":true,\"metadata\":{\"user_id\":\"u-1\"},"
      "\"service_tier\":\"auto\"}", 1, "m", 1 },
    { "fields before the model",
      "{\"stream\":false,\"messages\":[{\"content\":\"Hi\","
      "\"role\":\"user\"}],\"max_tokens\":1,\"model\":\"m\"}", 1, "m", 0 },
    { "nulls are absent",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"system\":null,\"temperature\":null,"
      "\"top_p\":null,\"top_k\":null,\"stop_sequences\":null,\"stream\":null,"
      "\"metadata\":{\"user_id\":null},\"service_tier\":null}", 1, "m", 0 },
    { "metadata null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"metadata\":null}", 1, "m", 0 },
    { "text blocks in system and content",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},{\"text\":\"there\","
      "\"type\":\"text\"}]}],\"system\":[{\"type\":\"text\","
      "\"text\":\"Be brief.\"},{\"text\":\"Be kind.\",\"type\":\"text\"}]}",
      1, "m", 0 },
    { "turns in any order, as the parse takes them",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"assistant"
      "\",\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"Hi\"},"
      "{\"role\":\"user\",\"content\":\"Again\"},{\"role\":\"assistant\","
      "\"content\":[{\"type\":\"text\",\"text\":\"Yes\"}]}]}", 1, "m", 0 },
    { "a final assistant turn of an empty list",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":[]}]}",
      1, "m", 0 },
    { "an assistant turn of an empty list alone",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"content\":[],"
      "\"role\":\"assistant\"}]}", 1, "m", 0 },
    { "empty strings and lists the parse takes",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tex"
      "t\",\"text\":\"\"}]}],\"system\":[],\"stop_sequences\":[],"
      "\"metadata\":{}}", 1, "m", 0 },
    { "empty system string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"system\":\"\"}", 1, "m", 0 },
    { "bounds: max_tokens 0, top_k 0, int64 max",
      "{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"top_k\":0}", 1, "m", 0 },
    { "max_tokens the largest integer",
      "{\"model\":\"m\",\"max_tokens\":9223372036854775807,"
      "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
      "\"top_k\":9223372036854775807}", 1, "m", 0 },
    { "temperature and top_p out of the API range",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"temperature\":1.5,\"top_p\":-2e0}", 1, "m", 0 },
    { "escapes and UTF-8 in text",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\"
      "r\\t \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"}]}", 1, "m", 0 },
    { "UTF-8 in the model",
      "{\"model\":\"m\xc3\xa9\",\"max_tokens\":1,\"messages\":[{\"role\":\"us"
      "er\",\"content\":\"Hi\"}]}", 1, "m\xc3\xa9", 0 },
    { "stream false",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"stream\":false}", 1, "m", 0 },

    /* left to the parse, which accepts them */
    { "tools",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"tools\":[{\"name\":\"f\","
      "\"input_schema\":{\"type\":\"object\"}}]}", 0, NULL, 0 },
    { "tool use and result",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"to"
      "ol_use\",\"id\":\"t1\",\"name\":\"f\",\"input\":{}}]},"
      "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
      "\"tool_use_id\":\"t1\",\"content\":\"42\"}]}]}", 0, NULL, 0 },
    { "an image block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\","
      "\"url\":\"https://x/y.png\"}}]}]}", 0, NULL, 0 },
    { "a document block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"text\","
      "\"media_type\":\"text/plain\",\"data\":\"x\"}}]}]}", 0, NULL, 0 },
    { "cache_control in a text block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"text\",\"text\":\"x\","
      "\"cache_control\":{\"type\":\"ephemeral\"}}]}]}", 0, NULL, 0 },
    { "cache_control in a system block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"system\":[{\"type\":\"text\",\"text\":\"x\","
      "\"cache_control\":{\"type\":\"ephemeral\"}}]}", 0, NULL, 0 },
    { "thinking",
      "{\"model\":\"m\",\"max_tokens\":2048,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"thinking\":{\"type\":\"enabled\","
      "\"budget_tokens\":1024}}", 0, NULL, 0 },
    { "a message member the parse ignores",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\",\"id\":1}]}", 0, NULL, 0 },
    { "metadata with another member",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"metadata\":{\"user_id\":\"u\",\"x\":1}}",
      0, NULL, 0 },
    { "max_tokens an integral real",
      "{\"model\":\"m\",\"max_tokens\":1024.0,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "top_k an integral real",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"top_k\":5.0}", 0, NULL, 0 },
    { "a real with 17 digits",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"temperature\":0.70000000000000007}",
      0, NULL, 0 },
    { "an escaped key",
      "{\"mod\\u0065l\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "an escaped model",
      "{\"model\":\"cl\\u0061ude\",\"max_tokens\":1,\"messages\":[{\"role\":"
      "\"user\",\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "an escaped role",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"us\\u0065"
      "r\",\"content\":\"x\"}]}", 0, NULL, 0 },
    { "an escaped block type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"t\\u0065xt\",\"text\":\"x\"}]}]}",
      0, NULL, 0 },
    { "an empty model",
      "{\"model\":\"\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "output_config",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"output_config\":{\"effort\":\"low\"}}",
      0, NULL, 0 },
    { "an extra the parse types",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"inference_geo\":\"us\"}", 0, NULL, 0 },

    /* left to the parse, which refuses them */
    { "no max_tokens",
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "max_tokens null",
      "{\"model\":\"m\",\"max_tokens\":null,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "max_tokens -1",
      "{\"model\":\"m\",\"max_tokens\":-1,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "max_tokens 1.5",
      "{\"model\":\"m\",\"max_tokens\":1.5,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "max_tokens a string",
      "{\"model\":\"m\",\"max_tokens\":\"16\",\"messages\":[{\"role\":\"user"
      "\",\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "max_tokens beyond int64",
      "{\"model\":\"m\",\"max_tokens\":9223372036854775808,"
      "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "top_k -1",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"top_k\":-1}", 0, NULL, 0 },
    { "top_k 1.5",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"top_k\":1.5}", 0, NULL, 0 },
    { "top_k a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"top_k\":\"1\"}", 0, NULL, 0 },
    { "temperature a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"temperature\":\"0.5\"}", 0, NULL, 0 },
    { "temperature overflows",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"temperature\":1e999}", 0, NULL, 0 },
    { "top_p a boolean",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"top_p\":true}", 0, NULL, 0 },
    { "stop_sequences a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"stop_sequences\":\"x\"}", 0, NULL, 0 },
    { "stop_sequences of numbers",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"stop_sequences\":[1]}", 0, NULL, 0 },
    { "stop_sequences with null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"stop_sequences\":[null]}", 0, NULL, 0 },
    { "stream a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"stream\":\"yes\"}", 0, NULL, 0 },
    { "stream 1",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"stream\":1}", 0, NULL, 0 },
    { "metadata a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"metadata\":\"u\"}", 0, NULL, 0 },
    { "metadata user_id a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"metadata\":{\"user_id\":1}}", 0, NULL, 0 },
    { "service_tier a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"service_tier\":1}", 0, NULL, 0 },
    { "system a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"system\":1}", 0, NULL, 0 },
    { "system a list of strings",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"system\":[\"x\"]}", 0, NULL, 0 },
    { "system block of another type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"system\":[{\"type\":\"image\",\"text\":\"x\"}]}",
      0, NULL, 0 },
    { "system block without text",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"system\":[{\"type\":\"text\"}]}", 0, NULL, 0 },
    { "system block text null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"system\":[{\"type\":\"text\",\"text\":null}]}",
      0, NULL, 0 },
    { "no messages", "{\"model\":\"m\",\"max_tokens\":1}", 0, NULL, 0 },
    { "messages null",
      "{\"model\":\"m\",\"max_tokens\":1,\"messages\":null}", 0, NULL, 0 },
    { "messages an object",
      "{\"model\":\"m\",\"max_tokens\":1,\"messages\":{}}", 0, NULL, 0 },
    { "empty messages",
      "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]}", 0, NULL, 0 },
    { "a message a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[\"Hi\"]}",
      0, NULL, 0 },
    { "role system",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"system\","
      "\"content\":\"x\"}]}", 0, NULL, 0 },
    { "role tool",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"tool\","
      "\"content\":\"x\"}]}", 0, NULL, 0 },
    { "no role",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"content\":\"x\"}]}",
      0, NULL, 0 },
    { "role a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":1,"
      "\"content\":\"x\"}]}", 0, NULL, 0 },
    { "no content",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\"}]}",
      0, NULL, 0 },
    { "content null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":null}]}", 0, NULL, 0 },
    { "content a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":1}]}", 0, NULL, 0 },
    { "a user turn of an empty list",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[]}]}", 0, NULL, 0 },
    { "an empty assistant turn not last",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"},{\"role\":\"assistant\",\"content\":[]},"
      "{\"role\":\"user\",\"content\":\"y\"}]}", 0, NULL, 0 },
    { "a block a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[\"x\"]}]}", 0, NULL, 0 },
    { "a block without type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"text\":\"x\"}]}]}", 0, NULL, 0 },
    { "a text block without text",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"text\"}]}]}", 0, NULL, 0 },
    { "a text block text null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"text\",\"text\":null}]}]}", 0, NULL, 0 },
    { "a text block text a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"text\",\"text\":1}]}]}", 0, NULL, 0 },
    { "no model",
      "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "model null",
      "{\"model\":null,\"max_tokens\":1,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "model a number",
      "{\"model\":1,\"max_tokens\":1,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "an unknown field",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"foo\":1}", 0, NULL, 0 },
    { "model twice",
      "{\"model\":\"a\",\"model\":\"b\",\"max_tokens\":1,"
      "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "max_tokens twice",
      "{\"model\":\"m\",\"max_tokens\":1,\"max_tokens\":1,"
      "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "messages twice",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"}]}", 0, NULL, 0 },
    { "stream twice",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"stream\":true,\"stream\":true}", 0, NULL, 0 },
    { "temperature twice",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"temperature\":1,\"temperature\":1}",
      0, NULL, 0 },
    { "system twice",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"system\":\"a\",\"system\":\"a\"}", 0, NULL, 0 },
    { "role twice",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"role\":\"user\",\"content\":\"x\"}]}", 0, NULL, 0 },
    { "content twice",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\",\"content\":\"x\"}]}", 0, NULL, 0 },
    { "type twice in a block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"text\",\"type\":\"text\",\"text\":\"x\"}]}]}",
      0, NULL, 0 },
    { "text twice in a block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"text\",\"text\":\"x\",\"text\":\"y\"}]}]}",
      0, NULL, 0 },
    { "user_id twice",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"metadata\":{\"user_id\":\"a\","
      "\"user_id\":\"a\"}}", 0, NULL, 0 },
    { "a lone surrogate",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"\\ud800x\"}]}", 0, NULL, 0 },
    { "a low surrogate first",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"\\udc00\\ud800\"}]}", 0, NULL, 0 },
    { "\\u0000",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"a\\u0000\"}]}", 0, NULL, 0 },
    { "a raw control character",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"a\nb\"}]}", 0, NULL, 0 },
    { "invalid UTF-8",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"\xff\"}]}", 0, NULL, 0 },
    { "an overlong UTF-8 form",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"\xc0\xaf\"}]}", 0, NULL, 0 },
    { "invalid UTF-8 in a block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"text\",\"text\":\"\xed\xa0\x80\"}]}]}",
      0, NULL, 0 },
    { "a bad escape",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"\\x\"}]}", 0, NULL, 0 },
    { "a trailing comma in messages",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\"},]}", 0, NULL, 0 },
    { "a trailing comma in a message",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"x\",}]}", 0, NULL, 0 },
    { "a trailing comma in blocks",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"text\",\"text\":\"x\"},]}]}", 0, NULL, 0 },
    { "a trailing comma in the object",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"stream\":true,}", 0, NULL, 0 },
    { "bytes after the object",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]} x", 0, NULL, 0 },
    { "a leading zero",
      "{\"model\":\"m\",\"max_tokens\":01,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]}", 0, NULL, 0 },
    { "a fraction without digits",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"temperature\":1.}", 0, NULL, 0 },
    { "cut short",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}]", 0, NULL, 0 },
    { "not an object", "[]", 0, NULL, 0 },
    { "nothing", "", 0, NULL, 0 }
};
