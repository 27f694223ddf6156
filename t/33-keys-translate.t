#!/usr/bin/perl
# Key pools behind the translator: an OpenAI client, an Anthropic pool of
# two keys.  A 429 on one key is retried on the other and the client gets
# a translated answer; token usage is charged to the key; when every key
# cools down the translator answers 429 in the client's dialect with
# Retry-After (ngx_http_llm_upstream_prepare).

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my %k = (x => 'sk-ant-pool-x-0123456789abcdefgh',
         y => 'sk-ant-pool-y-0123456789abcdefgh');

my $t = LLMTest->new();
$t->start_mock(keys => [values %k]);
$t->write_config(<<"EOF");
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    llm_keys_zone llm 64k;
    upstream anthropic_up {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider anthropic zone=llm;
        llm_key $k{x} id=x;
        llm_key $k{y} id=y;
    }
    log_format body '\$request_body';
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location / {
            access_log %%PREFIX%%/body.log body;
            llm_translate on;
            llm_route default anthropic_up;
            proxy_http_version 1.1;
            proxy_next_upstream error timeout http_429 non_idempotent;
            proxy_pass http://\$llm_upstream;
        }
        location /status { llm_status; }
    }
}
EOF
$t->run;

my $chat = { model => 'claude-sonnet-4-5', max_completion_tokens => 50,
             messages => [{ role => 'user', content => 'hi there' }] };
my %auth = (Authorization => 'Bearer client-secret-key');

$t->mock_script([{ match => { key => $k{x} }, times => 1, status => 429,
                   headers => { 'retry-after' => '30' } }]);
my $r = $t->post_json('/v1/chat/completions', $chat, headers => \%auth);
is($r->{status}, 200, 'translated request retried on the second key')
    or diag($r->{body});
is($r->{json}{object}, 'chat.completion', 'OpenAI answer');
my $reqs = $t->mock_requests;
is(scalar @$reqs, 2, 'two attempts');
is($reqs->[0]{key}, $k{x}, 'first with x');
is($reqs->[1]{key}, $k{y}, 'then y');
is($reqs->[0]{body}, $reqs->[1]{body}, 'same translated body');

# the translated body lives as long as the request: the log, written
# after the upstream is done, still reads it ($request_body, escaped)
my $logged = '';
for (1 .. 50) {
    $logged = do { local (@ARGV, $/) = ($t->prefix . '/body.log'); <> } // '';
    last if $logged =~ /\n/;
    select(undef, undef, undef, 0.05);
}
(my $sent = $reqs->[1]{body}) =~ s/"/\\x22/g;
is((split /\n/, $logged)[0], $sent,
   'the log has the translated body as it was sent');
ok(!(grep { ($_->{headers}{authorization} // '') =~ /client-secret/ } @$reqs),
   'client key not forwarded');

my $s = $t->get('/status')->{json}{pools}[0]{keys};
my ($y) = grep { $_->{id} eq 'y' } @$s;
ok($y->{tokens_in} > 0 && $y->{tokens_out} > 0,
   "tokens charged to y ($y->{tokens_in}/$y->{tokens_out})");

$t->mock_reset;
$t->mock_script([{ match => { key => $k{y} }, times => 1, status => 429,
                   headers => { 'retry-after' => '20' } }]);
$r = $t->post_json('/v1/chat/completions', $chat, headers => \%auth);
is($r->{status}, 429, 'last key 429 reaches the client');
ok($r->{json}{error}, 'as an OpenAI error') or diag($r->{body});

$t->mock_reset;
$r = $t->post_json('/v1/chat/completions', $chat, headers => \%auth);
is($r->{status}, 429, 'all keys cooling: 429 before proxying');
ok($r->{headers}{'retry-after'} >= 19 && $r->{headers}{'retry-after'} <= 20,
   "Retry-After from the earliest key ($r->{headers}{'retry-after'})");
ok($r->{json}{error}, 'in the client dialect') or diag($r->{body});
is(scalar @{ $t->mock_requests }, 0, 'nothing sent upstream');

$t->done_testing;
