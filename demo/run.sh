#!/bin/sh
# Builds the module and starts a demo gateway on 127.0.0.1:8080 in front
# of a local mock provider (no real API key needed).
#
#   demo/run.sh          build, start, print how to call it
#   demo/run.sh stop     stop the gateway and the mock
#
# PORT and MOCK_PORT override the ports (8080, 18091).

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
run="$top/demo/run"
port=${PORT:-8080}
mock_port=${MOCK_PORT:-18091}

stop() {
    [ -f "$run/nginx.pid" ] && kill -QUIT "$(cat "$run/nginx.pid")" 2>/dev/null || true
    [ -f "$run/mock.pid" ] && kill "$(cat "$run/mock.pid")" 2>/dev/null || true
    rm -f "$run/nginx.pid" "$run/mock.pid"
}

if [ "${1:-}" = stop ]; then
    stop
    echo "demo stopped"
    exit 0
fi

"$top/t/deps.sh"
module=$("$top/build.sh")

stop
mkdir -p "$run/tmp"

nohup node "$top/t/mock/mock.js" --port "$mock_port" \
    > "$run/mock.log" 2>&1 &
echo $! > "$run/mock.pid"

sed -e "s|@MODULE@|$module|" -e "s|@PREFIX@|$run|g" \
    -e "s|@PORT@|$port|" -e "s|@MOCK_PORT@|$mock_port|" \
    "$top/demo/nginx.conf" > "$run/nginx.conf"

/usr/sbin/nginx -p "$run/" -c "$run/nginx.conf" -e "$run/error.log" -t -q
/usr/sbin/nginx -p "$run/" -c "$run/nginx.conf" -e "$run/error.log"

# wait until both listen
i=0
until curl -s -o /dev/null "http://127.0.0.1:$mock_port/__mock/health" \
      && curl -s -o /dev/null "http://127.0.0.1:$port/llm/status"; do
    i=$((i + 1))
    [ $i -gt 50 ] && { echo "demo did not start; see $run/error.log" >&2; exit 1; }
    sleep 0.1
done

cat <<MSG
LLM gateway running on http://127.0.0.1:$port (mock providers on :$mock_port)

  # OpenAI client -> Anthropic provider
  curl -s http://127.0.0.1:$port/v1/chat/completions \\
    -H 'Content-Type: application/json' \\
    -d '{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hello"}]}'

  # Anthropic client -> OpenAI provider, streamed
  curl -sN http://127.0.0.1:$port/v1/messages -H 'anthropic-version: 2023-06-01' \\
    -H 'Content-Type: application/json' \\
    -d '{"model":"gpt-4o-mini","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hello"}]}'

  # Gemini client -> Anthropic provider
  curl -s 'http://127.0.0.1:$port/v1beta/models/claude-sonnet-4-5:generateContent' \\
    -H 'Content-Type: application/json' \\
    -d '{"contents":[{"role":"user","parts":[{"text":"Hello"}]}]}'

  # key pool state
  curl -s http://127.0.0.1:$port/llm/status

Logs in $run/. Stop with: demo/run.sh stop
MSG
