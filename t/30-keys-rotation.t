#!/usr/bin/perl
# Key pools: weighted rotation, a 429 retried on another key within the
# same client request, cooldowns (Retry-After, expiry, default with
# backoff), 401 disabling a key, the last key's 429 reaching the client
# with a Retry-After, and the credential header (client credentials never
# forwarded).  Same-dialect passthrough: proxy_pass straight to the pool,
# no llm_translate.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;
use Time::HiRes qw(sleep);

my %k = map { $_ => "sk-test-$_-0123456789abcdef" } qw(a b c d e f g h i j);

my $t = LLMTest->new();
$t->start_mock(keys => [ grep { $_ ne $k{h} } values %k ]);
$t->write_config(<<"EOF");
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    log_format keys '\$uri \$status key=\$llm_key_id attempts=\$llm_attempts '
                    'rl=\$llm_key_rate_limited pool=\$llm_key_pool '
                    'masked=\$llm_key_masked kstatus=\$llm_key_status';
    access_log %%PREFIX%%/keys.log keys;

    llm_keys_zone llm 1m;

    upstream weighted {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm;
        llm_key $k{a} id=a weight=1;
        llm_key $k{b} id=b weight=2;
        llm_key $k{c} id=c weight=3;
    }
    upstream retry {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm cooldown=2s;
        llm_key $k{d} id=d;
        llm_key $k{e} id=e;
        llm_key $k{f} id=f;
    }
    upstream auth {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai;
        llm_key $k{g} id=g;
        llm_key $k{h} id=h;
    }
    upstream single {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai cooldown=7s;
        llm_key $k{i} id=i;
    }
    upstream anthropic {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider anthropic;
        llm_key $k{j} id=j;
    }

    server {
        listen 127.0.0.1:%%PORT_1%%;

        proxy_http_version 1.1;
        proxy_set_header Connection "";

        location /weighted/ { proxy_pass http://weighted/; }
        location /retry/ {
            proxy_next_upstream error timeout http_429 non_idempotent;
            proxy_pass http://retry/;
        }
        location /auth/ { proxy_pass http://auth/; }
        location /single/ { proxy_pass http://single/; }
        location /anthropic/ {
            proxy_set_header anthropic-version 2023-06-01;
            proxy_pass http://anthropic/;
        }
        location /status { llm_status; }
    }
}
EOF
$t->run;

my $chat = { model => 'gpt-4o', messages => [{ role => 'user', content => 'hi' }] };
my %client = (Authorization => 'Bearer client-own-secret');

sub keys_seen {
    my $reqs = $t->mock_requests;
    my %rev = reverse %k;
    return map { $rev{ $_->{key} // '' } // '?' } @$reqs;
}

sub status_key {
    my ($pool, $id) = @_;
    my $s = $t->get('/status')->{json};
    for my $p (@{ $s->{pools} }) {
        next unless $p->{upstream} eq $pool;
        for my $key (@{ $p->{keys} }) {
            return $key if $key->{id} eq $id;
        }
    }
    return undef;
}

# --- smooth weighted round robin: 1:2:3

my %n;
for (1 .. 12) {
    my $r = $t->post_json('/weighted/v1/chat/completions', $chat,
                          headers => \%client);
    is($r->{status}, 200, "weighted request $_") unless $r->{status} == 200;
}
$n{$_}++ for keys_seen();
is_deeply(\%n, { a => 2, b => 4, c => 6 }, 'requests spread 2:4:6 by weight');

my $reqs = $t->mock_requests;
ok(!(grep { ($_->{headers}{authorization} // '') =~ /client-own-secret/ }
     @$reqs), 'client credentials never forwarded');
is(scalar(grep { $_->{headers}{authorization} =~ /^Bearer sk-test-/ } @$reqs),
   12, 'every request carried a pool key as Bearer');

# --- a 429 on one key is retried on another, in the same client request

$t->mock_reset;
$t->mock_script([{ match => { key => $k{d} }, times => 1, status => 429,
                   headers => { 'retry-after' => '30' } }]);

my $r = $t->post_json('/retry/v1/chat/completions', $chat,
                      headers => \%client);
is($r->{status}, 200, '429 on key d, client still got 200');
my @seen = keys_seen();
is(scalar @seen, 2, 'two attempts upstream');
is($seen[0], 'd', 'first attempt with d');
isnt($seen[1], 'd', 'second attempt with another key');
$reqs = $t->mock_requests;
is($reqs->[0]{body}, $reqs->[1]{body}, 'same body on both attempts');

my $sk = status_key('retry', 'd');
is($sk->{state}, 'cooling', 'key d is cooling');
ok($sk->{cooldown_remaining} >= 28 && $sk->{cooldown_remaining} <= 30,
   "cooldown from Retry-After ($sk->{cooldown_remaining})");
is($sk->{rate_limited}, 1, 'one 429 counted');

# the cooldown is honoured

$t->mock_reset;
$t->post_json('/retry/v1/chat/completions', $chat) for 1 .. 6;
@seen = keys_seen();
is(scalar @seen, 6, 'six requests');
ok(!(grep { $_ eq 'd' } @seen), 'cooling key d not used');

# a default cooldown (no hint) that expires; backoff on a second 429

$t->mock_reset;
$t->mock_script([{ match => { key => $k{e} }, times => 1, status => 429 }]);
$t->post_json('/retry/v1/chat/completions', $chat) for 1 .. 2;
$sk = status_key('retry', 'e');
is($sk->{state}, 'cooling', 'key e cooling after a 429 without hint');
ok($sk->{cooldown_remaining_ms} > 1000 && $sk->{cooldown_remaining_ms} <= 2000,
   "default cooldown 2s ($sk->{cooldown_remaining_ms} ms)");

sleep 2.2;
$sk = status_key('retry', 'e');
is($sk->{state}, 'ready', 'key e ready again after its cooldown');
is($sk->{fail_streak}, 1, 'failure streak kept until a success');

$t->mock_reset;
$t->post_json('/retry/v1/chat/completions', $chat) for 1 .. 2;
ok((grep { $_ eq 'e' } keys_seen()), 'key e used again after its cooldown');
$sk = status_key('retry', 'e');
is($sk->{fail_streak}, 0, 'a success cleared the failure streak');

# --- 401 disables the key until reload

$t->mock_reset;
my @st;
for (1 .. 4) {
    push @st, $t->post_json('/auth/v1/chat/completions', $chat)->{status};
}
is(scalar(grep { $_ == 401 } @st), 1, 'one 401 reached the client');
is(scalar(grep { $_ == 200 } @st), 3, 'the other requests succeeded');
@seen = keys_seen();
is(scalar(grep { $_ eq 'h' } @seen), 1, 'bad key h used once');
$sk = status_key('auth', 'h');
is($sk->{state}, 'disabled', 'key h disabled');
is($sk->{auth_failures}, 1, 'auth failure counted');
ok($t->wait_for_log(qr/llm: key "h" \(\.\.\.[a-z0-9]{2}|llm: key "h" \(sk-\.\.\.\w{4}\) of upstream "auth" disabled/, 2),
   'disable logged with the masked key');

# --- the last usable key's 429 reaches the client, with a Retry-After

$t->mock_reset;
$t->mock_script([{ match => { key => $k{i} }, times => 1, status => 429 }]);
$r = $t->post_json('/single/v1/chat/completions', $chat);
is($r->{status}, 429, 'single key: the provider 429 reaches the client');
is($r->{json}{error}{type} // $r->{json}{error}{code} ? 1 : 0, 1,
   'with the provider error body');
is($r->{headers}{'retry-after'}, '7', 'Retry-After added from the cooldown');
is(scalar @{ $t->mock_requests }, 1, 'no retry on the last key');

# --- all keys cooling without llm_keys_check: 502 from the balancer

$r = $t->post_json('/single/v1/chat/completions', $chat);
is($r->{status}, 502, 'all keys cooling, no check: 502');
is(scalar @{ $t->mock_requests }, 1, 'nothing sent upstream');

# --- anthropic: x-api-key, and client credentials of any kind dropped

$t->mock_reset;
$r = $t->post_json('/anthropic/v1/messages',
    { model => 'claude-x', max_tokens => 10,
      messages => [{ role => 'user', content => 'hi' }] },
    headers => { 'x-api-key' => 'client-own-secret',
                 'Authorization' => 'Bearer client-own-secret',
                 'x-goog-api-key' => 'client-own-secret' });
is($r->{status}, 200, 'anthropic pool answered');
$reqs = $t->mock_requests;
is($reqs->[0]{headers}{'x-api-key'}, $k{j}, 'key in x-api-key');
ok(!exists $reqs->[0]{headers}{authorization}, 'no Authorization forwarded');
ok(!exists $reqs->[0]{headers}{'x-goog-api-key'}, 'no x-goog-api-key');

# --- variables

my $log = LLMTest::slurp($t->prefix . '/keys.log') // '';
like($log, qr{^/retry/v1/chat/completions 200 key=[ef] attempts=2 rl=1 pool=retry masked=sk-\.\.\.cdef kstatus=200$}m,
     'access log: key id, attempts, 429s, pool, masked key, status');
unlike($log, qr/0123456789abcdef/, 'no secret in the access log');

# --- a reload enables the disabled key again, cooldowns stay

$t->reload;
is(status_key('auth', 'h')->{state}, 'ready', 'reload enabled key h again');
is(status_key('auth', 'h')->{auth_failures}, 1, 'its counters kept');
is(status_key('retry', 'd')->{state}, 'cooling', 'key d still cooling');

$t->stop;
my $elog = $t->error_log;
for my $s (values %k) {
    unlike($elog, qr/\Q$s\E/, 'no secret in the error log') or last;
}

done_testing;
