#!/usr/bin/perl
# Model routing: every llm_route form (exact, prefix, regex with numbered
# and named captures in model=, caseless regex, default wherever it
# stands, first match wins), aliases renaming the model upstream, no
# route answered 404 in each client dialect without revealing anything,
# the $llm_* variables in log_format and through a map in
# proxy_set_header, and what "nginx -t" refuses.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my $t = LLMTest->new();
my $mport = $t->start_mock();
$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%

    log_format route '$request_uri $status m=$llm_model up=$llm_upstream '
                     'um=$llm_upstream_model cd=$llm_client_dialect '
                     'ud=$llm_upstream_dialect';

    map $llm_upstream_model $route_tag {
        default             other;
        ~^claude-           claude;
        ~^HuggingFaceTB/    hf;
    }

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
    upstream secret_backend_7 {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai;
    }

    server {
        listen 127.0.0.1:%%PORT_1%%;
        access_log %%PREFIX%%/route.log route;

        location / {
            llm_translate on;

            llm_route default          openai_up;
            llm_route gpt-4o           openai_up;
            llm_route fast             anthropic_up model=claude-haiku-4-5;
            llm_route claude-legacy-*  gemini_up model=gemini-2.0-flash;
            llm_route claude-*         anthropic_up;
            llm_route ~^local-(?<fam>[a-z]+)-(\d+)b$
                                       openai_up model=HuggingFaceTB/$fam-$2B;
            llm_route ~*^gem           gemini_up;
            llm_route ~^Big-(.+)$      anthropic_up model=claude-$1;

            proxy_set_header Authorization "Bearer sk-provider-openai";
            proxy_set_header x-api-key sk-provider-anthropic;
            proxy_set_header x-goog-api-key sk-provider-gemini;
            proxy_set_header X-Route $route_tag;
            proxy_set_header X-Dialects $llm_client_dialect>$llm_upstream_dialect;
            proxy_set_header X-Model $llm_model;
            proxy_pass http://$llm_upstream;
        }
    }

    server {
        listen 127.0.0.1:%%PORT_2%%;

        location / {
            llm_translate on;
            llm_route gpt-4o   secret_backend_7 model=secret-target-model;
            llm_route claude-* secret_backend_7;
            proxy_set_header Authorization "Bearer sk-provider-openai";
            proxy_pass http://$llm_upstream;
        }
    }

    # routes are resolved to their upstream{} when the configuration is
    # read: one defined after the server, one without llm_provider
    server {
        listen 127.0.0.1:%%PORT_3%%;

        location / {
            llm_translate on;
            llm_route late     late_up;
            llm_route default  plain_up;
            proxy_set_header Authorization "Bearer sk-provider-openai";
            proxy_pass http://$llm_upstream;
        }
    }

    # proxy_pass to the one upstream{} every route names, without
    # variables (nginx neither parses a URL nor searches the blocks per
    # request); its models are renamed and translated as anywhere
    server {
        listen 127.0.0.1:%%PORT_4%%;

        location / {
            llm_translate on;
            llm_route gpt-4o   late_up model=claude-static;
            llm_route default  late_up;
            proxy_set_header x-api-key sk-provider-anthropic;
            proxy_pass http://late_up;
        }
    }

    upstream late_up {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider anthropic;
    }
    upstream plain_up {
        server 127.0.0.1:%%MOCK_PORT%%;
    }
}
EOF
$t->run;

sub chat {
    my ($model, %o) = @_;
    $t->mock_reset;
    my $r = $t->post_json('/v1/chat/completions',
        { model => $model, messages => [{ role => 'user', content => 'Hi' }] },
        headers => { Authorization => 'Bearer client' }, %o);
    return ($r, $t->mock_requests->[0]);
}

sub upstream_model {
    my ($q) = @_;
    return $1 if $q->{path} =~ m{^/v1beta/models/([^:]+):};
    return $q->{json}{model};
}

