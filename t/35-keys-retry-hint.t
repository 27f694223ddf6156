#!/usr/bin/perl
# Gemini tells how long to rest a key only in the 429's body (RetryInfo
# retryDelay): the key's cooldown follows it, for translated and
# same-dialect requests alike.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my $t = LLMTest->new();
$t->start_mock(keys => ['gk-one', 'gk-two']);
$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    llm_keys_zone llm_keys 64k;
    upstream gem_a {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider gemini zone=llm_keys cooldown=5s;
        llm_key gk-one id=one;
    }
    upstream gem_b {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider gemini zone=llm_keys cooldown=5s;
        llm_key gk-two id=two;
    }
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location / {
            llm_translate on;
            llm_route gemini-a gem_a;
            llm_route gemini-b gem_b;
            proxy_pass http://$llm_upstream;
        }
        location = /status { llm_status; }
    }
}
EOF
$t->run;

sub cooldown {
    my ($id) = @_;
    my $s = $t->http('GET', '/status')->{json};
    for my $p (@{ $s->{pools} }) {
        for my $k (@{ $p->{keys} }) {
            return $k->{cooldown_remaining} if $k->{id} eq $id;
        }
    }
    return -1;
}

# translated: an OpenAI client, the Gemini provider rate limits
$t->mock_script([{ match => { dialect => 'gemini' }, times => 1,
                   status => 429, retry_delay => '40s' }]);
my $r = $t->post_json('/v1/chat/completions', { model => 'gemini-a',
    messages => [{ role => 'user', content => 'x' }] });
is($r->{status}, 429, 'translated: 429');
is($r->{headers}{'retry-after'}, '40', 'translated: Retry-After from the body');
cmp_ok(cooldown('one'), '>=', 30, 'translated: key cooling for the delay, '
       . 'not the 5s default');

# same dialect: a Gemini client
$t->mock_script([{ match => { dialect => 'gemini' }, times => 1,
                   status => 429, retry_delay => '50s' }]);
$r = $t->post_json('/v1beta/models/gemini-b:generateContent',
    { contents => [{ role => 'user', parts => [{ text => 'x' }] }] });
is($r->{status}, 429, 'same dialect: 429');
like($r->{body}, qr/RetryInfo/, 'same dialect: the body relayed');
cmp_ok(cooldown('two'), '>=', 40, 'same dialect: key cooling for the delay');

$t->done_testing;
