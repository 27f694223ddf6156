#!/usr/bin/perl
# Same-dialect passthrough.  llm_passthrough_strict: by default a request
# relayed to a provider of its own dialect is checked field by field like
# a translated one (bad input never reaches the provider); with "off" it
# is only checked for syntax and read for what routing needs (model,
# stream), and the provider judges the rest.  Translated requests are
# parsed either way.  Where no route of a location translates for the
# client, the strict checks run on the body's bytes (check_request) and
# fall back to the parse for what they do not take on: either way the
# same answers.  Relayed answers: usage for logs and key accounting
# comes from the answer's own usage object, not from look-alike keys.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my $t = LLMTest->new;
$t->start_mock;
$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    client_body_buffer_size 64k;
    log_format usage '$request_uri in=$llm_prompt_tokens out=$llm_completion_tokens';
    access_log %%PREFIX%%/usage.log usage;
    upstream openai_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider openai; }
    upstream anthropic_up { server 127.0.0.1:%%MOCK_PORT%%; llm_provider anthropic; }
    upstream gemini_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider gemini; }
    server {
        # default: strict
        listen 127.0.0.1:%%PORT_1%%;
        location / {
            llm_translate on;
            llm_route renamed openai_up model=gpt-4o-mini;
            llm_route default openai_up;
            proxy_set_header Authorization "Bearer sk-provider-openai";
            proxy_pass http://$llm_upstream;
        }
    }
    server {
        # strict, every route relays (checked from the bytes)
        listen 127.0.0.1:%%PORT_3%%;
        location / {
            llm_translate on;
            llm_route default anthropic_up;
            proxy_set_header x-api-key sk-provider-anthropic;
            proxy_pass http://$llm_upstream;
        }
    }
    server {
        listen 127.0.0.1:%%PORT_4%%;
        location / {
            llm_translate on;
            llm_route default gemini_up;
            proxy_set_header x-goog-api-key provider-gemini-key;
            proxy_pass http://$llm_upstream;
        }
    }
    server {
        listen 127.0.0.1:%%PORT_2%%;
        llm_passthrough_strict off;
        location / {
            llm_translate on;
            llm_route claude-*  anthropic_up;
            llm_route gemini-*  gemini_up;
            llm_route renamed   openai_up model=gpt-4o-mini;
            llm_route default   openai_up;
            proxy_set_header Authorization "Bearer sk-provider-openai";
            proxy_set_header x-api-key sk-provider-anthropic;
            proxy_set_header x-goog-api-key provider-gemini-key;
            add_header X-LLM-Model $llm_model always;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
$t->run;

my $OPENAI = '/v1/chat/completions';
my %oh = (Authorization => 'Bearer client-key');

sub upstream_bodies { [map { $_->{body} } @{ $t->mock_requests }] }

sub openai_error {
    my ($r) = @_;
    my $e = ref $r->{json} eq 'HASH' && $r->{json}{error};
    return ref $e eq 'HASH' && defined $e->{message} && defined $e->{type};
}

# a field the gateway does not know (the provider decides about it)
my $unknown = '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],'
            . '"brand_new_field":1}';

# --- default: strict
$t->mock_reset;
my $r = $t->post_json($OPENAI, $unknown, headers => \%oh);
is($r->{status}, 400, 'strict (default): an unknown field gets 400');
ok(openai_error($r), 'strict: in the OpenAI error shape');
like($r->{body}, qr/brand_new_field/, 'strict: the error names the field');
is(scalar @{ upstream_bodies() }, 0, 'strict: nothing reached the provider');

# a renamed model, strict: the body is parsed but not re-serialized
my $ren_strict = qq({ "model" : "renamed",\n "messages":[{"role":"user","content":"caf\\u00e9"}],)
               . qq("temperature": 0.7 }\n);
$t->mock_reset;
$r = $t->post_json($OPENAI, $ren_strict, headers => \%oh);
is($r->{status}, 200, 'strict: a renamed model is answered');
is_deeply(upstream_bodies(), [$ren_strict =~ s/"renamed"/"gpt-4o-mini"/r],
          'strict: only the model\'s value was replaced (0.7 stays 0.7)');

# --- strict, relay-only locations: the checks on the bytes, or the parse
my %ah = ('x-api-key' => 'client', 'anthropic-version' => '2023-06-01');
my %gh = ('x-goog-api-key' => 'client');
my $GEMINI = '/v1beta/models/gemini-x:generateContent';
my %relay = (
    openai    => [$OPENAI, 1, \%oh],
    anthropic => ['/v1/messages', 3, \%ah],
    gemini    => [$GEMINI, 4, \%gh],
);

sub relay_error {
    my ($d, $r) = @_;
    my $j = $r->{json};
    return 0 unless ref $j eq 'HASH' && ref $j->{error} eq 'HASH';
    return $d eq 'anthropic' ? ($j->{type} // '') eq 'error' && defined $j->{error}{type}
         : $d eq 'gemini'    ? ($j->{error}{status} // '') eq 'INVALID_ARGUMENT'
         :                     defined $j->{error}{message} && defined $j->{error}{type};
}

# bodies the providers take, relayed byte for byte
my @relay_good = (
    [openai => 'text, escapes, nulls, white space',
     qq({ "model" : "gpt-4o",\n "messages":[{"role":"system","content":"Be brief."},)
   . qq({"role":"user","content":"caf\\u00e9 \\ud83d\\ude00 \\"q\\""},)
   . qq({"role":"assistant","content":"Hello"},{"role":"user","content":"and?"}],)
   . qq("temperature": 0.50, "top_p":null, "max_completion_tokens":64, "stop":["\\n"] }\n)],
    [openai => 'a stream with usage',
     '{"model":"gpt-4o","stream_options":{"include_usage":true},"stream":true,'
   . '"messages":[{"role":"user","content":"hi"}]}'],
    [openai => 'tools (left to the parse)',
     '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"tools":[{"type":'
   . '"function","function":{"name":"f","parameters":{"type":"object"}}}]}'],
    [openai => 'a 17-digit real (left to the parse)',
     '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],'
   . '"temperature":0.70000000000000007}'],
    [anthropic => 'text',
     '{"model":"claude-x","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}'],
    [anthropic => 'blocks, system, sampling fields, escapes, white space',
     qq({ "model" : "claude-x", "max_tokens":64,\n "system":[{"type":"text","text":"Be brief."}],)
   . qq("messages":[{"role":"user","content":[{"type":"text","text":"caf\\u00e9 \\"q\\""}]},)
   . qq({"role":"assistant","content":"Hello"},{"role":"user","content":"and?"}],)
   . qq("temperature": 0.50, "top_p":0.9, "top_k":40, "stop_sequences":["\\n"],)
   . qq("metadata":{"user_id":"u-1"} }\n)],
    [anthropic => 'a stream',
     '{"model":"claude-x","max_tokens":5,"stream":true,"system":"Be brief.",'
   . '"messages":[{"role":"user","content":"hi"}]}'],
    [anthropic => 'tools',
     '{"model":"claude-x","max_tokens":5,"messages":[{"role":"user","content":"hi"}],'
   . '"tools":[{"name":"f","input_schema":{"type":"object"}}]}'],
    [anthropic => 'cache_control in a block',
     '{"model":"claude-x","max_tokens":5,"messages":[{"role":"user","content":[{"type":'
   . '"text","text":"hi","cache_control":{"type":"ephemeral"}}]}]}'],
    [anthropic => 'an agent turn: tools, thinking, tool_use and tool_result, cache_control',
     '{"model":"claude-x","max_tokens":2048,"system":[{"type":"text","text":"You are an '
   . 'agent.","cache_control":{"type":"ephemeral"}}],"tools":[{"name":"read","descriptio'
   . 'n":"Reads a file","input_schema":{"type":"object","properties":{"path":{"type":"st'
   . 'ring"}},"required":["path"]}},{"name":"bash","input_schema":{"type":"object","prop'
   . 'erties":{"command":{"type":"string"}}},"cache_control":{"type":"ephemeral"}}],"too'
   . 'l_choice":{"type":"auto"},"thinking":{"type":"enabled","budget_tokens":1024},"meta'
   . 'data":{"user_id":"u-1"},"messages":[{"role":"user","content":[{"type":"text","text'
   . '":"read a.c"}]},{"role":"assistant","content":[{"type":"thinking","thinking":"Read'
   . ' it.","signature":"sig-anthropic-0a1b"},{"type":"tool_use","id":"toolu_01","name":'
   . '"read","input":{"path":"a.c"}}]},{"role":"user","content":[{"type":"tool_result","'
   . 'tool_use_id":"toolu_01","content":[{"type":"text","text":"int main;"}],"cache_cont'
   . 'rol":{"type":"ephemeral"}},{"type":"text","text":"and now?"}]}]}'],
    [gemini => 'text',
     '{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}'],
    [gemini => 'a conversation, escapes, white space, sampling',
     qq({ "systemInstruction" : {"parts":[{"text":"Be brief."}]},\n)
   . qq( "contents":[{"role":"user","parts":[{"text":"caf\\u00e9 \\ud83d\\ude00 \\"q\\""}]},)
   . qq({"role":"model","parts":[{"text":"Hello",)
   . qq("thoughtSignature":"c2lnLWdlbWluaS0wMTIzNDU2Nzg5YWI="}]},)
   . qq({"parts":[{"text":"and?"}]}],\n "generationConfig":{"temperature": 0.50,)
   . qq("topP":0.9,"topK":40,"maxOutputTokens":64,"candidateCount":1,"seed":7,)
   . qq("stopSequences":["\\n"],"responseMimeType":"text/plain",)
   . qq("thinkingConfig":{"thinkingBudget":0}} }\n)],
    [gemini => 'snake_case, a JSON answer, a thinking budget',
     '{"system_instruction":{"parts":[{"text":"Answer in JSON."}]},"contents":[{"parts":'
   . '[{"text":"hi"}]}],"generation_config":{"max_output_tokens":64,'
   . '"response_mime_type":"application/json","thinking_config":{"include_thoughts":true,'
   . '"thinking_budget":128}}}'],
    [gemini => 'tools (left to the parse)',
     '{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"tools":[{"functionDeclarations":'
   . '[{"name":"f","parameters":{"type":"OBJECT"}}]}]}'],
    [gemini => 'a 17-digit real (left to the parse)',
     '{"contents":[{"role":"user","parts":[{"text":"hi"}]}],'
   . '"generationConfig":{"temperature":0.70000000000000007}}'],
);
for my $c (@relay_good) {
    my ($d, $name, $body) = @$c;
    my ($path, $port, $h) = @{ $relay{$d} };
    $t->mock_reset;
    my $stream = $body =~ /"stream":true/;
    $r = $stream ? $t->sse($path, $body, headers => $h, port => $t->port($port))
                 : $t->post_json($path, $body, headers => $h, port => $t->port($port));
    is($r->{status}, 200, "strict, $d: $name: answered") or diag($r->{body});
    is_deeply(upstream_bodies(), [$body], "strict, $d: $name: relayed byte for byte");
}

# what the parse refuses is refused before the provider, whichever path
my @relay_bad = (
    [openai => 'temperature above 2', '"temperature":2.5', qr/decimal above maximum/],
    [openai => 'top_logprobs 21', '"top_logprobs":21', qr/above maximum/],
    [openai => 'max_tokens 0', '"max_tokens":0', qr/below minimum/],
    [openai => 'n a real', '"n":1.0', qr/expected an integer/],
    [openai => 'a field twice', '"n":1,"n":1', qr/duplicate/],
    [openai => 'stream_options without stream', '"stream_options":{"include_usage":true}',
     qr/only allowed when 'stream' is enabled/],
    [openai => 'an unknown effort', '"reasoning_effort":"extreme"', qr/Invalid value: 'extreme'/],
    [openai => 'a lone surrogate', '"user":"\ud800"', qr/surrogate/],
    [openai => '\u0000', '"user":"a\u0000"', qr/\\\\u0000/],
    [openai => 'stop of numbers', '"stop":[1]', qr/expected a string/],
    [openai => 'an unknown field', '"brand_new_field":1', qr/brand_new_field/],
);
for my $c (@relay_bad) {
    my ($d, $name, $field, $re) = @$c;
    my ($path, $port, $h) = @{ $relay{$d} };
    my $body = '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],' . $field . '}';
    $t->mock_reset;
    $r = $t->post_json($path, $body, headers => $h, port => $t->port($port));
    my $n = scalar @{ upstream_bodies() };
    ok($r->{status} == 400 && relay_error($d, $r) && $n == 0,
       "strict, $d: $name: 400 before the provider")
        or diag("status $r->{status}, $n upstream, body $r->{body}");
    like($r->{body}, $re, "strict, $d: $name: the parse's message");
}
# Anthropic: the same, on bodies of its own
my $anth_msgs = '"messages":[{"role":"user","content":"hi"}]';
for my $c (['max_tokens -1', qq({"model":"claude-x","max_tokens":-1,$anth_msgs}),
            qr/max_tokens: Input should be greater than or equal to 0/],
           ['no max_tokens', qq({"model":"claude-x",$anth_msgs}), qr/max_tokens: Field required/],
           ['max_tokens null', qq({"model":"claude-x","max_tokens":null,$anth_msgs}),
            qr/max_tokens: Input should be a valid integer/],
           ['top_k -1', qq({"model":"claude-x","max_tokens":5,$anth_msgs,"top_k":-1}),
            qr/top_k: Input should be greater than or equal to 0/],
           ['temperature a string',
            qq({"model":"claude-x","max_tokens":5,$anth_msgs,"temperature":"0.5"}),
            qr/temperature: Input should be a valid number/],
           ['stop_sequences of numbers',
            qq({"model":"claude-x","max_tokens":5,$anth_msgs,"stop_sequences":[1]}),
            qr/stop_sequences.0: Input should be a valid string/],
           ['stream a string', qq({"model":"claude-x","max_tokens":5,$anth_msgs,"stream":"yes"}),
            qr/stream: Input should be a valid boolean/],
           ['a system block of another type',
            qq({"model":"claude-x","max_tokens":5,$anth_msgs,"system":[{"type":"image","text":"x"}]}),
            qr/system.0.type: Input should be 'text'/],
           ['empty messages', '{"model":"claude-x","max_tokens":5,"messages":[]}',
            qr/at least one message is required/],
           ['role system', '{"model":"claude-x","max_tokens":5,"messages":[{"role":"system",'
            . '"content":"hi"}]}', qr/Unexpected role/],
           ['a user turn of an empty list', '{"model":"claude-x","max_tokens":5,"messages":'
            . '[{"role":"user","content":[]}]}', qr/must have non-empty content/],
           ['a text block without text', '{"model":"claude-x","max_tokens":5,"messages":'
            . '[{"role":"user","content":[{"type":"text","text":null}]}]}',
            qr/messages.0.content.0.text: Input should be a valid string/],
           ['a field twice', qq({"model":"claude-x","max_tokens":5,"max_tokens":5,$anth_msgs}),
            qr/duplicate/],
           ['a key twice in a message', '{"model":"claude-x","max_tokens":5,"messages":'
            . '[{"role":"user","role":"user","content":"hi"}]}', qr/duplicate/],
           ['a lone surrogate', '{"model":"claude-x","max_tokens":5,"messages":[{"role":"user",'
            . '"content":"\ud800"}]}', qr/surrogate/],
           ['a trailing comma', qq({"model":"claude-x","max_tokens":5,$anth_msgs,}),
            qr/not valid JSON/],
           ['an unknown field', qq({"model":"claude-x","max_tokens":5,$anth_msgs,"brand_new_field":1}),
            qr/brand_new_field: Extra inputs are not permitted/]) {
    my ($path, $port, $h) = @{ $relay{anthropic} };
    $t->mock_reset;
    $r = $t->post_json($path, $c->[1], headers => $h, port => $t->port($port));
    my $n = scalar @{ upstream_bodies() };
    ok($r->{status} == 400 && relay_error(anthropic => $r) && $n == 0,
       "strict, anthropic: $c->[0]: 400 before the provider")
        or diag("status $r->{status}, $n upstream, body $r->{body}");
    like($r->{body}, $c->[2], "strict, anthropic: $c->[0]: the parse's message");
}
# Gemini: whole bodies (the check's rules and what it leaves to the parse)
my $gu = '{"contents":[{"role":"user","parts":[{"text":"hi"}]}]';
my @relay_bad_gemini = (
    ['no contents', '{}', qr/contents is not specified/],
    ['contents of empty text only', '{"contents":[{"parts":[{"text":""}]}]}',
     qr/contents is not specified/],
    ['a role of assistant', '{"contents":[{"role":"assistant","parts":[{"text":"hi"}]}]}',
     qr/valid role: user, model/],
    ['parts empty', '{"contents":[{"role":"user","parts":[]}]}', qr/must not be empty/],
    ['text null', '{"contents":[{"parts":[{"text":null}]}]}', qr/required oneof field/],
    ['a systemInstruction part without text',
     $gu . ',"systemInstruction":{"parts":[{"inlineData":{}}]}}', qr/only text parts/],
    ['candidateCount 0', $gu . ',"generationConfig":{"candidateCount":0}}',
     qr/candidate_count/],
    ['maxOutputTokens a string', $gu . ',"generationConfig":{"maxOutputTokens":"64"}}',
     qr/TYPE_INT32/],
    ['stopSequences of a number', $gu . ',"generationConfig":{"stopSequences":[1]}}',
     qr/stop_sequences\[0\]/],
    ['responseMimeType text/html', $gu . ',"generationConfig":{"responseMimeType":"text/html"}}',
     qr/allowed mimetypes/],
    ['a budget and a level',
     $gu . ',"generationConfig":{"thinkingConfig":{"thinkingBudget":8,"thinkingLevel":"LOW"}}}',
     qr/not supported together/],
    ['an unknown thinking level',
     $gu . ',"generationConfig":{"thinking_config":{"thinking_level":"low"}}}',
     qr/thinking_level/],
    ['a field twice', $gu . ',"generationConfig":{"topK":1,"topK":1}}', qr/duplicate/],
    ['a lone surrogate', '{"contents":[{"parts":[{"text":"\ud800"}]}]}', qr/surrogate/],
    ['a trailing comma', '{"contents":[{"parts":[{"text":"hi"},]}]}', qr/not valid JSON/],
    ['an unknown field', $gu . ',"brandNewField":1}', qr/Unknown name \\"brandNewField\\"/],
);
for my $c (@relay_bad_gemini) {
    my ($name, $body, $re) = @$c;
    $t->mock_reset;
    $r = $t->post_json($GEMINI, $body, headers => \%gh, port => $t->port(4));
    my $n = scalar @{ upstream_bodies() };
    ok($r->{status} == 400 && relay_error(gemini => $r) && $n == 0,
       "strict, gemini: $name: 400 before the provider")
        or diag("status $r->{status}, $n upstream, body $r->{body}");
    like($r->{body}, $re, "strict, gemini: $name: the parse's message");
}
for my $c (['empty messages', '{"model":"gpt-4o","messages":[]}', qr/empty array/],
           ['user content null', '{"model":"gpt-4o","messages":[{"role":"user","content":null}]}',
            qr/content/],
           ['a trailing comma', '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"},]}',
            qr/not valid JSON/]) {
    $t->mock_reset;
    $r = $t->post_json($OPENAI, $c->[1], headers => \%oh);
    my $n = scalar @{ upstream_bodies() };
    ok($r->{status} == 400 && openai_error($r) && $n == 0 && $r->{body} =~ $c->[2],
       "strict, openai: $c->[0]: 400 before the provider")
        or diag("status $r->{status}, $n upstream, body $r->{body}");
}

# --- off: the provider judges the fields
my $p2 = $t->port(2);
$t->mock_reset;
$r = $t->post_json($OPENAI, $unknown, headers => \%oh, port => $p2);
is($r->{status}, 400, 'off: the provider refuses the unknown field');
like($r->{body}, qr/Unrecognized request argument supplied: brand_new_field/,
     'off: the client gets the provider\'s own error');
ok(openai_error($r), 'off: in the OpenAI error shape');
is_deeply(upstream_bodies(), [$unknown], 'off: the body went as sent');

# byte for byte, white space and escapes included
my $spaced = qq({ "model" : "gpt-4o" ,\n "messages":[{"role":"user",)
           . qq("content":"caf\\u00e9 \\/ \\"q\\""}],"temperature": 0.50 }\n);
$t->mock_reset;
$r = $t->post_json($OPENAI, $spaced, headers => \%oh, port => $p2);
is($r->{status}, 200, 'off: a valid request is answered');
is_deeply(upstream_bodies(), [$spaced], 'off: upstream body is the client\'s, byte for byte');
is($r->{headers}{'x-llm-model'}, 'gpt-4o', 'off: $llm_model from the scan');

# an escaped key is the same key to the provider, so to us
$t->mock_reset;
$r = $t->post_json($OPENAI, '{"mod\u0065l":"claude-x","max_tokens":5,'
                   . '"messages":[{"role":"user","content":"hi"}]}',
                   headers => \%oh, port => $p2);
is($r->{status}, 200, 'off: an escaped "model" key routes');
my $up = $t->mock_requests;
is($up->[0]{dialect}, 'anthropic', 'off: ... to the route of its model (translated)');

# what is still refused before the provider, in the client's dialect
my @bad = (
    ['invalid JSON', '{"model":"gpt-4o","messages":'],
    ['not an object', '[{"model":"gpt-4o"}]'],
    ['invalid UTF-8', qq({"model":"gpt-4o","messages":[{"role":"user","content":"\xff"}]})],
    ['duplicate model', '{"model":"gpt-4o","model":"other","messages":[]}'],
    ['model not a string', '{"model":5,"messages":[]}'],
    ['no model', '{"messages":[{"role":"user","content":"hi"}]}'],
    ['stream not a boolean', '{"model":"gpt-4o","stream":"yes","messages":[]}'],
    ['nesting beyond the check\'s limit',
     '{"model":"gpt-4o","x":' . ('[' x 600) . (']' x 600) . '}'],
    ['a model with a control byte', '{"model":"gpt\u0001","messages":[]}'],
);
for my $c (@bad) {
    $t->mock_reset;
    $r = $t->post_json($OPENAI, $c->[1], headers => \%oh, port => $p2);
    my $n = scalar @{ upstream_bodies() };
    ok($r->{status} == 400 && openai_error($r) && $n == 0, "off: $c->[0]: 400 before the provider")
        or diag("status $r->{status}, $n upstream, body $r->{body}");
}

# a translated request is parsed in full even with "off"
$t->mock_reset;
$r = $t->post_json($OPENAI, '{"model":"claude-x","messages":[{"role":"user","content":"hi"}],'
                   . '"brand_new_field":1}', headers => \%oh, port => $p2);
ok($r->{status} == 400 && openai_error($r), 'off: a translated request with an unknown field gets 400');
like($r->{body}, qr/brand_new_field/, 'off: ... naming the field');
is(scalar @{ upstream_bodies() }, 0, 'off: ... and nothing reached the provider');

# a renamed model: only the model's value changes
$t->mock_reset;
my $ren = '{"messages":[{"role":"user","content":"hi"}], "model" : "renamed" ,"n":1}';
$r = $t->post_json($OPENAI, $ren, headers => \%oh, port => $p2);
is($r->{status}, 200, 'off: a renamed model is answered');
is_deeply(upstream_bodies(),
          ['{"messages":[{"role":"user","content":"hi"}], "model" : "gpt-4o-mini" ,"n":1}'],
          'off: only the model\'s value was replaced');

# streams: "stream" read by the scan
$t->mock_reset;
my $s = $t->sse($OPENAI, '{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}',
                headers => \%oh, port => $p2);
is($s->{status}, 200, 'off: a stream is answered');
like($s->{headers}{'content-type'} // '', qr{^text/event-stream}, 'off: as SSE');
ok((grep { ($_->{data} // '') eq '[DONE]' } @{ $s->{events} || [] }),
   'off: the stream ends with [DONE]');

# the other two dialects, relayed
$t->mock_reset;
my $anth = '{"model":"claude-x","max_tokens":5,"messages":[{"role":"user","content":"hi"}],'
         . '"brand_new_field":1}';
$r = $t->post_json('/v1/messages', $anth, port => $p2,
                   headers => { 'x-api-key' => 'client', 'anthropic-version' => '2023-06-01' });
is($r->{status}, 400, 'off, Anthropic: the provider refuses the unknown field');
like($r->{body}, qr/brand_new_field: Extra inputs are not permitted/,
     'off, Anthropic: its own error');
is_deeply(upstream_bodies(), [$anth], 'off, Anthropic: the body went as sent');

$t->mock_reset;
my $gem = '{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}';
$r = $t->post_json('/v1beta/models/gemini-x:generateContent', $gem, port => $p2,
                   headers => { 'x-goog-api-key' => 'client' });
is($r->{status}, 200, 'off, Gemini: the model comes from the path');
$up = $t->mock_requests;
is($up->[0]{body}, $gem, 'off, Gemini: the body went as sent');
like($up->[0]{path}, qr{/models/gemini-x:generateContent}, 'off, Gemini: model in the path');

# relayed answers: a tool's input (any JSON the model wrote) may hold
# keys like the usage's; they come before the real usage object
$t->mock_reset;
$t->mock_script([{ match => { dialect => 'anthropic' }, status => 200, raw =>
    '{"id":"msg_1","type":"message","role":"assistant","model":"claude-x",'
  . '"content":[{"type":"tool_use","id":"toolu_1","name":"f","input":'
  . '{"usage":{"input_tokens":999},"input_tokens":998,"output_tokens":997}}],'
  . '"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":5,'
  . '"cache_read_input_tokens":2,"output_tokens":7}}' }]);
$r = $t->post_json('/v1/messages?usage-json', $anth =~ s/,"brand_new_field":1//r, port => $p2,
                   headers => { 'x-api-key' => 'client', 'anthropic-version' => '2023-06-01' });
is($r->{status}, 200, 'relayed answer with a tool input: 200');
like($r->{body}, qr/"input_tokens":998/, 'relayed answer: byte for byte');

$t->mock_reset;
$t->mock_script([{ match => { dialect => 'anthropic' }, stream => [
    { event => 'message_start', data => { type => 'message_start', message => {
        id => 'msg_1', type => 'message', role => 'assistant', model => 'claude-x',
        content => [], stop_reason => undef, stop_sequence => undef,
        usage => { input_tokens => 11, output_tokens => 1 } } } },
    { event => 'content_block_start', data => { type => 'content_block_start', index => 0,
        content_block => { type => 'tool_use', id => 'toolu_1', name => 'f', input => {} } } },
    { event => 'content_block_delta', data => { type => 'content_block_delta', index => 0,
        delta => { type => 'input_json_delta', partial_json => '{"output_tokens":996}' } } },
    { event => 'content_block_stop', data => { type => 'content_block_stop', index => 0 } },
    { event => 'message_delta', data => { type => 'message_delta',
        delta => { stop_reason => 'tool_use', stop_sequence => undef },
        usage => { output_tokens => 12 } } },
    { event => 'message_stop', data => { type => 'message_stop' } },
] }]);
$s = $t->sse('/v1/messages?usage-sse', '{"model":"claude-x","max_tokens":5,"stream":true,'
             . '"messages":[{"role":"user","content":"hi"}]}', port => $p2,
             headers => { 'x-api-key' => 'client', 'anthropic-version' => '2023-06-01' });
is($s->{status}, 200, 'relayed stream: 200');
is(scalar(grep { ($_->{event} // '') eq 'message_stop' } @{ $s->{events} }), 1,
   'relayed stream: ends with message_stop');

my $log = '';
for (1 .. 50) {
    $log = LLMTest::slurp($t->prefix . '/usage.log') // '';
    last if $log =~ /usage-sse/;
    select(undef, undef, undef, 0.1);
}
like($log, qr{^/v1/messages\?usage-json in=7 out=7$}m,
     'relayed answer: usage from its usage object (input includes the cache)');
like($log, qr{^/v1/messages\?usage-sse in=11 out=12$}m,
     'relayed stream: usage from message_start and message_delta');

$t->done_testing;
