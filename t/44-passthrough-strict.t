#!/usr/bin/perl
# llm_passthrough_strict: by default a request relayed to a provider of
# its own dialect is checked field by field like a translated one (bad
# input never reaches the provider); with "off" it is only checked for
# syntax and read for what routing needs (model, stream), and the
# provider judges the rest.  Translated requests are parsed either way.

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
    upstream openai_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider openai; }
    upstream anthropic_up { server 127.0.0.1:%%MOCK_PORT%%; llm_provider anthropic; }
    upstream gemini_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider gemini; }
    server {
        # default: strict
        listen 127.0.0.1:%%PORT_1%%;
        location / {
            llm_translate on;
            llm_route default openai_up;
            proxy_set_header Authorization "Bearer sk-provider-openai";
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

$t->done_testing;