for my $c (
    # model               dialect      upstream model           X-Route  what
    ['gpt-4o',            'openai',    'gpt-4o',                'other', 'exact'],
    ['fast',              'anthropic', 'claude-haiku-4-5',      'claude', 'exact alias'],
    ['claude-legacy-2',   'gemini',    'gemini-2.0-flash',      'other', 'earlier prefix wins'],
    ['claude-sonnet-4-5', 'anthropic', 'claude-sonnet-4-5',     'claude', 'prefix'],
    ['local-smol-3b',     'openai',    'HuggingFaceTB/smol-3B', 'hf',    'regex, named and numbered captures'],
    ['gemini-2.5-flash',  'gemini',    'gemini-2.5-flash',      'other', 'caseless regex'],
    ['GEMINI-Pro',        'gemini',    'GEMINI-Pro',            'other', 'caseless regex, upper case'],
    ['Big-x',             'anthropic', 'claude-x',              'claude', 'regex with a capture'],
    ['big-x',             'openai',    'big-x',                 'other', 'case-sensitive regex: default'],
    ['mistral-large',     'openai',    'mistral-large',         'other', 'default, configured first'],
    ['local-smol-3bx',    'openai',    'local-smol-3bx',        'other', 'anchored regex: default'],
) {
    my ($model, $dialect, $um, $tag, $what) = @$c;
    my ($r, $q) = chat($model);
    is($r->{status}, 200, "$what ($model): 200") or diag($r->{body});
    is($q->{dialect}, $dialect, "$what: $dialect provider");
    is(upstream_model($q), $um, "$what: upstream model $um");
    is($q->{headers}{'x-route'}, $tag, "$what: map over \$llm_upstream_model");
    is($q->{headers}{'x-dialects'}, "openai>$dialect", "$what: dialect variables");
    is($q->{headers}{'x-model'}, $model, "$what: \$llm_model");
    ok($r->{json}{choices} && @{ $r->{json}{choices} }, "$what: answered");
}

# the same routes from the other client dialects
$t->mock_reset;
my $r = $t->post_json('/v1/messages',
    { model => 'fast', max_tokens => 8, messages => [{ role => 'user', content => 'Hi' }] },
    headers => { 'x-api-key' => 'client', 'anthropic-version' => '2023-06-01' });
is($r->{status}, 200, 'anthropic client, alias') or diag($r->{body});
my $q = $t->mock_requests->[0];
is($q->{json}{model}, 'claude-haiku-4-5', 'passthrough body: model renamed');
is($q->{headers}{'x-dialects'}, 'anthropic>anthropic', 'anthropic>anthropic');

$t->mock_reset;
$r = $t->post_json('/v1beta/models/local-tiny-1b:generateContent',
    { contents => [{ role => 'user', parts => [{ text => 'Hi' }] }] });
is($r->{status}, 200, 'gemini client, regex route') or diag($r->{body});
$q = $t->mock_requests->[0];
is($q->{json}{model}, 'HuggingFaceTB/tiny-1B', 'model from the path, rewritten');
is($q->{headers}{'x-route'}, 'hf', 'map');

# --- variables in the access log

my $log = '';
for (1 .. 50) {
    $log = LLMTest::slurp($t->prefix . '/route.log') // '';
    last if $log =~ /local-tiny-1b/;
    select undef, undef, undef, 0.1;
}
like($log, qr{^/v1/chat/completions 200 m=local-smol-3b up=openai_up um=HuggingFaceTB/smol-3B cd=openai ud=openai$}m,
     'log: regex route');
like($log, qr{^/v1/chat/completions 200 m=fast up=anthropic_up um=claude-haiku-4-5 cd=openai ud=anthropic$}m,
     'log: alias');
like($log, qr{^/v1/messages 200 m=fast up=anthropic_up um=claude-haiku-4-5 cd=anthropic ud=anthropic$}m,
     'log: anthropic client');
like($log, qr{^/v1beta/models/local-tiny-1b:generateContent 200 m=local-tiny-1b up=openai_up um=HuggingFaceTB/tiny-1B cd=gemini ud=openai$}m,
     'log: gemini client');

# --- no route: 404 in each client dialect, revealing nothing

$t->mock_reset;
my $p2 = $t->port(2);
for my $c (
    ['openai', '/v1/chat/completions',
     { model => 'mistral-large', messages => [{ role => 'user', content => 'Hi' }] }, {}],
    ['anthropic', '/v1/messages',
     { model => 'mistral-large', max_tokens => 8, messages => [{ role => 'user', content => 'Hi' }] },
     { 'anthropic-version' => '2023-06-01' }],
    ['gemini', '/v1beta/models/mistral-large:generateContent',
     { contents => [{ role => 'user', parts => [{ text => 'Hi' }] }] }, {}],
    ['gemini stream', '/v1beta/models/mistral-large:streamGenerateContent?alt=sse',
     { contents => [{ role => 'user', parts => [{ text => 'Hi' }] }] }, {}],
) {
    my ($d, $path, $body, $h) = @$c;
    my $r = $t->post_json($path, $body, port => $p2, headers => $h);
    is($r->{status}, 404, "$d: no route, 404");
    like($r->{body}, qr/The model 'mistral-large' does not exist or you do not have access to it\./,
         "$d: message");
    if ($d eq 'openai') {
        is($r->{json}{error}{type}, 'invalid_request_error', 'openai shape');
        is($r->{json}{error}{param}, 'model', 'openai param');
    } elsif ($d eq 'anthropic') {
        is($r->{json}{type}, 'error', 'anthropic shape');
        is($r->{json}{error}{type}, 'not_found_error', 'anthropic type');
    } else {
        is($r->{json}{error}{code}, 404, "$d: gemini code");
        is($r->{json}{error}{status}, 'NOT_FOUND', "$d: gemini status");
    }
    unlike($r->{body}, qr/secret|backend|gpt-4o|claude|127\.0\.0\.1|$mport/,
           "$d: no upstream, route or address in the answer");
}
is(scalar @{ $t->mock_requests }, 0, 'nothing sent upstream without a route');

