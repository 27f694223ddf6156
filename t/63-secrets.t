#!/usr/bin/perl
# Secrets never leave the gateway: every provider key (llm_key pools and
# proxy_set_header) and every client key is searched for in everything
# the gateway emits: the error log at debug level, the access log (with
# the request headers logged), every response body and header, error
# bodies, streams, and the llm_status output (JSON and Prometheus).
# The access log records $http_authorization, $http_x_api_key and
# $http_x_goog_api_key: a pool key of any dialect must never be visible
# there (it exists only in the upstream request), translated or passed
# through, with or without llm_keys_check, on first attempts and retries.
# Keys are long and distinctive so that a match is never a coincidence.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;
use IO::Socket::IP;

my %PROVIDER = (
    pool_a => 'sk-ant-secretPOOLKEYalpha0123456789abcdef',
    pool_b => 'sk-ant-secretPOOLKEYbravo0123456789abcdef',
    gem    => 'AIzaSECRETgeminiPOOLkey0123456789abcdefgh',
    oai_a  => 'sk-proj-secretPOOLKEYopenaiA0123456789abcdef',
    oai_b  => 'sk-proj-secretPOOLKEYopenaiB0123456789abcdef',
    hdr    => 'sk-proj-secretHEADERkey0123456789abcdefghij',
);
my %CLIENT = (
    bearer => 'sk-client-SECRETbearer0123456789abcdef',
    xapi   => 'sk-ant-client-SECRETxapikey0123456789',
    goog   => 'AIzaCLIENTsecretGOOGheader0123456789ab',
    query  => 'AIzaCLIENTsecretQUERYparam0123456789ab',
);

my $t = LLMTest->new(log_level => 'debug', timeout => $ENV{TEST_LLM_ASAN} ? 30 : 10);
$t->start_mock;
$t->write_config(<<"EOF");
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    log_format full '\$remote_addr "\$request" \$status \$llm_model \$llm_upstream '
                    '"\$http_authorization" "\$http_x_api_key" "\$http_x_goog_api_key" '
                    '"\$args" \$llm_warnings';
    access_log %%PREFIX%%/access-full.log full;
    llm_keys_zone llm_keys 1m;
    upstream anthropic_pool {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider anthropic zone=llm_keys;
        llm_key $PROVIDER{pool_a} id=a;
        llm_key $PROVIDER{pool_b} id=b;
    }
    upstream gemini_pool {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider gemini zone=llm_keys;
        llm_key $PROVIDER{gem} id=g;
    }
    upstream openai_pool {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm_keys;
        llm_key $PROVIDER{oai_a} id=oa;
        llm_key $PROVIDER{oai_b} id=ob;
    }
    upstream openai_up { server 127.0.0.1:%%MOCK_PORT%%; llm_provider openai; }
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location / {
            llm_translate on;
            llm_route claude-* anthropic_pool;
            llm_route gemini-* gemini_pool;
            llm_route default  openai_up;
            proxy_set_header Authorization "Bearer $PROVIDER{hdr}";
            proxy_pass http://\$llm_upstream;
        }
        location = /llm/status { llm_status; }
    }
    # translation to the pools only: no proxy_set_header, which would
    # override the key of openai_pool
    server {
        listen 127.0.0.1:%%PORT_3%%;
        location / {
            llm_translate on;
            llm_route claude-* anthropic_pool;
            llm_route gemini-* gemini_pool;
            llm_route default  openai_pool;
            proxy_pass http://\$llm_upstream;
        }
    }
    # passthrough to the pools; anthropic without llm_keys_check (the
    # client's credentials are then stripped by the balancer itself)
    server {
        listen 127.0.0.1:%%PORT_2%%;
        location /v1/chat/ {
            llm_keys_check openai_pool;
            proxy_pass http://openai_pool;
        }
        location /v1/messages {
            proxy_pass http://anthropic_pool;
        }
        location /v1beta/ {
            llm_keys_check gemini_pool;
            proxy_pass http://gemini_pool;
        }
    }
}
EOF
$t->run;

