#!/usr/bin/perl
# Official SDKs succeed while one key of the provider's pool is rate
# limited (t/sdk/keypool.mjs).

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my $sdk = "$FindBin::Bin/sdk";
plan skip_all => 'SDK packages not installed (npm ci in t/sdk)'
    unless -d "$sdk/node_modules/openai";

my $t = LLMTest->new();
$t->start_mock(keys => ['sk-pool-1', 'sk-pool-2']);
$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    llm_keys_zone llm_keys 64k;
    upstream anthropic_up {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider anthropic zone=llm_keys;
        llm_key sk-pool-1 id=one;
        llm_key sk-pool-2 id=two;
    }
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location / {
            llm_translate on;
            llm_route default anthropic_up;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
$t->run;

my $env = sprintf 'GATEWAY_URL=http://127.0.0.1:%d MOCK_URL=http://127.0.0.1:%d',
                  $t->port(1), $t->mock_port(0);
my $out = `cd $sdk && $env node --test --test-concurrency=1 keypool.mjs 2>&1`;
my $rc = $? >> 8;
is($rc, 0, 'SDK calls through a pool with a rate-limited key')
    or diag($out);
like($out, qr/# pass 2/, 'both SDK scenarios ran and passed');

$t->done_testing;
