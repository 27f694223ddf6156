/* anthropic bodies for test_relay_check.c */

static const relay_case_t  relay_cases_anthropic[] = {
    { "not an object", "[]", 0, NULL, 0 }
};
