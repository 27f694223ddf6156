// What the fastest JSON reader we know of costs on the benchmark's
// bodies, next to this module's own core, in one run: the floor under
// any gateway that reads a body before it relays it.  Not the module's
// code (C, no simdjson): a reference point quoted in docs/performance.md,
// as the Node.js gateways' figures are.
//
//   floor body.json ...
//
// For each body, the median of 7 timed rounds (after a warm-up) of:
//   memcpy      copying the body once (touching every byte);
//   utf8        simdjson::validate_utf8 alone;
//   index       simdjson On Demand over the top-level keys only: its
//               stage 1 (every structural byte of the body indexed,
//               UTF-8 validated), almost nothing of stage 2;
//   parse       simdjson's DOM parse: the whole body validated and
//               read into its tape (no repeated-key refusal, which this
//               module's checks add).
// SIMDJSON_FORCE_IMPLEMENTATION=westmere picks its SSE4.2 kernel, the
// nearest to the module's SSE2 build.  Needs libsimdjson-dev (Debian 12:
// simdjson 3.0.1); make bench-floor.

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

static double
now_ns()
{
    return std::chrono::duration<double, std::nano>(
        std::chrono::steady_clock::now().time_since_epoch()).count();
}

// the median ns per call of f over 7 rounds of n calls; f false: failed
template <typename F>
static double
median_ns(size_t n, F f)
{
    std::vector<double> v;

    for (size_t i = 0; i < n / 4; i++) {          // warm-up
        if (!f()) {
            return -1;
        }
    }

    for (int r = 0; r < 7; r++) {
        double t0 = now_ns();
        for (size_t i = 0; i < n; i++) {
            if (!f()) {
                return -1;
            }
        }
        v.push_back((now_ns() - t0) / (double) n);
    }

    std::sort(v.begin(), v.end());
    return v[3];
}

int
main(int argc, char **argv)
{
    simdjson::dom::parser dom;
    simdjson::ondemand::parser od;

    if (argc < 2) {
        std::fprintf(stderr, "usage: floor body.json ...\n");
        return 2;
    }

    std::printf("floor: simdjson %s, kernel %s\n",
                SIMDJSON_STRINGIFY(SIMDJSON_VERSION),
                simdjson::get_active_implementation()->name().c_str());

    for (int a = 1; a < argc; a++) {
        simdjson::padded_string s;
        if (simdjson::padded_string::load(argv[a]).get(s)) {
            std::fprintf(stderr, "floor: cannot read %s\n", argv[a]);
            return 1;
        }

        size_t n = 4000000 / (s.size() + 64) + 100;
        std::vector<char> copy(s.size());
        const char *name = std::strrchr(argv[a], '/');
        name = name ? name + 1 : argv[a];

        double t_copy = median_ns(n, [&] {
            std::memcpy(copy.data(), s.data(), s.size());
            asm volatile("" : : "r"(copy.data()) : "memory");
            return true;
        });
        double t_utf8 = median_ns(n, [&] {
            return simdjson::validate_utf8(s.data(), s.size());
        });
        double t_index = median_ns(n, [&] {
            simdjson::ondemand::document d;
            simdjson::ondemand::object o;
            if (od.iterate(s).get(d) || d.get_object().get(o)) {
                return false;
            }
            size_t k = 0;
            for (auto f : o) {
                std::string_view key;
                if (f.unescaped_key().get(key)) {
                    return false;
                }
                k++;
            }
            return k > 0;
        });
        double t_parse = median_ns(n, [&] {
            simdjson::dom::element e;
            return !dom.parse(s).get(e);
        });

        if (t_utf8 < 0 || t_index < 0 || t_parse < 0) {
            std::fprintf(stderr, "floor: %s: simdjson refused it\n", name);
            return 1;
        }

        std::printf("%-28s %6zu B  memcpy %6.0f ns  utf8 %6.0f ns  "
                    "index %6.0f ns  parse %6.0f ns (%.2f ns/B)\n", name,
                    s.size(), t_copy, t_utf8, t_index, t_parse,
                    t_parse / (double) s.size());
    }

    return 0;
}
