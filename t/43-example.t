#!/usr/bin/perl
# nginx.conf.example passes "nginx -t" and works: the file as written, with
# only what a test machine cannot have replaced (provider host names, which
# have no DNS here, point at the local mock over plain HTTP; log and key
# file paths point into the test's prefix).

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my $t = LLMTest->new();
my $p = $t->prefix;
my $mock = $t->start_mock(keys => ['sk-openai-real', 'sk-anthropic-real',
                                   'sk-gemini-real']);

open my $fh, '<', "$FindBin::Bin/../nginx.conf.example" or die $!;
my $conf = do { local $/; <$fh> };
close $fh;

my $mod = LLMTest::module_path();
$conf =~ s{^load_module \S+;}{$mod ne '' ? "load_module $mod;" : ''}me
    or die 'no load_module line';
$conf =~ s{^worker_processes auto;}{worker_processes 1;\ndaemon off;\npid $p/nginx.pid;}m;
$conf =~ s{/var/log/nginx/}{$p/}g;
$conf =~ s{/etc/nginx/llm/clients.keys}{$p/clients.keys}g;
my $n = ($conf =~ s{server (api\.openai\.com|api\.anthropic\.com|generativelanguage\.googleapis\.com):443;}{server 127.0.0.1:$mock;}g);
is($n, 3, 'three provider hosts pointed at the mock');
$conf =~ s{server 127\.0\.0\.1:8000;}{server 127.0.0.1:$mock;};
$conf =~ s{default      https;}{default      http;} or die 'no scheme map';
my $port = $t->port(1);
$conf =~ s{listen 8080;}{listen 127.0.0.1:$port;};
my $temps = join "\n", map { "    ${_}_temp_path $p/tmp/$_;" } qw(client_body proxy fastcgi uwsgi scgi);
$temps =~ s/client_body_temp_path (\S+)\/client_body/client_body_temp_path $1\/body/;
$conf =~ s/^http \{/http {\n$temps/m or die "no http block";

open $fh, '>', "$p/clients.keys" or die $!;
print $fh "# gateway client keys\nsk-client-alice id=alice\n";
close $fh;

$ENV{OPENAI_API_KEY} = 'sk-openai-real';
$ENV{ANTHROPIC_API_KEY} = 'sk-anthropic-real';
$ENV{GEMINI_API_KEY} = 'sk-gemini-real';

$t->write_config($conf);
my ($rc, $out) = $t->test_config;
is($rc, 0, 'nginx -t passes on nginx.conf.example') or diag($out);

$t->run;

my %auth = (Authorization => 'Bearer sk-client-alice');
for my $c (['gpt-4o-mini', 'openai', '/v1/chat/completions'],
           ['claude-sonnet-4-5', 'anthropic', '/v1/messages'],
           ['gemini-2.5-flash', 'gemini', '/v1/chat/completions'],
           ['gpt-4o', 'anthropic', '/v1/chat/completions']) {
    my ($model, $dialect, $path) = @$c;
    $t->mock_reset;
    my $body = { model => $model, max_tokens => 50,
                 messages => [{ role => 'user', content => 'hello' }] };
    my $r = $t->post_json($path, $body, headers => { %auth,
        'anthropic-version' => '2023-06-01' });
    is($r->{status}, 200, "$model served") or diag($r->{body});
    my $q = $t->mock_requests->[0];
    is($q->{dialect}, $dialect, "$model went to the $dialect provider");
    unlike(join(' ', values %{ $q->{headers} }), qr/sk-client-alice/,
           "$model: client key not forwarded");
}
is($t->mock_requests->[0]{json}{model}, 'claude-sonnet-4-5',
   'gpt-4o alias rewritten to claude-sonnet-4-5');

my $r = $t->post_json('/v1/chat/completions', { model => 'gpt-4o-mini',
    messages => [{ role => 'user', content => 'x' }] },
    headers => { Authorization => 'Bearer wrong' });
is($r->{status}, 401, 'a wrong client key is refused');

$r = $t->http('GET', '/llm/status');
is($r->{status}, 200, 'status page');
unlike($r->{body}, qr/sk-(openai|anthropic|gemini)-real/, 'keys masked');

like(LLMTest::slurp("$p/llm-access.log"),
     qr/client=alice anthropic>anthropic model=claude-sonnet-4-5>claude-sonnet-4-5 key=anthropic-main attempts=1 in=\d+ out=\d+/,
     'usage counted for a same-dialect (relayed) answer too');
like(LLMTest::slurp("$p/llm-access.log"),
     qr/client=alice openai>anthropic model=gpt-4o>claude-sonnet-4-5 key=anthropic-main attempts=1 in=\d+ out=\d+/,
     'usage log line with client, dialects, models and key');

$t->done_testing;
