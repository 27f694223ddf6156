/*
 * The unit tests' TAP output: ok() prints one test line (and the detail
 * as a comment when it failed), tap_done() the plan and the exit status.
 */

#ifndef TAP_H
#define TAP_H

#include <stdio.h>


static int  tap_tests, tap_failures;


static void
ok(int cond, const char *name, const char *detail)
{
    tap_tests++;
    if (cond) {
        printf("ok %d - %s\n", tap_tests, name);
        return;
    }

    tap_failures++;
    printf("not ok %d - %s\n# %s\n", tap_tests, name, detail ? detail : "");
}


static int
tap_done(void)
{
    printf("1..%d\n", tap_tests);
    return tap_failures ? 1 : 0;
}

#endif /* TAP_H */
