#!/usr/bin/perl
# Bad input from clients, for all three client dialects: every case must
# be answered with a 4xx in the client's own error shape, nothing may
# reach the provider (mock_requests stays empty), no header carries a
# value injected through the request, and the error log gets no
# [alert]/[crit] (LLMTest's log check).  See docs/reliability.md.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my $t = LLMTest->new(timeout => $ENV{TEST_LLM_ASAN} ? 30 : 10);
$t->start_mock;
$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    client_max_body_size 256k;
    # bodies stay in memory: the test prefix is not writable by the
    # workers when the suite runs as root (see reliability.md)
    client_body_buffer_size 512k;
    upstream openai_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider openai; }
    upstream anthropic_up { server 127.0.0.1:%%MOCK_PORT%%; llm_provider anthropic; }
    upstream gemini_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider gemini; }
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location / {
            llm_translate on;
            llm_route gpt-*    openai_up;
            llm_route claude-* anthropic_up;
            llm_route default  gemini_up;
            proxy_set_header Authorization "Bearer sk-provider-openai";
            proxy_set_header x-api-key sk-provider-anthropic;
            proxy_set_header x-goog-api-key provider-gemini-key;
            # values copied from the request into headers, both ways
            proxy_set_header X-LLM-Model $llm_model;
            add_header X-LLM-Model $llm_model always;
            add_header X-LLM-Upstream-Model $llm_upstream_model always;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
$t->run;

my $J = JSON::PP->new->canonical;

# --- the three dialects: path, a valid body, the error shape

my %D = (
    openai => {
        path => '/v1/chat/completions',
        body => { model => 'gpt-x', messages => [{ role => 'user', content => 'hi' }] },
        auth => { Authorization => 'Bearer client-key-openai' },
        shape => sub {
            my ($r) = @_;
            my $e = ref $r->{json} eq 'HASH' && $r->{json}{error};
            return ref $e eq 'HASH' && defined $e->{message} && defined $e->{type};
        },
    },
    anthropic => {
        path => '/v1/messages',
        body => { model => 'claude-x', max_tokens => 10,
                  messages => [{ role => 'user', content => 'hi' }] },
        auth => { 'x-api-key' => 'client-key-anthropic', 'anthropic-version' => '2023-06-01' },
        shape => sub {
            my ($r) = @_;
            my $j = $r->{json};
            return ref $j eq 'HASH' && ($j->{type} // '') eq 'error'
                && ref $j->{error} eq 'HASH' && defined $j->{error}{type}
                && defined $j->{error}{message};
        },
    },
    gemini => {
        path => '/v1beta/models/gemini-x:generateContent',
        body => { contents => [{ role => 'user', parts => [{ text => 'hi' }] }] },
        auth => { 'x-goog-api-key' => 'client-key-gemini' },
        shape => sub {
            my ($r) = @_;
            my $e = ref $r->{json} eq 'HASH' && $r->{json}{error};
            return ref $e eq 'HASH' && ($e->{code} // 0) == $r->{status}
                && defined $e->{status} && defined $e->{message};
        },
    },
);

sub with {    # the dialect's valid body with path $k set (undef: deleted)
    my ($d, %set) = @_;
    my $b = $J->decode($J->encode($D{$d}{body}));
    for my $k (keys %set) {
        my $v = $set{$k};
        my @p = split /\./, $k;
        my $last = pop @p;
        my $node = $b;
        for (@p) { $node = /^\d+$/ ? $node->[$_] : $node->{$_} }
        if (ref $node eq 'ARRAY') { $node->[$last] = $v }
        elsif (!defined $v) { delete $node->{$last} }
        else { $node->{$last} = $v }
    }
    return $J->encode($b);
}

sub nest { my ($n) = @_; ('[' x $n) . (']' x $n) }

sub raw_in {    # the valid body with raw bytes in place of the message text
    my ($d, $raw) = @_;
    my $k = $d eq 'gemini' ? 'contents.0.parts.0.text' : 'messages.0.content';
    return with($d, $k => 'PLACEHOLDER') =~ s/"PLACEHOLDER"/$raw/r;
}

# [name, body, expected status (default: any 4xx), path]
sub cases {
    my ($d) = @_;
    my $valid = $J->encode($D{$d}{body});
    my $g = $d eq 'gemini';
    my @c = (
        ['invalid JSON', '{"model": gpt-x, "messages": }'],
        ['binary garbage', "\x00\x01binary\xff"],
        ['empty body', ''],
        ['a JSON array', '[1,2,3]'],
        ['a JSON string', '"hello"'],
        ['truncated JSON', substr($valid, 0, int(length($valid) / 2))],
        ['truncated inside a string', substr($valid, 0, index($valid, '"hi"') + 2)],
        ['deep nesting beyond the limit (10000)',
         substr($valid, 0, -1) . ',"x":' . nest(10000) . '}'],
        ['deep nesting just beyond the limit (2049)',
         substr($valid, 0, -1) . ',"x":' . nest(2049) . '}'],
        ['invalid UTF-8 in a string', raw_in($d, "\"h\xff\xfei\"")],
        ['overlong UTF-8 encoding', raw_in($d, "\"\xc0\xaf\"")],
        ['UTF-8 cut inside a character', raw_in($d, "\"ab\xe2\x82\"")],
        ['lone surrogate escape', raw_in($d, '"\\ud800"')],
        ['invalid escape before a multibyte character (fuzz finding)',
         raw_in($d, "\"\\\xc3\xa9\"")],
        ['duplicate keys', '{"a":1,"a":2,' . substr($valid, 1)],
        ['duplicate keys, nested', raw_in($d, '"x"}],"dup":1,"dup":2,"zz":[{"a":"b"')],
        ['unknown top-level field', with($d, bogus_field_xyz => 1)],
        ['a body larger than client_max_body_size',
         with($d, ($g ? 'contents.0.parts.0.text' : 'messages.0.content') => 'x' x 300_000), 413],
    );
    push @c, (
        ['a model name of 100 KB', with($d, model => 'gpt-' . 'x' x 100_000)],
        ['a model name with CR LF (header injection)', with($d, model => "gpt-x\r\nX-Injected: yes")],
        ['a model name with LF (header injection)', with($d, model => "claude-x\nX-Injected: yes")],
        ['a model name with NUL', with($d, model => "gpt-x\x{0}evil")],
        ['a model name with ../ to a Gemini upstream', with($d, model => '../../admin')],
        ['a model name with / to a Gemini upstream', with($d, model => 'a/b')],
        ['a model name with ? to a Gemini upstream', with($d, model => 'a?key=x')],
        ['a model name with %2F to a Gemini upstream', with($d, model => 'a%2Fb')],
        ['a model name with # to a Gemini upstream', with($d, model => 'a#b')],
        ['an empty model name', with($d, model => '')],
    ) unless $g;
    if ($d eq 'openai') {
        push @c,
            ['empty messages', with($d, messages => [])],
            ['empty content array', with($d, 'messages.0.content' => [])],
            ['empty tools array', with($d, tools => [])],
            map({ ["wrong type: $_->[0] = " . $J->encode([$_->[1]]), with($d, $_->[0] => $_->[1])] }
                [model => 5], [model => undef], [messages => 'hi'], [messages => {}],
                ['messages.0' => 'hi'], ['messages.0.role' => 5],
                ['messages.0.content' => 5], ['messages.0.content' => {}],
                [max_tokens => 'x'], [max_completion_tokens => 'x'],
                [max_completion_tokens => -1], [temperature => 'x'],
                [top_p => 'x'], [stop => 5], [n => 'x'], [seed => 'x'],
                [stream => 'yes'], [stream_options => 'x'], [tools => 'x'],
                [tools => [5]], [tool_choice => 5], [response_format => 'x'],
                [presence_penalty => 'x'], [frequency_penalty => 'x'],
                [reasoning_effort => 5], [parallel_tool_calls => 'x'],
                [logit_bias => 'x'], [user => 5], [metadata => 'x'],
                [logprobs => 'x']);
    } elsif ($d eq 'anthropic') {
        push @c,
            ['empty messages', with($d, messages => [])],
            ['empty content array', with($d, 'messages.0.content' => [])],
            map({ ["wrong type: $_->[0] = " . $J->encode([$_->[1]]), with($d, $_->[0] => $_->[1])] }
                [model => 5], [model => undef], [max_tokens => 'x'], [max_tokens => undef],
                [max_tokens => -5], [messages => 'hi'], [messages => {}],
                ['messages.0' => 'hi'], ['messages.0.role' => 5],
                ['messages.0.content' => 5], ['messages.0.content' => [5]],
                [system => 5], [system => [5]], [temperature => 'x'],
                [top_p => 'x'], [top_k => 'x'], [stop_sequences => 'x'],
                [stream => 'yes'], [tools => 'x'], [tools => [5]],
                [tool_choice => 'x'], [thinking => 'x'], [metadata => 'x']);
    } else {
        push @c,
            ['empty contents', with($d, contents => [])],
            ['empty parts', with($d, 'contents.0.parts' => [])],
            map({ ["wrong type: $_->[0] = " . $J->encode([$_->[1]]), with($d, $_->[0] => $_->[1])] }
                [contents => 'hi'], [contents => {}], [contents => undef],
                ['contents.0' => 'hi'], ['contents.0.role' => 5],
                ['contents.0.parts' => 'hi'], ['contents.0.parts.0' => 'hi'],
                ['contents.0.parts.0.text' => 5], [systemInstruction => 'x'],
                [generationConfig => 'x'], [generationConfig => { temperature => 'x' }],
                [generationConfig => { maxOutputTokens => 'x' }],
                [generationConfig => { stopSequences => 'x' }],
                [tools => 'x'], [tools => [5]], [toolConfig => 'x'],
                [safetySettings => 'x']),
            ['path model with ..%2F', $valid, undef, '/v1beta/models/..%2F..%2Fadmin:generateContent'],
            ['path model with ../', $valid, undef, '/v1beta/models/x/../../admin:generateContent'],
            ['path model with %2F', $valid, undef, '/v1beta/models/a%2Fb:generateContent'],
            ['path model with %3F', $valid, undef, '/v1beta/models/a%3Fkey=x:generateContent'],
            ['path model with ? (the query splits it)', $valid, undef, '/v1beta/models/a?x=:generateContent'],
            ['path model with %0D%0A (header injection)', $valid, undef,
             '/v1beta/models/a%0D%0AX-Injected:%20yes:generateContent'],
            # nginx's URI parser refuses %00 before any location runs: its
            # own 400 page, no dialect possible, nothing upstream
            ['path model with %00 (nginx core 400)', $valid, 'core400', '/v1beta/models/a%00b:generateContent'],
            ['path model of 3000 bytes', $valid, undef, '/v1beta/models/' . ('m' x 3000) . ':generateContent'],
            ['path model empty', $valid, undef, '/v1beta/models/:generateContent'],
            ['path with an unknown method', $valid, undef, '/v1beta/models/gemini-x:deleteEverything'];
    }
    return @c;
}

my $total = 0;
for my $d (qw(openai anthropic gemini)) {
    for my $c (cases($d)) {
        my ($name, $body, $want, $path) = @$c;
        $t->mock_reset;
        my $r = $t->post_json($path // $D{$d}{path}, $body, headers => $D{$d}{auth});
        my $up = $t->mock_requests;
        my $hdr = join "\n", map { "$_: $r->{headers}{$_}" } sort keys %{ $r->{headers} };
        my @why;
        my $core = defined $want && $want eq 'core400';
        push @why, "status $r->{status}"
            unless $core ? $r->{status} == 400
                 : defined $want ? $r->{status} == $want
                 : $r->{status} >= 400 && $r->{status} <= 499;
        push @why, "not a $d error body" unless $core || $D{$d}{shape}->($r);
        push @why, scalar(@$up) . " request(s) upstream" if @$up;
        push @why, 'injected header'
            if $hdr =~ /^x-injected/mi
               || grep { /^x-injected/i } map { keys %{ $_->{headers} || {} } } @$up;
        ok(!@why, "$d: $name")
            or diag(join(', ', @why) . "\n$hdr\nbody: " . substr($r->{body}, 0, 300));
        $total++;
    }
}

# --- the worker survived all of it: a valid request of each dialect

for my $d (qw(openai anthropic gemini)) {
    $t->mock_reset;
    my $r = $t->post_json($D{$d}{path}, $D{$d}{body}, headers => $D{$d}{auth});
    is($r->{status}, 200, "$d: a valid request after $total bad ones") or diag($r->{body});
}

unlike($t->error_log, qr/\[(?:alert|crit|emerg)\]|exited on signal/,
       'no alert, crit or crashed worker in the log');

$t->done_testing;