my %auth = (
    openai    => { Authorization => "Bearer $CLIENT{bearer}" },
    anthropic => { 'x-api-key' => $CLIENT{xapi}, 'anthropic-version' => '2023-06-01' },
    gemini    => { 'x-goog-api-key' => $CLIENT{goog} },
);
my $msgs = [{ role => 'user', content => 'one two three' }];
my @emitted;

sub req {
    my ($c, $model, %o) = @_;
    my ($path, $body);
    if ($c eq 'openai') {
        ($path, $body) = ('/v1/chat/completions', { model => $model, messages => $msgs,
                                                    ($o{stream} ? (stream => \1) : ()) });
    } elsif ($c eq 'anthropic') {
        ($path, $body) = ('/v1/messages', { model => $model, max_tokens => 20, messages => $msgs,
                                            ($o{stream} ? (stream => \1) : ()) });
    } else {
        $path = "/v1beta/models/$model:" . ($o{stream} ? 'streamGenerateContent?alt=sse&' : 'generateContent?')
                . ($o{pass} ? '' : "key=$CLIENT{query}");
        $body = { contents => [{ role => 'user', parts => [{ text => 'one two three' }] }] };
    }
    $body = $o{raw} if defined $o{raw};
    my $port = $t->port($o{pass} ? 2 : $o{port} // 1);
    my $r = $o{stream} ? $t->sse($path, $body, headers => $auth{$c}, port => $port)
                       : $t->post_json($path, $body, headers => $auth{$c}, port => $port);
    push @emitted, "$c $model: " . join("\n", map { "$_: $r->{headers}{$_}" } keys %{ $r->{headers} })
                   . "\n$r->{body}";
    return $r;
}

my $n = 0;

# first, while every key is usable: what reached the provider is the
# pool's key, on the first attempt and on the retry after a 429 (two-key
# pools), never the client's key
my %pool_keys = (openai => [@PROVIDER{qw(oai_a oai_b)}],
                 anthropic => [@PROVIDER{qw(pool_a pool_b)}],
                 gemini => [$PROVIDER{gem}]);
my %client_key = (openai => $CLIENT{bearer}, anthropic => $CLIENT{xapi},
                  gemini => $CLIENT{goog});
my %model = (openai => 'gpt-x', anthropic => 'claude-x', gemini => 'gemini-x');
for my $pass (0, 1) {
    for my $c (qw(openai anthropic gemini)) {
        my @want = @{ $pool_keys{$c} };
        $t->mock_reset;
        # (a 1 ms cooldown: both keys are usable again for the next case)
        $t->mock_script([{ status => 429, times => 1, headers => { 'retry-after-ms' => '1' } }])
            if @want > 1;
        my $r = req($c, $model{$c}, $pass ? (pass => 1) : (port => 3));
        $n++;
        my @got = map { $_->{key} // '' } @{ $t->mock_requests };
        my $how = ($pass ? 'passthrough' : 'translated') . " $c";
        is($r->{status}, 200, "$how: 200" . (@want > 1 ? ' after a 429 and a retry' : ''));
        is(scalar @got, scalar @want, "$how: " . scalar(@want) . ' attempt(s)');
        is(join(' ', sort @got), join(' ', sort @want), "$how: every attempt carried a pool key, a different one on the retry");
        ok(!grep({ $_ eq $client_key{$c} } @got), "$how: the client's key never went upstream");
    }
}
$t->mock_reset;

# credential headers in any letter case are removed (nginx's lowercase
# names are compared), every one of them, whichever the dialect
{
    my %odd = ('AUTHORIZATION' => "Bearer $CLIENT{bearer}", 'X-Api-KEY' => $CLIENT{xapi},
               'x-GOOG-api-key' => $CLIENT{goog}, 'Api-Key' => $CLIENT{bearer},
               'anthropic-version' => '2023-06-01');
    for my $pass (0, 1) {
        for my $c (qw(openai anthropic)) {
            $t->mock_reset;
            local $auth{$c} = \%odd;
            my $r = req($c, $model{$c}, $pass ? (pass => 1) : (port => 3));
            my @raw = map { @{ $_->{raw_headers} || [] } } @{ $t->mock_requests };
            my $how = ($pass ? 'passthrough' : 'translated') . " $c";
            is($r->{status}, 200, "$how, odd-cased credential headers: 200");
            ok(@raw && !grep({ my $v = $_; grep { index($v, $_) >= 0 } values %CLIENT } @raw),
               "$how: no client credential in any letter case went upstream")
                or diag(join ' | ', @raw);
            $n++;
        }
    }
    $t->mock_reset;
}

# credential headers anywhere among many (nginx keeps the client's
# headers in parts of 20): first, repeated, in the middle, in the second
# part, last; every other header reaches the provider, in order.  Sent
# on a raw socket, as hashes of headers have no order.
{
    my @creds = (['Authorization', "Bearer $CLIENT{bearer}"], ['x-api-key', $CLIENT{xapi}],
                 ['X-Goog-Api-Key', $CLIENT{goog}], ['api-key', $CLIENT{bearer}]);
    # where each goes (nginx refuses a second Authorization itself)
    my %at = (0 => [0, 1], 7 => [3], 14 => [2, 2], 21 => [1], 25 => [3]);
    my @hdrs;
    for my $i (0 .. 29) {
        push @hdrs, map { $creds[$_] } @{ $at{$i} || [] };
        push @hdrs, ["X-Keep-$i", "v$i"];
    }
    push @hdrs, $creds[1], $creds[2];
    my %body = (openai => '{"model":"gpt-x","messages":[{"role":"user","content":"hi"}]}',
                anthropic => '{"model":"claude-x","max_tokens":5,'
                             . '"messages":[{"role":"user","content":"hi"}]}');
    my %path = (openai => '/v1/chat/completions', anthropic => '/v1/messages');
    for my $port (1, 2, 3) {
        for my $c (qw(openai anthropic)) {
            $t->mock_reset;
            my $s = IO::Socket::IP->new(PeerAddr => '127.0.0.1', PeerPort => $t->port($port))
                or die "connect: $!";
            print $s "POST $path{$c} HTTP/1.0\r\nHost: localhost\r\n"
                . "Content-Type: application/json\r\n"
                . ($c eq 'anthropic' ? "anthropic-version: 2023-06-01\r\n" : '')
                . join('', map { "$_->[0]: $_->[1]\r\n" } @hdrs)
                . 'Content-Length: ' . length($body{$c}) . "\r\n\r\n$body{$c}";
            my $resp = do { local $/; <$s> };
            close $s;
            my $how = "port $port, $c, credentials among 30 headers";
            like($resp // '', qr{^HTTP/1\.[01] 200 }, "$how: 200");
            my @raw = map { @{ $_->{raw_headers} || [] } } @{ $t->mock_requests };
            ok(@raw && !grep({ my $v = $_; grep { index($v, $_) >= 0 } values %CLIENT } @raw),
               "$how: none went upstream") or diag(join ' | ', @raw);
            my @kept = grep { /^X-Keep-/i } @raw[grep { $_ % 2 == 0 } 0 .. $#raw];
            is(join(',', @kept), join(',', map { "X-Keep-$_" } 0 .. 29),
               "$how: the 30 others went, in order");
            $n++;
        }
    }
    $t->mock_reset;
}

# then everything, on both translating servers (3: all three pools)
for my $port (1, 3) {
    for my $c (qw(openai anthropic gemini)) {
        for my $m (qw(claude-x gemini-x gpt-x)) {
            req($c, $m, port => $port); req($c, $m, stream => 1, port => $port); $n += 2;
            req($c, $m, raw => '{"model": broken', port => $port); $n++;
        }
        req($c, 'no/such/model', port => $port); $n++;
        # provider errors of every kind: auth failures, 429, 500, garbage
        for my $rule ({ status => 401 }, { status => 403 }, { status => 429 },
                      { status => 500, raw => 'oops' }, { status => 200, raw => 'garbage' }) {
            $t->mock_script([{ %$rule, times => 3 }]);
            req($c, $_, port => $port) for qw(claude-x gemini-x gpt-x);
            $n += 3;
        }
        $t->mock_reset;
    }
}

# a provider that echoes what it got (the key in the error message):
# the gateway passes the provider's message on, so this one is the
# provider's leak, not ours; it is checked apart below
$t->mock_script([{ status => 401, message => "Incorrect API key provided: $PROVIDER{hdr}", times => 1 }]);
my $echo = req('openai', 'gpt-x');
pop @emitted;
$t->mock_reset;

my $status_json = $t->get('/llm/status?format=json');
my $status_prom = $t->get('/llm/status?format=prometheus');
ok($status_json->{status} == 200 && $status_prom->{status} == 200, 'llm_status answers');
push @emitted, "status: $status_json->{body}", "prometheus: $status_prom->{body}";

$t->stop;

# nginx core's own debug lines dump the raw request and upstream headers
# ("http header:", HTTP/2's "http2 header:" and "http2 table add:",
# "http script copy:", the proxy request block, the request line and
# args): that is stock nginx and documented in reliability.md.  Everything else in the log, the module's lines at
# every level included, must be clean.
my @log = split /\n/, $t->error_log;
my ($core, @rest) = (0);
for my $i (0 .. $#log) {
    my $l = $log[$i];
    if ($l =~ /\[debug\].*\*\d+ (?:http2? header:|http2 table add:|http script copy:|http request line:|http args:|http finalize request:|http cleanup add:|http proxy header:|http upstream request:|http uri:|http exten:|http run request:|http request count|http close request|http set discard|http read discarded|http terminate|http output filter|http postpone filter|http copy filter|http log handler|http writer|write new buf|http upstream|http proxy status|http next upstream)/
        || ($l !~ /^\d{4}\/\d\d\/\d\d / && $l =~ /^[A-Za-z-]+: |^(POST|GET) /))
    {
        $core++;
        next;
    }
    push @rest, $l;
}

my %sources = (
    'responses (bodies and headers)' => join("\n", @emitted),
    'error log (debug, module and non-core lines)' => join("\n", @rest),
    'access log'                     => (LLMTest::slurp($t->prefix . '/access.log') // '')
                                        . (LLMTest::slurp($t->prefix . '/access-full.log') // ''),
    'llm_status'                     => "$status_json->{body}\n$status_prom->{body}",
);
ok(@rest > 1000 && $core > 100, scalar(@rest) . " log lines checked, $core core header-dump lines set apart");
my @llm = grep { /\bllm/ } @rest;
ok(@llm > 10, scalar(@llm) . ' of them are the module\'s');

my $access_full = LLMTest::slurp($t->prefix . '/access-full.log') // '';
my @passed = grep { /"POST \/v1(?:beta)?\/\S+ HTTP/ } split /\n/, $access_full;
ok(@passed > 100, scalar(@passed) . ' requests logged with the credential headers');
like($access_full, qr/"Bearer \Q$CLIENT{bearer}\E"/,
     'the log_format does show request headers (the client\'s own, where sent)');

for my $src (sort keys %sources) {
    for my $k (sort keys %PROVIDER) {
        unlike($sources{$src}, qr/\Q$PROVIDER{$k}\E/, "$src: provider key $k not found");
    }
}
for my $src ('responses (bodies and headers)', 'error log (debug, module and non-core lines)', 'llm_status') {
    for my $k (sort keys %CLIENT) {
        unlike($sources{$src}, qr/\Q$CLIENT{$k}\E/, "$src: client key $k not found");
    }
}
# the access log records request headers only where the operator asked
# for them (log_format above, on purpose); the module's own lines never
# carry the client's key
unlike(LLMTest::slurp($t->prefix . '/access.log') // '', qr/\Q$CLIENT{bearer}\E|\Q$CLIENT{xapi}\E|\Q$CLIENT{goog}\E/,
       'default access log: no client key from the headers');
# the request line ($request in the access log, "request:" in every
# error log line) holds a Gemini client's ?key=: the module strips it
# from what goes upstream but must also mask it in place in
# r->request_line and r->args (see reliability.md, findings)
unlike(LLMTest::slurp($t->prefix . '/access.log') // '', qr/\Q$CLIENT{query}\E/,
       'default access log: no ?key= client key');

note("$n requests; provider echo case: status $echo->{status}");
$t->stop_mocks;
done_testing();
