#!/usr/bin/perl
# The first vertical slice: an OpenAI Chat Completions client reaching an
# Anthropic Messages provider, non-streaming; the request the provider got
# and the answer the client got, field by field; bad input and provider
# errors in the client's dialect.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;
use IO::Socket::IP;
use IO::Select;
use JSON::PP;

my $t = LLMTest->new();
$t->start_mock(keys => ['sk-ant-test']);
$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    client_max_body_size 64k;
    upstream anthropic_up {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider anthropic;
    }
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location / {
            llm_translate on;
            llm_route default anthropic_up;
            proxy_set_header x-api-key sk-ant-test;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
$t->run;

my %auth = (Authorization => 'Bearer client-secret-key');

# --- a two-turn conversation with two system prompts

my $r = $t->post_json('/v1/chat/completions', {
    model => 'claude-sonnet-4-5',
    messages => [
        { role => 'system', content => 'Be brief.' },
        { role => 'developer', content => 'Answer in English.' },
        { role => 'user', content => 'Hi' },
        { role => 'assistant', content => 'Hello!' },
        { role => 'user', content => [{ type => 'text', text => 'How are you?' }] },
    ],
    max_completion_tokens => 100,
    temperature => 0.5,
    top_p => 0.9,
    stop => ['END'],
}, headers => \%auth);

is($r->{status}, 200, 'translated request answered') or diag($r->{body});
my $j = $r->{json};
is($j->{object}, 'chat.completion', 'object');
like($j->{id}, qr/^chatcmpl-/, 'id has the OpenAI prefix');
ok($j->{created} > 1700000000, 'created is a timestamp');
is($j->{choices}[0]{message}{role}, 'assistant', 'role');
is($j->{choices}[0]{message}{content}, 'mock anthropic reply: How are you?',
   'text from the Anthropic provider');
is($j->{choices}[0]{finish_reason}, 'stop', 'end_turn became stop');
is($j->{choices}[0]{index}, 0, 'choice index');
ok($j->{usage}{prompt_tokens} > 0, 'prompt tokens');
ok($j->{usage}{completion_tokens} > 0, 'completion tokens');
is($j->{usage}{total_tokens},
   $j->{usage}{prompt_tokens} + $j->{usage}{completion_tokens}, 'total');
like($r->{headers}{'content-type'}, qr{^application/json}, 'content type');

my $reqs = $t->mock_requests;
is(scalar @$reqs, 1, 'one request upstream');
my $up = $reqs->[0];
is($up->{path}, '/v1/messages', 'upstream path');
is($up->{headers}{'anthropic-version'}, '2023-06-01', 'anthropic-version');
is($up->{headers}{'x-api-key'}, 'sk-ant-test', 'provider key');
ok(!exists $up->{headers}{authorization}, 'client credentials not forwarded');
unlike($up->{body}, qr/client-secret-key/, 'client key nowhere upstream');
is($up->{json}{max_tokens}, 100, 'max_completion_tokens -> max_tokens');
is($up->{json}{temperature}, 0.5, 'temperature');
is($up->{json}{top_p}, 0.9, 'top_p');
is_deeply($up->{json}{stop_sequences}, ['END'], 'stop -> stop_sequences');
is_deeply([map { $_->{text} } @{ $up->{json}{system} }],
          ['Be brief.', 'Answer in English.'], 'both system prompts');
is(scalar @{ $up->{json}{messages} }, 3, 'three turns');
is($up->{json}{messages}[1]{role}, 'assistant', 'assistant turn kept');
ok(!grep({ $_->{role} eq 'system' } @{ $up->{json}{messages} }),
   'no system role inside messages');

# --- max_tokens: default when absent, legacy max_tokens honoured

$t->mock_reset;
$r = $t->post_json('/v1/chat/completions', {
    model => 'claude-x', messages => [{ role => 'user', content => 'Hi' }],
}, headers => \%auth);
is($r->{status}, 200, 'no max tokens given');
is($t->mock_requests->[0]{json}{max_tokens}, 4096, 'default max_tokens 4096');

$t->mock_reset;
$r = $t->post_json('/v1/chat/completions', {
    model => 'claude-x', max_tokens => 3,
    messages => [{ role => 'user', content => 'one two three four five' }],
}, headers => \%auth);
is($t->mock_requests->[0]{json}{max_tokens}, 3, 'legacy max_tokens');
is($r->{json}{choices}[0]{finish_reason}, 'length', 'max_tokens -> length');

# --- bad input: OpenAI error shape, nothing sent upstream

$t->mock_reset;
for my $case (
    ['invalid JSON', '{"model": "x", "messages": [', 400],
    ['not an object', '[1,2,3]', 400],
    ['no messages', '{"model":"claude-x"}', 400],
    ['empty messages', '{"model":"claude-x","messages":[]}', 400],
    ['messages wrong type', '{"model":"claude-x","messages":"hi"}', 400],
    ['content wrong type',
     '{"model":"claude-x","messages":[{"role":"user","content":5}]}', 400],
    ['unknown role',
     '{"model":"claude-x","messages":[{"role":"wizard","content":"x"}]}', 400],
    ['temperature wrong type',
     '{"model":"claude-x","temperature":"hot","messages":[{"role":"user","content":"x"}]}', 400],
) {
    my ($name, $body, $status) = @$case;
    my $r = $t->post_json('/v1/chat/completions', $body, headers => \%auth);
    is($r->{status}, $status, "$name: status");
    ok($r->{json} && $r->{json}{error} && $r->{json}{error}{message},
       "$name: OpenAI error shape") or diag($r->{body});
    is($r->{json}{error}{type}, 'invalid_request_error', "$name: type");
}
is(scalar @{ $t->mock_requests }, 0, 'no bad request reached the provider');

$r = $t->post_json('/v1/nothing/here', '{}', headers => \%auth);
is($r->{status}, 404, 'unknown path');
ok($r->{json}{error}{message}, 'unknown path: error JSON');

$r = $t->http('GET', '/v1/chat/completions', headers => \%auth);
is($r->{status}, 405, 'GET on chat completions');
ok($r->{json}{error}, 'method error in JSON');

SKIP: {
    # over HTTP/2 nginx resets the stream still sending its body, which
    # curl reports as a framing error before it shows the 413
    skip 'oversize body: HTTP/1.1 only', 2 if $t->http2;
    $r = $t->post_json('/v1/chat/completions',
        '{"model":"claude-x","messages":[{"role":"user","content":"'
        . ('x' x 70000) . '"}]}', headers => \%auth);
    is($r->{status}, 413, 'oversize body');
    is($r->{json}{error}{type}, 'invalid_request_error', '413 in OpenAI shape')
        or diag($r->{body});
}

# --- provider errors come back in the client's shape, message kept

$t->mock_script([{ match => { dialect => 'anthropic' }, times => 1,
    status => 400, body => { type => 'error', error => {
        type => 'invalid_request_error',
        message => 'messages: text content blocks must be non-empty' } } }]);
$r = $t->post_json('/v1/chat/completions', {
    model => 'claude-x', messages => [{ role => 'user', content => 'x' }],
}, headers => \%auth);
is($r->{status}, 400, 'provider 400');
is($r->{json}{error}{message},
   'messages: text content blocks must be non-empty', 'message kept');
is($r->{json}{error}{type}, 'invalid_request_error', 'OpenAI error type');

$t->mock_script([{ match => { dialect => 'anthropic' }, times => 1,
    status => 529, body => { type => 'error', error => {
        type => 'overloaded_error', message => 'Overloaded' } } }]);
$r = $t->post_json('/v1/chat/completions', {
    model => 'claude-x', messages => [{ role => 'user', content => 'x' }],
}, headers => \%auth);
is($r->{status}, 503, 'Anthropic 529 becomes 503 for an OpenAI client');
is($r->{json}{error}{message}, 'Overloaded', '529 message kept');

$t->mock_script([{ match => { dialect => 'anthropic' }, times => 1,
    status => 429, headers => { 'retry-after' => '17' },
    body => { type => 'error', error => {
        type => 'rate_limit_error', message => 'Slow down' } } }]);
$r = $t->post_json('/v1/chat/completions', {
    model => 'claude-x', messages => [{ role => 'user', content => 'x' }],
}, headers => \%auth);
is($r->{status}, 429, 'provider 429');
is($r->{headers}{'retry-after'}, '17', 'Retry-After kept');
is($r->{json}{error}{code}, 'rate_limit_exceeded', 'OpenAI rate limit code');

$t->mock_script([{ match => { dialect => 'anthropic' }, times => 1,
    status => 500, raw => '<html>oops</html>' }]);
$r = $t->post_json('/v1/chat/completions', {
    model => 'claude-x', messages => [{ role => 'user', content => 'x' }],
}, headers => \%auth);
is($r->{status}, 500, 'provider 500 with a non-JSON body');
ok($r->{json}{error}{message}, 'still an OpenAI error');
unlike($r->{body}, qr/oops|html/, 'the provider body is not echoed');

$t->mock_script([{ match => { dialect => 'anthropic' }, times => 1,
    status => 200, raw => 'this is not json' }]);
$r = $t->post_json('/v1/chat/completions', {
    model => 'claude-x', messages => [{ role => 'user', content => 'x' }],
}, headers => \%auth);
is($r->{status}, 502, 'a 200 with garbage becomes 502');
ok($r->{json}{error}{message}, '502 in OpenAI shape');

# --- a body that arrives after the request header: the module reads it
# asynchronously and resumes the phases itself (every request above had
# its body in the first read, and goes on without a second pass)

sub late_body {
    my ($body, $pause) = @_;
    my $port = $t->port(1);
    my $s = IO::Socket::IP->new(PeerAddr => '127.0.0.1', PeerPort => $port,
                                Proto => 'tcp', Timeout => 10) or die "$@";
    binmode $s;
    my $cut = int(length($body) / 2);
    print $s "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        . "Authorization: Bearer client-secret-key\r\n"
        . "Content-Type: application/json\r\nConnection: close\r\n"
        . "Content-Length: " . length($body) . "\r\n\r\n"
        . substr($body, 0, $cut);
    $s->flush;
    select(undef, undef, undef, $pause);
    print $s substr($body, $cut);
    $s->flush;
    my $res = '';
    my $sel = IO::Select->new($s);
    while ($sel->can_read(10)) {
        my $n = sysread($s, my $buf, 65536);
        last unless $n;
        $res .= $buf;
    }
    my ($head, $rest) = split /\r\n\r\n/, $res, 2;
    my ($status) = ($head // '') =~ m{^HTTP/1\.1 (\d+)};
    return { status => $status // 0, body => $rest // '',
             json => eval { JSON::PP->new->decode($rest // '') } };
}

$r = late_body('{"model":"claude-x","messages":[{"role":"user",'
               . '"content":"late body"}]}', 0.3);
is($r->{status}, 200, 'a body sent after a pause: answered')
    or diag($r->{body});
is($r->{json}{choices}[0]{message}{content},
   'mock anthropic reply: late body', 'its text reached the provider');

$r = late_body('{"model":"claude-x","messages":[{"role":"user",'
               . '"content":"late body"}', 0.3);
is($r->{status}, 400, 'a bad body sent after a pause: 400');
is($r->{json}{error}{type}, 'invalid_request_error',
   'in the OpenAI shape') or diag($r->{body});

$t->done_testing;
