#!/bin/sh
# Build the dynamic module against Debian's nginx-dev tree, the way
# Debian builds its own libnginx-mod-* packages.
#
#   ./build.sh                 gcc, into build/gcc
#   CC=clang ./build.sh        clang, into build/clang
#
# The result is build/<cc>/ngx_http_llm_translate_module.so.

set -eu

top=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-gcc}
out="$top/build/$(basename "$cc")"
src=/usr/share/nginx/src

if [ ! -f "$src/conf_flags" ]; then
    echo "build.sh: $src not found: apt-get install nginx-dev" >&2
    exit 1
fi

mkdir -p "$out"

# configure only when the source list or config changed
stamp="$out/.configured"
list=$(cd "$top" && ls config src/*.c src/*.h src/core/*.c src/core/*.h \
       ngx_http_llm_translate_module.c 2>/dev/null | md5sum | cut -d' ' -f1)

if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$list" ]; then
    cflags="$(dpkg-buildflags --get CFLAGS) -fPIC $(dpkg-buildflags --get CPPFLAGS)"
    ldflags="$(dpkg-buildflags --get LDFLAGS) -fPIC"
    (cd "$src" && bash -c '. ./conf_flags; ./configure \
        --with-cc="$0" --with-cc-opt="$1" --with-ld-opt="$2" \
        "${NGX_CONF_FLAGS[@]}" \
        --add-dynamic-module="$3" --builddir="$4"' \
        "$cc" "$cflags" "$ldflags" "$top" "$out") > "$out/configure.log" 2>&1 \
    || { tail -20 "$out/configure.log" >&2; exit 1; }
    echo "$list" > "$stamp"
fi

make -s -f "$out/Makefile" -C "$src" modules >"$out/make.log" 2>&1 \
    || { grep -E 'error|warning' "$out/make.log" | head -40 >&2;
         tail -5 "$out/make.log" >&2; exit 1; }

echo "$out/ngx_http_llm_translate_module.so"
