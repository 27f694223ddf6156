#!/usr/bin/perl
# Self-hosted OpenAI-compatible servers behind "llm_profile" (docs/
# self-hosted.md), against t/mock/selfhosted.js, which imitates vLLM (with
# and without a reasoning parser), llama.cpp, Ollama and SmolLM3:
#   - what reaches each server: max_tokens vs max_completion_tokens, the
#     reasoning switch (system flag, chat_template_kwargs, effort),
#     tool_choice degraded or rejected, stream_options left out, reasoning
#     history not replayed, one string system message, no key;
#   - errors of each server's shape, the "error:" SSE line included, as
#     proper client errors;
#   - then the official SDKs (t/sdk/selfhosted.test.mjs) get thinking,
#     text, tool calls and usage from every profile, streaming and not.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;
use IO::Select;
use POSIX qw(WNOHANG);

my $node = $ENV{TEST_LLM_NODE} || 'node';

# ---------------------------------------------------------------- the mock

my $t = LLMTest->new();

sub start_selfhosted {
    pipe(my $rd, my $wr) or die "pipe: $!";
    my $log = $t->prefix . '/selfhosted.log';
    my $pid = fork() // die "fork: $!";
    if ($pid == 0) {
        close $rd;
        open STDOUT, '>&', $wr or POSIX::_exit(127);
        open STDERR, '>>', $log or POSIX::_exit(127);
        exec $node, "$FindBin::Bin/mock/selfhosted.js", '--port', 0,
             '--parent-pid', $$ or POSIX::_exit(127);
    }
    close $wr;
    my $sel = IO::Select->new($rd);
    my $line = '';
    while ($sel->can_read(10)) {
        my $n = sysread($rd, my $buf, 4096) or last;
        $line .= $buf;
        return ($pid, $1) if $line =~ /MOCK_LISTENING port=(\d+)/;
    }
    kill 'KILL', $pid;
    die "selfhosted.js did not start: $line";
}

my ($mpid, $mport) = start_selfhosted();
END { local $?; if ($mpid) { kill "TERM", $mpid; waitpid($mpid, 0) } }

