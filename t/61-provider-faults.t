#!/usr/bin/perl
# Faults from the provider, for every client dialect against every
# upstream dialect: connection refused, reset before headers, reset
# mid-body, reset mid-stream, timeouts before headers and mid-stream, a
# 200 with a non-JSON body, an SSE stream of garbage events, an endless
# event larger than llm_stream_event_size, a 429 storm on every key.
# The client always gets a well-formed answer or error in its dialect
# (an HTTP error body, or an error event closing a stream), the worker
# survives, and the log has no [alert]/[crit].  See docs/reliability.md.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my $slow = $ENV{TEST_LLM_ASAN} ? 3 : 1;
my $t = LLMTest->new(timeout => 10 * $slow);
$t->start_mock;
my $dead = LLMTest::free_port();      # nothing listens there
$t->write_config(<<"EOF");
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    client_body_buffer_size 512k;
    llm_keys_zone llm_keys 1m;
    upstream openai_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider openai; }
    upstream anthropic_up { server 127.0.0.1:%%MOCK_PORT%%; llm_provider anthropic; }
    upstream gemini_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider gemini; }
    upstream dead_up      { server 127.0.0.1:$dead; llm_provider openai; }
    upstream pool_up {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider anthropic zone=llm_keys cooldown=30s;
        llm_key sk-ant-storm-key-one-0001 id=one;
        llm_key sk-ant-storm-key-two-0002 id=two;
    }
    server {
        listen 127.0.0.1:%%PORT_1%%;
        llm_translate on;
        llm_stream_event_size 4k;
        proxy_read_timeout ${slow}s;
        proxy_connect_timeout 2s;
        proxy_max_temp_file_size 0;
        llm_route gpt-*    openai_up;
        llm_route claude-* anthropic_up;
        llm_route gemini-* gemini_up;
        llm_route dead-*   dead_up;
        llm_route pool-*   pool_up;
        proxy_set_header Authorization "Bearer sk-provider-openai";
        proxy_set_header x-api-key sk-provider-anthropic;
        proxy_set_header x-goog-api-key provider-gemini-key;
        location / { proxy_pass http://\$llm_upstream; }
    }
}
EOF
$t->run;
my @workers = $t->worker_pids;

my %MODEL = (openai => 'gpt-x', anthropic => 'claude-x', gemini => 'gemini-x');

sub request {    # client dialect, model, stream?
    my ($c, $model, $stream) = @_;
    my $msg = [{ role => 'user', content => 'one two three four five six' }];
    if ($c eq 'openai') {
        return ('/v1/chat/completions',
                { model => $model, messages => $msg, ($stream ? (stream => \1) : ()) });
    }
    if ($c eq 'anthropic') {
        return ('/v1/messages', { model => $model, max_tokens => 50, messages => $msg,
                                  ($stream ? (stream => \1) : ()) });
    }
    return ("/v1beta/models/$model:" . ($stream ? 'streamGenerateContent?alt=sse' : 'generateContent'),
            { contents => [{ role => 'user', parts => [{ text => 'one two three four five six' }] }] });
}

