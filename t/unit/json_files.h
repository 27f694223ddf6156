/*
 * The unit tests' fixture files: each(path, data) for every *.json file
 * under dir, depth first; and json_text_free for a text json_dumps made
 * (it comes from jansson's allocator, which the core hooks).
 */

#ifndef JSON_FILES_H
#define JSON_FILES_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>


static inline void
json_files(const char *dir, void (*each)(const char *path, void *data),
    void *data)
{
    DIR            *d;
    char            path[4096];
    size_t          n;
    struct stat     st;
    struct dirent  *e;

    d = opendir(dir);
    if (d == NULL) {
        return;
    }

    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }

        snprintf(path, sizeof(path), "%.3800s/%.255s", dir, e->d_name);
        if (stat(path, &st) != 0) {
            continue;
        }

        if (S_ISDIR(st.st_mode)) {
            json_files(path, each, data);
            continue;
        }

        n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".json") == 0) {
            each(path, data);
        }
    }

    closedir(d);
}


static inline void
json_text_free(char *p)
{
    json_malloc_t  m;
    json_free_t    f;

    json_get_alloc_funcs(&m, &f);
    f(p);
}

#endif /* JSON_FILES_H */
