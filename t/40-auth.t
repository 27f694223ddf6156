#!/usr/bin/perl
# Client authentication: llm_client_keys (plain and sha256: lines, ids,
# comments) and llm_client_key; the key in each dialect's header (Bearer,
# x-api-key, x-goog-api-key, ?key=); wrong and missing keys answered 401
# in the client's dialect before the body is read; the client's key never
# forwarded (chat translated and passthrough, count_tokens, query string);
# $llm_client_key_id in the access log and as a limit_req key.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;
use Digest::SHA qw(sha256_hex);

my %key = (
    alice  => 'ck-alice-0123456789abcdef',
    bob    => 'ck-bob-fedcba9876543210',       # stored hashed
    carol  => 'ck-carol-noid-5555',            # no id=
    inline => 'ck-inline-7777777777',
);

my $t = LLMTest->new();
$t->start_mock();

open my $fh, '>', $t->prefix . '/clients.keys' or die;
print $fh <<"EOF";
# gateway client keys
$key{alice} id=alice

   sha256:@{[ uc sha256_hex($key{bob}) ]}   id=bob   # hashed, upper case
$key{carol}
EOF
close $fh;

$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    client_max_body_size 64k;
    log_format auth '$request_uri $status key=$llm_client_key_id '
                    'dialect=$llm_client_dialect';
    limit_req_zone $llm_client_key_id zone=perkey:1m rate=1r/m;

    upstream openai_up {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai;
    }
    upstream anthropic_up {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider anthropic;
    }
    upstream gemini_up {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider gemini;
    }

    llm_client_keys %%PREFIX%%/clients.keys;
    llm_client_key ck-inline-7777777777 id=inline;

    server {
        listen 127.0.0.1:%%PORT_1%%;
        access_log %%PREFIX%%/auth.log auth;

        location / {
            llm_translate on;
            llm_route gpt-*    openai_up;
            llm_route claude-* anthropic_up;
            llm_route gemini-* gemini_up;
            proxy_set_header Authorization "Bearer sk-provider-openai";
            proxy_set_header x-api-key sk-provider-anthropic;
            proxy_set_header x-goog-api-key sk-provider-gemini;
            proxy_pass http://$llm_upstream;
        }

        location /open/ {
            rewrite ^/open(/.*)$ $1 break;
            llm_translate on;
            llm_client_keys off;
            llm_route default openai_up;
            proxy_set_header Authorization "Bearer sk-provider-openai";
            proxy_pass http://$llm_upstream;
        }
    }

    server {
        listen 127.0.0.1:%%PORT_2%%;
        limit_req zone=perkey nodelay;
        limit_req_status 429;

        location / {
            llm_translate on;
            llm_route default openai_up;
            proxy_set_header Authorization "Bearer sk-provider-openai";
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
$t->run;

my $oa = { model => 'gpt-4o', messages => [{ role => 'user', content => 'Hi' }] };
my $an = { model => 'claude-x', max_tokens => 16,
           messages => [{ role => 'user', content => 'Hi' }] };
my $ge = { contents => [{ role => 'user', parts => [{ text => 'Hi' }] }] };
my $gpath = '/v1beta/models/gemini-x:generateContent';

# Answers sent before the body is read end the HTTP/2 stream with
# RST_STREAM NO_ERROR (as nginx does for any early answer), which
# Debian 12's curl 7.88 may report as "Stream error in the HTTP/2 framing
# layer" (exit 92) while still uploading.  In TEST_LLM_HTTP2 mode such
# requests are retried, and the checks skipped when curl keeps failing.
sub early {
    my ($code) = @_;
    my $r = $code->();
    for (1 .. 5) {
        last unless h2_reset($r);
        $r = $code->();
    }
    return $r;
}

sub h2_reset {
    my ($r) = @_;
    return $t->http2 && $r->{status} == 599 && ($r->{error} // '') =~ /exit 92/;
}

sub no_client_key_upstream {
    my ($name) = @_;
    my $reqs = $t->mock_requests;
    ok(scalar @$reqs, "$name: reached the provider");
    for my $q (@$reqs) {
        my $all = join "\n", $q->{path}, $q->{query},
            map({ "$_: $q->{headers}{$_}" } sort keys %{ $q->{headers} }),
            $q->{body};
        for my $k (values %key) {
            unlike($all, qr/\Q$k\E/, "$name: client key not sent upstream")
                or diag($all);
        }
        unlike($q->{query}, qr/(^|&)key=/, "$name: no key= upstream");
    }
    $t->mock_reset;
}

# --- each header form, each dialect

my $r = $t->post_json('/v1/chat/completions', $oa,
    headers => { Authorization => "Bearer $key{alice}" });
is($r->{status}, 200, 'openai: Bearer key accepted') or diag($r->{body});
is($r->{json}{object}, 'chat.completion', 'openai: answer');
is($t->mock_requests->[0]{headers}{authorization}, 'Bearer sk-provider-openai',
   'openai passthrough: the provider key replaces the client key');
no_client_key_upstream('openai passthrough');

$r = $t->post_json('/v1/messages', $an, headers => { 'x-api-key' => $key{bob} });
is($r->{status}, 200, 'anthropic: x-api-key, hashed entry') or diag($r->{body});
is($r->{json}{type}, 'message', 'anthropic: answer');
no_client_key_upstream('anthropic passthrough');

$r = $t->post_json('/v1/messages', $an,
    headers => { Authorization => "Bearer $key{bob}",
                 'anthropic-version' => '2023-06-01' });
is($r->{status}, 200, 'anthropic: Bearer accepted too') or diag($r->{body});
$t->mock_reset;

$r = $t->post_json($gpath, $ge, headers => { 'x-goog-api-key' => $key{alice} });
is($r->{status}, 200, 'gemini: x-goog-api-key') or diag($r->{body});
ok($r->{json}{candidates}, 'gemini: answer');
no_client_key_upstream('gemini passthrough');

$r = $t->post_json("$gpath?key=$key{carol}", $ge);
is($r->{status}, 200, 'gemini: ?key=') or diag($r->{body});
no_client_key_upstream('gemini ?key=');

$r = $t->sse("/v1beta/models/gemini-x:streamGenerateContent?alt=sse&key=$key{inline}",
             $ge);
is($r->{status}, 200, 'gemini stream: ?alt=sse&key=, inline key');
ok($r->{complete}, 'gemini stream complete');
is($t->mock_requests->[0]{query}, 'alt=sse', 'only alt=sse upstream');
no_client_key_upstream('gemini stream');

# translated: OpenAI client to Anthropic and Gemini providers
$r = $t->post_json('/v1/chat/completions', { %$oa, model => 'claude-x' },
    headers => { Authorization => "Bearer $key{inline}" });
is($r->{status}, 200, 'openai to anthropic') or diag($r->{body});
no_client_key_upstream('openai to anthropic');

$r = $t->post_json("/v1beta/models/gpt-4o:generateContent?key=$key{alice}", $ge);
is($r->{status}, 200, 'gemini to openai, ?key=') or diag($r->{body});
no_client_key_upstream('gemini to openai');

# other endpoints
$r = $t->post_json('/v1/messages/count_tokens',
    { model => 'claude-x', messages => [{ role => 'user', content => 'Hi' }] },
    headers => { 'x-api-key' => $key{alice}, 'anthropic-version' => '2023-06-01' });
is($r->{status}, 200, 'count_tokens forwarded') or diag($r->{body});
ok(defined $r->{json}{input_tokens}, 'count_tokens answer');
no_client_key_upstream('count_tokens');

$r = $t->get('/v1/models', headers => { Authorization => "Bearer $key{alice}" });
is($r->{status}, 200, 'model list with a key');
is($r->{json}{object}, 'list', 'model list answer');

# --- wrong and missing keys: 401 in the client's dialect, nothing upstream

$t->mock_reset;

for my $c (
    ['openai wrong', 'POST', '/v1/chat/completions', $oa,
     { Authorization => 'Bearer ck-alice-0123456789abcdeX' }, 'openai'],
    ['openai missing', 'POST', '/v1/chat/completions', $oa, {}, 'openai'],
    ['openai x-api-key is not its header', 'POST', '/v1/chat/completions', $oa,
     { 'x-api-key' => $key{alice} }, 'openai'],
    ['openai Basic auth', 'POST', '/v1/chat/completions', $oa,
     { Authorization => "Basic $key{alice}" }, 'openai'],
    ['anthropic wrong', 'POST', '/v1/messages', $an,
     { 'x-api-key' => 'nope', 'anthropic-version' => '2023-06-01' }, 'anthropic'],
    ['anthropic missing', 'POST', '/v1/messages', $an,
     { 'anthropic-version' => '2023-06-01' }, 'anthropic'],
    ['anthropic hash as key', 'POST', '/v1/messages', $an,
     { 'x-api-key' => sha256_hex($key{bob}) }, 'anthropic'],
    ['gemini wrong', 'POST', $gpath, $ge, { 'x-goog-api-key' => 'nope' }, 'gemini'],
    ['gemini wrong ?key=', 'POST', "$gpath?key=nope", $ge, {}, 'gemini'],
    ['gemini missing', 'POST', $gpath, $ge, {}, 'gemini'],
    ['models missing', 'GET', '/v1/models', undef, {}, 'openai'],
    ['anthropic models missing', 'GET', '/v1/models', undef,
     { 'anthropic-version' => '2023-06-01' }, 'anthropic'],
    ['gemini models wrong', 'GET', '/v1beta/models', undef,
     { 'x-goog-api-key' => 'nope' }, 'gemini'],
    ['count_tokens missing', 'POST', '/v1/messages/count_tokens',
     { model => 'claude-x', messages => [] }, {}, 'anthropic'],
    ['unknown path', 'POST', '/v1/whatever', {}, {}, 'openai'],
) {
    my ($name, $method, $path, $body, $h, $d) = @$c;
    my $r = early(sub {
        $method eq 'GET' ? $t->get($path, headers => $h)
                         : $t->post_json($path, $body, headers => $h)
    });
    SKIP: {
    skip "$name: curl reports the HTTP/2 reset", 4 if h2_reset($r);
    is($r->{status}, 401, "$name: 401") or diag($r->{body});
    my $j = $r->{json} || {};
    if ($d eq 'openai') {
        ok($j->{error} && $j->{error}{message}, "$name: OpenAI error shape");
        ok(!exists $j->{type}, "$name: not Anthropic's shape");
    } elsif ($d eq 'anthropic') {
        is($j->{type}, 'error', "$name: Anthropic error shape");
        is($j->{error}{type}, 'authentication_error', "$name: authentication_error");
    } else {
        is($j->{error}{code}, 401, "$name: Gemini error code");
        is($j->{error}{status}, 'UNAUTHENTICATED', "$name: UNAUTHENTICATED");
    }
    unlike($r->{body}, qr/ck-|sha256/i, "$name: no key material in the answer");
    }
}
is(scalar @{ $t->mock_requests }, 0, 'no unauthenticated request reached a provider');

# checked before the body is read and parsed
$r = early(sub { $t->post_json('/v1/chat/completions', '{"model": "x", "mess',
                               headers => { Authorization => 'Bearer nope' }) });
SKIP: {
    skip 'curl reports the HTTP/2 reset', 1 if h2_reset($r);
    is($r->{status}, 401, 'invalid JSON from an unknown client: 401, not 400');
}
$r = $t->post_json('/v1/chat/completions', '{"model": "x", "mess',
                   headers => { Authorization => "Bearer $key{alice}" });
is($r->{status}, 400, 'the same invalid JSON with a key: 400');

# a location with llm_client_keys off
$r = $t->post_json('/open/v1/chat/completions', $oa);
is($r->{status}, 200, 'llm_client_keys off: no key needed') or diag($r->{body});
$t->mock_reset;

# --- $llm_client_key_id in the access log

my $carol_id = substr(sha256_hex($key{carol}), 0, 8);
my $log = '';
for (1 .. 50) {
    $log = LLMTest::slurp($t->prefix . '/auth.log') // '';
    last if $log =~ /v1\/whatever/;
    select undef, undef, undef, 0.1;
}
like($log, qr{^/v1/chat/completions 200 key=alice dialect=openai$}m, 'log: alice');
like($log, qr{^/v1/messages 200 key=bob dialect=anthropic$}m, 'log: bob (hashed)');
like($log, qr{^/v1beta/models/gemini-x:generateContent\?key=\S+ 200 key=$carol_id dialect=gemini$}m,
     'log: no id= gives the first 8 hex digits of the SHA-256');
like($log, qr{streamGenerateContent\S* 200 key=inline dialect=gemini$}m, 'log: inline key');
like($log, qr{^/v1/messages 401 key=- dialect=anthropic$}m, 'log: no id on 401');
like($log, qr{^/v1/models 200 key=alice dialect=openai$}m, 'log: model list');

# --- limit_req keyed by $llm_client_key_id (evaluated in PREACCESS)

my $p2 = $t->port(2);
my @r = map {
    my $k = $_;
    early(sub { $t->post_json('/v1/chat/completions', $oa, port => $p2,
                              headers => { Authorization => "Bearer $k" }) })
} ($key{alice}, $key{alice}, $key{inline},
   $key{alice}, 'nope');
SKIP: {
    skip 'curl reports the HTTP/2 reset', 4 if grep { h2_reset($_) } @r;
    is_deeply([map { $_->{status} } @r[0 .. 2]], [200, 429, 200],
              'limit_req per client key id');
    is($r[3]{status}, 429, 'still limited');
    ok($r[3]{json}{error}, 'the 429 is in the client dialect');
    is($r[4]{status}, 401, 'an unknown key is not limited but refused');
}

$t->stop;

# --- configuration errors

for my $c (
    ['sha256:1234', qr/invalid client key hash/],
    ['sha256:' . ('zz' x 32), qr/invalid client key hash/],
    ["$key{alice} weight=2", qr/invalid client key parameter "weight=2"/],
) {
    my ($line, $re) = @$c;
    open my $fh, '>', $t->prefix . '/bad.keys' or die;
    print $fh "# bad\n$line\n";
    close $fh;
    $t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    upstream u { server 127.0.0.1:1; llm_provider openai; }
    server {
        listen 127.0.0.1:%%PORT_3%%;
        location / {
            llm_translate on;
            llm_route default u;
            llm_client_keys %%PREFIX%%/bad.keys;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
    my ($rc, $out) = $t->test_config;
    isnt($rc, 0, "nginx -t fails for \"$line\"");
    like($out, $re, "message for \"$line\"");
    like($out, qr/bad\.keys" line 2/, "file and line for \"$line\"");
}

$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    server {
        listen 127.0.0.1:%%PORT_3%%;
        location / {
            llm_client_keys %%PREFIX%%/missing.keys;
        }
    }
}
EOF
my ($rc, $out) = $t->test_config;
isnt($rc, 0, 'nginx -t fails for a missing key file');
like($out, qr/missing\.keys/, 'names the file');

$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    server {
        listen 127.0.0.1:%%PORT_3%%;
        location / {
            llm_client_keys off;
            llm_client_key k1;
        }
    }
}
EOF
($rc, $out) = $t->test_config;
isnt($rc, 0, 'nginx -t fails for keys after "off"');

done_testing;
