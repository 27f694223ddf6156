#!/usr/bin/perl
# Tests of the mock providers alone (no nginx): t/mock/mock.js.
use strict;
use warnings;
use lib 't/lib';
use Test::More;
use LLMTest;

my $t = LLMTest->new(no_log_check => 1);
my $mp = $t->start_mock(keys => ['k1', 'k2', 'anthropic:ak', 'gemini:gk']);
ok($mp, "mock listening on $mp");

my $AV = { 'x-api-key' => 'k1', 'anthropic-version' => '2023-06-01' };
sub oa { my ($b, $key, %o) = @_;
    $t->post_json('/v1/chat/completions', $b, port => $mp,
        headers => { defined $key ? (Authorization => "Bearer $key") : (), %{ $o{headers} || {} } }) }
sub an { my ($b, %h) = @_;
    my %hh = (%$AV, %h); delete $hh{$_} for grep { !defined $hh{$_} } keys %hh;
    $t->post_json('/v1/messages', $b, port => $mp, headers => \%hh) }
sub gm { my ($model, $b, %o) = @_;
    my $op = $o{stream} ? 'streamGenerateContent' : 'generateContent';
    my $q = $o{query} // ($o{stream} ? '?alt=sse' : '');
    my %h = exists $o{key} ? (defined $o{key} ? ('x-goog-api-key' => $o{key}) : ()) : ('x-goog-api-key' => 'k1');
    return $o{stream}
        ? $t->sse("/v1beta/models/$model:$op$q", $b, port => $mp, headers => \%h)
        : $t->post_json("/v1beta/models/$model:$op$q", $b, port => $mp, headers => \%h) }
sub oa_err { my ($r, $status, $re, $name) = @_;
    subtest $name => sub {
        is($r->{status}, $status, 'status') or diag $r->{body};
        ok(ref $r->{json}{error} eq 'HASH', 'error object');
        is_deeply([sort keys %{ $r->{json}{error} }], [qw(code message param type)], 'openai error keys');
        like($r->{json}{error}{message}, $re, 'message');
    } }
