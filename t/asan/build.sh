#!/bin/sh
# Builds nginx from Debian's source package under AddressSanitizer with
# the module linked statically (nginx-notes.md 1.6), into build/asan.
#
#   t/asan/build.sh            -> build/asan/sbin/nginx
#
# Steps: a private apt state directory with deb-src entries mirroring
# /etc/apt/sources.list.d/debian.sources (nothing under /etc/apt is
# touched), "apt-get source" of the newest nginx 1.22.1 source that
# actually downloads (deb12u11's .dsc 404s on the security archive, so
# the list is tried newest first), then configure with clang,
# -fsanitize=address, -DNGX_DEBUG_PALLOC=1 (every pool allocation is a
# separate malloc, so ASan sees pool overruns) and --add-module (static:
# a dynamic module under ASan gives a false global-buffer-overflow on
# reload).  Rebuilding after a module change reruns only make.
#
# Needs: clang, libclang-rt-14-dev, dpkg-dev, libpcre2-dev, libssl-dev,
# zlib1g-dev, libjansson-dev, network access to deb.debian.org.

set -eu

# the -Werror gate is the clang build of build.sh; a warning must not stop
# the sanitizer build (override with LLM_ASAN_CFLAGS=)
LLM_ASAN_CFLAGS=${LLM_ASAN_CFLAGS--Wno-error}

top=$(cd "$(dirname "$0")/../.." && pwd)
out=${LLM_ASAN_DIR:-$top/build/asan}
apt="$out/apt"
mkdir -p "$out" "$apt/parts" "$apt/lists/partial" "$apt/cache/archives/partial"

opts="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$apt/parts
      -o Dir::State::Lists=$apt/lists -o Dir::Cache=$apt/cache
      -o Debug::NoLocking=1"

src=$(ls -d "$out"/src/nginx-1.22.1 2>/dev/null || true)
if [ -z "$src" ]; then
    # deb-src stanzas mirroring the image's own .sources file
    sed 's/^Types: deb$/Types: deb deb-src/' \
        /etc/apt/sources.list.d/debian.sources > "$apt/parts/debian.sources"
    # shellcheck disable=SC2086
    apt-get $opts update -qq
    # shellcheck disable=SC2086
    versions=$(apt-cache $opts showsrc nginx | sed -n 's/^Version: //p' \
               | sort -Vr | uniq)
    mkdir -p "$out/src"
    ok=
    for v in $versions; do
        echo "asan/build.sh: trying nginx source $v"
        rm -rf "$out/src"/*
        # shellcheck disable=SC2086
        if (cd "$out/src" && apt-get $opts source -qq "nginx=$v" >/dev/null 2>&1) \
           && [ -d "$out/src/nginx-1.22.1" ]
        then
            ok=$v
            break
        fi
    done
    [ -n "$ok" ] || { echo "asan/build.sh: no nginx source downloaded" >&2; exit 1; }
    echo "$ok" > "$out/source-version"
    src="$out/src/nginx-1.22.1"
fi

stamp="$out/.configured"
if [ ! -f "$stamp" ] || [ ! -f "$src/objs/Makefile" ]; then
    (cd "$src" && ./configure \
        --with-cc=clang \
        --with-cc-opt="-O1 -g -fno-omit-frame-pointer -fsanitize=address -DNGX_DEBUG_PALLOC=1 $LLM_ASAN_CFLAGS" \
        --with-ld-opt="-fsanitize=address" \
        --prefix="$out" \
        --with-debug --with-compat --with-threads --with-http_ssl_module \
        --with-http_v2_module --with-pcre-jit \
        --add-module="$top") > "$out/configure.log" 2>&1 \
    || { tail -30 "$out/configure.log" >&2; exit 1; }
    touch "$stamp"
fi

# the module's sources are listed by config at configure time: a new
# source file needs a fresh configure
srclist=$(cd "$top" && ls config src/*.c src/*.h src/core/*.c src/core/*.h | md5sum)
if [ "$srclist" != "$(cat "$out/.srclist" 2>/dev/null)" ] && [ -f "$src/objs/Makefile" ] \
   && [ -f "$out/.srclist" ]
then
    (cd "$src" && ./configure \
        --with-cc=clang \
        --with-cc-opt="-O1 -g -fno-omit-frame-pointer -fsanitize=address -DNGX_DEBUG_PALLOC=1 $LLM_ASAN_CFLAGS" \
        --with-ld-opt="-fsanitize=address" \
        --prefix="$out" \
        --with-debug --with-compat --with-threads --with-http_ssl_module \
        --with-http_v2_module --with-pcre-jit \
        --add-module="$top") > "$out/configure.log" 2>&1 \
    || { tail -30 "$out/configure.log" >&2; exit 1; }
fi
echo "$srclist" > "$out/.srclist"

make -s -C "$src" -j"$(nproc)" > "$out/make.log" 2>&1 \
    || { grep -E 'error' "$out/make.log" | head -40 >&2; tail -5 "$out/make.log" >&2; exit 1; }
make -s -C "$src" install > /dev/null 2>&1
echo "$out/sbin/nginx"
