/* Anthropic Messages bodies for test_relay_check.c */

static const relay_case_t  relay_cases_anthropic[] = {

    /* decided: text turns, a system prompt, the sampling fields */
    { "input with 33 keys (skipped whole: no key limit)",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"name\":\"f\",\"input\":{\"k0\":0,\"k1\":1,\"k2\":2,\""
      "k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,"
      "\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17"
      "\":17,\"k18\":18,\"k19\":19,\"k20\":20,\"k21\":21,\"k22\":22,\"k23\":23,"
      "\"k24\":24,\"k25\":25,\"k26\":26,\"k27\":27,\"k28\":28,\"k29\":29,\"k30"
      "\":30,\"k31\":31,\"k32\":32}}]}]}",
      1, "m", 0 },
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

    /* decided: agent traffic */
    { "an extra the parse types",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"inference_geo\":\"us\"}", 1, "m", 0 },
    { "output_config",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"output_config\":{\"effort\":\"low\"}}",
      1, "m", 0 },
    { "thinking",
      "{\"model\":\"m\",\"max_tokens\":2048,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"thinking\":{\"type\":\"enabled\","
      "\"budget_tokens\":1024}}", 1, "m", 0 },
    { "a document block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"text\","
      "\"media_type\":\"text/plain\",\"data\":\"x\"}}]}]}", 1, "m", 0 },
    { "an image block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\","
      "\"url\":\"https://x/y.png\"}}]}]}", 1, "m", 0 },
    { "tools",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
      "\"content\":\"Hi\"}],\"tools\":[{\"name\":\"f\","
      "\"input_schema\":{\"type\":\"object\"}}]}", 1, "m", 0 },
    { "a Claude Code conversation",
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32000,\"system\":[{\"typ"
      "e\":\"text\",\"text\":\"You are Claude Code.\",\"cache_control\":{\"type"
      "\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"Env: linux\",\"cache_co"
      "ntrol\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],\"messages\":[{\"role"
      "\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"<system-reminder>"
      "ctx</system-reminder>\"},{\"type\":\"text\",\"text\":\"Read a.c\",\"cach"
      "e_control\":{\"type\":\"ephemeral\"}}]},{\"role\":\"assistant\",\"conten"
      "t\":[{\"type\":\"thinking\",\"thinking\":\"Read it.\",\"signature\":\"Eq"
      "QBCkgIsig==\"},{\"type\":\"text\",\"text\":\"Reading.\"},{\"type\":\"too"
      "l_use\",\"id\":\"toolu_01\",\"name\":\"Read\",\"input\":{\"path\":\"a.c"
      "\",\"opts\":{\"n\":1,\"flags\":[true,null,1.5]}}}]},{\"role\":\"user\","
      "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\",\"co"
      "ntent\":\"int main;\",\"cache_control\":{\"type\":\"ephemeral\"}}]},{\"r"
      "ole\":\"assistant\",\"content\":[{\"type\":\"redacted_thinking\",\"data"
      "\":\"EmwKAhgB\"},{\"type\":\"tool_use\",\"id\":\"toolu_02\",\"name\":\"B"
      "ash\",\"input\":{}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_r"
      "esult\",\"tool_use_id\":\"toolu_02\",\"is_error\":true,\"content\":[{\"t"
      "ype\":\"text\",\"text\":\"exit 1\",\"cache_control\":{\"type\":\"ephemer"
      "al\"}}]},{\"type\":\"text\",\"text\":\"fix it\"}]}],\"tools\":[{\"name\""
      ":\"Read\",\"description\":\"Reads a file\",\"input_schema\":{\"type\":\""
      "object\",\"properties\":{\"path\":{\"type\":\"string\"},\"n\":{\"type\":"
      "\"integer\",\"minimum\":0}},\"required\":[\"path\"]}},{\"name\":\"Bash\""
      ",\"input_schema\":{\"type\":\"object\",\"properties\":{\"command\":{\"ty"
      "pe\":\"string\"}},\"$schema\":\"http://json-schema.org/draft-07/schema#"
      "\",\"additionalProperties\":false},\"cache_control\":{\"type\":\"ephemer"
      "al\"}}],\"tool_choice\":{\"type\":\"auto\"},\"thinking\":{\"type\":\"ena"
      "bled\",\"budget_tokens\":1024},\"metadata\":{\"user_id\":\"user_abc_acco"
      "unt_x_session_y\"},\"stream\":true,\"temperature\":1}",
      1, "claude-sonnet-4-5", 1 },
    { "cache_control and citations in a text block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":"
      "\"ephemeral\"},\"citations\":[{\"type\":\"char_location\",\"cited_text\""
      ":\"x\"}]}]}]}",
      1, "m", 0 },
    { "cache_control in a system block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"system\":[{\"type\":\"text\",\"text\":\"x\",\"cache_c"
      "ontrol\":{\"type\":\"ephemeral\"}}]}",
      1, "m", 0 },
    { "a message member the parse ignores",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"x\",\"id\":1,\"cache_control\":null}]}",
      1, "m", 0 },
    { "metadata with another member",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"metadata\":{\"user_id\":\"u\",\"x\":{\"y\":[1]}}}",
      1, "m", 0 },
    { "type last in blocks",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"text\":\"x\",\"type\":\"text\"},{\"source\":{\"url\":\"https"
      "://x/y.png\",\"type\":\"url\"},\"type\":\"image\"}]}]}",
      1, "m", 0 },
    { "tool use and result",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"x\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use"
      "\",\"id\":\"t1\",\"name\":\"f\",\"input\":{}}]},{\"role\":\"user\",\"con"
      "tent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"4"
      "2\"}]}]}",
      1, "m", 0 },
    { "tool_use before its type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"input\":{\"a\":{"
      "\"b\":{}}},\"name\":\"f\",\"id\":\"\",\"type\":\"tool_use\"}]}]}",
      1, "m", 0 },
    { "tool_result content null, empty list, is_error null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":nul"
      "l,\"is_error\":null},{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"c"
      "ontent\":[]},{\"type\":\"tool_result\",\"tool_use_id\":\"\"}]}]}",
      1, "m", 0 },
    { "tool_result content: text, images, dropped blocks",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":[{"
      "\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image\",\"source\":{\"type"
      "\":\"base64\",\"media_type\":\"image/gif\",\"data\":\"\"}},{\"type\":\"d"
      "ocument\",\"source\":5},{\"type\":\"tool_use\"},{\"type\":\"tool_result"
      "\",\"content\":7},{\"type\":\"search_result\",\"content\":[],\"source\":"
      "\"s\",\"title\":\"t\"}]}]}]}",
      1, "m", 0 },
    { "results and calls in any turn: the parse pairs none",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_use\",\"id\":\"a\",\"name\":\"f\",\"input\":{}"
      "}]},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_result\",\"too"
      "l_use_id\":\"b\"}]}]}",
      1, "m", 0 },
    { "an image: base64, url, a Files API id",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_typ"
      "e\":\"image/png\",\"data\":\"iVBO\"}},{\"type\":\"image\",\"source\":{\""
      "type\":\"url\",\"url\":\"https://x/y.jpg\"},\"cache_control\":{\"type\":"
      "\"ephemeral\"}},{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file"
      "_id\":\"file_1\",\"x\":[]}}]}]}",
      1, "m", 0 },
    { "a document and server tool blocks, dropped unread",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_ty"
      "pe\":\"text/plain\",\"data\":\"x\"},\"title\":null},{\"type\":\"server_t"
      "ool_use\",\"id\":1},{\"type\":\"web_search_tool_result\",\"content\":{\""
      "x\":1}},{\"type\":\"text\",\"text\":\"y\"}]}]}",
      1, "m", 0 },
    { "thinking and redacted_thinking blocks",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"thinkin"
      "g\",\"thinking\":\"\",\"signature\":\"llm:openai:abc\"},{\"type\":\"reda"
      "cted_thinking\",\"data\":\"\"},{\"type\":\"text\",\"text\":\"ok\"}]}]}",
      1, "m", 0 },
    { "thinking blocks in a user turn (the parse takes them)",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"s\"}]"
      "}]}",
      1, "m", 0 },
    { "tools: custom, typed custom, type null, a server tool",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"name\":\"f\",\"input_schema\":{},\"strict"
      "\":true,\"description\":null},{\"type\":\"custom\",\"name\":\"g\",\"desc"
      "ription\":\"d\",\"input_schema\":{\"type\":\"object\"},\"strict\":null,"
      "\"cache_control\":{\"type\":\"ephemeral\"}},{\"type\":null,\"name\":\"h"
      "\",\"input_schema\":{}},{\"type\":\"web_search_20250305\",\"name\":\"web"
      "_search\",\"max_uses\":5,\"allowed_domains\":[\"a.com\"]},{\"type\":\"ba"
      "sh_20250124\"}]}",
      1, "m", 0 },
    { "tools empty, tools null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[],\"tool_choice\":null}",
      1, "m", 0 },
    { "tools null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":null}",
      1, "m", 0 },
    { "tool_choice auto with members the parse ignores",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_t"
      "ool_use\":true,\"name\":5}}",
      1, "m", 0 },
    { "tool_choice any",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tool_choice\":{\"disable_parallel_tool_use\":null,\"t"
      "ype\":\"any\"}}",
      1, "m", 0 },
    { "tool_choice none",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tool_choice\":{\"type\":\"none\"}}",
      1, "m", 0 },
    { "tool_choice tool",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tool_choice\":{\"name\":\"f\",\"type\":\"tool\",\"dis"
      "able_parallel_tool_use\":false}}",
      1, "m", 0 },
    { "thinking disabled, budget unread",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":{\"type\":\"disabled\",\"budget_tokens\":"
      "\"x\"}}",
      1, "m", 0 },
    { "thinking adaptive",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":{\"type\":\"adaptive\",\"display\":\"summa"
      "rized\"}}",
      1, "m", 0 },
    { "thinking enabled",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":{\"budget_tokens\":9223372036854775807,\"t"
      "ype\":\"enabled\"}}",
      1, "m", 0 },
    { "thinking null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":null}",
      1, "m", 0 },
    { "output_config: effort and format",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"output_config\":{\"effort\":\"max\",\"format\":{\"typ"
      "e\":\"json_schema\",\"schema\":{\"type\":\"object\"},\"name\":\"x\"}}}",
      1, "m", 0 },
    { "output_config effort null, format null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"output_config\":{\"effort\":null,\"format\":null},\"o"
      "utput_format\":{\"type\":\"json_schema\",\"schema\":{}}}",
      1, "m", 0 },
    { "output_format unread after output_config.format",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"output_format\":7,\"output_config\":{\"format\":{\"ty"
      "pe\":\"json_schema\",\"schema\":{}}}}",
      1, "m", 0 },
    { "the extras the parse types",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"inference_geo\":\"us\",\"speed\":null,\"cache_control"
      "\":{\"type\":\"ephemeral\"},\"context_management\":{\"edits\":[{\"type\""
      ":\"clear_tool_uses_20250919\"}]},\"container\":\"c1\",\"mcp_servers\":[{"
      "\"type\":\"url\",\"url\":\"https://x\"}]}",
      1, "m", 0 },
    { "the fields the parse does not read",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"diagnostics\":[1],\"compaction\":null,\"fallbacks\":{"
      "\"a\":1},\"fallback_credit_token\":\"t\",\"billing_policy\":true,\"threa"
      "d\":0,\"container\":{\"id\":\"c\"}}",
      1, "m", 0 },

    /* left to the parse, which accepts them: shapes the check does not
     * take on */
    { "a tool type a number (the parse takes it as custom)",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"type\":1,\"name\":\"f\",\"input_schema\":"
      "{}}]}",
      0, NULL, 0 },
    { "an escaped tool type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"type\":\"cust\\u006fm\",\"name\":\"f\",\""
      "input_schema\":{}}]}",
      0, NULL, 0 },
    { "an escaped block type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"t\\u0065xt\",\"text\":\"x\"}]}]}",
      0, NULL, 0 },
    { "budget_tokens an integral real",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":10"
      "24.0}}",
      0, NULL, 0 },
    { "a message with 33 other members",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"x\",\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6"
      "\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11,\"k12\":12,\"k13\""
      ":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k18\":18,\"k19\":19,\""
      "k20\":20,\"k21\":21,\"k22\":22,\"k23\":23,\"k24\":24,\"k25\":25,\"k26\":"
      "26,\"k27\":27,\"k28\":28,\"k29\":29,\"k30\":30,\"k31\":31,\"k32\":32}]}",
      0, NULL, 0 },
    { "an input_schema nested 70 deep",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"name\":\"f\",\"input_schema\":{\"a\":{\"a"
      "\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\""
      ":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{"
      "\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\""
      "a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a"
      "\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\""
      ":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{"
      "\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":1}}}}}}}}}}}}}}}}}}}}}}}"
      "}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}]}",
      0, NULL, 0 },
    { "an escaped key in input",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"name\":\"f\",\"input\":{\"\\u0061\":1}}]}]}",
      0, NULL, 0 },

    /* left to the parse, which refuses them: the rules of agent
     * traffic */
    { "a key twice in input_schema",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":"
      "\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"type\":\"integer"
      "\"}}}}]}",
      0, NULL, 0 },
    { "a key twice in input",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"name\":\"f\",\"input\":{\"a\":1,\"a\":2}}]}]}",
      0, NULL, 0 },
    { "cache_control twice in a block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":"
      "\"ephemeral\"},\"cache_control\":{\"type\":\"ephemeral\"}}]}]}",
      0, NULL, 0 },
    { "a key twice in cache_control",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":"
      "\"ephemeral\",\"type\":\"ephemeral\"}}]}]}",
      0, NULL, 0 },
    { "an ignored member twice in a message",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"x"
      "\":1,\"content\":\"x\",\"x\":1}]}",
      0, NULL, 0 },
    { "input twice",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"name\":\"f\",\"input\":{},\"input\":{}}]}]}",
      0, NULL, 0 },
    { "type twice in a tool_use",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"name\":\"f\",\"input\":{},\"type\":\"tool_use\"}]}]}",
      0, NULL, 0 },
    { "a key twice in a tool",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"name\":\"f\",\"input_schema\":{},\"cache_"
      "control\":{\"type\":\"ephemeral\"},\"cache_control\":{\"type\":\"ephemer"
      "al\"}}]}",
      0, NULL, 0 },
    { "a key twice in a server tool",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"type\":\"web_search_20250305\",\"name\":"
      "\"w\",\"name\":\"w\"}]}",
      0, NULL, 0 },
    { "a key twice in tool_choice",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tool_choice\":{\"type\":\"auto\",\"type\":\"auto\"}}",
      0, NULL, 0 },
    { "a key twice in thinking",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":{\"type\":\"disabled\",\"x\":1,\"x\":1}}",
      0, NULL, 0 },
    { "a key twice in a dropped block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"document\",\"a\":1,\"a\":1}]}]}",
      0, NULL, 0 },
    { "a key twice in a nested dropped block",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":[{"
      "\"type\":\"document\",\"a\":1,\"a\":1}]}]}]}",
      0, NULL, 0 },
    { "tools twice",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[],\"tools\":[]}",
      0, NULL, 0 },
    { "invalid JSON in cache_control",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":"
      "\"ephemeral\",}}]}]}",
      0, NULL, 0 },
    { "a lone surrogate in input",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"name\":\"f\",\"input\":{\"a\":\"\\ud800\"}}]}]}",
      0, NULL, 0 },
    { "tool_result without tool_use_id",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"content\":\"x\"}]}]}",
      0, NULL, 0 },
    { "tool_use_id a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":1}]}]}",
      0, NULL, 0 },
    { "tool_use_id null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":null}]}]}",
      0, NULL, 0 },
    { "is_error a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"is_error\":\""
      "yes\"}]}]}",
      0, NULL, 0 },
    { "tool_result content a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":1}]"
      "}]}",
      0, NULL, 0 },
    { "tool_result content an object",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":{\""
      "type\":\"text\",\"text\":\"x\"}}]}]}",
      0, NULL, 0 },
    { "a nested block without type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":[{"
      "\"text\":\"x\"}]}]}]}",
      0, NULL, 0 },
    { "a nested block not an object",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":[\""
      "x\"]}]}]}",
      0, NULL, 0 },
    { "a nested text block without text",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":[{"
      "\"type\":\"text\"}]}]}]}",
      0, NULL, 0 },
    { "a nested image with a bad media type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":[{"
      "\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"imag"
      "e/bmp\",\"data\":\"\"}}]}]}]}",
      0, NULL, 0 },
    { "tool_use without id",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"name\":\"f\",\"input\":{}}]}]}",
      0, NULL, 0 },
    { "tool_use without name",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"input\":{}}]}]}",
      0, NULL, 0 },
    { "tool_use name null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"name\":null,\"input\":{}}]}]}",
      0, NULL, 0 },
    { "tool_use without input",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"name\":\"f\"}]}]}",
      0, NULL, 0 },
    { "tool_use input null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"name\":\"f\",\"input\":null}]}]}",
      0, NULL, 0 },
    { "tool_use input a list",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"name\":\"f\",\"input\":[]}]}]}",
      0, NULL, 0 },
    { "tool_use input a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_us"
      "e\",\"id\":\"t\",\"name\":\"f\",\"input\":\"{}\"}]}]}",
      0, NULL, 0 },
    { "a thinking block without signature",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"thinkin"
      "g\",\"thinking\":\"t\"}]}]}",
      0, NULL, 0 },
    { "a thinking block signature null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"thinkin"
      "g\",\"thinking\":\"t\",\"signature\":null}]}]}",
      0, NULL, 0 },
    { "a redacted_thinking block without data",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"redacte"
      "d_thinking\"}]}]}",
      0, NULL, 0 },
    { "a block type null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":null,\"text\":\"x\"}]}]}",
      0, NULL, 0 },
    { "a block type a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":1}]}]}",
      0, NULL, 0 },
    { "an image without source",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"image\"}]}]}",
      0, NULL, 0 },
    { "an image source null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"image\",\"source\":null}]}]}",
      0, NULL, 0 },
    { "an image source without type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"image\",\"source\":{\"url\":\"u\"}}]}]}",
      0, NULL, 0 },
    { "an image source of another type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"image\",\"source\":{\"type\":\"bytes\",\"data\":\""
      "\"}}]}]}",
      0, NULL, 0 },
    { "an image of another media type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_typ"
      "e\":\"image/bmp\",\"data\":\"\"}}]}]}",
      0, NULL, 0 },
    { "a base64 image without data",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_typ"
      "e\":\"image/png\"}}]}]}",
      0, NULL, 0 },
    { "a url image without url",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":[{\"type\":\"image\",\"source\":{\"type\":\"url\"}}]}]}",
      0, NULL, 0 },
    { "a tool without name",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"input_schema\":{}}]}",
      0, NULL, 0 },
    { "a tool name a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"name\":1,\"input_schema\":{}}]}",
      0, NULL, 0 },
    { "a tool without input_schema",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"name\":\"f\"}]}",
      0, NULL, 0 },
    { "a tool input_schema null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"name\":\"f\",\"input_schema\":null}]}",
      0, NULL, 0 },
    { "a tool input_schema a list",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"name\":\"f\",\"input_schema\":[]}]}",
      0, NULL, 0 },
    { "a tool description a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"name\":\"f\",\"description\":1,\"input_sc"
      "hema\":{}}]}",
      0, NULL, 0 },
    { "a tool strict a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"name\":\"f\",\"input_schema\":{},\"strict"
      "\":\"true\"}]}",
      0, NULL, 0 },
    { "a custom tool without name",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[{\"type\":\"custom\",\"input_schema\":{}}]}",
      0, NULL, 0 },
    { "tools an object",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":{}}",
      0, NULL, 0 },
    { "a tool a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[\"f\"]}",
      0, NULL, 0 },
    { "a tool null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tools\":[null]}",
      0, NULL, 0 },
    { "tool_choice a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tool_choice\":\"auto\"}",
      0, NULL, 0 },
    { "tool_choice without type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tool_choice\":{\"name\":\"f\"}}",
      0, NULL, 0 },
    { "tool_choice type required",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tool_choice\":{\"type\":\"required\"}}",
      0, NULL, 0 },
    { "tool_choice tool without name",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tool_choice\":{\"type\":\"tool\"}}",
      0, NULL, 0 },
    { "tool_choice tool name null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tool_choice\":{\"type\":\"tool\",\"name\":null}}",
      0, NULL, 0 },
    { "disable_parallel_tool_use a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_t"
      "ool_use\":\"1\"}}",
      0, NULL, 0 },
    { "thinking a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":\"enabled\"}",
      0, NULL, 0 },
    { "thinking without type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":{\"budget_tokens\":2048}}",
      0, NULL, 0 },
    { "thinking type on",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":{\"type\":\"on\"}}",
      0, NULL, 0 },
    { "thinking enabled without budget",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":{\"type\":\"enabled\"}}",
      0, NULL, 0 },
    { "budget_tokens 1023",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":10"
      "23}}",
      0, NULL, 0 },
    { "budget_tokens a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":\""
      "2048\"}}",
      0, NULL, 0 },
    { "budget_tokens null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":nu"
      "ll}}",
      0, NULL, 0 },
    { "a system block of another type with cache_control",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"system\":[{\"type\":\"image\",\"text\":\"x\",\"cache_"
      "control\":{\"type\":\"ephemeral\"}}]}",
      0, NULL, 0 },
    { "a system block type null",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"system\":[{\"type\":null,\"text\":\"x\"}]}",
      0, NULL, 0 },
    { "output_config a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"output_config\":\"high\"}",
      0, NULL, 0 },
    { "output_config effort minimal",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"output_config\":{\"effort\":\"minimal\"}}",
      0, NULL, 0 },
    { "output_config effort a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"output_config\":{\"effort\":1}}",
      0, NULL, 0 },
    { "output_config format of another type",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"output_config\":{\"format\":{\"type\":\"json\",\"sche"
      "ma\":{}}}}",
      0, NULL, 0 },
    { "output_config format without schema",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"output_config\":{\"format\":{\"type\":\"json_schema\""
      "}}}",
      0, NULL, 0 },
    { "output_format not a format",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"output_format\":{\"type\":\"json_schema\",\"schema\":"
      "null}}",
      0, NULL, 0 },
    { "output_format not a format, output_config without one",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"output_config\":{\"effort\":\"low\"},\"output_format"
      "\":7}",
      0, NULL, 0 },
    { "cache_control a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"cache_control\":\"ephemeral\"}",
      0, NULL, 0 },
    { "context_management a list",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"context_management\":[]}",
      0, NULL, 0 },
    { "container a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"container\":1}",
      0, NULL, 0 },
    { "mcp_servers with a string",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"mcp_servers\":[\"x\"]}",
      0, NULL, 0 },
    { "mcp_servers an object",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"mcp_servers\":{}}",
      0, NULL, 0 },
    { "inference_geo a number",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"inference_geo\":1}",
      0, NULL, 0 },
    { "speed a list",
      "{\"model\":\"m\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"Hi\"}],\"speed\":[]}",
      0, NULL, 0 },

    /* left to the parse, which accepts them */
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