# --- an upstream{} defined after the route; one without llm_provider
my ($r3, $q3) = chat('late', port => $t->port(3));
is($r3->{status}, 200, 'route to an upstream defined later: 200') or diag($r3->{body});
is($q3->{dialect}, 'anthropic', '... its llm_provider decides the dialect');
($r3, $q3) = chat('other', port => $t->port(3));
is($r3->{status}, 500, 'route to an upstream without llm_provider: 500');
ok(ref $r3->{json} eq 'HASH' && ref $r3->{json}{error} eq 'HASH', '... in the client\'s error shape')
    or diag($r3->{body});
ok(!defined $q3, '... and nothing sent upstream');
like($t->error_log, qr/names upstream "plain_up", which has no "llm_provider"/,
     '... and the log says why');

my ($r2, $q2) = chat('gpt-4o', port => $p2);
is($r2->{status}, 200, 'the second server routes its own models');
is($q2->{json}{model}, 'secret-target-model', 'its alias');

# proxy_pass http://late_up: translated for an OpenAI client, relayed
# for an Anthropic one
my $p4 = $t->port(4);
my ($r4, $q4) = chat('gpt-4o', port => $p4);
is($r4->{status}, 200, 'static proxy_pass: 200');
is($q4->{path}, '/v1/messages', '... translated to the block\'s dialect');
is($q4->{json}{model}, 'claude-static', '... with the route\'s model');
is($r4->{json}{object}, 'chat.completion', '... answered in the client\'s');
$t->mock_reset;
$r4 = $t->post_json('/v1/messages',
    { model => 'claude-x', max_tokens => 5,
      messages => [{ role => 'user', content => 'Hi' }] },
    headers => { 'x-api-key' => 'client', 'anthropic-version' => '2023-06-01' },
    port => $p4);
$q4 = $t->mock_requests->[0];
is($r4->{status}, 200, 'static proxy_pass, same dialect: 200');
is($q4->{json}{model}, 'claude-x', '... relayed');
is($q4->{headers}{'x-api-key'}, 'sk-provider-anthropic',
   '... with the provider\'s key, not the client\'s');

$t->stop;

# --- configuration errors

for my $c (
    ['llm_translate without llm_route',
     "llm_translate on;", qr/needs at least one "llm_route"/],
    ['bad regex', "llm_translate on; llm_route ~^(unclosed u;",
     qr/pcre2?_compile\(\) failed|missing closing parenthesis/],
    ['bad route parameter', "llm_translate on; llm_route gpt-4o u foo=bar;",
     qr/invalid parameter "foo=bar"/],
    ['bad llm_model name', "llm_translate on; llm_route default u; llm_model a/b;",
     qr/invalid model name "a\/b"/],
    ['bad llm_model parameter',
     "llm_translate on; llm_route default u; llm_model m1 owner=x;",
     qr/invalid parameter "owner=x"/],
    # proxy_pass without variables sends everything to one block
    ['a route to another block than proxy_pass names',
     "llm_translate on; llm_route claude-* u2; llm_route default u;",
     qr/"llm_route" names upstream "u2", but "proxy_pass" sends every request of this location to "u"/,
     'proxy_pass http://u;'],
    ['proxy_pass to an address',
     "llm_translate on; llm_route default u;",
     qr/names upstream "u", but "proxy_pass" sends every request of this location to "127\.0\.0\.1"/,
     'proxy_pass http://127.0.0.1:1;'],
) {
    my ($what, $loc, $re, $pass) = @$c;
    $pass //= 'proxy_pass http://$llm_upstream;';
    $t->write_config(<<"EOF");
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    upstream u { server 127.0.0.1:1; llm_provider openai; }
    upstream u2 { server 127.0.0.1:1; llm_provider anthropic; }
    server {
        listen 127.0.0.1:%%PORT_3%%;
        location / {
            $loc
            $pass
        }
    }
}
EOF
    my ($rc, $out) = $t->test_config;
    isnt($rc, 0, "nginx -t fails: $what");
    like($out, $re, "message: $what") or diag($out);
}

done_testing;
