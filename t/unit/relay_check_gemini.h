/* Gemini generateContent bodies for test_relay_check.c: the model is the
 * path's (gemini-2.5-flash), and a body never streams */

#define GM  "gemini-2.5-flash"
#define GU  "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}]"

static const relay_case_t  relay_cases_gemini[] = {

    /* decided: text contents, a text systemInstruction, sampling */
    { "one user turn",
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}",
      1, GM, 0 },
    { "no role is a user turn",
      "{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}]}", 1, GM, 0 },
    { "role null and empty",
      "{\"contents\":[{\"role\":null,\"parts\":[{\"text\":\"Hi\"}]},"
      "{\"role\":\"\",\"parts\":[{\"text\":\"Hi\"}]}]}", 1, GM, 0 },
    { "white space everywhere",
      " \r\n{ \"contents\" : [ { \"role\" : \"user\" ,\n\t\"parts\" : [ {"
      " \"text\" : \"Hi\" } ] } ] , \"generationConfig\" : { \"topK\" : 3"
      " } } \n", 1, GM, 0 },
    { "a conversation with every field",
      "{\"systemInstruction\":{\"role\":\"system\",\"parts\":[{\"text\":"
      "\"Be brief.\"},{\"text\":\"\"}]},\"contents\":[{\"role\":\"user\","
      "\"parts\":[{\"text\":\"Hi\"},{\"text\":\"there\"}]},{\"role\":"
      "\"model\",\"parts\":[{\"text\":\"Hello\",\"thoughtSignature\":"
      "\"c2ln\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"And?\"}]}],"
      "\"generationConfig\":{\"temperature\":0.7,\"topP\":0.95,\"topK\":40,"
      "\"maxOutputTokens\":1024,\"candidateCount\":1,\"seed\":-5,"
      "\"presencePenalty\":0.5,\"frequencyPenalty\":-0.5,"
      "\"stopSequences\":[\"a\",\"\"],\"responseMimeType\":\"text/plain\","
      "\"responseLogprobs\":true,\"logprobs\":3,\"thinkingConfig\":"
      "{\"thinkingBudget\":1024,\"includeThoughts\":true}},\"model\":"
      "\"models/gemini-2.5-flash\"}", 1, GM, 0 },
    { "snake_case spellings",
      "{\"system_instruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},"
      "\"contents\":[{\"role\":\"model\",\"parts\":[{\"text\":\"\","
      "\"thought_signature\":\"c2ln\"}]},{\"role\":\"user\",\"parts\":"
      "[{\"text\":\"Hi\"}]}],\"generation_config\":{\"top_p\":1,"
      "\"top_k\":1,\"max_output_tokens\":8,\"candidate_count\":2,"
      "\"presence_penalty\":1,\"frequency_penalty\":1,\"stop_sequences\":"
      "[\"x\"],\"response_mime_type\":\"application/json\","
      "\"response_logprobs\":false,\"thinking_config\":"
      "{\"thinking_level\":\"LOW\",\"include_thoughts\":false}}}", 1, GM,
      0 },
    { "nulls are absent",
      "{\"contents\":[{\"role\":null,\"parts\":[{\"text\":\"x\","
      "\"thoughtSignature\":null}]}],\"systemInstruction\":null,\"model\":"
      "null,\"generationConfig\":{\"temperature\":null,\"topP\":null,"
      "\"topK\":null,\"maxOutputTokens\":null,\"candidateCount\":null,"
      "\"seed\":null,\"presencePenalty\":null,\"frequencyPenalty\":null,"
      "\"stopSequences\":null,\"responseMimeType\":null,"
      "\"responseLogprobs\":null,\"logprobs\":null,\"thinkingConfig\":"
      "null}}", 1, GM, 0 },
    { "generationConfig null", GU ",\"generationConfig\":null}", 1, GM, 0 },
    { "thinkingConfig nulls", GU ",\"generationConfig\":{\"thinkingConfig\":"
      "{\"thinkingBudget\":null,\"thinkingLevel\":null,\"includeThoughts\":"
      "null}}}", 1, GM, 0 },
    { "no bounds on the numbers but candidateCount",
      GU ",\"generationConfig\":{\"temperature\":-1,\"topP\":7.5,\"topK\":"
      "-1,\"maxOutputTokens\":0,\"candidateCount\":1,\"seed\":"
      "-9223372036854775808,\"presencePenalty\":-1e22,\"frequencyPenalty\""
      ":3e5,\"logprobs\":-1}}", 1, GM, 0 },
    { "candidateCount the largest",
      GU ",\"generationConfig\":{\"candidateCount\":9223372036854775807}}",
      1, GM, 0 },
    { "thinkingBudget 0 and -1, an empty level beside",
      GU ",\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":0,"
      "\"thinkingLevel\":\"\"}}}", 1, GM, 0 },
    { "thinkingBudget -1",
      GU ",\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":-1"
      "}}}", 1, GM, 0 },
    { "thinkingLevel MINIMAL",
      GU ",\"generationConfig\":{\"thinkingConfig\":{\"thinkingLevel\":"
      "\"MINIMAL\"}}}", 1, GM, 0 },
    { "thinkingLevel MEDIUM",
      GU ",\"generationConfig\":{\"thinkingConfig\":{\"thinkingLevel\":"
      "\"MEDIUM\"}}}", 1, GM, 0 },
    { "thinkingLevel HIGH",
      GU ",\"generationConfig\":{\"thinkingConfig\":{\"thinkingLevel\":"
      "\"HIGH\"}}}", 1, GM, 0 },
    { "thinkingLevel unspecified",
      GU ",\"generationConfig\":{\"thinkingConfig\":{\"thinkingLevel\":"
      "\"THINKING_LEVEL_UNSPECIFIED\"}}}", 1, GM, 0 },
    { "an empty thinkingConfig and generationConfig",
      GU ",\"generationConfig\":{\"thinkingConfig\":{}}}", 1, GM, 0 },
    { "an empty generationConfig", GU ",\"generationConfig\":{}}", 1, GM,
      0 },
    { "an empty responseMimeType, empty stopSequences",
      GU ",\"generationConfig\":{\"responseMimeType\":\"\","
      "\"stopSequences\":[]}}", 1, GM, 0 },
    { "systemInstruction without parts",
      GU ",\"systemInstruction\":{}}", 1, GM, 0 },
    { "systemInstruction parts null, role null",
      GU ",\"systemInstruction\":{\"parts\":null,\"role\":null}}", 1, GM,
      0 },
    { "systemInstruction parts empty",
      GU ",\"systemInstruction\":{\"parts\":[]}}", 1, GM, 0 },
    { "systemInstruction of an empty text",
      GU ",\"systemInstruction\":{\"parts\":[{\"text\":\"\"}]}}", 1, GM,
      0 },
    { "empty texts beside one",
      "{\"contents\":[{\"parts\":[{\"text\":\"\"}]},{\"parts\":[{\"text\":"
      "\"\"},{\"text\":\"x\"}]}]}", 1, GM, 0 },
    { "a model turn of a signature alone",
      "{\"contents\":[{\"role\":\"model\",\"parts\":[{\"text\":\"\","
      "\"thoughtSignature\":\"c2ln\"}]}]}", 1, GM, 0 },
    { "the role after the parts",
      "{\"contents\":[{\"parts\":[{\"thoughtSignature\":\"c2ln\",\"text\":"
      "\"\"}],\"role\":\"model\"}]}", 1, GM, 0 },
    { "escapes and UTF-8 in text",
      "{\"contents\":[{\"parts\":[{\"text\":\"caf\\u00e9 \\ud83d\\ude00 "
      "\\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t \xc3\xa9\xe2\x82\xac"
      "\xf0\x9f\x98\x80\"}]}]}", 1, GM, 0 },
    { "an escape alone is a text",
      "{\"contents\":[{\"parts\":[{\"text\":\"\\n\"}]}]}", 1, GM, 0 },
    { "an escaped model, signature and stop sequence",
      "{\"model\":\"g\\u0065mini\",\"contents\":[{\"role\":\"model\","
      "\"parts\":[{\"text\":\"\",\"thoughtSignature\":\"\\u0073\"}]}],"
      "\"generationConfig\":{\"stopSequences\":[\"\\n\"]}}", 1, GM, 0 },
    { "the body's model is not read",
      "{\"model\":\"other\",\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}",
      1, GM, 0 },

    /* left to the parse, which accepts them */
    { "tools", GU ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\","
      "\"parameters\":{\"type\":\"OBJECT\"}}]}]}", 0, NULL, 0 },
    { "an inlineData part", "{\"contents\":[{\"parts\":[{\"text\":\"x\"},"
      "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}]}]}",
      0, NULL, 0 },
    { "a function call and response", "{\"contents\":[{\"parts\":[{\"text\":"
      "\"x\"}]},{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":"
      "\"f\",\"args\":{}}}]},{\"role\":\"user\",\"parts\":"
      "[{\"functionResponse\":{\"name\":\"f\",\"response\":{\"output\":1}}}"
      "]}]}", 0, NULL, 0 },
    { "a thought part", "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]},"
      "{\"role\":\"model\",\"parts\":[{\"text\":\"hm\",\"thought\":true},"
      "{\"text\":\"y\"}]}]}", 0, NULL, 0 },
    { "safetySettings", GU ",\"safetySettings\":[{\"category\":"
      "\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_NONE\"}]}", 0,
      NULL, 0 },
    { "store", GU ",\"store\":true}", 0, NULL, 0 },
    { "an enum answer", GU ",\"generationConfig\":{\"responseMimeType\":"
      "\"text/x.enum\"}}", 0, NULL, 0 },
    { "a response schema", GU ",\"generationConfig\":{\"responseMimeType\":"
      "\"application/json\",\"responseSchema\":{\"type\":\"OBJECT\"}}}", 0,
      NULL, 0 },
    { "an integral real", GU ",\"generationConfig\":{\"maxOutputTokens\":"
      "100.0}}", 0, NULL, 0 },
    { "a real budget", GU ",\"generationConfig\":{\"thinkingConfig\":"
      "{\"thinkingBudget\":1e3}}}", 0, NULL, 0 },
    { "a real with 17 digits", GU ",\"generationConfig\":{\"temperature\":"
      "0.70000000000000007}}", 0, NULL, 0 },
    { "a real beyond the fast conversion", GU ",\"generationConfig\":"
      "{\"presencePenalty\":1e300}}", 0, NULL, 0 },
    { "a part member the parse ignores", "{\"contents\":[{\"parts\":"
      "[{\"text\":\"x\",\"cache\":1}]}]}", 0, NULL, 0 },
    { "a content member the parse ignores", "{\"contents\":[{\"parts\":"
      "[{\"text\":\"x\"}],\"cache\":1}]}", 0, NULL, 0 },
    { "a generationConfig member the parse ignores",
      GU ",\"generationConfig\":{\"foo\":1}}", 0, NULL, 0 },
    { "a thinkingConfig member the parse ignores",
      GU ",\"generationConfig\":{\"thinkingConfig\":{\"foo\":1}}}", 0, NULL,
      0 },
    { "includeThoughts not a bool (unread)",
      GU ",\"generationConfig\":{\"thinkingConfig\":{\"includeThoughts\":"
      "1}}}", 0, NULL, 0 },
    { "a systemInstruction role not a string (unread)",
      GU ",\"systemInstruction\":{\"role\":1,\"parts\":[{\"text\":\"s\"}]}}",
      0, NULL, 0 },
    { "a systemInstruction part member the parse ignores",
      GU ",\"systemInstruction\":{\"parts\":[{\"text\":\"s\",\"x\":1}]}}",
      0, NULL, 0 },
    { "both spellings of a field", GU ",\"generationConfig\":{\"topP\":0.5,"
      "\"top_p\":0.5}}", 0, NULL, 0 },
    { "both spellings of generationConfig", GU ",\"generationConfig\":{},"
      "\"generation_config\":{}}", 0, NULL, 0 },
    { "camelCase null hides snake_case", GU ",\"generationConfig\":null,"
      "\"generation_config\":5}", 0, NULL, 0 },
    { "both spellings of a signature", "{\"contents\":[{\"role\":\"model\","
      "\"parts\":[{\"text\":\"x\",\"thoughtSignature\":\"a\","
      "\"thought_signature\":\"b\"}]}]}", 0, NULL, 0 },
    { "an escaped key", "{\"cont\\u0065nts\":[{\"parts\":[{\"text\":\"x\"}"
      "]}]}", 0, NULL, 0 },
    { "an escaped role", "{\"contents\":[{\"role\":\"us\\u0065r\",\"parts\":"
      "[{\"text\":\"x\"}]}]}", 0, NULL, 0 },
    { "an escaped MIME type", GU ",\"generationConfig\":{\"responseMimeType\""
      ":\"text\\/plain\"}}", 0, NULL, 0 },
    { "an escaped thinking level", GU ",\"generationConfig\":"
      "{\"thinkingConfig\":{\"thinkingLevel\":\"L\\u004fW\"}}}", 0, NULL, 0 },
    { "cachedContent null", GU ",\"cachedContent\":null}", 0, NULL, 0 },

    /* left to the parse, which refuses them */
    { "no contents", "{}", 0, NULL, 0 },
    { "contents null", "{\"contents\":null}", 0, NULL, 0 },
    { "contents empty", "{\"contents\":[]}", 0, NULL, 0 },
    { "contents an object", "{\"contents\":{\"parts\":[{\"text\":\"x\"}]}}",
      0, NULL, 0 },
    { "contents of empty text only", "{\"contents\":[{\"parts\":[{\"text\":"
      "\"\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"\"}]}]}", 0, NULL,
      0 },
    { "a user turn of a signature alone", "{\"contents\":[{\"role\":"
      "\"user\",\"parts\":[{\"text\":\"\",\"thoughtSignature\":\"c2ln\"}]}"
      "]}", 0, NULL, 0 },
    { "an empty signature", "{\"contents\":[{\"role\":\"model\",\"parts\":"
      "[{\"text\":\"\",\"thoughtSignature\":\"\"}]}]}", 0, NULL, 0 },
    { "role assistant", "{\"contents\":[{\"role\":\"assistant\",\"parts\":"
      "[{\"text\":\"x\"}]}]}", 0, NULL, 0 },
    { "role system", "{\"contents\":[{\"role\":\"system\",\"parts\":"
      "[{\"text\":\"x\"}]}]}", 0, NULL, 0 },
    { "role a number", "{\"contents\":[{\"role\":1,\"parts\":"
      "[{\"text\":\"x\"}]}]}", 0, NULL, 0 },
    { "no parts", "{\"contents\":[{\"role\":\"user\"}]}", 0, NULL, 0 },
    { "parts null", "{\"contents\":[{\"parts\":null}]}", 0, NULL, 0 },
    { "parts empty", "{\"contents\":[{\"parts\":[]}]}", 0, NULL, 0 },
    { "parts an object", "{\"contents\":[{\"parts\":{\"text\":\"x\"}}]}", 0,
      NULL, 0 },
    { "a content not an object", "{\"contents\":[\"x\"]}", 0, NULL, 0 },
    { "a part not an object", "{\"contents\":[{\"parts\":[\"x\"]}]}", 0,
      NULL, 0 },
    { "a part without data", "{\"contents\":[{\"parts\":[{}]}]}", 0, NULL,
      0 },
    { "a part of a signature alone", "{\"contents\":[{\"role\":\"model\","
      "\"parts\":[{\"thoughtSignature\":\"c2ln\"}]}]}", 0, NULL, 0 },
    { "text null", "{\"contents\":[{\"parts\":[{\"text\":null}]}]}", 0,
      NULL, 0 },
    { "text a number", "{\"contents\":[{\"parts\":[{\"text\":1}]}]}", 0,
      NULL, 0 },
    { "a signature not a string", "{\"contents\":[{\"role\":\"model\","
      "\"parts\":[{\"text\":\"x\",\"thoughtSignature\":1}]}]}", 0, NULL, 0 },
    { "systemInstruction a string", GU ",\"systemInstruction\":\"s\"}", 0,
      NULL, 0 },
    { "systemInstruction parts an object", GU ",\"systemInstruction\":"
      "{\"parts\":{\"text\":\"s\"}}}", 0, NULL, 0 },
    { "a systemInstruction part without text", GU ",\"systemInstruction\":"
      "{\"parts\":[{}]}}", 0, NULL, 0 },
    { "a systemInstruction text null", GU ",\"systemInstruction\":"
      "{\"parts\":[{\"text\":null}]}}", 0, NULL, 0 },
    { "a systemInstruction part a string", GU ",\"systemInstruction\":"
      "{\"parts\":[\"s\"]}}", 0, NULL, 0 },
    { "generationConfig an array", GU ",\"generationConfig\":[]}", 0, NULL,
      0 },
    { "candidateCount 0", GU ",\"generationConfig\":{\"candidateCount\":0}}",
      0, NULL, 0 },
    { "candidate_count -1", GU ",\"generationConfig\":{\"candidate_count\":"
      "-1}}", 0, NULL, 0 },
    { "temperature a string", GU ",\"generationConfig\":{\"temperature\":"
      "\"0.5\"}}", 0, NULL, 0 },
    { "maxOutputTokens a bool", GU ",\"generationConfig\":"
      "{\"maxOutputTokens\":true}}", 0, NULL, 0 },
    { "topK a fraction", GU ",\"generationConfig\":{\"topK\":1.5}}", 0,
      NULL, 0 },
    { "seed beyond int64", GU ",\"generationConfig\":{\"seed\":"
      "9223372036854775808}}", 0, NULL, 0 },
    { "stopSequences a string", GU ",\"generationConfig\":{\"stopSequences\""
      ":\"a\"}}", 0, NULL, 0 },
    { "stopSequences of a number", GU ",\"generationConfig\":"
      "{\"stopSequences\":[1]}}", 0, NULL, 0 },
    { "stopSequences of null", GU ",\"generationConfig\":"
      "{\"stopSequences\":[null]}}", 0, NULL, 0 },
    { "responseMimeType text/html", GU ",\"generationConfig\":"
      "{\"responseMimeType\":\"text/html\"}}", 0, NULL, 0 },
    { "responseMimeType a number", GU ",\"generationConfig\":"
      "{\"responseMimeType\":1}}", 0, NULL, 0 },
    { "a schema without a MIME type", GU ",\"generationConfig\":"
      "{\"responseSchema\":{\"type\":\"OBJECT\"}}}", 0, NULL, 0 },
    { "responseLogprobs a string", GU ",\"generationConfig\":"
      "{\"responseLogprobs\":\"yes\"}}", 0, NULL, 0 },
    { "a budget and a level", GU ",\"generationConfig\":{\"thinkingConfig\":"
      "{\"thinkingBudget\":10,\"thinkingLevel\":\"LOW\"}}}", 0, NULL, 0 },
    { "a budget and an unspecified level", GU ",\"generationConfig\":"
      "{\"thinkingConfig\":{\"thinking_level\":"
      "\"THINKING_LEVEL_UNSPECIFIED\",\"thinking_budget\":-1}}}", 0, NULL,
      0 },
    { "an unknown level", GU ",\"generationConfig\":{\"thinkingConfig\":"
      "{\"thinkingLevel\":\"EXTREME\"}}}", 0, NULL, 0 },
    { "a level in lowercase", GU ",\"generationConfig\":{\"thinkingConfig\":"
      "{\"thinkingLevel\":\"low\"}}}", 0, NULL, 0 },
    { "a budget a string", GU ",\"generationConfig\":{\"thinkingConfig\":"
      "{\"thinkingBudget\":\"1\"}}}", 0, NULL, 0 },
    { "thinkingConfig a bool", GU ",\"generationConfig\":{\"thinkingConfig\""
      ":true}}", 0, NULL, 0 },
    { "cachedContent", GU ",\"cachedContent\":\"cachedContents/x\"}", 0,
      NULL, 0 },
    { "model a number", GU ",\"model\":1}", 0, NULL, 0 },
    { "an unknown field", GU ",\"foo\":1}", 0, NULL, 0 },
    { "contents twice", GU ",\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}",
      0, NULL, 0 },
    { "role twice", "{\"contents\":[{\"role\":\"user\",\"role\":\"user\","
      "\"parts\":[{\"text\":\"x\"}]}]}", 0, NULL, 0 },
    { "parts twice", "{\"contents\":[{\"parts\":[{\"text\":\"x\"}],"
      "\"parts\":[{\"text\":\"x\"}]}]}", 0, NULL, 0 },
    { "text twice", "{\"contents\":[{\"parts\":[{\"text\":\"x\",\"text\":"
      "\"x\"}]}]}", 0, NULL, 0 },
    { "a systemInstruction text twice", GU ",\"systemInstruction\":"
      "{\"parts\":[{\"text\":\"s\",\"text\":\"s\"}]}}", 0, NULL, 0 },
    { "temperature twice", GU ",\"generationConfig\":{\"temperature\":1,"
      "\"temperature\":1}}", 0, NULL, 0 },
    { "thinkingBudget twice", GU ",\"generationConfig\":{\"thinkingConfig\":"
      "{\"thinkingBudget\":1,\"thinkingBudget\":1}}}", 0, NULL, 0 },
    { "a lone surrogate", "{\"contents\":[{\"parts\":[{\"text\":"
      "\"\\ud800x\"}]}]}", 0, NULL, 0 },
    { "a low surrogate first", "{\"contents\":[{\"parts\":[{\"text\":"
      "\"\\udc00\\ud800\"}]}]}", 0, NULL, 0 },
    { "a lone surrogate in a signature", "{\"contents\":[{\"role\":"
      "\"model\",\"parts\":[{\"text\":\"x\",\"thoughtSignature\":"
      "\"\\ud800\"}]}]}", 0, NULL, 0 },
    { "\\u0000", "{\"contents\":[{\"parts\":[{\"text\":\"a\\u0000\"}]}]}",
      0, NULL, 0 },
    { "a raw control character", "{\"contents\":[{\"parts\":[{\"text\":"
      "\"a\nb\"}]}]}", 0, NULL, 0 },
    { "invalid UTF-8", "{\"contents\":[{\"parts\":[{\"text\":\"\xff\"}]}]}",
      0, NULL, 0 },
    { "an overlong UTF-8 form", "{\"contents\":[{\"parts\":[{\"text\":"
      "\"\xc0\xaf\"}]}]}", 0, NULL, 0 },
    { "a UTF-8 surrogate", "{\"contents\":[{\"parts\":[{\"text\":"
      "\"\xed\xa0\x80\"}]}]}", 0, NULL, 0 },
    { "invalid UTF-8 in a key", "{\"contents\":[{\"parts\":[{\"text\":"
      "\"x\"}]}],\"\xff\":1}", 0, NULL, 0 },
    { "a bad escape", "{\"contents\":[{\"parts\":[{\"text\":\"\\x\"}]}]}",
      0, NULL, 0 },
    { "a trailing comma in parts", "{\"contents\":[{\"parts\":[{\"text\":"
      "\"x\"},]}]}", 0, NULL, 0 },
    { "a trailing comma in contents", "{\"contents\":[{\"parts\":[{\"text\":"
      "\"x\"}]},]}", 0, NULL, 0 },
    { "a trailing comma in a part", "{\"contents\":[{\"parts\":[{\"text\":"
      "\"x\",}]}]}", 0, NULL, 0 },
    { "a trailing comma in the object", GU ",}", 0, NULL, 0 },
    { "a trailing comma in stopSequences", GU ",\"generationConfig\":"
      "{\"stopSequences\":[\"a\",]}}", 0, NULL, 0 },
    { "a trailing comma in systemInstruction parts", GU ","
      "\"systemInstruction\":{\"parts\":[{\"text\":\"s\"},]}}", 0, NULL, 0 },
    { "bytes after the object", GU "} x", 0, NULL, 0 },
    { "a leading zero", GU ",\"generationConfig\":{\"topK\":01}}", 0, NULL,
      0 },
    { "a fraction without digits", GU ",\"generationConfig\":"
      "{\"temperature\":1.}}", 0, NULL, 0 },
    { "a number too large", GU ",\"generationConfig\":{\"temperature\":"
      "1e400}}", 0, NULL, 0 },
    { "cut short", GU, 0, NULL, 0 },
    { "cut short in a string", "{\"contents\":[{\"parts\":[{\"text\":\"x",
      0, NULL, 0 },
    { "not an object", "[]", 0, NULL, 0 },
    { "nothing", "", 0, NULL, 0 }
};

#undef GM
#undef GU
