#!/usr/bin/perl
# Locations without the module's directives behave exactly as without the
# module: the same requests against nginx with the module loaded (and
# used in another location) and against nginx without it give the same
# status, headers (Date aside) and body bytes.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my $conf = <<'EOF';
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    client_max_body_size 1k;
    %%UPSTREAM%%
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location /v1/ {
            proxy_set_header Authorization "Bearer sk-mock";
            proxy_pass http://127.0.0.1:%%MOCK_PORT%%;
        }
        location /static {
            return 200 "plain $request_method\n";
        }
    }
    %%TRANSLATED%%
}
EOF

my $with = LLMTest->new(log_level => 'debug');
my $without = LLMTest->new(no_module => 1);
my $mock = $with->start_mock();
$without->{mocks} = [];
$without->start_mock();

my $w = $conf;
$w =~ s/%%UPSTREAM%%/upstream anthropic_up { server 127.0.0.1:%%MOCK_PORT%%; llm_provider anthropic; }/;
$w =~ s{%%TRANSLATED%%}{server { listen 127.0.0.1:%%PORT_2%%; location / { llm_translate on; llm_route default anthropic_up; proxy_set_header x-api-key sk-mock; proxy_pass http://\$llm_upstream; } }};
$with->write_config($w);
my $wo = $conf;
$wo =~ s/%%UPSTREAM%%//;
$wo =~ s/%%TRANSLATED%%//;
$without->write_config($wo);
$with->run;
$without->run;

my $chat = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello"}]}';
my @cases = (
    ['POST', '/v1/chat/completions', $chat],
    ['POST', '/v1/chat/completions', '{"model": broken'],
    ['POST', '/v1/messages', $chat],
    ['GET', '/v1/models', ''],
    ['GET', '/static', ''],
    ['POST', '/static', 'x'],
    ['GET', '/nothing', ''],
    ['POST', '/v1/chat/completions', 'x' x 2048],
);

for my $c (@cases) {
    my ($m, $path, $body) = @$c;
    my %o = (body => $body, headers => { 'Content-Type' => 'application/json' });
    my $a = $with->http($m, $path, %o);
    my $b = $without->http($m, $path, %o);
    my $name = "$m $path" . (length $body > 100 ? ' (oversize)' : '');
    is($a->{status}, $b->{status}, "$name: same status");
    # ids and timestamps differ between the two mocks' answers
    (my $ab = $a->{body}) =~ s/"(id|created|request_id)":("[^"]*"|\d+)//g;
    (my $bb = $b->{body}) =~ s/"(id|created|request_id)":("[^"]*"|\d+)//g;
    is($ab, $bb, "$name: same body");
    my %ha = %{ $a->{headers} };
    my %hb = %{ $b->{headers} };
    delete @ha{qw(date x-request-id request-id)};
    delete @hb{qw(date x-request-id request-id)};
    is_deeply(\%ha, \%hb, "$name: same headers");
}

unlike($with->error_log, qr/llm:/, 'the module logged nothing for them');

# and the module does work in its own location of the same server
my $r = $with->post_json('/v1/chat/completions', $chat,
                         port => $with->port(2));
is($r->{status}, 200, 'translated location answers');
is($r->{json}{object}, 'chat.completion', 'translated from Anthropic');

$with->done_testing;
$without->stop;