sub an_err { my ($r, $status, $type, $re, $name) = @_;
    subtest $name => sub {
        is($r->{status}, $status, 'status') or diag $r->{body};
        is($r->{json}{type}, 'error', 'type error');
        is($r->{json}{error}{type}, $type, 'error.type');
        like($r->{json}{error}{message}, $re, 'message');
        like($r->{json}{request_id} // '', qr/^req_/, 'request_id');
    } }
sub gm_err { my ($r, $status, $st, $re, $name) = @_;
    subtest $name => sub {
        is($r->{status}, $status, 'status') or diag $r->{body};
        is($r->{json}{error}{code}, $status, 'error.code');
        is($r->{json}{error}{status}, $st, 'error.status');
        like($r->{json}{error}{message}, $re, 'message');
    } }

my $user = sub { [{ role => 'user', content => $_[0] }] };
my $wtool = { type => 'object', properties => { city => { type => 'string' }, days => { type => 'integer' },
    unit => { type => 'string', enum => ['c', 'f'] }, opt => { type => 'string' } }, required => ['city', 'days', 'unit'] };

# ===================================================================== OpenAI
{
    my $r = oa({ model => 'gpt-4o', messages => $user->('hello world') }, 'k1');
    is($r->{status}, 200, 'openai: 200');
    my $j = $r->{json};
    like($j->{id}, qr/^chatcmpl-/, 'openai: id');
    is($j->{object}, 'chat.completion', 'openai: object');
    ok($j->{created} =~ /^\d+$/, 'openai: created');
    is($j->{model}, 'gpt-4o', 'openai: model echoed');
    is($j->{choices}[0]{message}{role}, 'assistant', 'openai: role');
    is($j->{choices}[0]{message}{content}, 'mock openai reply: hello world', 'openai: content');
    is($j->{choices}[0]{finish_reason}, 'stop', 'openai: finish stop');
    is_deeply([@{ $j->{usage} }{qw(prompt_tokens completion_tokens total_tokens)}], [2, 5, 7], 'openai: usage words');
    ok($r->{headers}{'x-request-id'}, 'openai: x-request-id');

    oa_err(oa({ model => 'm', messages => $user->('x') }), 401, qr/didn't provide an API key/, 'openai: missing key');
    my $e = oa({ model => 'm', messages => $user->('x') }, 'nope');
    oa_err($e, 401, qr/Incorrect API key/, 'openai: invalid key');
    is($e->{json}{error}{code}, 'invalid_api_key', 'openai: invalid_api_key code');
    oa_err(oa('{"model":', 'k1'), 400, qr/could not parse the JSON body/, 'openai: invalid JSON');
    oa_err(oa({ messages => $user->('x') }, 'k1'), 400, qr/must provide a model/, 'openai: missing model');
    oa_err(oa({ model => 'm' }, 'k1'), 400, qr/Missing required parameter: 'messages'/, 'openai: missing messages');
    oa_err(oa({ model => 5, messages => $user->('x') }, 'k1'), 400, qr/Invalid type for 'model'/, 'openai: model type');
    oa_err(oa({ model => 'm', messages => 'hi' }, 'k1'), 400, qr/Invalid type for 'messages'/, 'openai: messages type');
    oa_err(oa({ model => 'm', messages => [] }, 'k1'), 400, qr/empty array/, 'openai: empty messages');
    oa_err(oa({ model => 'm', messages => [{ role => 'bot', content => 'x' }] }, 'k1'), 400, qr/Invalid value: 'bot'/, 'openai: unknown role');
    oa_err(oa({ model => 'm', messages => [{ role => 'user', content => 'x' }, { role => 'tool', tool_call_id => 'call_1', content => 'r' }] }, 'k1'),
        400, qr/must be a response to a preceeding message with 'tool_calls'/, 'openai: tool without tool_calls');
    oa_err(oa({ model => 'm', messages => [{ role => 'user', content => 'x' },
        { role => 'assistant', tool_calls => [{ id => 'call_1', type => 'function', function => { name => 'f', arguments => '{}' } }] },
        { role => 'user', content => 'y' }] }, 'k1'), 400, qr/did not have response messages: call_1/, 'openai: unanswered tool_calls');
    oa_err(oa({ model => 'm', messages => [{ role => 'user', content => 'x' },
        { role => 'assistant', tool_calls => [{ id => 'call_1', type => 'function', function => { name => 'f', arguments => {} } }] },
        { role => 'tool', tool_call_id => 'call_1', content => 'r' }] }, 'k1'), 400, qr/arguments/, 'openai: arguments must be a string');
    oa_err(oa({ model => 'm', messages => $user->('x'), foo => 1 }, 'k1'), 400, qr/Unrecognized request argument supplied: foo/, 'openai: unknown field');
    oa_err(oa({ model => 'm', messages => $user->('x'), temperature => 2.5 }, 'k1'), 400, qr/above maximum/, 'openai: temperature > 2');
    oa_err(oa({ model => 'm', messages => $user->('x'), stream_options => { include_usage => \1 } }, 'k1'), 400, qr/only allowed when 'stream'/, 'openai: stream_options without stream');
    oa_err(oa({ model => 'm', messages => $user->('x'), tool_choice => 'auto' }, 'k1'), 400, qr/only allowed when 'tools'/, 'openai: tool_choice without tools');
    oa_err(oa({ model => 'm', messages => [{ role => 'user', content => [{ type => 'image', url => 'x' }] }] }, 'k1'), 400, qr/Invalid value: 'image'/, 'openai: bad part type');
    oa_err(oa({ model => 'm', messages => [{ role => 'user', content => 'x', reasoning_content => 'r' }] }, 'k1'), 400, qr/Additional properties/, 'openai: unknown message field');

    # tools
    my $tools = [{ type => 'function', function => { name => 'get_weather', parameters => $wtool } },
                 { type => 'function', function => { name => 'other', parameters => { type => 'object', properties => {} } } }];
    $r = oa({ model => 'm', messages => $user->('please use a tool'), tools => $tools }, 'k1');
    is($r->{status}, 200, 'openai tool: 200');
    my $m = $r->{json}{choices}[0];
    is($m->{finish_reason}, 'tool_calls', 'openai tool: finish tool_calls');
    is($m->{message}{content}, undef, 'openai tool: content null');
    like($m->{message}{tool_calls}[0]{id}, qr/^call_/, 'openai tool: call_ id');
    is($m->{message}{tool_calls}[0]{function}{name}, 'get_weather', 'openai tool: first tool');
    is_deeply(JSON::PP::decode_json($m->{message}{tool_calls}[0]{function}{arguments}), { city => 'Paris', days => 1, unit => 'c' }, 'openai tool: args from schema');
    $r = oa({ model => 'm', messages => $user->('hi'), tools => $tools, tool_choice => { type => 'function', function => { name => 'other' } } }, 'k1');
    is($r->{json}{choices}[0]{message}{tool_calls}[0]{function}{name}, 'other', 'openai tool: forced by tool_choice');
    $r = oa({ model => 'm', messages => $user->('use a tool'), tools => $tools, tool_choice => 'none' }, 'k1');
    is($r->{json}{choices}[0]{finish_reason}, 'stop', 'openai tool: none → text');
    $r = oa({ model => 'm', tools => $tools, tool_choice => 'required', messages => [{ role => 'user', content => 'use a tool' },
        { role => 'assistant', content => undef, tool_calls => [{ id => 'call_1', type => 'function', function => { name => 'get_weather', arguments => '{}' } }] },
        { role => 'tool', tool_call_id => 'call_1', content => '18C sunny' }] }, 'k1');
    is($r->{status}, 200, 'openai tool result: 200') or diag $r->{body};
    is($r->{json}{choices}[0]{message}{content}, 'mock openai got tool result: 18C sunny', 'openai tool result text');

    $r = oa({ model => 'm', messages => $user->('a b c d e f'), max_completion_tokens => 3 }, 'k1');
    is($r->{json}{choices}[0]{message}{content}, 'mock openai reply:', 'openai: truncated to 3 words');
    is($r->{json}{choices}[0]{finish_reason}, 'length', 'openai: finish length');
    $r = oa({ model => 'm', messages => $user->('think'), reasoning_effort => 'high' }, 'k1');
    ok($r->{json}{usage}{completion_tokens_details}{reasoning_tokens} > 0, 'openai: reasoning_tokens');
    is($r->{json}{usage}{completion_tokens}, 4 + $r->{json}{usage}{completion_tokens_details}{reasoning_tokens}, 'openai: completion includes reasoning');

    # streaming
    my $s = $t->sse('/v1/chat/completions', { model => 'm', stream => \1, stream_options => { include_usage => \1 },
        messages => $user->('one two') }, port => $mp, headers => { Authorization => 'Bearer k1' });
    is($s->{status}, 200, 'openai stream: 200');
    like($s->{headers}{'content-type'}, qr{^text/event-stream}, 'openai stream: content-type');
    ok($s->{complete}, 'openai stream: complete');
    my @ev = @{ $s->{events} };
    is($ev[-1]{data}, '[DONE]', 'openai stream: [DONE] last');
    ok(!grep({ defined $_->{event} } @ev), 'openai stream: no event: lines');
    is_deeply($ev[0]{json}{choices}[0]{delta}, { role => 'assistant', content => '', refusal => undef }, 'openai stream: role chunk');
    my $txt = join '', map { $_->{json}{choices}[0]{delta}{content} // '' } grep { $_->{json} && @{ $_->{json}{choices} } } @ev;
    is($txt, 'mock openai reply: one two', 'openai stream: text reassembles');
    ok(@ev >= 8, 'openai stream: word by word');
    is_deeply($ev[-2]{json}{choices}, [], 'openai stream: usage chunk has empty choices');
    is($ev[-2]{json}{usage}{total_tokens}, 7, 'openai stream: usage');
    is($ev[-3]{json}{choices}[0]{finish_reason}, 'stop', 'openai stream: finish chunk');
    ok(exists $ev[1]{json}{usage} && !defined $ev[1]{json}{usage}, 'openai stream: usage null on chunks');
    my %ids = map { $_->{json}{id} => 1 } grep { $_->{json} } @ev;
    is(scalar keys %ids, 1, 'openai stream: same id on all chunks');

    $s = $t->sse('/v1/chat/completions', { model => 'm', stream => \1, tools => $tools, tool_choice => 'required',
        messages => $user->('x') }, port => $mp, headers => { Authorization => 'Bearer k1' });
    @ev = grep { $_->{json} } @{ $s->{events} };
    my @tc = map { $_->{json}{choices}[0]{delta}{tool_calls}[0] } grep { $_->{json}{choices}[0]{delta}{tool_calls} } @ev;
    ok(@tc >= 3, 'openai stream tool: header + 2 fragments');
    like($tc[0]{id}, qr/^call_/, 'openai stream tool: id on first');
    is($tc[0]{function}{arguments}, '', 'openai stream tool: empty args first');
    ok(!exists $tc[1]{id}, 'openai stream tool: no id later');
    is_deeply(JSON::PP::decode_json(join '', map { $_->{function}{arguments} } @tc), { city => 'Paris', days => 1, unit => 'c' }, 'openai stream tool: args');
    is($ev[-1]{json}{choices}[0]{finish_reason}, 'tool_calls', 'openai stream tool: finish tool_calls');
    ok(!exists $ev[-1]{json}{usage}, 'openai stream: no usage field without include_usage');

    $r = $t->http('GET', '/v1/models', port => $mp, headers => { Authorization => 'Bearer k1' });
    is($r->{json}{object}, 'list', 'openai models');
}

# ===================================================================== Anthropic
{
    my $r = an({ model => 'claude-x', max_tokens => 100, system => 'be brief', messages => $user->('hello world') });
    is($r->{status}, 200, 'anthropic: 200') or diag $r->{body};
    my $j = $r->{json};
    like($j->{id}, qr/^msg_/, 'anthropic: id');
    is($j->{type}, 'message', 'anthropic: type');
    is($j->{role}, 'assistant', 'anthropic: role');
    is_deeply($j->{content}, [{ type => 'text', text => 'mock anthropic reply: hello world' }], 'anthropic: content');
    is($j->{stop_reason}, 'end_turn', 'anthropic: end_turn');
    ok(exists $j->{stop_sequence}, 'anthropic: stop_sequence');
    is($j->{usage}{input_tokens}, 4, 'anthropic: input tokens (system + user words)');
    is($j->{usage}{output_tokens}, 5, 'anthropic: output tokens');
    ok($r->{headers}{'request-id'}, 'anthropic: request-id header');

    an_err(an({ model => 'c', max_tokens => 5, messages => $user->('x') }, 'x-api-key' => undef), 401, 'authentication_error', qr/x-api-key/, 'anthropic: missing key');
    an_err(an({ model => 'c', max_tokens => 5, messages => $user->('x') }, 'x-api-key' => 'gk'), 401, 'authentication_error', qr/invalid x-api-key/, 'anthropic: wrong key (gemini-only key)');
    is(an({ model => 'c', max_tokens => 5, messages => $user->('x') }, 'x-api-key' => 'ak')->{status}, 200, 'anthropic: dialect-scoped key');
    an_err(an({ model => 'c', max_tokens => 5, messages => $user->('x') }, 'anthropic-version' => undef), 400, 'invalid_request_error', qr/anthropic-version/, 'anthropic: missing version');
    an_err(an('{bad'), 400, 'invalid_request_error', qr/JSON/, 'anthropic: invalid JSON');
    an_err(an({ model => 'c', messages => $user->('x') }), 400, 'invalid_request_error', qr/^max_tokens: Field required/, 'anthropic: missing max_tokens');
    an_err(an({ model => 'c', max_tokens => 5, messages => [{ role => 'system', content => 's' }, { role => 'user', content => 'x' }] }),
        400, 'invalid_request_error', qr/messages\.0\.role: Input should be 'user' or 'assistant'/, 'anthropic: system role in messages');
    an_err(an({ model => 'c', max_tokens => 5, messages => [{ role => 'user', content => [{ type => 'text', text => '' }] }] }),
        400, 'invalid_request_error', qr/text content blocks must be non-empty/, 'anthropic: empty text block');
    an_err(an({ model => 'c', max_tokens => 5, messages => [{ role => 'user', content => '' }] }),
        400, 'invalid_request_error', qr/non-empty content/, 'anthropic: empty string content');
    an_err(an({ model => 'c', max_tokens => 5, messages => [{ role => 'user', content => 'x' }, { role => 'assistant', content => 'y' },
        { role => 'user', content => [{ type => 'tool_result', tool_use_id => 'toolu_1', content => 'r' }] }] }),
        400, 'invalid_request_error', qr/unexpected `tool_use_id` found in `tool_result` blocks: toolu_1/, 'anthropic: tool_result without tool_use');
    an_err(an({ model => 'c', max_tokens => 5, messages => [{ role => 'user', content => 'x' },
        { role => 'assistant', content => [{ type => 'tool_use', id => 'functions.search:0', name => 'f', input => {} }] },
        { role => 'user', content => [{ type => 'tool_result', tool_use_id => 'functions.search:0', content => 'r' }] }] }),
        400, 'invalid_request_error', qr/String should match pattern/, 'anthropic: tool_use id pattern');
    an_err(an({ model => 'c', max_tokens => 5, messages => [{ role => 'user', content => 'x' },
        { role => 'assistant', content => [{ type => 'tool_use', id => 'toolu_1', name => 'f', input => {} }] },
        { role => 'user', content => 'no result' }] }),
        400, 'invalid_request_error', qr/ids were found without `tool_result` blocks immediately after: toolu_1/, 'anthropic: tool_use without result');
    an_err(an({ model => 'c', max_tokens => 5, messages => [{ role => 'assistant', content => 'x' }, { role => 'user', content => 'y' }] }),
        400, 'invalid_request_error', qr/first message must use the "user" role/, 'anthropic: first message assistant');
    an_err(an({ model => 'c', max_tokens => 5, temperature => 1.5, messages => $user->('x') }), 400, 'invalid_request_error', qr/^temperature: Input should be less than or equal to 1/, 'anthropic: temperature > 1');
    an_err(an({ model => 'c', max_tokens => 5, foo => 1, messages => $user->('x') }), 400, 'invalid_request_error', qr/^foo: Extra inputs are not permitted/, 'anthropic: unknown top-level field');
    an_err(an({ model => 'c', max_tokens => 5, messages => [{ role => 'user', content => 'x', name => 'n' }] }), 400, 'invalid_request_error', qr/messages\.0\.name: Extra inputs/, 'anthropic: unknown message field');
    an_err(an({ model => 'c', max_tokens => 5000, thinking => { type => 'enabled', budget_tokens => 2000 }, tool_choice => { type => 'any' },
        tools => [{ name => 'f', input_schema => { type => 'object' } }], messages => $user->('x') }), 400, 'invalid_request_error', qr/Thinking may not be enabled when tool_choice forces tool use/, 'anthropic: thinking + forced tool');
    an_err(an({ model => 'c', max_tokens => 5, tools => [{ name => 'f' }], messages => $user->('x') }), 400, 'invalid_request_error', qr/input_schema: Field required/, 'anthropic: tool without input_schema');
    an_err(an({ model => 'c', max_tokens => 5000, messages => [{ role => 'user', content => 'x' },
        { role => 'assistant', content => [{ type => 'thinking', thinking => 't', signature => 'c2lnLWdlbWluaQ==' }, { type => 'text', text => 'y' }] },
        { role => 'user', content => 'z' }] }), 400, 'invalid_request_error', qr/Invalid `signature`/, 'anthropic: foreign thinking signature');

    $r = an({ model => 'c', max_tokens => 50, messages => [{ role => 'user', content => 'first' }, { role => 'user', content => 'second' }] });
    is($r->{status}, 200, 'anthropic: consecutive user turns accepted (merged)');
    is($r->{json}{content}[0]{text}, 'mock anthropic reply: second', 'anthropic: last user text');

    my $tools = [{ name => 'get_weather', description => 'w', input_schema => $wtool }];
    $r = an({ model => 'c', max_tokens => 100, tools => $tools, messages => $user->('Use a tool now') });
    is($r->{json}{stop_reason}, 'tool_use', 'anthropic tool: stop tool_use');
    my ($tu) = grep { $_->{type} eq 'tool_use' } @{ $r->{json}{content} };
    like($tu->{id}, qr/^toolu_[a-zA-Z0-9_-]+$/, 'anthropic tool: toolu_ id');
    is_deeply($tu->{input}, { city => 'Paris', days => 1, unit => 'c' }, 'anthropic tool: input object');
    $r = an({ model => 'c', max_tokens => 100, tools => $tools, tool_choice => { type => 'tool', name => 'get_weather' }, messages => $user->('hi') });
    is($r->{json}{stop_reason}, 'tool_use', 'anthropic tool: forced');
    $r = an({ model => 'c', max_tokens => 100, tools => $tools, messages => [{ role => 'user', content => 'use a tool' },
        { role => 'assistant', content => [{ type => 'tool_use', id => $tu->{id}, name => 'get_weather', input => $tu->{input} }] },
        { role => 'user', content => [{ type => 'tool_result', tool_use_id => $tu->{id}, content => [{ type => 'text', text => '18C' }] }] }] });
    is($r->{status}, 200, 'anthropic tool result: 200') or diag $r->{body};
    is($r->{json}{content}[0]{text}, 'mock anthropic got tool result: 18C', 'anthropic tool result text');

    $r = an({ model => 'c', max_tokens => 2, messages => $user->('a b c') });
    is($r->{json}{content}[0]{text}, 'mock anthropic', 'anthropic: truncated');
    is($r->{json}{stop_reason}, 'max_tokens', 'anthropic: max_tokens stop');

    $r = an({ model => 'c', max_tokens => 3000, thinking => { type => 'enabled', budget_tokens => 1024 }, messages => $user->('deep q') });
    is($r->{json}{content}[0]{type}, 'thinking', 'anthropic thinking: block first');
    like($r->{json}{content}[0]{signature}, qr/^sig-anthropic-[0-9a-f]+$/, 'anthropic thinking: signature');
    my $th = $r->{json}{content}[0];
    # round trip of the signed block in a tool loop
    $r = an({ model => 'c', max_tokens => 3000, thinking => { type => 'enabled', budget_tokens => 1024 }, messages => [
        { role => 'user', content => 'q' }, { role => 'assistant', content => [$th, { type => 'text', text => 'a' }] },
        { role => 'user', content => 'more' }] });
    is($r->{status}, 200, 'anthropic thinking: own signature accepted') or diag $r->{body};

    $r = an({ model => 'c', max_tokens => 30, system => [{ type => 'text', text => 'one two three four', cache_control => { type => 'ephemeral' } }], messages => $user->('hi') });
    is($r->{json}{usage}{cache_read_input_tokens}, 2, 'anthropic: cache read tokens');
    is($r->{json}{usage}{input_tokens}, 3, 'anthropic: input excludes cache');

    # streaming
    my $s = $t->sse('/v1/messages', { model => 'c', max_tokens => 100, stream => \1, messages => $user->('one two') }, port => $mp, headers => $AV);
    is($s->{status}, 200, 'anthropic stream: 200');
    ok($s->{complete}, 'anthropic stream: complete');
    my @names = map { $_->{event} } @{ $s->{events} };
    is_deeply(\@names, [qw(message_start content_block_start ping), ('content_block_delta') x 5,
        qw(content_block_stop message_delta message_stop)], 'anthropic stream: event sequence');
    ok(!grep({ $_->{event} ne ($_->{json}{type} // '') } @{ $s->{events} }), 'anthropic stream: data.type = event');
    is(join('', map { $_->{json}{delta}{text} // '' } @{ $s->{events} }), 'mock anthropic reply: one two', 'anthropic stream: text');
    is($s->{events}[0]{json}{message}{stop_reason}, undef, 'anthropic stream: stop_reason null in start');
    is($s->{events}[-2]{json}{delta}{stop_reason}, 'end_turn', 'anthropic stream: message_delta stop');
    is($s->{events}[-2]{json}{usage}{output_tokens}, 5, 'anthropic stream: cumulative usage');

    $s = $t->sse('/v1/messages', { model => 'c', max_tokens => 100, stream => \1, tools => $tools, tool_choice => { type => 'any' }, messages => $user->('x') }, port => $mp, headers => $AV);
    my @d = map { $_->{json}{delta}{partial_json} } grep { ($_->{json}{delta}{type} // '') eq 'input_json_delta' } @{ $s->{events} };
    ok(@d >= 3, 'anthropic stream tool: empty + 2 fragments');
    is_deeply(JSON::PP::decode_json(join '', @d), { city => 'Paris', days => 1, unit => 'c' }, 'anthropic stream tool: input');
    my ($cbs) = grep { $_->{event} eq 'content_block_start' } @{ $s->{events} };
    is_deeply($cbs->{json}{content_block}{input}, {}, 'anthropic stream tool: empty input in start');
    is($s->{events}[-2]{json}{delta}{stop_reason}, 'tool_use', 'anthropic stream tool: stop tool_use');

    $s = $t->sse('/v1/messages', { model => 'c', max_tokens => 3000, stream => \1, thinking => { type => 'enabled', budget_tokens => 1024 }, messages => $user->('x') }, port => $mp, headers => $AV);
    my @types = map { $_->{json}{delta}{type} } grep { $_->{event} eq 'content_block_delta' } @{ $s->{events} };
    ok((grep { $_ eq 'thinking_delta' } @types) && (grep { $_ eq 'signature_delta' } @types), 'anthropic stream thinking: thinking + signature deltas');

    $r = $t->post_json('/v1/messages/count_tokens', { model => 'c', messages => $user->('a b c') }, port => $mp, headers => $AV);
    is_deeply($r->{json}, { input_tokens => 3 }, 'anthropic count_tokens');
    $r = $t->post_json('/v1/messages/count_tokens', { model => 'c', max_tokens => 5, messages => $user->('a') }, port => $mp, headers => $AV);
    is($r->{status}, 400, 'anthropic count_tokens rejects max_tokens');
    $r = $t->http('GET', '/v1/models', port => $mp, headers => $AV);
    ok($r->{json}{data}[0]{type} eq 'model' && exists $r->{json}{has_more}, 'anthropic models');
}

# ===================================================================== Gemini
{
    my $c = sub { [{ role => 'user', parts => [{ text => $_[0] }] }] };
    my $r = gm('gemini-2.5-flash', { contents => $c->('hello world') });
    is($r->{status}, 200, 'gemini: 200') or diag $r->{body};
    my $j = $r->{json};
    is_deeply($j->{candidates}[0]{content}, { role => 'model', parts => [{ text => 'mock gemini reply: hello world' }] }, 'gemini: content');
    is($j->{candidates}[0]{finishReason}, 'STOP', 'gemini: STOP');
    is($j->{candidates}[0]{index}, 0, 'gemini: index');
    is($j->{modelVersion}, 'gemini-2.5-flash', 'gemini: modelVersion');
    ok($j->{responseId}, 'gemini: responseId');
    is_deeply([@{ $j->{usageMetadata} }{qw(promptTokenCount candidatesTokenCount totalTokenCount)}], [2, 5, 7], 'gemini: usage');

    is(gm('gemini-2.5-flash', { contents => $c->('x') }, key => undef, query => '?key=k2')->{status}, 200, 'gemini: ?key=');
    gm_err(gm('gemini-2.5-flash', { contents => $c->('x') }, key => undef), 403, 'PERMISSION_DENIED', qr/unregistered callers/, 'gemini: missing key');
    my $e = gm('gemini-2.5-flash', { contents => $c->('x') }, key => 'ak');
    gm_err($e, 400, 'INVALID_ARGUMENT', qr/API key not valid/, 'gemini: invalid key');
    is($e->{json}{error}{details}[0]{reason}, 'API_KEY_INVALID', 'gemini: API_KEY_INVALID reason');
    gm_err(gm('gemini-2.5-flash', '{x'), 400, 'INVALID_ARGUMENT', qr/Invalid JSON payload/, 'gemini: invalid JSON');
    gm_err(gm('gemini-2.5-flash', {}), 400, 'INVALID_ARGUMENT', qr/contents is not specified/, 'gemini: missing contents');
    gm_err(gm('gemini-2.5-flash', { contents => [{ role => 'assistant', parts => [{ text => 'x' }] }] }), 400, 'INVALID_ARGUMENT', qr/valid role: user, model/, 'gemini: bad role');
    gm_err(gm('gemini-2.5-flash', { contents => [{ role => 'user', parts => [{ text => 'x' }] }, { role => 'user', parts => [{ text => 'y' }] }] }),
        400, 'INVALID_ARGUMENT', qr/alternate between user and model/, 'gemini: non-alternating');
    gm_err(gm('gemini-2.5-flash', { contents => [{ role => 'user', parts => [{ text => 'x' }] },
        { role => 'model', parts => [{ functionCall => { name => 'f', args => {} } }, { functionCall => { name => 'g', args => {} } }] },
        { role => 'user', parts => [{ functionResponse => { name => 'f', response => { output => 'r' } } }] }] }),
        400, 'INVALID_ARGUMENT', qr/number of function response parts is equal to the number of function call parts/, 'gemini: functionResponse count');
    gm_err(gm('gemini-2.5-flash', { contents => $c->('x'), foo => 1 }), 400, 'INVALID_ARGUMENT', qr/Unknown name "foo": Cannot find field/, 'gemini: unknown field');
    gm_err(gm('gemini-2.5-flash', { contents => $c->('x'), generationConfig => { max_tokens => 5 } }), 400, 'INVALID_ARGUMENT', qr/Unknown name "max_tokens" at 'generation_config'/, 'gemini: unknown nested field');
    gm_err(gm('gemini-2.5-flash', { model => 'gemini-2.5-flash', contents => $c->('x') }), 400, 'INVALID_ARGUMENT', qr/Unknown name "model"/, 'gemini: body model');
    gm_err(gm('gemini-2.5-flash', { contents => [{ role => 'user', parts => [] }] }), 400, 'INVALID_ARGUMENT', qr/must not be empty/, 'gemini: empty parts');
    gm_err(gm('gemini-2.5-flash', { contents => $c->('x'), tools => [{ functionDeclarations => [{ name => 'f', parameters => { type => 'object', additionalProperties => \0 } }] }] }),
        400, 'INVALID_ARGUMENT', qr/Unknown name "additionalProperties"/, 'gemini: additionalProperties in Schema');
    gm_err(gm('gemini-3-pro-preview', { contents => [{ role => 'user', parts => [{ text => 'x' }] },
        { role => 'model', parts => [{ functionCall => { name => 'f', args => {} } }] },
        { role => 'user', parts => [{ functionResponse => { name => 'f', response => { output => 'r' } } }] }] }),
        400, 'INVALID_ARGUMENT', qr/missing a thought_signature/, 'gemini 3: missing thought signature');
    is(gm('gemini-2.5-flash', { contents => $c->('x'), generation_config => { max_output_tokens => 50 } })->{status}, 200, 'gemini: snake_case accepted');

    my $tools = [{ functionDeclarations => [{ name => 'get_weather', parametersJsonSchema => $wtool }] }];
    $r = gm('gemini-2.5-flash', { contents => $c->('use a tool'), tools => $tools });
    my $p = $r->{json}{candidates}[0]{content}{parts};
    is_deeply($p, [{ functionCall => { name => 'get_weather', args => { city => 'Paris', days => 1, unit => 'c' } } }], 'gemini tool: functionCall without id');
    is($r->{json}{candidates}[0]{finishReason}, 'STOP', 'gemini tool: STOP');
    $r = gm('gemini-2.5-flash', { contents => $c->('hi'), tools => $tools, toolConfig => { functionCallingConfig => { mode => 'ANY' } } });
    ok($r->{json}{candidates}[0]{content}{parts}[0]{functionCall}, 'gemini tool: forced by ANY');
    $r = gm('gemini-2.5-flash', { tools => $tools, contents => [{ role => 'user', parts => [{ text => 'use a tool' }] },
        { role => 'model', parts => [{ functionCall => { name => 'get_weather', args => { city => 'Paris' } } }] },
        { role => 'user', parts => [{ functionResponse => { name => 'get_weather', response => { output => '18C' } } }] }] });
    is($r->{json}{candidates}[0]{content}{parts}[0]{text}, 'mock gemini got tool result: 18C', 'gemini tool result');

    $r = gm('gemini-2.5-flash', { contents => $c->('x y z'), generationConfig => { maxOutputTokens => 2 } });
    is($r->{json}{candidates}[0]{finishReason}, 'MAX_TOKENS', 'gemini: MAX_TOKENS');
    $r = gm('gemini-2.5-flash', { contents => $c->('q'), generationConfig => { thinkingConfig => { includeThoughts => \1 } } });
    $p = $r->{json}{candidates}[0]{content}{parts};
    ok($p->[0]{thought} && $p->[1]{thoughtSignature}, 'gemini thinking: thought part + signature');
    my $u = $r->{json}{usageMetadata};
    is($u->{totalTokenCount}, $u->{promptTokenCount} + $u->{candidatesTokenCount} + $u->{thoughtsTokenCount}, 'gemini: candidates exclude thoughts');

    my $s = gm('gemini-2.5-flash', { contents => $c->('one two') }, stream => 1);
    is($s->{status}, 200, 'gemini stream: 200');
    ok($s->{complete}, 'gemini stream: complete');
    ok(!grep({ defined $_->{event} } @{ $s->{events} }), 'gemini stream: no event names');
    ok(!grep({ $_->{data} eq '[DONE]' } @{ $s->{events} }), 'gemini stream: no [DONE]');
    is(join('', map { $_->{json}{candidates}[0]{content}{parts}[0]{text} // '' } @{ $s->{events} }), 'mock gemini reply: one two', 'gemini stream: text');
    is($s->{events}[-1]{json}{candidates}[0]{finishReason}, 'STOP', 'gemini stream: finish on last');
    ok(!grep({ $_->{json}{candidates}[0]{finishReason} } @{ $s->{events} }[0 .. $#{ $s->{events} } - 1]), 'gemini stream: no early finish');
    is($s->{events}[-1]{json}{usageMetadata}{candidatesTokenCount}, 5, 'gemini stream: final usage');
    $s = gm('gemini-2.5-flash', { contents => $c->('x'), tools => $tools, toolConfig => { functionCallingConfig => { mode => 'ANY' } } }, stream => 1);
    ok($s->{events}[-1]{json}{candidates}[0]{content}{parts}[0]{functionCall}{args}{city}, 'gemini stream: whole functionCall');

    $r = $t->http('GET', '/v1beta/models', port => $mp, headers => { 'x-goog-api-key' => 'k1' });
    like($r->{json}{models}[0]{name}, qr{^models/}, 'gemini models');
}

# ===================================================================== parallel calls, stop sequences
{
    my $ot = [map { { type => 'function', function => { name => $_, parameters => $wtool } } } qw(f1 f2 f3)];
    my $r = oa({ model => 'm', messages => $user->('use two tools'), tools => $ot }, 'k1');
    my $tc = $r->{json}{choices}[0]{message}{tool_calls};
    is_deeply([map { $_->{function}{name} } @$tc], [qw(f1 f2)], 'openai: two parallel calls');
    isnt($tc->[0]{id}, $tc->[1]{id}, 'openai: distinct ids');
    my $s = $t->sse('/v1/chat/completions', { model => 'm', stream => \1, messages => $user->('use all tools'), tools => $ot },
        port => $mp, headers => { Authorization => 'Bearer k1' });
    my %idx = map { $_->{index} => 1 } map { @{ $_->{json}{choices}[0]{delta}{tool_calls} || [] } } grep { $_->{json} } @{ $s->{events} };
    is_deeply([sort keys %idx], [0, 1, 2], 'openai stream: tool_calls index 0..2');
    # answer them all → accepted
    $r = oa({ model => 'm', tools => $ot, messages => [{ role => 'user', content => 'use two tools' },
        { role => 'assistant', content => undef, tool_calls => $tc },
        (map { { role => 'tool', tool_call_id => $_->{id}, content => "r-$_->{function}{name}" } } @$tc)] }, 'k1');
    is($r->{json}{choices}[0]{message}{content}, 'mock openai got tool result: r-f1 | r-f2', 'openai: results of parallel calls');

    my $at = [map { { name => $_, input_schema => $wtool } } qw(f1 f2)];
    $r = an({ model => 'c', max_tokens => 100, tools => $at, messages => $user->('use two tools') });
    is(scalar(grep { $_->{type} eq 'tool_use' } @{ $r->{json}{content} }), 2, 'anthropic: two tool_use blocks');
    $s = $t->sse('/v1/messages', { model => 'c', max_tokens => 100, stream => \1, tools => $at, messages => $user->('use two tools') }, port => $mp, headers => $AV);
    is(scalar(grep { $_->{event} eq 'content_block_start' } @{ $s->{events} }), 2, 'anthropic stream: two blocks');
    is(scalar(grep { $_->{event} eq 'content_block_stop' } @{ $s->{events} }), 2, 'anthropic stream: two stops');

    my $gt = [{ functionDeclarations => [map { { name => $_, parameters => { type => 'OBJECT', properties => { q => { type => 'STRING' } }, required => ['q'] } } } qw(f1 f2)] }];
    $r = gm('gemini-3-pro-preview', { contents => [{ role => 'user', parts => [{ text => 'use two tools' }] }], tools => $gt });
    my $p = $r->{json}{candidates}[0]{content}{parts};
    is(scalar @$p, 2, 'gemini: two functionCall parts');
    is_deeply($p->[0]{functionCall}{args}, { q => 'Paris' }, 'gemini: Schema (uppercase types) args');
    ok($p->[0]{thoughtSignature} && !$p->[1]{thoughtSignature}, 'gemini 3: signature on first call only');
    $r = gm('gemini-3-pro-preview', { tools => $gt, contents => [{ role => 'user', parts => [{ text => 'use two tools' }] },
        { role => 'model', parts => $p },
        { role => 'user', parts => [map { { functionResponse => { name => $_, response => { output => "r$_" } } } } qw(f1 f2)] }] });
    is($r->{status}, 200, 'gemini 3: own signature round trip') or diag $r->{body};
    $p->[0]{thoughtSignature} = 'skip_thought_signature_validator';
    $r = gm('gemini-3-pro-preview', { tools => $gt, contents => [{ role => 'user', parts => [{ text => 'use two tools' }] },
        { role => 'model', parts => $p },
        { role => 'user', parts => [map { { functionResponse => { name => $_, response => { output => "r$_" } } } } qw(f1 f2)] }] });
    is($r->{status}, 200, 'gemini 3: skip_thought_signature_validator accepted');
    $p->[0]{thoughtSignature} = 'Zm9yZWlnbg==';
    gm_err(gm('gemini-3-pro-preview', { tools => $gt, contents => [{ role => 'user', parts => [{ text => 'x' }] }, { role => 'model', parts => $p },
        { role => 'user', parts => [map { { functionResponse => { name => $_, response => { output => 'r' } } } } qw(f1 f2)] }] }),
        400, 'INVALID_ARGUMENT', qr/Corrupted thought signature/, 'gemini: foreign signature rejected');

    $r = oa({ model => 'm', messages => $user->('x'), n => 2 }, 'k1');
    is_deeply([map { $_->{index} } @{ $r->{json}{choices} }], [0, 1], 'openai: n=2 choices');
    $r = oa({ model => 'm', messages => $user->('alpha STOP beta'), stop => ['STOP'] }, 'k1');
    is($r->{json}{choices}[0]{message}{content}, 'mock openai reply: alpha', 'openai: stop sequence cuts');
    is($r->{json}{choices}[0]{finish_reason}, 'stop', 'openai: stop');
    $r = an({ model => 'c', max_tokens => 50, stop_sequences => ['STOP'], messages => $user->('alpha STOP beta') });
    is($r->{json}{stop_reason}, 'stop_sequence', 'anthropic: stop_sequence');
    is($r->{json}{stop_sequence}, 'STOP', 'anthropic: matched sequence');
    $r = gm('gemini-2.5-flash', { contents => [{ role => 'user', parts => [{ text => 'alpha STOP beta' }] }], generationConfig => { stopSequences => ['STOP'] } });
    is($r->{json}{candidates}[0]{content}{parts}[0]{text}, 'mock gemini reply: alpha', 'gemini: stop sequence');
}

# ===================================================================== scripts & records
{
    $t->mock_reset;
    $t->mock_script([{ match => { dialect => 'openai', key => 'k1' }, times => 1, status => 429, headers => { 'retry-after' => '7' } }]);
    my $b = { model => 'm', messages => $user->('x') };
    my $r = oa($b, 'k1');
    is($r->{status}, 429, 'script: 429');
    is($r->{headers}{'retry-after'}, '7', 'script: retry-after');
    is($r->{json}{error}{code}, 'rate_limit_exceeded', 'script: openai-shaped 429 body');
    is(oa($b, 'k1')->{status}, 200, 'script: times exhausted → default');

    $t->mock_script([{ match => { dialect => 'gemini' }, status => 429, retry_delay => '26s' }]);
    $r = gm('gemini-2.5-flash', { contents => [{ parts => [{ text => 'x' }] }] });
    is($r->{json}{error}{status}, 'RESOURCE_EXHAUSTED', 'script: gemini 429 shape');
    ok((grep { ($_->{retryDelay} // '') eq '26s' } @{ $r->{json}{error}{details} }), 'script: RetryInfo');

    $t->mock_script([{ match => { path_contains => '/v1/messages', body_contains => 'RAW' }, raw => 'not json', status => 200 },
                     { match => { body_contains => 'BODY' }, body => { hello => 'world' }, status => 201 }]);
    $r = an({ model => 'c', max_tokens => 5, messages => $user->('RAW') });
    is($r->{body}, 'not json', 'script: raw body');
    $r = an({ model => 'c', max_tokens => 5, messages => $user->('BODY') });
    is($r->{status}, 201, 'script: status');
    is_deeply($r->{json}, { hello => 'world' }, 'script: body');

    $t->mock_script([{ stream => [{ event => 'message_start', data => { type => 'message_start' } },
                                  { raw => "data: {\"partial\n", delay_ms => 300 }, { raw => "\":1}\n\n" }] }]);
    my $s = $t->sse('/v1/messages', { x => 1 }, port => $mp, headers => $AV);
    is(scalar @{ $s->{events} }, 2, 'script stream: 2 events');
    ok($s->{events}[1]{t} - $s->{events}[0]{t} >= 0.25, 'script stream: delay_ms honoured');

    $t->mock_script([{ reset => \1 }]);
    $r = oa($b, 'k1');
    is($r->{status}, 599, 'script: reset → connection error');

    $t->mock_script([{ truncate => \1, match => { dialect => 'anthropic' } }]);
    $s = $t->sse('/v1/messages', { model => 'c', max_tokens => 100, stream => \1, messages => $user->('a b c d e f') }, port => $mp, headers => $AV);
    ok(!$s->{complete}, 'script truncate: incomplete');
    ok(!grep({ ($_->{event} // '') eq 'message_stop' } @{ $s->{events} }), 'script truncate: no message_stop');

    $t->mock_script([{ events => 50, event_delay_ms => 0 }]);
    $s = $t->sse('/v1/chat/completions', { model => 'm', stream => \1, messages => $user->('x') }, port => $mp, headers => { Authorization => 'Bearer k1' });
    is(scalar(grep { $_->{json} && ($_->{json}{choices}[0]{delta}{content} // '') =~ /tok/ } @{ $s->{events} }), 50, 'script events: 50 text events');

    $t->mock_script([{ error_after => 2 }]);
    $s = $t->sse('/v1/messages', { model => 'c', max_tokens => 100, stream => \1, messages => $user->('a b c d') }, port => $mp, headers => $AV);
    is($s->{events}[-1]{event}, 'error', 'script error_after: error event last');
    is($s->{events}[-1]{json}{error}{type}, 'overloaded_error', 'script error_after: overloaded');

    $t->mock_script([{ event_delay_ms => 100 }]);
    $s = $t->sse('/v1/chat/completions', { model => 'm', stream => \1, messages => $user->('a b') }, port => $mp, headers => { Authorization => 'Bearer k1' });
    ok($s->{events}[-1]{t} - $s->{events}[0]{t} >= 0.5, 'script event_delay_ms: progressive');

    $t->mock_script([{ match => { header => { 'x-test' => 'slow' } }, delay_ms => 300 }]);
    my $t0 = Time::HiRes::time();
    oa($b, 'k1', headers => { 'X-Test' => 'slow' });
    ok(Time::HiRes::time() - $t0 >= 0.28, 'script: delay_ms + header match');

    $t->mock_reset;
    oa($b, 'k2');
    gm('gemini-2.5-flash', { contents => [{ parts => [{ text => 'x' }] }] }, key => undef, query => '?key=gk');
    my $rec = $t->mock_requests;
    is(scalar @$rec, 2, 'records: 2 since reset');
    is($rec->[0]{method}, 'POST', 'records: method');
    is($rec->[0]{path}, '/v1/chat/completions', 'records: path');
    is($rec->[0]{key}, 'k2', 'records: key');
    is($rec->[0]{headers}{authorization}, 'Bearer k2', 'records: headers');
    is_deeply($rec->[0]{json}, $b, 'records: json');
    like($rec->[0]{body}, qr/"messages"/, 'records: raw body');
    is($rec->[1]{query}, 'key=gk', 'records: query');
    is($rec->[1]{key}, 'gk', 'records: gemini key from query');
    is($t->http('GET', '/__mock/health', port => $mp)->{status}, 200, 'health');

    # robustness: garbage does not kill the mock
    my $sock = IO::Socket::IP->new(PeerAddr => '127.0.0.1', PeerPort => $mp) or die;
    print $sock "GARBAGE\r\n\r\n"; close $sock;
    is(oa('[1,2]', 'k1')->{status}, 400, 'non-object body → 400');
    is(oa({ model => 'm', messages => [undef, 5] }, 'k1')->{status}, 400, 'bad message items → 400');
    is(an({ model => 'c', max_tokens => 5, messages => [{ role => 'user', content => [undef] }] })->{status}, 400, 'anthropic bad block → 400');
    is(gm('x', { contents => [5] })->{status}, 400, 'gemini bad content → 400');
    is($t->http('GET', '/__mock/health', port => $mp)->{status}, 200, 'still healthy');
}

$t->done_testing;