sub error_shape {    # a parsed error object in dialect $c
    my ($c, $j, $status) = @_;
    return 0 unless ref $j eq 'HASH';
    if ($c eq 'openai') {
        return ref $j->{error} eq 'HASH' && defined $j->{error}{message};
    }
    if ($c eq 'anthropic') {
        return ($j->{type} // '') eq 'error' && ref $j->{error} eq 'HASH'
            && defined $j->{error}{type} && defined $j->{error}{message};
    }
    return ref $j->{error} eq 'HASH' && defined $j->{error}{message}
        && defined $j->{error}{status}
        && (!defined $status || ($j->{error}{code} // 0) == $status);
}

# A well-formed outcome: an HTTP error in the dialect's shape, or a
# complete 200 stream whose last event is an error event of the dialect.
sub check {
    my ($name, $c, $r, %o) = @_;
    my @why;
    if ($r->{status} == 200 && $o{stream}) {
        push @why, 'stream not complete (' . ($r->{error} // '') . ')' unless $r->{complete};
        my $last = $r->{events}[-1];
        push @why, 'no events' unless $last;
        if ($last) {
            push @why, "last event is not an error: $last->{raw}"
                unless error_shape($c, $last->{json})
                    && ($c ne 'anthropic' || ($last->{event} // '') eq 'error');
        }
        for my $ev (@{ $r->{events} }) {
            next if ($ev->{data} // '') eq '[DONE]';
            push @why, "event data is not JSON: $ev->{raw}" unless ref $ev->{json};
        }
    } else {
        push @why, "status $r->{status}" unless $r->{status} >= 400 && $r->{status} <= 599;
        push @why, 'not an error body of the dialect' unless error_shape($c, $r->{json}, $r->{status});
    }
    ok(!@why, $name) or diag(join('; ', @why) . "\nbody: " . substr($r->{body}, 0, 400));
}

sub send_req {
    my ($c, $model, $stream) = @_;
    my ($path, $body) = request($c, $model, $stream);
    return $stream ? $t->sse($path, $body, timeout => 10 * $slow)
                   : $t->post_json($path, $body, timeout => 10 * $slow);
}

my $faults = 0;

for my $c (qw(openai anthropic gemini)) {
    # connection refused (no upstream dialect involved)
    for my $stream (0, 1) {
        my $r = send_req($c, 'dead-x', $stream);
        check("$c client, connection refused" . ($stream ? ', stream' : ''), $c, $r);
        $faults++;
    }

    for my $u (qw(openai anthropic gemini)) {
        my $m = $MODEL{$u};
        my @F = (
            ['reset before headers', 0, [{ match => { dialect => $u }, reset => \1 }]],
            ['reset before headers, stream', 1, [{ match => { dialect => $u }, reset => \1 }]],
            ['reset mid-body', 0, [{ match => { dialect => $u }, status => 200, truncate => \1,
                body => { id => 'x', padding => 'p' x 2000 } }]],
            ['reset mid-stream', 1, [{ match => { dialect => $u }, truncate => \1, events => 6 }]],
            ['200 with a non-JSON body', 0, [{ match => { dialect => $u }, status => 200,
                raw => '<html>this is not json</html>' }]],
            ['200 with an empty body', 0, [{ match => { dialect => $u }, status => 200, raw => '' }]],
            ['200 with JSON of the wrong shape', 0, [{ match => { dialect => $u }, status => 200,
                body => [1, 2, 3] }]],
            ['SSE stream of garbage events', 1, [{ match => { dialect => $u }, stream => [
                { data => 'not json {{{' }, { raw => "\x00\x01\xff garbage\n\n" },
                { event => 'message_start', data => '{"type":' }] }]],
            ['SSE stream of well-formed JSON of the wrong shape', 1, [{ match => { dialect => $u },
                stream => [{ data => '[1,2,3]' }, { data => '{"choices":"x","candidates":5,"type":7}' }] }]],
            ['an endless event larger than llm_stream_event_size', 1, [{ match => { dialect => $u },
                stream => [{ raw => 'data: {"x":"' . ('y' x 20000) }], truncate => \1 }]],
            ['in-stream provider error', 1, [{ match => { dialect => $u }, error_after => 2, events => 5 }]],
            ['500 with an HTML body, stream', 1, [{ match => { dialect => $u }, status => 500,
                raw => '<html>oops</html>' }]],
        );
        for my $f (@F) {
            my ($name, $stream, $rules) = @$f;
            $t->mock_script($rules);
            my $r = send_req($c, $m, $stream);
            check("$c client, $u provider: $name", $c, $r, stream => $stream);
            $faults++;
        }
    }

    # timeouts (proxy_read_timeout 1s): before headers, and mid-stream;
    # the upstream dialect rotates to keep the run short
    my $u = { openai => 'anthropic', anthropic => 'gemini', gemini => 'openai' }->{$c};
    $t->mock_script([{ match => { dialect => $u }, delay_ms => 2500 * $slow }]);
    check("$c client, $u provider: timeout before headers", $c, send_req($c, $MODEL{$u}, 0));
    $t->mock_script([{ match => { dialect => $u }, delay_ms => 2500 * $slow }]);
    check("$c client, $u provider: timeout before headers, stream", $c,
          send_req($c, $MODEL{$u}, 1), stream => 1);
    $t->mock_script([{ match => { dialect => $u }, events => 4, event_delay_ms => 2500 * $slow }]);
    check("$c client, $u provider: timeout mid-stream", $c, send_req($c, $MODEL{$u}, 1), stream => 1);
    $faults += 3;

    # a 429 storm on every key of the pool
    $t->mock_reset;
    $t->mock_script([{ match => { dialect => 'anthropic' }, status => 429,
                       headers => { 'retry-after' => '9' } }]);
    for my $stream (0, 1) {
        my $r = send_req($c, 'pool-x', $stream);
        check("$c client, 429 storm on every key" . ($stream ? ', stream' : ''), $c, $r);
        is($r->{status}, 429, "$c client, 429 storm: status 429");
        ok(($r->{headers}{'retry-after'} // 0) > 0, "$c client, 429 storm: Retry-After")
            or diag(join ', ', map { "$_: $r->{headers}{$_}" } sort keys %{ $r->{headers} });
        $faults++;
    }
    my $n = grep { ($_->{key} // '') =~ /storm/ } @{ $t->mock_requests };
    ok($n <= 4, "$c client, 429 storm: at most one try per key and request ($n upstream)");
}
$t->mock_reset;

# the workers survived: same pids, and they still answer
is_deeply([sort $t->worker_pids], [sort @workers], "the worker survived $faults faults");
for my $c (qw(openai anthropic gemini)) {
    my $r = send_req($c, 'gpt-x', 0);
    is($r->{status}, 200, "$c client: a normal request after the faults") or diag($r->{body});
}
unlike($t->error_log, qr/\[(?:alert|crit|emerg)\]|exited on signal/,
       'no alert, crit or crashed worker in the log');

$t->done_testing;
