#!/usr/bin/perl
# The translation matrix through nginx, beyond what the SDK tests see:
# same-dialect passthrough leaves the body byte for byte, lossy
# translations are announced, the Gemini model travels in the path and
# cannot leave its segment, thinking signatures survive a round trip to
# the provider that minted them and are never sent to another one.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;
use JSON::PP;
use Encode qw(encode_utf8);

my $t = LLMTest->new();
$t->start_mock();
$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    log_format llm '$llm_client_dialect>$llm_upstream_dialect '
                   '$llm_model>$llm_upstream_model w=$llm_warnings';
    upstream openai_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider openai; }
    upstream anthropic_up { server 127.0.0.1:%%MOCK_PORT%%; llm_provider anthropic; }
    upstream gemini_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider gemini; }
    server {
        listen 127.0.0.1:%%PORT_1%%;
        access_log %%PREFIX%%/llm.log llm;
        location / {
            llm_translate on;
            llm_route gpt-*    openai_up;
            llm_route claude-* anthropic_up;
            llm_route gemini-* gemini_up;
            llm_route alias-gemini gemini_up model=gemini-2.5-pro;
            proxy_set_header Authorization "Bearer sk-mock";
            proxy_set_header x-api-key sk-mock;
            proxy_set_header x-goog-api-key sk-mock;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
$t->run;

# --- passthrough: the body reaches the provider untouched

my %same = (
    '/v1/chat/completions' =>
        qq({ "messages" : [ {"role":"user", "content":"caf\\u00e9 \xe2\x82\xac"} ],\n  "model":"gpt-4o-mini", "temperature": 0.50 }),
    '/v1/messages' =>
        qq({"max_tokens":10,  "model":"claude-sonnet-4-5","messages":[{"content":"x","role":"user"}]}),
    '/v1beta/models/gemini-2.5-flash:generateContent' =>
        qq({"contents":[{"parts":[{"text":"x"}],"role":"user"}] , "generationConfig":{"temperature":1.0}}),
);
for my $path (sort keys %same) {
    $t->mock_reset;
    my $r = $t->post_json($path, $same{$path},
        headers => { 'anthropic-version' => '2023-06-01' });
    is($r->{status}, 200, "passthrough $path") or diag($r->{body});
    is(encode_utf8($t->mock_requests->[0]{body}), $same{$path},
       "passthrough $path: body byte for byte");
}

# --- a renamed model in the same dialect changes only the model

$t->mock_reset;
my $r = $t->post_json('/v1beta/models/alias-gemini:generateContent',
    { contents => [{ role => 'user', parts => [{ text => 'x' }] }] });
is($r->{status}, 200, 'alias to another Gemini model');
like($t->mock_requests->[0]{path}, qr{/models/gemini-2\.5-pro:generateContent$},
     'the alias target is in the upstream path');

# --- Gemini client to a Gemini upstream through another client's model

$t->mock_reset;
$r = $t->post_json('/v1/chat/completions', { model => 'gemini-2.5-flash',
    messages => [{ role => 'user', content => 'x' }] });
is($r->{status}, 200, 'OpenAI client, Gemini provider');
like($t->mock_requests->[0]{path}, qr{^/v1beta/models/gemini-2\.5-flash:generateContent$},
     'model placed in the Gemini path');
ok(!exists $t->mock_requests->[0]{json}{model}, 'no model in the Gemini body');

# model names that try to leave the path segment never reach the provider
$t->mock_reset;
for my $m ('gemini-../../x', 'gemini-a/b', 'gemini-a?x=1', 'gemini-%2e%2e',
           "gemini-a\r\nX-Injected: 1") {
    my $r = $t->post_json('/v1/chat/completions', { model => $m,
        messages => [{ role => 'user', content => 'x' }] });
    is($r->{status}, 400, "model '" . ($m =~ s/\r\n/\\r\\n/r) . "' rejected");
    ok($r->{json}{error}{message}, '... in the OpenAI error shape');
}
is(scalar @{ $t->mock_requests }, 0, 'none of them reached the provider');

# --- lossy translations are announced

$t->mock_reset;
$r = $t->post_json('/v1/chat/completions', { model => 'claude-sonnet-4-5',
    seed => 7, temperature => 1.7,
    messages => [{ role => 'user', content => 'x' }] });
is($r->{status}, 200, 'lossy request still served');
like($r->{headers}{'x-llm-warning'}, qr/seed:dropped/, 'seed dropped: header');
like($r->{headers}{'x-llm-warning'}, qr/temperature:clamped/,
     'temperature clamped: header');
is($t->mock_requests->[0]{json}{temperature}, 1, 'clamped to Anthropic range');
like($t->error_log, qr/\[info\].*translation was lossy: .*seed:dropped/,
     'lossy translation logged at info');

$r = $t->post_json('/v1/chat/completions', { model => 'claude-sonnet-4-5',
    n => 2, messages => [{ role => 'user', content => 'x' }] });
is($r->{status}, 400, 'n=2 cannot be served by Anthropic');
like($r->{json}{error}{message}, qr/\bn\b/, '... and the error says why');

# --- thinking: signatures go back byte-exact to the provider that minted
# them, and never to another one

$t->mock_reset;
$r = $t->post_json('/v1/chat/completions', { model => 'claude-sonnet-4-5',
    reasoning_effort => 'low', max_completion_tokens => 3000,
    messages => [{ role => 'user', content => 'think' }] });
is($r->{status}, 200, 'reasoning request to Anthropic') or diag($r->{body});
my $msg = $r->{json}{choices}[0]{message};
ok($msg->{reasoning_content}, 'reasoning text for the OpenAI client');
my $tb = $msg->{thinking_blocks} || [];
ok(@$tb && $tb->[0]{signature}, 'signed thinking block') or diag($r->{body});
my $sig = $tb->[0]{signature} // '';
my $up = $t->mock_requests->[0]{json};
ok($up->{thinking} && $up->{thinking}{type} eq 'enabled',
   'reasoning_effort became Anthropic thinking');

$t->mock_reset;
$r = $t->post_json('/v1/chat/completions', { model => 'claude-sonnet-4-5',
    reasoning_effort => 'low', max_completion_tokens => 3000,
    messages => [
        { role => 'user', content => 'think' },
        { role => 'assistant', content => $msg->{content},
          thinking_blocks => $tb },
        { role => 'user', content => 'again' },
    ] });
is($r->{status}, 200, 'history with thinking accepted by Anthropic')
    or diag($r->{body});
my ($th) = grep { $_->{type} eq 'thinking' }
           @{ $t->mock_requests->[0]{json}{messages}[1]{content} };
ok($th, 'thinking block sent back to Anthropic');
my $orig = $sig =~ s/^llm:anthropic://r;
is($th && $th->{signature}, $orig, 'signature byte-exact');

$t->mock_reset;
$r = $t->post_json('/v1/chat/completions', { model => 'gemini-2.5-flash',
    messages => [
        { role => 'user', content => 'think' },
        { role => 'assistant', content => $msg->{content},
          thinking_blocks => $tb },
        { role => 'user', content => 'again' },
    ] });
is($r->{status}, 200, 'same history to Gemini') or diag($r->{body});
unlike($t->mock_requests->[0]{body}, qr/\Q$orig\E/,
       'Anthropic signature never sent to Gemini');
like($r->{headers}{'x-llm-warning'} // '', qr/thinking:dropped/,
     'dropping it is announced');

# --- variables in the access log
my $log = LLMTest::slurp($t->prefix . '/llm.log');
like($log, qr/^openai>anthropic claude-sonnet-4-5>claude-sonnet-4-5 w=.*seed:dropped/m,
     'dialects, models and warnings in the access log');
like($log, qr/^gemini>gemini alias-gemini>gemini-2\.5-pro /m,
     'alias in the access log');

$t->done_testing;
