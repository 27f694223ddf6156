#!/usr/bin/perl
# Key pools: keys from a file and from the environment, gemini's header,
# retry_429 without proxy_next_upstream, several servers with keepalive
# (a 429 does not take the host out), proxy_pass with a variable,
# max_inflight, and the configuration errors "nginx -t" must report.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;
use POSIX ();
use Time::HiRes qw(sleep);

my %k = map { $_ => "sk-conf-$_-00112233445566778899" } qw(f1 f2 f3 env g1 g2 s1);

$ENV{LLM_TEST_POOL_KEY} = $k{env};

my $t = LLMTest->new();
$t->start_mock();

open my $fh, '>', $t->prefix . '/openai.keys' or die;
print $fh <<"EOF";
# provider keys, one per line
$k{f1} id=first weight=2

   $k{f2}   id=second   # trailing comment
$k{f3} id=third weight=1 max_inflight=5
EOF
close $fh;

$t->write_config(<<"EOF");
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    llm_keys_zone llm 64k;

    upstream file_pool {
        server 127.0.0.1:%%MOCK_PORT%%;
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm;
        llm_key_file %%PREFIX%%/openai.keys;
        llm_key_env LLM_TEST_POOL_KEY id=env;
        keepalive 4;
    }
    upstream gemini_pool {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider gemini zone=llm;
        llm_key $k{g1} id=g1;
        llm_key $k{g2} id=g2;
    }
    upstream slow_pool {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm strategy=least_inflight;
        llm_key $k{s1} id=s1 max_inflight=1;
    }

    server {
        listen 127.0.0.1:%%PORT_1%%;
        proxy_http_version 1.1;
        proxy_set_header Connection "";

        location /file/ { proxy_pass http://file_pool/; }
        location /gemini/ { proxy_pass http://gemini_pool/; }
        location /slow/ {
            llm_keys_check slow_pool;
            proxy_pass http://slow_pool/;
        }
        location /v1/ {
            set \$backend file_pool;
            proxy_pass http://\$backend;
        }
        location /status { llm_status; }
    }
}
EOF
$t->run;

my $chat = { model => 'gpt-4o', messages => [{ role => 'user', content => 'hi' }] };

sub status_keys {
    my ($pool) = @_;
    for my $p (@{ $t->get('/status')->{json}{pools} }) {
        return { map { $_->{id} => $_ } @{ $p->{keys} } }
            if $p->{upstream} eq $pool;
    }
    return {};
}

# --- keys from a file and the environment

my $sk = status_keys('file_pool');
is_deeply([sort keys %$sk], [qw(env first second third)],
          'four keys: three from the file, one from the environment');
is($sk->{first}{weight}, 2, 'weight from the file');
is($sk->{third}{max_inflight}, 5, 'max_inflight from the file');

$t->post_json('/file/v1/chat/completions', $chat) for 1 .. 10;
my %rev = reverse %k;
my %n;
$n{ $rev{ $_->{key} } }++ for @{ $t->mock_requests };
is_deeply(\%n, { f1 => 4, f2 => 2, f3 => 2, env => 2 },
          'file and environment keys used by weight');

# --- retry_429 (default on) without proxy_next_upstream http_429;
#     two servers: three 429s in a row do not take a host out

$t->mock_reset;
$t->mock_script([
    { match => { key => $k{f1} }, times => 1, status => 429,
      headers => { 'retry-after' => '30' } },
    { match => { key => $k{f2} }, times => 1, status => 429,
      headers => { 'retry-after-ms' => '20000' } },
    { match => { key => $k{f3} }, times => 1, status => 429,
      headers => { 'x-ratelimit-remaining-requests' => '0',
                   'x-ratelimit-reset-requests' => '1m30s',
                   'x-ratelimit-remaining-tokens' => '100',
                   'x-ratelimit-reset-tokens' => '2s' } },
]);
my $r = $t->post_json('/file/v1/chat/completions', $chat);
is($r->{status}, 200, 'three 429s, then a success in one client request');
is(scalar @{ $t->mock_requests }, 4, 'four attempts with two servers');
$sk = status_keys('file_pool');
ok($sk->{first}{cooldown_remaining} > 25, 'Retry-After seconds');
ok($sk->{second}{cooldown_remaining} > 15
   && $sk->{second}{cooldown_remaining} <= 20, 'retry-after-ms');
ok($sk->{third}{cooldown_remaining} > 80
   && $sk->{third}{cooldown_remaining} <= 91,
   "x-ratelimit-reset of the exhausted limit ($sk->{third}{cooldown_remaining})");
unlike($t->error_log, qr/upstream server temporarily disabled/,
       'no host marked down by 429s');

# --- proxy_pass with a variable naming the pool

$t->mock_reset;
$r = $t->post_json('/v1/chat/completions', $chat);
is($r->{status}, 200, 'proxy_pass http://$backend reaches the pool');
is($t->mock_requests->[0]{key}, $k{env}, 'with the only ready key');

# --- gemini: x-goog-api-key

$t->mock_reset;
$r = $t->post_json('/gemini/v1beta/models/gemini-2.0-flash:generateContent',
    { contents => [{ role => 'user', parts => [{ text => 'hi' }] }] },
    headers => { 'x-goog-api-key' => 'client-secret' });
is($r->{status}, 200, 'gemini pool');
my $req = $t->mock_requests->[0];
like($req->{headers}{'x-goog-api-key'}, qr/^sk-conf-g[12]-/, 'x-goog-api-key');
ok(!exists $req->{headers}{authorization}, 'no Authorization');

# --- max_inflight: a key at its limit is busy

$t->mock_reset;
$t->mock_script([{ match => { key => $k{s1} }, times => 1, delay_ms => 1500 }]);
my $pid = fork();
if ($pid == 0) {
    $t->post_json('/slow/v1/chat/completions', $chat, timeout => 5);
    POSIX::_exit(0);
}
sleep 0.5;
$r = $t->post_json('/slow/v1/chat/completions', $chat);
is($r->{status}, 429, 'only key at max_inflight: 429');
is($r->{headers}{'retry-after'}, '1', 'Retry-After 1');
waitpid($pid, 0);
$r = $t->post_json('/slow/v1/chat/completions', $chat);
is($r->{status}, 200, 'free again once the slow request ended');

$t->stop;

# --- configuration errors

my $base = <<'EOF';
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    ZONE
    upstream u {
        server 127.0.0.1:1;
        UPSTREAM
    }
    server { listen 127.0.0.1:%%PORT_2%%; location / { proxy_pass http://u; } }
}
EOF

my @bad = (
    [ 'llm_keys_zone z 64k;', 'llm_provider openai zone=nope; llm_key sk-1;',
      qr/unknown llm_keys_zone "nope" in upstream "u"/, 'unknown zone' ],
    [ '', 'llm_provider openai; llm_key sk-1;',
      qr/upstream "u" has keys but no "zone="/, 'keys without any zone' ],
    [ 'llm_keys_zone z 64k;', 'llm_provider openai zone=z;',
      qr/upstream "u" has no keys/, 'empty pool' ],
    [ 'llm_keys_zone z 64k;', 'llm_key_file %%PREFIX%%/empty.keys; llm_provider openai;',
      qr/no keys in key file/, 'key file without keys' ],
    [ 'llm_keys_zone z 64k;', 'llm_provider openai; llm_key_file %%PREFIX%%/missing.keys;',
      qr/open\(\) ".*missing.keys" failed/, 'unreadable key file' ],
    [ 'llm_keys_zone z 64k;', 'llm_key sk-1;',
      qr/keys in upstream "u" need "llm_provider"/, 'pool without a provider' ],
    [ 'llm_keys_zone z 64k;', 'llm_provider openai; llm_key_env LLM_TEST_UNSET_VAR;',
      qr/environment variable "LLM_TEST_UNSET_VAR" is not set/, 'unset variable' ],
    [ 'llm_keys_zone z 64k;', 'llm_provider openai strategy=random; llm_key sk-1;',
      qr/invalid parameter "strategy=random"/, 'bad strategy' ],
    [ 'llm_keys_zone z 64k;', 'llm_provider openai; llm_key sk-1; llm_key sk-1;',
      qr/duplicate key/, 'duplicate key' ],
    [ 'llm_keys_zone z 64k;', 'llm_provider openai; llm_key sk-1 id=x; llm_key sk-2 id=x;',
      qr/duplicate key id "x"/, 'duplicate id' ],
    [ 'llm_keys_zone z 1k;', 'llm_provider openai; llm_key sk-1;',
      qr/zone "z" is too small/, 'zone too small' ],
    [ 'llm_keys_zone z 64k;', 'llm_provider cohere; llm_key sk-1;',
      qr/unknown provider dialect "cohere"/, 'unknown dialect' ],
);

for my $b (@bad) {
    my ($zone, $ups, $re, $name) = @$b;
    (my $conf = $base) =~ s/ZONE/$zone/;
    $conf =~ s/UPSTREAM/$ups/;
    my $c = LLMTest->new(no_log_check => 1);
    open my $e, '>', $c->prefix . '/empty.keys' or die;
    print $e "# nothing here\n\n";
    close $e;
    $c->write_config($conf);
    my ($rc, $out) = $c->test_config;
    isnt($rc, 0, "nginx -t fails: $name");
    like($out, $re, "message: $name") or diag($out);
}

# --- a pool of 20,000 keys: loaded, shared with a second pool of the same
# zone, kept across a reload; duplicates at the very end still found
# (keys are checked through a hash when read and synced with the zone
# through an index, not pair by pair)
{
    my $n = 20000;
    my $c = LLMTest->new;
    my $file = $c->prefix . '/many.keys';
    open my $f, '>', $file or die;
    printf $f "sk-many-%06d-0123456789abcdef id=m%d\n", $_, $_ for 1 .. $n;
    close $f;
    $c->write_config(<<"EOF");
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    llm_keys_zone z 32m;
    upstream many { server 127.0.0.1:1; llm_provider openai zone=z; llm_key_file $file; }
    upstream one  { server 127.0.0.1:1; llm_provider openai zone=z; llm_key sk-many-000007-0123456789abcdef id=seven; }
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location /status { llm_status; }
        location / { proxy_pass http://one; }
    }
}
EOF
    $c->run;
    my $pools = sub {    # the status page is large: read once per check
        my %by;
        for my $p (@{ $c->get('/status')->{json}{pools} || [] }) {
            $by{ $p->{upstream} } = { map { $_->{id} => $_ } @{ $p->{keys} } };
        }
        return \%by;
    };
    $c->post_json('/v1/chat/completions', '{}') for 1 .. 3;
    my $st = $pools->();
    is(scalar keys %{ $st->{many} || {} }, $n, "$n keys in the pool");
    is($st->{one}{seven}{requests}, 3, 'three requests picked the one key');
    is($st->{many}{m7}{requests}, 3, '... the same key in the big pool: one state');
    is($st->{many}{m8}{requests}, 0, '... and only that one');
    $c->reload;
    $st = $pools->();
    is(scalar keys %{ $st->{many} || {} }, $n, "after a reload: $n keys");
    is($st->{many}{m7}{requests}, 3, 'after a reload: the key kept its counters');
    $c->stop;

    for my $dup (["sk-many-000003-0123456789abcdef id=again\n",
                  qr/duplicate key in .* \(same as key "m3"\)/, 'a duplicate key'],
                 ["sk-other-0123456789abcdef id=m5\n",
                  qr/duplicate key id "m5"/, 'a duplicate id']) {
        my $d = LLMTest->new(no_log_check => 1);
        my $df = $d->prefix . '/many.keys';
        open my $g, '>', $df or die;
        printf $g "sk-many-%06d-0123456789abcdef id=m%d\n", $_, $_ for 1 .. $n;
        print $g $dup->[0];
        close $g;
        $d->write_config(<<"EOF");
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    llm_keys_zone z 32m;
    upstream many { server 127.0.0.1:1; llm_provider openai zone=z; llm_key_file $df; }
    server { listen 127.0.0.1:%%PORT_1%%; location / { proxy_pass http://many; } }
}
EOF
        my ($rc, $out) = $d->test_config;
        isnt($rc, 0, "nginx -t fails: $dup->[2] after $n keys");
        like($out, $dup->[1], "message: $dup->[2] after $n keys") or diag($out);
    }
}

done_testing;