(my $conf = <<'EOF') =~ s/%%SH_PORT%%/$mport/g;
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%

    # no llm_key: local servers need none
    upstream vllm     { server 127.0.0.1:%%SH_PORT%%; llm_provider openai;
                        llm_profile vllm; }
    upstream vllmkw   { server 127.0.0.1:%%SH_PORT%%; llm_provider openai;
                        llm_profile vllm thinking=kwargs; }
    upstream vllmraw  { server 127.0.0.1:%%SH_PORT%%; llm_provider openai;
                        llm_profile vllm reasoning=think; }
    upstream llamacpp { server 127.0.0.1:%%SH_PORT%%; llm_provider openai;
                        llm_profile llamacpp; }
    upstream ollama   { server 127.0.0.1:%%SH_PORT%%; llm_provider openai;
                        llm_profile ollama; }
    upstream smollm3  { server 127.0.0.1:%%SH_PORT%%; llm_provider openai;
                        llm_profile llamacpp smollm3 stream_usage=absent
                                    forced_tool=reject; }

    server {
        listen 127.0.0.1:%%PORT_1%%;

        location / {
            llm_translate on;
            llm_route vllmkw-*   vllmkw;
            llm_route vllmraw-*  vllmraw;
            llm_route vllm-*     vllm;
            llm_route llamacpp-* llamacpp;
            llm_route ollama-*   ollama;
            llm_route smollm3*   smollm3;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
$t->write_config($conf);
$t->run;

my $J = JSON::PP->new->utf8->canonical;

sub mock_get {
    my ($path, $method) = @_;
    my $r = $t->http($method // 'GET', $path, port => $mport);
    return $r->{json};
}
sub reset_mock { mock_get('/__mock/reset', 'POST') }
sub last_req {
    my $r = mock_get('/__mock/requests');
    my @r = grep { $_->{path} !~ m{^/__mock} } @$r;
    return $r[-1]{json};
}

my $AV = { 'anthropic-version' => '2023-06-01' };

sub openai {
    my ($body) = @_;
    return $t->post_json('/v1/chat/completions', $body);
}
sub anthropic {
    my ($body) = @_;
    return $t->post_json('/v1/messages', { max_tokens => 300, %$body },
                         headers => $AV);
}
sub gemini {
    my ($model, $body) = @_;
    return $t->post_json("/v1beta/models/$model:generateContent", $body);
}

my $WEATHER = { type => 'function', function => { name => 'get_weather',
    parameters => { type => 'object',
                    properties => { city => { type => 'string' } } } } };
my $TIME = { type => 'function', function => { name => 'get_time',
    parameters => { type => 'object', properties => {} } } };

# ---------------------------------------------------------------- requests

reset_mock();
my $r = openai({ model => 'vllm-qwen3', max_tokens => 50,
                 messages => [{ role => 'user', content => 'hi' }] });
is($r->{status}, 200, 'vllm: 200') or diag($r->{body});
my $q = last_req();
is($q->{max_completion_tokens}, 50, 'vllm: max_completion_tokens');
ok(!exists $q->{authorization}, 'no key needed');
is($r->{json}{choices}[0]{message}{reasoning_content},
   'The user asks about France. Its capital is Paris.',
   'vllm: "reasoning" -> reasoning_content for an OpenAI client');

$r = openai({ model => 'llamacpp-qwen3', max_tokens => 50,
              tools => [$WEATHER, $TIME],
              tool_choice => { type => 'function',
                               function => { name => 'get_time' } },
              messages => [{ role => 'user', content => 'what time' }] });
is($r->{status}, 200, 'llamacpp named tool_choice: 200') or diag($r->{body});
$q = last_req();
is($q->{max_tokens}, 50, 'llamacpp: max_tokens');
ok(!exists $q->{max_completion_tokens}, 'llamacpp: no max_completion_tokens');
is($q->{tool_choice}, 'required', 'llamacpp: named choice -> required');
is_deeply([map { $_->{function}{name} } @{ $q->{tools} }], ['get_time'],
          'llamacpp: ... with only the named tool');
like($r->{headers}{'x-llm-warning'} // '', qr/tool_choice:degraded/,
     'llamacpp: degrade reported');
is($r->{json}{choices}[0]{message}{tool_calls}[0]{function}{name},
   'get_time', 'llamacpp: the named tool is called');
is($r->{json}{usage}{prompt_tokens}, 21, 'llamacpp: usage');

$r = openai({ model => 'ollama-qwen3', max_completion_tokens => 40,
              tools => [$WEATHER], tool_choice => 'required',
              messages => [{ role => 'user', content => 'weather?' }] });
is($r->{status}, 200, 'ollama: 200') or diag($r->{body});
$q = last_req();
ok(!exists $q->{tool_choice}, 'ollama: tool_choice not sent (ignored there)');
is($q->{max_tokens}, 40, 'ollama: max_tokens');

# SmolLM3: system flags, one string system message, no replay
$r = anthropic({ model => 'smollm3', thinking => { type => 'disabled' },
    system => [{ type => 'text', text => 'Be brief. /think' },
               { type => 'text', text => 'Use /no_think rarely.' }],
    messages => [{ role => 'user', content => [
        { type => 'text', text => 'capital' },
        { type => 'text', text => 'of France?' }] }] });
is($r->{status}, 200, 'smollm3 thinking disabled: 200') or diag($r->{body});
$q = last_req();
is($q->{messages}[0]{content}, "Be brief. \n\nUse  rarely.\n/no_think",
   'smollm3: one system message, client flags removed, /no_think added');
is($q->{messages}[1]{content}, "capital\n\nof France?",
   'smollm3: content flattened to a string');
ok(!exists $q->{reasoning_effort} && !exists $q->{chat_template_kwargs},
   'smollm3: the flag and nothing else');
is_deeply([map { $_->{type} } @{ $r->{json}{content} }], ['text'],
          'smollm3 /no_think: no thinking block');

$r = anthropic({ model => 'smollm3',
    thinking => { type => 'enabled', budget_tokens => 2048 },
    messages => [
        { role => 'user', content => 'hi' },
        { role => 'assistant', content => [
            { type => 'thinking', thinking => 'earlier', signature => '' },
            { type => 'text', text => 'hello' }] },
        { role => 'user', content => 'capital of France?' }] });
is($r->{status}, 200, 'smollm3 thinking enabled: 200') or diag($r->{body});
$q = last_req();
is($q->{messages}[0]{content}, '/think', 'smollm3: system created for /think');
ok(!exists $q->{messages}[2]{reasoning_content}, 'smollm3: no replay');
is_deeply($r->{json}{content}, [
    { type => 'thinking', signature => '',
      thinking => 'The user asks about France. Its capital is Paris.' },
    { type => 'text', text => 'The capital of France is Paris.' }],
    'smollm3: inline <think> -> thinking block without signature');

$r = anthropic({ model => 'smollm3', tools => [{ name => 'get_weather',
    input_schema => { type => 'object' } }],
    tool_choice => { type => 'tool', name => 'get_weather' },
    messages => [{ role => 'user', content => 'weather' }] });
is($r->{status}, 400, 'smollm3 forced_tool=reject: named choice is a 400');
is($r->{json}{type}, 'error', '... as an Anthropic error');

$r = gemini('vllmkw-qwen3', { contents => [{ role => 'user',
    parts => [{ text => 'capital' }] }],
    generationConfig => { thinkingConfig => { thinkingBudget => 0 } } });
is($r->{status}, 200, 'vllm kwargs: 200') or diag($r->{body});
$q = last_req();
is_deeply($q->{chat_template_kwargs}, { enable_thinking => JSON::PP::false },
          'thinkingBudget 0 -> enable_thinking false');
ok(!exists $q->{reasoning_effort}, '... and no reasoning_effort');
ok(!grep({ $_->{thought} } @{ $r->{json}{candidates}[0]{content}{parts} }),
   '... no thought parts');

$r = openai({ model => 'vllm-qwen3', reasoning_effort => 'none',
              messages => [{ role => 'user', content => 'hi' }] });
is(last_req()->{reasoning_effort}, 'none', 'vllm effort switch: none kept');

# inline tags in an answer from a "field" server are left alone
$r = openai({ model => 'vllm-qwen3',
              messages => [{ role => 'user', content => 'show code' }] });
is($r->{json}{choices}[0]{message}{content},
   'Write it as `<think>` in code: "<think>x</think>".',
   'reasoning=field: <think> in the answer untouched');
$r = openai({ model => 'vllmraw-qwen3', reasoning_effort => 'none',
              messages => [{ role => 'user', content => 'show code' }] });
is($r->{json}{choices}[0]{message}{content},
   'Write it as `<think>` in code: "<think>x</think>".',
   'reasoning=think: a tag inside the answer untouched');

# streams: no stream_options for a server without stream usage
reset_mock();
my $s = $t->sse('/v1/chat/completions', { model => 'smollm3', stream => \1,
    stream_options => { include_usage => \1 },
    messages => [{ role => 'user', content => 'capital' }] });
is($s->{status}, 200, 'smollm3 stream: 200');
ok(!exists last_req()->{stream_options}, 'smollm3: stream_options not sent');
my ($reason, $text, $usage) = ('', '', undef);
for my $e (@{ $s->{events} }) {
    my $j = $e->{json} or next;
    $usage = $j->{usage} if $j->{usage};
    for my $c (@{ $j->{choices} || [] }) {
        $reason .= $c->{delta}{reasoning_content} // '';
        $text .= $c->{delta}{content} // '';
    }
}
is($reason, 'The user asks about France. Its capital is Paris.',
   'smollm3 stream: reasoning split out of 3-byte pieces');
is($text, 'The capital of France is Paris.', 'smollm3 stream: answer');
ok(!$usage, 'smollm3 stream: no usage chunk with made-up zeros');

# ---------------------------------------------------------------- errors

for my $m (qw(vllm-qwen3 llamacpp-qwen3 ollama-qwen3 smollm3)) {
    $r = openai({ model => $m, messages => [{ role => 'user',
                                               content => 'fail400' }] });
    is($r->{status}, 400, "$m: 400 to OpenAI client");
    like($r->{json}{error}{message} // '', qr/context size/,
         "$m: message kept");
    $r = anthropic({ model => $m, messages => [{ role => 'user',
                                                  content => 'fail400' }] });
    is($r->{json}{error}{type}, 'invalid_request_error',
       "$m: Anthropic invalid_request_error");
    $r = gemini($m, { contents => [{ role => 'user',
                                     parts => [{ text => 'fail400' }] }] });
    is($r->{json}{error}{status}, 'INVALID_ARGUMENT', "$m: Gemini 400");
}

for my $m (qw(vllm-qwen3 llamacpp-qwen3 ollama-qwen3 smollm3)) {
    $s = $t->sse('/v1/messages', { model => $m, stream => \1,
        max_tokens => 100,
        messages => [{ role => 'user', content => 'failstream' }] },
        headers => $AV);
    my @err = grep { ($_->{event} // '') eq 'error' } @{ $s->{events} };
    ok(@err == 1, "$m: mid-stream error -> one Anthropic error event");
    like($err[0]{data} // '', qr/the model crashed/, "$m: ... its message");
    ok(!grep({ ($_->{event} // '') eq 'message_stop' } @{ $s->{events} }),
       "$m: ... and no message_stop");

    $s = $t->sse('/v1/chat/completions', { model => $m, stream => \1,
        messages => [{ role => 'user', content => 'failstream' }] });
    my @ej = grep { $_->{json} && $_->{json}{error} } @{ $s->{events} };
    ok(@ej == 1, "$m: mid-stream error -> OpenAI error chunk");
}

# ---------------------------------------------------------------- SDKs

SKIP: {
    skip 'no t/sdk/node_modules (npm ci in t/sdk)', 1
        unless -d "$FindBin::Bin/sdk/node_modules/openai";
    my $gw = 'http://127.0.0.1:' . $t->port(1);
    local $ENV{SELFHOSTED_GATEWAY} = $gw;
    local $ENV{SELFHOSTED_MOCK} = "http://127.0.0.1:$mport";
    local $ENV{MOCK_URL} = "http://127.0.0.1:$mport";
    my $out = `cd '$FindBin::Bin/sdk' && '$node' --test --test-reporter=tap selfhosted.test.mjs 2>&1`;
    my $rc = $? >> 8;
    my @fail = grep { /^\s*not ok/ } split /\n/, $out;
    my ($pass) = $out =~ /^# pass (\d+)/m;
    ok($rc == 0 && !@fail, 'official SDKs through every profile (pass '
       . ($pass // 0) . ')') or diag($out);
}

$t->done_testing;
