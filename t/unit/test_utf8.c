/*
 * Error messages quote client and provider bytes and may be cut at their
 * size limit: llm_utf8_sanitize keeps them valid UTF-8.  Prints TAP.
 */

#include <stdio.h>
#include <string.h>

#include "llm_ir.h"


static int  tests, failures;


static void
check(const char *in, const char *want, const char *name)
{
    char  buf[64];

    snprintf(buf, sizeof(buf), "%s", in);
    llm_utf8_sanitize(buf);

    tests++;
    if (strcmp(buf, want) == 0) {
        printf("ok %d - %s\n", tests, name);
        return;
    }

    failures++;
    printf("not ok %d - %s\n# got: [%s] want: [%s]\n", tests, name, buf,
           want);
}


int
main(void)
{
    llm_error_t  err;
    char         big[2 * LLM_ERR_MSG_MAX];
    size_t       i;

    check("plain ascii", "plain ascii", "ASCII unchanged");
    check("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
          "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "valid UTF-8 kept");
    check("bad \xff byte", "bad ? byte", "invalid byte replaced");
    check("lone \x80 continuation", "lone ? continuation",
          "stray continuation replaced");
    check("cut \xe2\x82", "cut ", "sequence cut at the end dropped");
    check("\xc0\xaf overlong", "?? overlong", "overlong form replaced");
    check("\xed\xa0\x80 surrogate", "??? surrogate", "surrogate replaced");
    check("\xe2(\xa1", "?(?", "broken sequence in the middle");

    /* a message longer than the field is cut on a character boundary */
    for (i = 0; i + 2 < sizeof(big); i += 2) {
        big[i] = '\xc3';
        big[i + 1] = '\xa9';
    }
    big[i] = '\0';
    llm_error_set(&err, LLM_ERR_INVALID_REQUEST, "x%s", big);

    tests++;
    if (strlen(err.message) % 2 == 1
        && (unsigned char) err.message[strlen(err.message) - 1] == 0xa9)
    {
        printf("ok %d - a long message is cut between characters\n", tests);

    } else {
        failures++;
        printf("not ok %d - a long message is cut between characters\n",
               tests);
    }

    printf("1..%d\n", tests);
    return failures ? 1 : 0;
}
