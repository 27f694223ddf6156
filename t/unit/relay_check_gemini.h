/* gemini bodies for test_relay_check.c */

static const relay_case_t  relay_cases_gemini[] = {
    { "not an object", "[]", 0, NULL, 0 }
};
