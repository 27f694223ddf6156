/*
 * The unit tests' file reader: the whole file, NUL-terminated (the NUL
 * not counted in len); NULL when it cannot be read.
 */

#ifndef READ_FILE_H
#define READ_FILE_H

#include <stdio.h>
#include <stdlib.h>


static char *
read_file(const char *path, size_t *len)
{
    FILE  *f;
    long   n;
    char  *buf;

    f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(n + 1);
    if (buf == NULL || fread(buf, 1, n, f) != (size_t) n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

#endif /* READ_FILE_H */
