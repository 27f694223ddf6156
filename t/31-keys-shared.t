#!/usr/bin/perl
# Key pools: state shared by two workers, the all-keys-cooling answer
# (llm_keys_check) with its Retry-After, the status endpoint (JSON and
# Prometheus, keys masked), state kept across reload, keys removed from
# the configuration gone from the status, and no secret in a debug-level
# error log.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my %k = map { $_ => "sk-shared-$_-9876543210fedcba" } qw(a b c);

my $t = LLMTest->new(workers => 2, log_level => 'debug');
$t->start_mock();

sub config {
    my ($with_b) = @_;
    my $b = $with_b ? "llm_key $k{b} id=b;" : '';
    # the harness adds http2 only to plain "listen addr:port;" lines
    my $h2 = $ENV{TEST_LLM_HTTP2} ? ' http2' : '';
    return <<"EOF";
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    llm_keys_zone llm 256k;

    upstream pool2 {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm;
        llm_key $k{a} id=a;
        $b
    }
    upstream claude {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider anthropic zone=llm all_cooling_status=503;
        llm_key $k{c} id=c;
    }

    server {
        listen 127.0.0.1:%%PORT_1%%$h2 reuseport;

        proxy_http_version 1.1;
        proxy_next_upstream error timeout http_429 non_idempotent;
        add_header X-Worker \$pid always;

        location /p/ {
            llm_keys_check pool2;
            proxy_pass http://pool2/;
        }
        location /c/ {
            llm_keys_check claude;
            proxy_set_header anthropic-version 2023-06-01;
            proxy_pass http://claude/;
        }
        location /status { llm_status; }
        location /metrics { llm_status prometheus; }
    }
}
EOF
}

$t->write_config(config(1));
$t->run;

my $chat = { model => 'gpt-4o', messages => [{ role => 'user', content => 'hi' }] };
my $msg = { model => 'claude-x', max_tokens => 10,
            messages => [{ role => 'user', content => 'hi' }] };

sub status {
    my $s = $t->get('/status');
    my %keys;
    for my $p (@{ $s->{json}{pools} }) {
        $keys{"$p->{upstream}/$_->{id}"} = $_ for @{ $p->{keys} };
    }
    return (\%keys, $s);
}

# --- two workers, one view

$t->mock_script([{ match => { key => $k{a} }, times => 1, status => 429,
                   headers => { 'retry-after' => '60' } }]);
my $r = $t->post_json('/p/v1/chat/completions', $chat);
is($r->{status}, 200, 'first request retried on b');

