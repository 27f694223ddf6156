#!/usr/bin/perl
# The endpoints the gateway answers besides chat: model lists and single
# models in the OpenAI, Anthropic and Gemini shapes (llm_model names and
# exact llm_route names; prefix/regex/default routes are not listed),
# Anthropic count_tokens and Gemini countTokens forwarded to a provider
# of the same dialect (aliases renamed) or estimated locally.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my $t = LLMTest->new();
$t->start_mock();
$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%

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

    server {
        listen 127.0.0.1:%%PORT_1%%;

        location / {
            llm_translate on;

            llm_model smollm3-3b "display_name=SmolLM3 3B";
            llm_model claude-sonnet-4-5 "display_name=Claude Sonnet 4.5";
            llm_model ghost;                        # no route: not listed

            llm_route gpt-4o           openai_up;
            llm_route fast             anthropic_up model=claude-haiku-4-5;
            llm_route claude-*         anthropic_up;
            llm_route gemini-2.5-flash gemini_up;
            llm_route gem-alias        gemini_up model=gemini-2.5-pro;
            llm_route gemini-*         gemini_up;
            llm_route ~^smollm(.*)$    openai_up model=HuggingFaceTB/SmolLM$1;

            proxy_set_header Authorization "Bearer sk-provider-openai";
            proxy_set_header x-api-key sk-provider-anthropic;
            proxy_set_header x-goog-api-key sk-provider-gemini;
            proxy_pass http://$llm_upstream;
        }

        location /bare/ {
            rewrite ^/bare(/.*)$ $1 break;
            llm_translate on;
            llm_route default openai_up;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
$t->run;

my @listed = qw(smollm3-3b claude-sonnet-4-5 gpt-4o fast gemini-2.5-flash gem-alias);
my %owner = ('smollm3-3b' => 'openai', 'claude-sonnet-4-5' => 'anthropic',
             'gpt-4o' => 'openai', fast => 'anthropic',
             'gemini-2.5-flash' => 'gemini', 'gem-alias' => 'gemini');
my %av = ('anthropic-version' => '2023-06-01');

# --- OpenAI list

my $r = $t->get('/v1/models', headers => { Authorization => 'Bearer x' });
is($r->{status}, 200, 'openai list');
like($r->{headers}{'content-type'}, qr{^application/json}, 'JSON');
my $j = $r->{json};
is($j->{object}, 'list', 'object list');
is_deeply([map { $_->{id} } @{ $j->{data} }], \@listed,
          'llm_model names, then exact routes; nothing unroutable');
for my $m (@{ $j->{data} }) {
    is($m->{object}, 'model', "$m->{id}: object");
    is($m->{owned_by}, $owner{ $m->{id} }, "$m->{id}: owned_by the provider");
    ok($m->{created} > 1700000000 && $m->{created} <= time, "$m->{id}: created");
}
unlike($r->{body}, qr/_up|HuggingFace|claude-haiku/, 'no upstream names or targets');

# --- Anthropic list (same path, anthropic-version)

$r = $t->get('/v1/models', headers => { %av, 'x-api-key' => 'x' });
is($r->{status}, 200, 'anthropic list');
$j = $r->{json};
ok(!exists $j->{object}, 'not the OpenAI shape');
is_deeply([map { $_->{id} } @{ $j->{data} }], \@listed, 'anthropic ids');
is($j->{data}[1]{type}, 'model', 'type model');
is($j->{data}[1]{display_name}, 'Claude Sonnet 4.5', 'display_name from llm_model');
is($j->{data}[2]{display_name}, 'gpt-4o', 'display_name defaults to the id');
like($j->{data}[0]{created_at}, qr/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'created_at');
ok(JSON::PP::is_bool($j->{has_more}) && !$j->{has_more}, 'has_more false');
is($j->{first_id}, 'smollm3-3b', 'first_id');
is($j->{last_id}, 'gem-alias', 'last_id');

# --- Gemini list

$r = $t->get('/v1beta/models?key=x');
is($r->{status}, 200, 'gemini list');
$j = $r->{json};
is_deeply([map { $_->{name} } @{ $j->{models} }], [map { "models/$_" } @listed],
          'gemini names');
is($j->{models}[0]{displayName}, 'SmolLM3 3B', 'displayName');
is_deeply($j->{models}[0]{supportedGenerationMethods},
          [qw(generateContent streamGenerateContent countTokens)], 'methods');
is($j->{models}[0]{baseModelId}, 'smollm3-3b', 'baseModelId');

# --- single models

$r = $t->get('/v1/models/gpt-4o');
is($r->{status}, 200, 'openai model');
is_deeply([@{ $r->{json} }{qw(id object owned_by)}], ['gpt-4o', 'model', 'openai'],
          'openai model object');

$r = $t->get('/v1/models/claude-opus-9');
is($r->{status}, 200, 'a model of a prefix route exists');
is($r->{json}{owned_by}, 'anthropic', 'its provider');

$r = $t->get('/v1/models/smollm2-135m');
is($r->{status}, 200, 'a model of a regex route exists');

$r = $t->get('/v1/models/claude-sonnet-4-5', headers => \%av);
is($r->{status}, 200, 'anthropic model');
is($r->{json}{type}, 'model', 'anthropic type');
is($r->{json}{display_name}, 'Claude Sonnet 4.5', 'anthropic display_name');

$r = $t->get('/v1beta/models/gemini-2.5-flash');
is($r->{status}, 200, 'gemini model');
is($r->{json}{name}, 'models/gemini-2.5-flash', 'gemini name');

for my $c (
    ['/v1/models/ghost', {}, 'openai'],
    ['/v1/models/ghost', \%av, 'anthropic'],
    ['/v1beta/models/ghost', {}, 'gemini'],
) {
    my ($path, $h, $d) = @$c;
    $r = $t->get($path, headers => $h);
    is($r->{status}, 404, "$d: unknown model 404");
    like($r->{body}, qr/The model 'ghost' does not exist/, "$d: message");
    if ($d eq 'openai') {
        is($r->{json}{error}{type}, 'invalid_request_error', "$d: shape");
    } elsif ($d eq 'anthropic') {
        is($r->{json}{error}{type}, 'not_found_error', "$d: shape");
    } else {
        is($r->{json}{error}{status}, 'NOT_FOUND', "$d: shape");
    }
}

# answered before the body is read: see t/40-auth.t on curl 7.88, HTTP/2
for (1 .. 5) {
    $r = $t->post_json('/v1/models', {});
    last unless $t->http2 && $r->{status} == 599;
}
SKIP: {
    skip 'curl reports the HTTP/2 reset', 2 if $t->http2 && $r->{status} == 599;
    is($r->{status}, 405, 'POST /v1/models: 405');
    ok($r->{json}{error}, '405 in JSON');
}

$r = $t->http('HEAD', '/v1/models');
is($r->{status}, 200, 'HEAD /v1/models');
is($r->{body}, '', 'HEAD: no body');

$r = $t->get('/bare/v1/models');
is($r->{status}, 200, 'only a default route');
is_deeply($r->{json}{data}, [], 'nothing listable: empty list');
$r = $t->get('/bare/v1/models', headers => \%av);
is_deeply([@{ $r->{json} }{qw(first_id last_id)}], [undef, undef],
          'anthropic empty list: null first_id/last_id');
ok(exists $r->{json}{first_id}, 'first_id present');

is(scalar @{ $t->mock_requests }, 0, 'lists and models answered by the gateway');

# --- Anthropic count_tokens: forwarded to an Anthropic provider

my $msgs = { model => 'claude-sonnet-4-5', system => 'Be brief.',
             messages => [{ role => 'user', content => 'Hello world, how are you?' }] };

$r = $t->post_json('/v1/messages/count_tokens', $msgs,
                   headers => { %av, 'x-api-key' => 'client-key', 'anthropic-beta' => 'b1' });
is($r->{status}, 200, 'count_tokens forwarded') or diag($r->{body});
ok($r->{json}{input_tokens} > 0, 'input_tokens from the provider');
ok(!$r->{headers}{'x-llm-warning'}, 'not an estimate');
my $reqs = $t->mock_requests;
is(scalar @$reqs, 1, 'one provider request');
is($reqs->[0]{path}, '/v1/messages/count_tokens', 'provider path');
is($reqs->[0]{headers}{'x-api-key'}, 'sk-provider-anthropic', 'provider key');
is($reqs->[0]{headers}{'anthropic-beta'}, 'b1', 'anthropic-beta passed on');
is_deeply($reqs->[0]{json}, $msgs, 'body unchanged');
$t->mock_reset;

$r = $t->post_json('/v1/messages/count_tokens?beta=true&key=client-key',
                   { %$msgs, model => 'fast' }, headers => { 'x-api-key' => 'client-key' });
is($r->{status}, 200, 'count_tokens through an alias') or diag($r->{body});
$reqs = $t->mock_requests;
is($reqs->[0]{json}{model}, 'claude-haiku-4-5', 'the alias renamed upstream');
is($reqs->[0]{query}, '', 'no query string upstream');
is($reqs->[0]{headers}{'anthropic-version'}, '2023-06-01', 'anthropic-version added');
$t->mock_reset;

# the provider's error comes back as is
$t->mock_script([{ match => { path_contains => 'count_tokens' }, times => 1,
                   status => 429, headers => { 'retry-after' => '3' } }]);
$r = $t->post_json('/v1/messages/count_tokens', $msgs, headers => \%av);
is($r->{status}, 429, 'provider 429 passed on');
is($r->{json}{error}{type}, 'rate_limit_error', 'provider error body');
$t->mock_reset;

# --- estimated for an OpenAI provider: ceil(characters / 4)

my $chars = length('Be brief.') + length('Hello world, how are you?');
$r = $t->post_json('/v1/messages/count_tokens', { %$msgs, model => 'gpt-4o' },
                   headers => \%av);
is($r->{status}, 200, 'count_tokens estimated');
is_deeply($r->{json}, { input_tokens => int(($chars + 3) / 4) }, 'estimate');
is($r->{headers}{'x-llm-warning'}, 'count_tokens:estimated', 'marked as an estimate');

$r = $t->post_json('/v1/messages/count_tokens', {
    model => 'smollm3-3b',
    messages => [{ role => 'user', content => [
        { type => 'text', text => "caf\x{e9} \x{4e16}\x{754c}" },
        { type => 'image', source => { type => 'base64', media_type => 'image/png',
                                       data => 'A' x 4000 } },
    ] }],
}, headers => \%av);
is_deeply($r->{json}, { input_tokens => 2 }, 'characters, not bytes; images not text');

is(scalar @{ $t->mock_requests }, 0, 'estimates answered by the gateway');

# --- errors

$r = $t->post_json('/v1/messages/count_tokens', { %$msgs, model => 'ghost' },
                   headers => \%av);
is($r->{status}, 404, 'count_tokens: no route');
is($r->{json}{error}{type}, 'not_found_error', 'Anthropic 404');

$r = $t->post_json('/v1/messages/count_tokens', { messages => [] }, headers => \%av);
is($r->{status}, 400, 'count_tokens: no model');
is($r->{json}{type}, 'error', 'Anthropic 400');

$r = $t->post_json('/v1/messages/count_tokens', '{"model":', headers => \%av);
is($r->{status}, 400, 'count_tokens: invalid JSON');

$r = $t->get('/v1/messages/count_tokens', headers => \%av);
is($r->{status}, 405, 'count_tokens: GET is 405');
is($r->{json}{type}, 'error', 'Anthropic 405');

# --- Gemini countTokens

my $gc = { contents => [{ role => 'user', parts => [{ text => 'Hello world, how are you?' }] }] };

$r = $t->post_json('/v1beta/models/gemini-2.5-flash:countTokens?key=client-key', $gc);
is($r->{status}, 200, 'countTokens forwarded') or diag($r->{body});
ok($r->{json}{totalTokens} > 0, 'totalTokens from the provider');
$reqs = $t->mock_requests;
is($reqs->[0]{path}, '/v1beta/models/gemini-2.5-flash:countTokens', 'provider path');
is($reqs->[0]{query}, '', 'client ?key= dropped');
is($reqs->[0]{headers}{'x-goog-api-key'}, 'sk-provider-gemini', 'provider key');
$t->mock_reset;

$r = $t->post_json('/v1beta/models/gem-alias:countTokens', $gc);
is($r->{status}, 200, 'countTokens through an alias') or diag($r->{body});
is($t->mock_requests->[0]{path}, '/v1beta/models/gemini-2.5-pro:countTokens',
   'the alias renamed in the path');
$t->mock_reset;

$r = $t->post_json('/v1beta/models/gpt-4o:countTokens', $gc);
is($r->{status}, 200, 'countTokens estimated');
is_deeply($r->{json}, { totalTokens => int((25 + 3) / 4) }, 'gemini estimate');

$r = $t->post_json('/v1beta/models/claude-x:countTokens', $gc);
is_deeply($r->{json}, { totalTokens => 7 }, 'estimated for an Anthropic provider too');

$r = $t->post_json('/v1beta/models/ghost:countTokens', $gc);
is($r->{status}, 404, 'countTokens: no route');
is($r->{json}{error}{status}, 'NOT_FOUND', 'Gemini 404');

is(scalar @{ $t->mock_requests }, 0, 'nothing else reached the provider');

$t->done_testing;
