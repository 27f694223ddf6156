#!/usr/bin/perl
# Streaming through nginx: every client dialect from every provider
# dialect, the event sequence each SDK expects, progressive delivery,
# truncation and mid-stream errors as error events, errors before the
# stream as JSON, client aborts, and a long stream with flat memory.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;
use Time::HiRes qw(time sleep);
use IO::Socket::IP;
use JSON::PP;

my $t = LLMTest->new();
$t->start_mock();
$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    log_format usage '$request_uri $llm_client_dialect>$llm_upstream_dialect '
                     'in=$llm_prompt_tokens out=$llm_completion_tokens';
    access_log %%PREFIX%%/usage.log usage;
    upstream openai_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider openai; }
    upstream anthropic_up { server 127.0.0.1:%%MOCK_PORT%%; llm_provider anthropic; }
    upstream gemini_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider gemini; }
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location / {
            llm_translate on;
            llm_route gpt-*    openai_up;
            llm_route claude-* anthropic_up;
            llm_route gemini-* gemini_up;
            llm_stream_event_size 64k;
            proxy_set_header Authorization "Bearer sk-mock";
            proxy_set_header x-api-key sk-mock;
            proxy_set_header x-goog-api-key sk-mock;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
$t->run;

my %model = (openai => 'gpt-4o-mini', anthropic => 'claude-sonnet-4-5',
             gemini => 'gemini-2.5-flash');

# a streaming request from a client of each dialect
sub stream_req {
    my ($client, $upstream, %o) = @_;
    my $m = $model{$upstream};
    my $text = $o{text} // 'hello there';
    if ($client eq 'openai') {
        return $t->sse('/v1/chat/completions', {
            model => $m, stream => \1,
            ($o{usage} ? (stream_options => { include_usage => \1 }) : ()),
            messages => [{ role => 'user', content => $text }] });
    }
    if ($client eq 'anthropic') {
        return $t->sse('/v1/messages', {
            model => $m, stream => \1, max_tokens => 200000,
            messages => [{ role => 'user', content => $text }] },
            headers => { 'anthropic-version' => '2023-06-01' });
    }
    return $t->sse("/v1beta/models/$m:streamGenerateContent?alt=sse", {
        contents => [{ role => 'user', parts => [{ text => $text }] }] });
}

# the text a client assembles from its dialect's events
sub assemble {
    my ($client, $r) = @_;
    my $text = '';
    for my $e (@{ $r->{events} }) {
        my $j = $e->{json} or next;
        if ($client eq 'openai') {
            $text .= $_->{delta}{content} // '' for @{ $j->{choices} || [] };
        } elsif ($client eq 'anthropic') {
            $text .= $j->{delta}{text} // ''
                if ($j->{type} // '') eq 'content_block_delta';
        } else {
            for my $c (@{ $j->{candidates} || [] }) {
                $text .= $_->{text} // '' for @{ $c->{content}{parts} || [] };
            }
        }
    }
    return $text;
}

for my $client (qw(openai anthropic gemini)) {
    for my $upstream (qw(openai anthropic gemini)) {
        my $pair = "$client client, $upstream provider";
        my $r = stream_req($client, $upstream, usage => 1);
        is($r->{status}, 200, "$pair: 200");
        like($r->{headers}{'content-type'}, qr{^text/event-stream},
             "$pair: event stream");
        ok(!defined $r->{headers}{'content-length'}, "$pair: no length");
        ok($r->{complete}, "$pair: stream ended cleanly");
        is(assemble($client, $r), "mock $upstream reply: hello there",
           "$pair: text");

        my @ev = @{ $r->{events} };
        if ($client eq 'openai') {
            is($ev[-1]{data}, '[DONE]', "$pair: [DONE] last");
            is($ev[0]{json}{choices}[0]{delta}{role}, 'assistant',
               "$pair: role first");
            my ($fin) = grep { $_->{json} && @{ $_->{json}{choices} || [] }
                               && $_->{json}{choices}[0]{finish_reason} } @ev;
            is($fin && $fin->{json}{choices}[0]{finish_reason}, 'stop',
               "$pair: finish_reason");
            my ($u) = grep { $_->{json} && $_->{json}{usage} } @ev;
            ok($u && $u->{json}{usage}{completion_tokens} > 0,
               "$pair: usage chunk when asked");
            my %ids = map { ($_->{json} ? $_->{json}{id} : 'x') => 1 }
                      grep { $_->{json} } @ev;
            is(scalar keys %ids, 1, "$pair: one id on every chunk");
        } elsif ($client eq 'anthropic') {
            my @types = map { $_->{event} // '' } @ev;
            is($types[0], 'message_start', "$pair: message_start first");
            is($types[-1], 'message_stop', "$pair: message_stop last");
            ok((grep { $_ eq 'content_block_start' } @types)
               && (grep { $_ eq 'content_block_stop' } @types),
               "$pair: content block opened and closed");
            my ($md) = grep { ($_->{event} // '') eq 'message_delta' } @ev;
            is($md && $md->{json}{delta}{stop_reason}, 'end_turn',
               "$pair: stop_reason");
            ok($md && $md->{json}{usage}{output_tokens} > 0, "$pair: usage");
        } else {
            my ($last) = grep { $_->{json} } reverse @ev;
            is($last->{json}{candidates}[0]{finishReason}, 'STOP',
               "$pair: finishReason");
            ok($last->{json}{usageMetadata}{totalTokenCount} > 0,
               "$pair: usageMetadata");
        }
    }
}

# OpenAI clients get the usage chunk only when they asked for it, while
# the OpenAI-dialect provider is always asked for it
$t->mock_reset;
my $r = stream_req('openai', 'openai');
ok(!(grep { $_->{json} && $_->{json}{usage} } @{ $r->{events} }),
   'no usage chunk unless asked');
$r = stream_req('anthropic', 'openai');
is($t->mock_requests->[-1]{json}{stream_options}{include_usage}, 1,
   'OpenAI provider always asked for usage');
my ($md) = grep { ($_->{event} // '') eq 'message_delta' } @{ $r->{events} };
ok($md->{json}{usage}{output_tokens} > 0, 'Anthropic client got the usage');

# usage is known for relayed (same-dialect) streams as for translated ones
my $ulog = LLMTest::slurp($t->prefix . '/usage.log');
for my $d (qw(openai anthropic gemini)) {
    like($ulog, qr/ $d>$d in=\d+ out=\d+$/m,
         "usage of a relayed $d stream in the access log");
}

# Gemini upstreams are asked through the path
$r = stream_req('openai', 'gemini');
like($t->mock_requests->[-1]{path}, qr/:streamGenerateContent$/,
     'Gemini streaming method');
is($t->mock_requests->[-1]{query}, 'alt=sse', 'alt=sse');

# Gemini clients that do not ask for alt=sse get one JSON array
for my $up (qw(openai anthropic gemini)) {
    $t->mock_reset;
    my $r = $t->http('POST', "/v1beta/models/$model{$up}:streamGenerateContent",
        body => '{"contents":[{"role":"user","parts":[{"text":"array please"}]}]}',
        headers => { 'Content-Type' => 'application/json' });
    is($r->{status}, 200, "Gemini array stream from $up");
    like($r->{headers}{'content-type'}, qr{^application/json},
         "Gemini array stream from $up: JSON");
    my $arr = eval { JSON::PP->new->decode($r->{body}) };
    ok(ref $arr eq 'ARRAY' && @$arr >= 1, "... a JSON array") or diag($r->{body});
    my $text = join '', map { $_->{text} // '' }
               map { @{ $_->{candidates}[0]{content}{parts} || [] } }
               grep { $_->{candidates} } @{ $arr || [] };
    is($text, "mock $up reply: array please", "... with the whole text");
    unlike($t->mock_requests->[0]{query} // '', qr/alt=sse/,
           "... and a Gemini provider was asked for the array form")
        if $up eq 'gemini';
}

# progressive delivery: spaced events arrive spaced
for my $client (qw(openai anthropic)) {
    my $up = $client eq 'openai' ? 'anthropic' : 'openai';
    $t->mock_script([{ match => { dialect => $up }, times => 1,
                       event_delay_ms => 150 }]);
    my $r = stream_req($client, $up, text => 'a b c d');
    my @data = grep { $_->{json} } @{ $r->{events} };
    ok(@data >= 4, "$client from $up: several events");
    my $spread = $data[-1]{t} - $data[0]{t};
    cmp_ok($spread, '>', 0.5, "$client from $up: events arrived spread "
           . sprintf('over %.2fs', $spread));
}

# truncation and mid-stream provider errors: error events, never a stop
for my $client (qw(openai anthropic gemini)) {
    for my $up (qw(openai anthropic gemini)) {
        next if $client eq $up;
        for my $fault ('truncate', 'error_after') {
            $t->mock_script([{ match => { dialect => $up }, times => 1,
                ($fault eq 'truncate' ? (truncate => \1) : (error_after => 2)),
                events => 8 }]);
            my $r = stream_req($client, $up);
            my $pair = "$client from $up, $fault";
            is($r->{status}, 200, "$pair: stream started");
            my @ev = @{ $r->{events} };
            if ($client eq 'openai') {
                my ($err) = grep { $_->{json} && $_->{json}{error} } @ev;
                ok($err && $err->{json}{error}{message},
                   "$pair: error chunk") or diag($r->{body});
                ok(!(grep { $_->{json} && @{ $_->{json}{choices} || [] }
                     && ($_->{json}{choices}[0]{finish_reason} // '') eq 'stop' }
                     @ev), "$pair: no normal stop");
            } elsif ($client eq 'anthropic') {
                ok((grep { ($_->{event} // '') eq 'error' } @ev),
                   "$pair: error event") or diag($r->{body});
                ok(!(grep { ($_->{event} // '') eq 'message_stop' } @ev),
                   "$pair: no message_stop");
            } else {
                ok((grep { $_->{json} && $_->{json}{error} } @ev),
                   "$pair: error chunk") or diag($r->{body});
                ok(!(grep { $_->{json} && $_->{json}{candidates}
                     && ($_->{json}{candidates}[0]{finishReason} // '') eq 'STOP' }
                     @ev), "$pair: no STOP");
            }
        }
    }
}

# a non-2xx answer to a streaming request is a JSON error, not SSE
$t->mock_script([{ match => { dialect => 'anthropic' }, times => 1,
                   status => 429, headers => { 'retry-after' => '3' } }]);
$r = stream_req('openai', 'anthropic');
is($r->{status}, 429, 'error before the stream: status');
like($r->{headers}{'content-type'}, qr{^application/json}, 'as JSON');
is($r->{json}{error}{code}, 'rate_limit_exceeded', 'OpenAI error shape');
is($r->{headers}{'retry-after'}, '3', 'Retry-After kept');

# an event larger than llm_stream_event_size fails the stream cleanly
$t->mock_script([{ match => { dialect => 'anthropic' }, times => 1,
    status => 200, headers => { 'content-type' => 'text/event-stream' },
    stream => [
        { event => 'message_start', data => { type => 'message_start',
          message => { id => 'msg_1', type => 'message', role => 'assistant',
            model => 'claude-x', content => [], stop_reason => undef,
            usage => { input_tokens => 1, output_tokens => 1 } } } },
        { raw => 'event: content_block_delta' . "\n" . 'data: ' . ('x' x 100000) . "\n\n" },
    ] }]);
$r = stream_req('openai', 'anthropic');
my ($err) = grep { $_->{json} && $_->{json}{error} } @{ $r->{events} };
ok($err, 'oversize event: error chunk') or diag(substr($r->{body}, 0, 300));

# a client that goes away mid-stream leaves the worker healthy
SKIP: {
skip 'the abort is sent as raw HTTP/1.1', 3 if $t->http2;
my @pids = $t->worker_pids;
$t->mock_script([{ match => { dialect => 'anthropic' }, times => 1,
                   event_delay_ms => 100, events => 30 }]);
{
    my $s = IO::Socket::IP->new(PeerAddr => '127.0.0.1',
                                PeerPort => $t->port(1)) or die $!;
    my $body = '{"model":"claude-x","stream":true,"messages":'
             . '[{"role":"user","content":"x"}]}';
    print $s "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
           . "Content-Type: application/json\r\nContent-Length: "
           . length($body) . "\r\n\r\n$body";
    my $buf;
    sysread($s, $buf, 4096);
    like($buf, qr/^HTTP\/1.1 200/, 'abort: stream started');
    close $s;
}
sleep 0.5;
is_deeply([$t->worker_pids], \@pids, 'abort: same worker alive');
$r = stream_req('openai', 'anthropic');
ok($r->{complete}, 'abort: next stream fine');
}

# a long stream: memory does not grow with its length
sub worker_rss {
    my ($pid) = $t->worker_pids;
    open my $fh, '<', "/proc/$pid/status" or return 0;
    while (<$fh>) { return $1 if /^VmRSS:\s+(\d+)/ }
    return 0;
}
$t->mock_script([{ match => { dialect => 'anthropic' }, times => 1,
                   events => 5000 }]);
$r = stream_req('openai', 'anthropic');
ok($r->{complete}, '5k-event stream complete');
my $rss1 = worker_rss();
$t->mock_script([{ match => { dialect => 'anthropic' }, times => 1,
                   events => 100000 }]);
$r = $t->sse('/v1/chat/completions', { model => 'claude-x', stream => \1,
    max_tokens => 200000, messages => [{ role => 'user', content => 'x' }] }, timeout => 120);
ok($r->{complete}, '100k-event stream complete');
my $n = grep { $_->{json} && @{ $_->{json}{choices} || [] }
               && defined $_->{json}{choices}[0]{delta}{content} } @{ $r->{events} };
cmp_ok($n, '>=', 100000, "100k-event stream: $n content chunks");
my $rss2 = worker_rss();
cmp_ok($rss2 - $rss1, '<', 2048,
       "worker RSS flat across a 20x longer stream ($rss1 -> $rss2 kB)");

$t->done_testing;
