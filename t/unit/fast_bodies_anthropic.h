/*
 * Hand-written Anthropic Messages request bodies for
 * t/unit/test_fast_paths.c: the shapes the fast read
 * (llm_anthropic_read_request) takes that the fixtures miss (every
 * block kind with its members in any order, escapes and UTF-8, numbers
 * at the edges, server tools and dropped blocks with their warnings,
 * every form of the fields), the ones it leaves to the parse although
 * the parse takes them, and bodies the parse refuses.  take: 1 the read
 * must take the body (and give what the parse gives), 0 it must
 * decline.  Each is also read with its variants.
 */

#ifndef FAST_BODIES_ANTHROPIC_H
#define FAST_BODIES_ANTHROPIC_H

static const struct {
    int          take;
    const char  *body;
} fast_bodies_anthropic[] = {
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"messages\":[{\"content\":\"hi\",\"role\":\"user\"}],\"max_token"
      "s\":0,\"model\":\"\"}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"stream\":true,\"temperature\""
      ":0.7,\"top_p\":0.9,\"top_k\":0,\"messages\":[{\"role\":\"user\",\""
      "content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"stream\":null,\"temperature\""
      ":null,\"top_p\":null,\"top_k\":null,\"system\":null,\"tools\":null"
      ",\"tool_choice\":null,\"thinking\":null,\"metadata\":null,\"stop_s"
      "equences\":null,\"output_config\":null,\"messages\":[{\"role\":\"u"
      "ser\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"temperature\":1,\"top_p\":1e-"
      "1,\"top_k\":40,\"stream\":false,\"messages\":[{\"role\":\"user\","
      "\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"temperature\":-0,\"top_p\":-0"
      ".0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"temperature\":2.5e0,\"top_p\""
      ":0.30000000000000004,\"messages\":[{\"role\":\"user\",\"content\":"
      "\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t e \\u00e9\\u20ac\\"
      "ud83d\\ude00 caf\303\251\"}]}" },
    { 1,
      "{\"model\":\"m\\u00e9\",\"max_tokens\":10,\"system\":\"s\\n\303"
      "\251\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"t"
      "ext\",\"text\":\"\\u0041\"}]}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"system\":\"\",\"messages\":[{"
      "\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"system\":[],\"messages\":[{\""
      "role\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"system\":[{\"text\":\"a\",\"t"
      "ype\":\"text\",\"cache_control\":{\"type\":\"ephemeral\"}},{\"type"
      "\":\"text\",\"text\":\"\"},{\"type\":\"text\",\"text\":\"b\",\"cit"
      "ations\":null}],\"messages\":[{\"role\":\"user\",\"content\":\"hi"
      "\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"text\":\"x\",\"type\":\"text\",\"cache_control"
      "\":{\"type\":\"ephemeral\",\"ttl\":\"5m\"}},{\"type\":\"text\",\"t"
      "ext\":\"\",\"citations\":[]}]}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":[{\"type"
      "\":\"text\",\"text\":\"t\"},{\"type\":\"tool_use\",\"id\":\"tu_1\""
      ",\"name\":\"f\",\"input\":{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{"
      "\"d\":\"\\u00e9\"}}},{\"input\":{\"z\":1},\"name\":\"g\",\"id\":\""
      "tu 2\",\"type\":\"tool_use\"}]},{\"role\":\"user\",\"content\":[{"
      "\"type\":\"tool_result\",\"tool_use_id\":\"tu_1\",\"content\":\"r"
      "\"},{\"content\":[{\"type\":\"text\",\"text\":\"r2\"},{\"type\":\""
      "image\",\"source\":{\"type\":\"url\",\"url\":\"http://x/i.png\"}}]"
      ",\"is_error\":true,\"tool_use_id\":\"tu 2\",\"type\":\"tool_result"
      "\"}]}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":[{\"type"
      "\":\"tool_use\",\"id\":\"a\",\"name\":\"f\",\"input\":{ \"a\" : 1."
      "5 , \"b\":[] }},{\"type\":\"tool_use\",\"id\":\"b\",\"name\":\"f\""
      ",\"input\":{}},{\"type\":\"tool_use\",\"id\":\"c\",\"name\":\"f\","
      "\"input\":{\"x\":1.0}},{\"type\":\"tool_use\",\"id\":\"d\",\"name"
      "\":\"f\",\"input\":{\"k\":\"\\u00E9\"}}]},{\"role\":\"user\",\"con"
      "tent\":[{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\"content"
      "\":null,\"is_error\":null},{\"type\":\"tool_result\",\"tool_use_id"
      "\":\"b\",\"content\":[]},{\"type\":\"tool_result\",\"tool_use_id\""
      ":\"c\",\"is_error\":false,\"content\":[{\"type\":\"document\",\"so"
      "urce\":{}},{\"type\":\"tool_use\",\"id\":\"n\"},{\"type\":\"search"
      "_result\",\"x\":1}]},{\"type\":\"tool_result\",\"tool_use_id\":\"d"
      "\"}]}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64"
      "\",\"media_type\":\"image/png\",\"data\":\"AAAA\"}},{\"source\":{"
      "\"data\":\"BBBB\",\"media_type\":\"image/webp\",\"type\":\"base64"
      "\",\"x\":[1]},\"type\":\"image\"},{\"type\":\"image\",\"source\":{"
      "\"type\":\"file\",\"file_id\":\"f_1\"}},{\"type\":\"text\",\"text"
      "\":\"what?\"}]}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":[{\"type"
      "\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig\"},{\"typ"
      "e\":\"thinking\",\"thinking\":\"\",\"signature\":\"llm:openai:abc"
      "\"},{\"type\":\"thinking\",\"thinking\":\"x\",\"signature\":\"\"},"
      "{\"type\":\"redacted_thinking\",\"data\":\"llm:gemini:zz\"},{\"dat"
      "a\":\"opaque\",\"type\":\"redacted_thinking\"},{\"type\":\"text\","
      "\"text\":\"a\"}]}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"text"
      "\",\"data\":\"d\"}},{\"type\":\"text\",\"text\":\"t\"},{\"type\":"
      "\"server_tool_use\",\"id\":\"s\",\"name\":\"web_search\",\"input\""
      ":{}},{\"type\":\"web_search_tool_result\",\"content\":[]},{\"type"
      "\":\"container_upload\",\"file_id\":\"f\"}]}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":[]}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"mystery\"}]},{\"role\":\"assistant\","
      "\"content\":\"\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"tools\":[{\"type\":\"web_sear"
      "ch_20250305\",\"name\":\"web_search\",\"max_uses\":3},{\"name\":\""
      "f\",\"description\":\"d\",\"input_schema\":{\"type\":\"object\",\""
      "properties\":{\"a\":{\"type\":\"string\",\"enum\":[\"x\",\"y\"]}},"
      "\"required\":[\"a\"]}},{\"type\":\"custom\",\"name\":\"g\",\"input"
      "_schema\":{\"properties\":{}},\"strict\":true,\"cache_control\":{"
      "\"type\":\"ephemeral\"}},{\"type\":null,\"name\":\"h\",\"descripti"
      "on\":null,\"strict\":null,\"input_schema\":{ \"type\": \"object\" "
      "}},{\"name\":\"i\",\"input_schema\":{\"type\":\"object\",\"propert"
      "ies\":{\"n\":{\"type\":\"number\",\"minimum\":0.5}}}}],\"messages"
      "\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"sourc"
      "e\":{}},{\"type\":\"text\",\"text\":\"x\"}]}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"tools\":[{\"input_schema\":5,"
      "\"type\":\"bash_20250124\",\"name\":\"bash\"},{\"type\":\"text_edi"
      "tor_20250728\",\"name\":7}],\"messages\":[{\"role\":\"user\",\"con"
      "tent\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"tools\":[],\"messages\":[{\"r"
      "ole\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"tool_choice\":{\"type\":\"aut"
      "o\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"tool_choice\":{\"type\":\"any"
      "\",\"disable_parallel_tool_use\":true},\"messages\":[{\"role\":\"u"
      "ser\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"tool_choice\":{\"name\":\"f\""
      ",\"type\":\"tool\",\"disable_parallel_tool_use\":false},\"messages"
      "\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"tool_choice\":{\"type\":\"non"
      "e\",\"disable_parallel_tool_use\":null,\"x\":{}},\"messages\":[{\""
      "role\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"thinking\":{\"type\":\"enable"
      "d\",\"budget_tokens\":2048},\"messages\":[{\"role\":\"user\",\"con"
      "tent\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"thinking\":{\"budget_tokens\""
      ":1024,\"type\":\"enabled\"},\"messages\":[{\"role\":\"user\",\"con"
      "tent\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"thinking\":{\"type\":\"disabl"
      "ed\",\"budget_tokens\":5},\"messages\":[{\"role\":\"user\",\"conte"
      "nt\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"thinking\":{\"type\":\"adapti"
      "ve\",\"display\":\"summarized\"},\"messages\":[{\"role\":\"user\","
      "\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"output_config\":{\"effort\":"
      "\"max\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"output_config\":{\"effort\":"
      "\"low\",\"format\":null,\"x\":1},\"messages\":[{\"role\":\"user\","
      "\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"output_config\":{\"effort\":n"
      "ull,\"format\":{\"schema\":{\"type\":\"object\",\"properties\":{\""
      "a\":{\"type\":\"integer\"}}},\"type\":\"json_schema\",\"name\":\"n"
      "\"}},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"output_format\":5,\"output_co"
      "nfig\":{\"format\":{\"type\":\"json_schema\",\"schema\":{}}},\"mes"
      "sages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"output_format\":{\"type\":\"j"
      "son_schema\",\"schema\":{\"type\":\"object\",\"x\":[1,2.5]}},\"mes"
      "sages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"output_format\":null,\"output"
      "_config\":{},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
      "}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"metadata\":{\"user_id\":\"u-1"
      "\",\"x\":[1]},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}"
      "]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"metadata\":{\"user_id\":null}"
      ",\"stop_sequences\":[\"\",\"x\",\"\\u00e9\\n\"],\"messages\":[{\"r"
      "ole\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"stop_sequences\":[],\"service"
      "_tier\":\"auto\",\"speed\":null,\"inference_geo\":\"us\",\"cache_c"
      "ontrol\":{\"type\":\"ephemeral\"},\"context_management\":null,\"co"
      "ntainer\":\"c\",\"mcp_servers\":[{\"type\":\"url\"}],\"diagnostics"
      "\":[1,{\"a\":null}],\"compaction\":true,\"fallbacks\":[],\"fallbac"
      "k_credit_token\":\"t\",\"billing_policy\":{},\"thread\":\"x\",\"me"
      "ssages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 1,
      "{\"model\":\"m\",\"max_tokens\":10,\"container\":{\"id\":\"c\"},\""
      "mcp_servers\":null,\"messages\":[{\"role\":\"user\",\"content\":\""
      "hi\"}]}" },
    { 1,
      "{\n  \"model\" : \"m\" ,\n  \"max_tokens\" : 10 ,\n  \"messages\" "
      ": [ { \"role\" : \"user\" , \"content\" : [ { \"type\" : \"text\" "
      ", \"text\" : \"hi\" } ] } ] \n}\n" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"t\\u0065xt\",\"text\":\"x\"}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"text\",\"te\\u0078t\":\"x\"}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10.0,\"messages\":[{\"role\":\"use"
      "r\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"thinking\":{\"type\":\"enable"
      "d\",\"budget_tokens\":2048.0},\"messages\":[{\"role\":\"user\",\"c"
      "ontent\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"tools\":[{\"type\":5,\"name\""
      ":\"f\",\"input_schema\":{}}],\"messages\":[{\"role\":\"user\",\"co"
      "ntent\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"text\",\"text\":\"x\",\"id\":5}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"tool_choice\":{\"type\":\"aut"
      "o\",\"name\":5},\"messages\":[{\"role\":\"user\",\"content\":\"hi"
      "\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"top_k\":1.0,\"messages\":[{\""
      "role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi"
      "\"}]}" },
    { 0,
      "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"h"
      "i\"}]}" },
    { 0,
      "{\"model\":null,\"max_tokens\":1,\"messages\":[{\"role\":\"user\","
      "\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":5,\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"c"
      "ontent\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":-1,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":null,\"messages\":[{\"role\":\"use"
      "r\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":null}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"syste"
      "m\",\"content\":\"x\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"content\":\"x"
      "\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"assis"
      "tant\",\"content\":[]},{\"role\":\"user\",\"content\":\"x\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":5}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[\"x\"]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"text\":\"x\"}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"text\"}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"text\",\"text\":null}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"assis"
      "tant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"a\",\"name\":"
      "\"f\"}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"assis"
      "tant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"a\",\"name\":"
      "\"f\",\"input\":[]}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"assis"
      "tant\",\"content\":[{\"type\":\"tool_use\",\"id\":5,\"name\":\"f\""
      ",\"input\":{}}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"tool_result\",\"content\":\"x\"}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\""
      "is_error\":\"yes\"}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\""
      "content\":{}}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64"
      "\",\"media_type\":\"image/tiff\",\"data\":\"A\"}}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"ftp\"}}"
      "]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"image\"}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"assis"
      "tant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"x\"}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"assis"
      "tant\",\"content\":[{\"type\":\"redacted_thinking\"}]}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"system\":[{\"type\":\"image\""
      "}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"system\":5,\"messages\":[{\"r"
      "ole\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"temperature\":\"0.5\",\"messa"
      "ges\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"top_k\":-1,\"messages\":[{\"r"
      "ole\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"stream\":\"yes\",\"messages\""
      ":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"stop_sequences\":[1],\"messag"
      "es\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"metadata\":{\"user_id\":5},\""
      "messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"metadata\":[],\"messages\":[{"
      "\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"tools\":[{\"name\":\"x\"}],\""
      "messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"tools\":[{\"name\":\"x\",\"in"
      "put_schema\":[]}],\"messages\":[{\"role\":\"user\",\"content\":\"h"
      "i\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"tools\":[{\"input_schema\":{}"
      "}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"tools\":[{\"name\":\"x\",\"in"
      "put_schema\":{},\"strict\":\"no\"}],\"messages\":[{\"role\":\"user"
      "\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"tools\":{},\"messages\":[{\"r"
      "ole\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"tool_choice\":{\"type\":\"bog"
      "us\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"tool_choice\":{\"type\":\"too"
      "l\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"tool_choice\":\"auto\",\"mess"
      "ages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"tool_choice\":{\"type\":\"any"
      "\",\"disable_parallel_tool_use\":1},\"messages\":[{\"role\":\"user"
      "\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"thinking\":{\"type\":\"enable"
      "d\",\"budget_tokens\":100},\"messages\":[{\"role\":\"user\",\"cont"
      "ent\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"thinking\":{\"type\":\"enable"
      "d\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"thinking\":{\"type\":\"someti"
      "mes\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"output_config\":{\"effort\":"
      "\"minimal\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
      "}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"output_config\":{\"effort\":5"
      "},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"output_config\":{\"format\":{"
      "\"type\":\"json_object\"}},\"messages\":[{\"role\":\"user\",\"cont"
      "ent\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"output_format\":{\"type\":\"j"
      "son_schema\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}"
      "]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"unknown_field\":1,\"messages"
      "\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"service_tier\":5,\"messages\""
      ":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"mcp_servers\":[1],\"messages"
      "\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"model\":\"m\",\"max_tokens\":"
      "10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"hi\",\"content\":\"again\"}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":[{\"type\":\"text\",\"text\":\"x\",\"text\":\"y\"}]"
      "}]}" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"hi\"}]} x" },
    { 0,
      "[\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"hi\"}]]" },
    { 0,
      "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user"
      "\",\"content\":\"\\u0000\"}]}" },
};

#endif /* FAST_BODIES_ANTHROPIC_H */
