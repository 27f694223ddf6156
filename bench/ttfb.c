/*
 * Time to first byte and to the whole answer, at concurrency 1: n POSTs,
 * one after the other, on one keep-alive connection to 127.0.0.1:port;
 * for each, the time from sending the request to the first byte of the
 * response body, and to its end (chunked or Content-Length).
 *
 *   ttfb port path body-file n [header ...] [-- port path body-file
 *        [header ...]]
 *
 * With a second target after "--", the two are asked in turn, request by
 * request, each on its own connection: a stall of the machine falls on
 * both alike, which two runs one after the other cannot promise (the
 * added p99 at concurrency 1 is a difference of two such tails).
 *
 * Prints, for each target in order, "TTFB n=... first_p50=...
 * first_p99=... total_p50=... total_p99=... bytes=..." (microseconds);
 * exits 1 on any answer but 200.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>


#define BUFSZ  (256 * 1024)


static double
now_us(void)
{
    struct timespec  ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}


static int
cmp(const void *a, const void *b)
{
    double  x = *(const double *) a, y = *(const double *) b;

    return x < y ? -1 : x > y;
}


static double
pct(double *v, int n, double p)
{
    int  i;

    i = (int) (p / 100.0 * n);
    return v[i >= n ? n - 1 : i];
}


static int
dial(int port)
{
    int                 fd, one;
    struct sockaddr_in  sin;

    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd == -1) {
        return -1;
    }

    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    if (connect(fd, (struct sockaddr *) &sin, sizeof(sin)) == -1) {
        close(fd);
        return -1;
    }

    one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}


/*
 * Reads one response; returns its body size, or -1.  *first: time of the
 * first body byte.  Chunked parsing is incremental over buf.
 */
static long
response(int fd, char *buf, double *first)
{
    int     chunked, status;
    char   *p, *e, *hend;
    long    clen, body;
    size_t  have, pos, need;
    ssize_t n;

    have = 0;
    hend = NULL;

    while (hend == NULL) {
        n = read(fd, buf + have, BUFSZ - 1 - have);
        if (n <= 0) {
            return -1;
        }
        have += n;
        buf[have] = '\0';
        hend = strstr(buf, "\r\n\r\n");
    }

    if (sscanf(buf, "HTTP/1.1 %d", &status) != 1 || status != 200) {
        fprintf(stderr, "ttfb: %.200s\n", buf);
        return -1;
    }

    *hend = '\0';
    chunked = 0;
    clen = -1;

    for (p = strstr(buf, "\r\n"); p; p = strstr(p + 2, "\r\n")) {
        if (strncasecmp(p + 2, "transfer-encoding: chunked", 26) == 0) {
            chunked = 1;
        }
        if (strncasecmp(p + 2, "content-length:", 15) == 0) {
            clen = atol(p + 17);
        }
    }

    pos = hend + 4 - buf;          /* first body byte in buf */

    while (pos >= have) {
        n = read(fd, buf, BUFSZ - 1);
        if (n <= 0) {
            return -1;
        }
        pos -= have;
        have = n;
    }

    *first = now_us();
    body = 0;

    if (!chunked) {
        if (clen < 0) {
            return -1;
        }
        body = have - pos;
        while (body < clen) {
            n = read(fd, buf, BUFSZ - 1);
            if (n <= 0) {
                return -1;
            }
            body += n;
        }
        return body;
    }

    /* chunked: size line, data, CRLF; "0" CRLF CRLF ends */

    for ( ;; ) {
        /* make sure a whole size line is in buf from pos */
        for ( ;; ) {
            buf[have] = '\0';
            e = (pos < have) ? strstr(buf + pos, "\r\n") : NULL;
            if (e) {
                break;
            }
            memmove(buf, buf + pos, have - pos);
            have -= pos;
            pos = 0;
            n = read(fd, buf + have, BUFSZ - 1 - have);
            if (n <= 0) {
                return -1;
            }
            have += n;
        }

        need = strtoul(buf + pos, NULL, 16);
        pos = e + 2 - buf;

        if (need == 0) {
            need = 2;              /* the final CRLF */
            while (have - pos < need) {
                n = read(fd, buf + have, BUFSZ - 1 - have);
                if (n <= 0) {
                    return -1;
                }
                have += n;
            }
            return body;
        }

        body += need;
        need += 2;                 /* data CRLF */

        while (have - pos < need) {
            need -= have - pos;
            n = read(fd, buf, BUFSZ - 1);
            if (n <= 0) {
                return -1;
            }
            have = n;
            pos = 0;
        }

        pos += need;
    }
}