$t->mock_reset;
my (%workers, %used);
for (1 .. 30) {
    $r = $t->post_json('/p/v1/chat/completions', $chat);
    $workers{ $r->{headers}{'x-worker'} // '?' }++;
    $used{ $_->{key} }++ for @{ $t->mock_requests };
    $t->mock_reset;
}
is(scalar(keys %workers), 2, 'requests served by both workers')
    or diag(explain \%workers);
is_deeply([keys %used], [$k{b}], 'no worker used the cooling key a');

my %views;
for (1 .. 12) {
    my ($keys, $s) = status();
    my $a = $keys->{'pool2/a'};
    $views{ $s->{headers}{'x-worker'} } =
        "$a->{state} $a->{rate_limited} " . $keys->{'pool2/b'}{requests};
}
is(scalar(keys %views), 2, 'status served by both workers');
my @v = values %views;
is($v[0], $v[1], "both workers see the same key state ($v[0])");
like($v[0], qr/^cooling 1 31$/, 'a cooling, one 429, 31 requests on b');

# --- the last usable key's 429, then the gateway's own answer

$t->mock_script([{ match => { key => $k{b} }, times => 1, status => 429,
                   headers => { 'retry-after' => '40' } }]);
$r = $t->post_json('/p/v1/chat/completions', $chat);
is($r->{status}, 429, 'b was the last usable key: its 429 reaches the client');
is($r->{headers}{'retry-after'}, '40', 'with the provider Retry-After');
is(scalar @{ $t->mock_requests }, 1, 'not retried');

$t->mock_reset;
$r = $t->post_json('/p/v1/chat/completions', $chat);
is($r->{status}, 429, 'all keys cooling: 429 from the gateway');
ok($r->{headers}{'retry-after'} >= 39 && $r->{headers}{'retry-after'} <= 40,
   "Retry-After = earliest cooldown ($r->{headers}{'retry-after'})");
is($r->{json}{error}{code}, 'rate_limit_exceeded', 'OpenAI error body');
like($r->{headers}{'content-type'}, qr{^application/json}, 'JSON');
is(scalar @{ $t->mock_requests }, 0, 'nothing sent to the provider');
ok($t->wait_for_log(qr/all keys of upstream "pool2" are cooling down/, 2),
   'logged');

# all_cooling_status=503, in the provider's dialect

$t->mock_script([{ match => { key => $k{c} }, times => 1, status => 429,
                   headers => { 'retry-after' => '20' } }]);
$r = $t->post_json('/c/v1/messages', $msg);
is($r->{status}, 429, 'anthropic single key: provider 429');
$r = $t->post_json('/c/v1/messages', $msg);
is($r->{status}, 503, 'all_cooling_status=503');
is($r->{json}{type}, 'error', 'Anthropic error body');
is($r->{json}{error}{type}, 'overloaded_error', 'overloaded_error');
ok($r->{headers}{'retry-after'} >= 19, 'Retry-After');

# --- status: JSON and Prometheus, keys masked

my ($keys, $s) = status();
my $a = $keys->{'pool2/a'};
is($a->{key}, 'sk-...dcba', 'masked key');
like($a->{fingerprint}, qr/^[0-9a-f]{16}$/, 'fingerprint');
for my $f (qw(state cooldown_remaining inflight requests successes
              rate_limited auth_failures errors tokens_in tokens_out weight)) {
    ok(exists $a->{$f}, "status has $f") or last;
}
is($a->{inflight}, 0, 'no request in flight');
my $body = $s->{body};
ok(!(grep { index($body, $_) >= 0 } values %k), 'no secret in JSON status');

my $m = $t->get('/metrics');
is($m->{status}, 200, 'prometheus status');
like($m->{headers}{'content-type'}, qr{^text/plain}, 'text/plain');
like($m->{body}, qr/^# TYPE llm_key_rate_limited_total counter$/m, 'TYPE line');
like($m->{body},
     qr/^llm_key_rate_limited_total\{upstream="pool2",provider="openai",key="a",fingerprint="$a->{fingerprint}"\} 1$/m,
     'per-key counter');
like($m->{body}, qr/^llm_key_cooldown_seconds\{upstream="claude",[^}]*\} (1\d|20)$/m,
     'cooldown gauge');
ok(!(grep { index($m->{body}, $_) >= 0 } values %k), 'no secret in metrics');
like($t->get('/status?format=prometheus')->{body}, qr/^llm_key_ready\{/m,
     '?format=prometheus');
is($t->get('/status?format=xml')->{status}, 400, 'unknown format: 400');

# --- reload with the same zone keeps the state

my $before = $keys;
$t->reload;
($keys) = status();
is($keys->{'pool2/a'}{state}, 'cooling', 'a still cooling after reload');
ok($keys->{'pool2/a'}{cooldown_remaining} >= 50, 'cooldown kept');
is($keys->{'pool2/b'}{requests}, $before->{'pool2/b'}{requests},
   'request counter kept');
is($keys->{'pool2/b'}{rate_limited}, 1, '429 counter kept');

# --- a key removed from the configuration disappears

$t->write_config(config(0));
$t->reload;
($keys, $s) = status();
ok(!exists $keys->{'pool2/b'}, 'removed key b not listed');
is($keys->{'pool2/a'}{state}, 'cooling', 'a kept its cooldown');
is(scalar @{ $s->{json}{pools}[0]{keys} }, 1, 'pool2 has one key');

$t->stop;

my $log = $t->error_log;
like($log, qr/\[debug\]/, 'debug log was on');
like($log, qr/llm: attempt \d+ to upstream "pool2" uses key "a"/,
     'attempts logged by key id');
ok(!(grep { index($log, $_) >= 0 } values %k),
   'no secret in the debug error log');

done_testing;