typedef struct {
    int      fd;
    char    *req;
    size_t   rlen;
    long     bytes;
    double  *tf, *tt;
} target_t;


/* The request for argv[0..2] (port path body-file) and the nh headers at
 * h, its connection open: 0, or 1 */
static int
target_open(target_t *t, char **argv, char **h, int nh, int n)
{
    int      i;
    char    *body, *p;
    long     blen;
    FILE    *f;

    f = fopen(argv[2], "rb");
    if (f == NULL) {
        perror(argv[2]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    blen = ftell(f);
    fseek(f, 0, SEEK_SET);
    body = malloc(blen + 1);
    if (body == NULL || fread(body, 1, blen, f) != (size_t) blen) {
        fclose(f);
        return 1;
    }
    fclose(f);

    t->req = malloc(blen + 4096 + (size_t) nh * 1004);
    t->tf = calloc(n, sizeof(double));
    t->tt = calloc(n, sizeof(double));
    if (t->req == NULL || t->tf == NULL || t->tt == NULL) {
        return 1;
    }

    p = t->req + sprintf(t->req, "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Content-Type: application/json\r\n"
                         "Content-Length: %ld\r\n", argv[1], blen);
    for (i = 0; i < nh; i++) {
        p += sprintf(p, "%.1000s\r\n", h[i]);
    }
    p += sprintf(p, "\r\n");
    memcpy(p, body, blen);
    t->rlen = p + blen - t->req;
    free(body);

    t->fd = dial(atoi(argv[0]));
    if (t->fd == -1) {
        perror("connect");
        return 1;
    }

    return 0;
}


/* One request and its answer; its times kept as the k-th when k >= 0 */
static int
target_ask(target_t *t, char *buf, int k)
{
    long      got;
    char     *p;
    double    t0, first;
    ssize_t   w;

    t0 = now_us();

    for (p = t->req; p < t->req + t->rlen; p += w) {
        w = write(t->fd, p, t->req + t->rlen - p);
        if (w <= 0) {
            perror("write");
            return 1;
        }
    }

    got = response(t->fd, buf, &first);
    if (got < 0) {
        fprintf(stderr, "ttfb: bad or no response\n");
        return 1;
    }

    if (k >= 0) {
        t->tf[k] = first - t0;
        t->tt[k] = now_us() - t0;
        t->bytes = got;
    }

    return 0;
}


int
main(int argc, char **argv)
{
    int        n, i, k, nt, split;
    char      *buf;
    target_t   t[2];

    if (argc < 5) {
        fprintf(stderr, "usage: ttfb port path body-file n [header ...] "
                "[-- port path body-file [header ...]]\n");
        return 2;
    }

    n = atoi(argv[4]);
    if (n < 1) {
        fprintf(stderr, "ttfb: n must be at least 1\n");
        return 2;
    }

    for (split = 5; split < argc && strcmp(argv[split], "--") != 0; split++) {
        /* void */
    }

    buf = malloc(BUFSZ);
    memset(t, 0, sizeof(t));

    /* the first target's headers follow n */
    if (buf == NULL
        || target_open(&t[0], argv + 1, argv + 5, split - 5, n) != 0)
    {
        return 1;
    }

    nt = 1;

    if (split < argc) {
        if (argc - split - 1 < 3) {
            fprintf(stderr, "ttfb: after --: port path body-file\n");
            return 2;
        }

        if (target_open(&t[1], argv + split + 1, argv + split + 4,
                        argc - split - 4, n)
            != 0)
        {
            return 1;
        }

        nt = 2;
    }

    for (k = -n / 10 - 1; k < n; k++) {          /* warm-up first */
        for (i = 0; i < nt; i++) {
            if (target_ask(&t[i], buf, k) != 0) {
                return 1;
            }
        }
    }

    for (i = 0; i < nt; i++) {
        qsort(t[i].tf, n, sizeof(double), cmp);
        qsort(t[i].tt, n, sizeof(double), cmp);

        printf("TTFB n=%d first_p50=%.1f first_p99=%.1f total_p50=%.1f "
               "total_p99=%.1f bytes=%ld\n", n, pct(t[i].tf, n, 50),
               pct(t[i].tf, n, 99), pct(t[i].tt, n, 50),
               pct(t[i].tt, n, 99), t[i].bytes);

        close(t[i].fd);
    }

    return 0;
}
